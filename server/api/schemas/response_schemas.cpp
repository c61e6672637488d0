#include "api/schemas/response_schemas.hpp"

#include "api/routes.hpp"

#include <stdexcept>

namespace tata::server {

nlohmann::json response_schemas() {
    nlohmann::json all = nlohmann::json::object();
    for (const auto& area : {case_schemas(), roster_schemas(), identity_schemas(), ranking_schemas(), planning_schemas(),
                             procurement_schemas()}) {
        for (const auto& [name, schema] : area.items()) {
            if (all.contains(name)) throw std::logic_error("response schema " + name + " is defined twice");
            all[name] = schema;
        }
    }
    return all;
}

nlohmann::json schema_ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

nlohmann::json json_responses(const std::string& ok_description, const nlohmann::json& schema,
                              std::initializer_list<int> errors, int ok_status) {
    nlohmann::json out = responses(ok_description, errors, ok_status);
    out[std::to_string(ok_status)]["content"] = {{"application/json", {{"schema", schema}}}};
    return out;
}

nlohmann::json file_responses(const std::string& ok_description, std::initializer_list<const char*> media_types,
                              std::initializer_list<int> errors, int ok_status, const nlohmann::json& json_schema) {
    nlohmann::json out = responses(ok_description, errors, ok_status);
    nlohmann::json& content = out[std::to_string(ok_status)]["content"];
    for (const char* type : media_types) content[type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
    if (!json_schema.is_null()) content["application/json"] = {{"schema", json_schema}};
    return out;
}

}  // namespace tata::server
