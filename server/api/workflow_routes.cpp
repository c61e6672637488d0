// The words of a workflow: what pages show instead of the codes a case
// stores (states, decisions, results, data fields and their values), all
// from the workflow's YAML, so a regency that renames a step or a value sees
// it on every page after a reload, with no new page code.
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"

#include "http/api_error.hpp"

#include <charconv>

namespace tata::server {
namespace {

nlohmann::json map_json(const std::map<std::string, std::string>& words) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [code, label] : words) out[code] = label;
    return out;
}

void add_form_labels(nlohmann::json& fields, const std::vector<FormField>& form) {
    for (const auto& field : form)
        if (!fields.contains(field.name) && !field.label.empty() && field.label != field.name)
            fields[field.name] = field.label;
}

}  // namespace

nlohmann::json workflow_labels_json(const Workflow& workflow) {
    nlohmann::json states = nlohmann::json::object();
    nlohmann::json outcomes = nlohmann::json::object();
    nlohmann::json fields = map_json(workflow.labels.fields);  // the explicit names first: they win
    for (const auto& state : workflow.states) {
        states[state.name] = state.title.empty() ? state.name : state.title;
        add_form_labels(fields, state.form);
        nlohmann::json labels = nlohmann::json::object();
        for (const auto& outcome : state.outcomes) {
            labels[outcome.name] = outcome.label.empty() ? outcome.name : outcome.label;
            add_form_labels(fields, outcome.form);
        }
        if (!labels.empty()) outcomes[state.name] = std::move(labels);
    }
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [field, words] : workflow.labels.values) values[field] = map_json(words);
    return {{"workflow", workflow.id},
            {"version", workflow.version},
            {"title", workflow.title},
            {"states", std::move(states)},
            {"outcomes", std::move(outcomes)},
            {"results", map_json(workflow.labels.results)},
            {"fields", std::move(fields)},
            {"values", std::move(values)},
            {"hidden", workflow.labels.hidden}};
}

void add_workflow_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    router.add(
        {"GET", "/api/v1/workflows/{workflow}/labels", kAnyRole, false,
         "the words pages show for a workflow's codes", "cases",
         {{"parameters",
           {path_parameter("workflow", "the workflow's id, e.g. verification", false),
            query_parameter("version", "a version cases run on (default: the loaded latest)", "integer")}},
          {"responses", json_responses("Titles of states, labels of decisions per state, results, data fields and "
                                       "their values, and the fields never shown",
                                       schema_ref("WorkflowLabels"), {400, 401, 404})}},
         [&engine](Request& request) {
             const std::string& id = request.params.at("workflow");
             std::shared_ptr<const Workflow> workflow;
             if (const auto version = request.query_value("version")) {
                 int number = 0;
                 const char* end = version->data() + version->size();
                 const auto [at, error] = std::from_chars(version->data(), end, number);
                 if (error != std::errc() || at != end || number < 1 || number > 1'000'000)
                     throw bad_request("version", "must be a workflow version (a whole number from 1)");
                 workflow = engine.find_workflow(id, number);
             } else {
                 workflow = engine.definitions()->latest(id);
             }
             if (!workflow) throw not_found("no workflow '" + id.substr(0, 64) + "' of that version");
             return Response::json(workflow_labels_json(*workflow));
         }});
}

}  // namespace tata::server
