#include "api/schemas/schema_builders.hpp"

namespace tata::server::schema {

json nullable(const json& schema) {
    if (schema.contains("type") && schema["type"].is_string() && schema.size() <= 3) {
        json out = schema;
        out["type"] = {schema["type"], "null"};
        return out;
    }
    return {{"oneOf", {{{"type", "null"}}, schema}}};
}

json array_of(const json& items) { return {{"type", "array"}, {"items", items}}; }

json map_of(const json& values) { return {{"type", "object"}, {"additionalProperties", values}}; }

json one_of_texts(std::initializer_list<const char*> texts) {
    json values = json::array();
    for (const char* text : texts) values.push_back(text);
    return {{"enum", values}};
}

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json closed(const json& properties) {
    json required = json::array();
    for (const auto& [name, property] : properties.items()) required.push_back(name);
    return {{"type", "object"}, {"additionalProperties", false}, {"required", required}, {"properties", properties}};
}

json with(json schema, const json& more) {
    for (const auto& [name, property] : more.items()) {
        schema["properties"][name] = property;
        schema["required"].push_back(name);
    }
    return schema;
}

json with_optional(json schema, const json& more) {
    for (const auto& [name, property] : more.items()) schema["properties"][name] = property;
    return schema;
}

json page_of(const json& item, const json& more_properties) {
    return with_optional(closed({{"items", array_of(item)}, {"page", integer()}, {"per_page", integer()}, {"total", integer()}}),
                         more_properties);
}

}  // namespace tata::server::schema
