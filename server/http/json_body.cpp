#include "http/json_body.hpp"

#include "http/api_error.hpp"

#include <tata/json_limits.hpp>

#include <algorithm>
#include <iterator>

namespace tata::server {
namespace {

const char* kind_name(JsonKind kind) {
    switch (kind) {
        case JsonKind::string: return "a string";
        case JsonKind::integer: return "an integer";
        case JsonKind::boolean: return "true or false";
        case JsonKind::object: return "an object";
        case JsonKind::array: return "an array";
        case JsonKind::any: return "a value";
    }
    return "a value";
}

bool has_kind(const nlohmann::json& value, JsonKind kind) {
    switch (kind) {
        case JsonKind::string: return value.is_string();
        case JsonKind::integer: return value.is_number_integer();
        case JsonKind::boolean: return value.is_boolean();
        case JsonKind::object: return value.is_object();
        case JsonKind::array: return value.is_array();
        case JsonKind::any: return true;
    }
    return false;
}

}  // namespace

std::vector<FieldError> check_fields(const nlohmann::json& object, const std::vector<FieldSpec>& fields,
                                     const std::string& prefix) {
    std::vector<FieldError> errors;
    for (const auto& item : object.items()) {
        const std::string& name = item.key();
        const nlohmann::json& value = item.value();
        const auto spec = std::find_if(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == name; });
        if (spec == fields.end())
            errors.push_back({prefix + name, "unknown field"});
        else if (!has_kind(value, spec->kind) && !(value.is_null() && !spec->required))
            errors.push_back({prefix + name, std::string("must be ") + kind_name(spec->kind)});
    }
    for (const auto& spec : fields)
        if (spec.required && (!object.contains(spec.name) || object[spec.name].is_null()))
            errors.push_back({prefix + spec.name, "is required"});
    return errors;
}

nlohmann::json read_json_object(const Request& request, const std::vector<FieldSpec>& fields) {
    const std::string type = request.content_type();
    if (type != "application/json" && !(type.empty() && request.body.empty()))
        throw ApiError(415, "Jenis isi tidak didukung",
                       "Content-Type must be application/json, not '" + request.header("content-type") + "'");
    nlohmann::json body;
    if (request.body.empty()) {
        body = nlohmann::json::object();
    } else {
        // Refused before parsing: a deep value would overflow the stack of
        // the first copy or comparison that touches it.
        if (const auto deep = find_excess_nesting(request.body))
            throw bad_request("body", "JSON " + deep->message + " (at byte " + std::to_string(deep->byte) + ")");
        try {
            body = nlohmann::json::parse(request.body);
        } catch (const nlohmann::json::parse_error& e) {
            throw bad_request("body", "malformed JSON at byte " + std::to_string(e.byte) + ": " + e.what());
        } catch (const nlohmann::json::exception& e) {
            // A number beyond what a double holds (found by json_body_fuzz).
            throw bad_request("body", std::string("a value JSON cannot hold: ") + e.what());
        }
    }
    if (!body.is_object()) throw bad_request("body", "must be a JSON object");
    if (auto errors = check_fields(body, fields); !errors.empty())
        throw ApiError(400, "Permintaan tidak valid", "the body does not fit this request", std::move(errors));
    // An optional field sent as null is the same as one left out.
    for (auto it = body.begin(); it != body.end();) it = it->is_null() ? body.erase(it) : std::next(it);
    return body;
}

}  // namespace tata::server
