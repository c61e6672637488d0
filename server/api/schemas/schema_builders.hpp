// Small builders for the JSON Schemas of the API's answers (the files
// beside this one): closed objects, optional values, arrays, references.
// Closed means additionalProperties: false with every property required,
// so that an answer that gains a field fails the tests until its schema
// says so; optional() then takes a property out of `required` for fields
// an answer leaves out.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>

namespace tata::server::schema {

using nlohmann::json;

inline json string() { return {{"type", "string"}}; }
inline json integer() { return {{"type", "integer"}}; }
inline json number() { return {{"type", "number"}}; }
inline json boolean() { return {{"type", "boolean"}}; }
inline json date_time() { return {{"type", "string"}, {"format", "date-time"}}; }
inline json date() { return {{"type", "string"}, {"format", "date"}}; }
// Any JSON value (a case's data field as the workflow stores it).
inline json any(const std::string& description) { return {{"description", description}}; }
// `schema` or null.
json nullable(const json& schema);
json array_of(const json& items);
// An object whose values are all `values` (a map by name).
json map_of(const json& values);
// {"enum": [...]} of texts.
json one_of_texts(std::initializer_list<const char*> texts);
// {"$ref": "#/components/schemas/NAME"}
json ref(const std::string& name);

// An object with exactly these properties, all of them required.
json closed(const json& properties);
// `schema` (closed) with more required properties.
json with(json schema, const json& more);
// `schema` (closed) with more properties that may be absent.
json with_optional(json schema, const json& more);

// One page of a list: items (each `item`, a schema or a ref), page,
// per_page, total, and the route's own further properties (total_exact,
// next_after, ...), which are optional.
json page_of(const json& item, const json& more_properties = json::object());

}  // namespace tata::server::schema
