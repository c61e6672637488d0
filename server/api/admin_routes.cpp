// Administration: the loaded definitions, reload, users of the regency.
#include "api/routes.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"

namespace tata::server {
namespace {

nlohmann::json user_json(const User& user) {
    return {{"username", user.username}, {"regency", user.regency}, {"role", user.role},
            {"vendor", user.vendor.empty() ? nlohmann::json() : nlohmann::json(user.vendor)},
            {"nik", user.nik.empty() ? nlohmann::json() : nlohmann::json(user.nik)},
            {"opd", user.opd.empty() ? nlohmann::json() : nlohmann::json(user.opd)}};
}

nlohmann::json diagnostics_json(const ReloadResult& result) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& d : result.errors)
        errors.push_back({{"file", d.where.file}, {"line", d.where.line}, {"column", d.where.column}, {"message", d.message},
                          {"text", d.to_string()}});
    for (const auto& line : result.policy_errors) errors.push_back({{"text", line}});
    return errors;
}

}  // namespace

void add_admin_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const std::set<std::string> admins = {"admin"};

    router.add({"GET", "/api/v1/admin/definitions", admins, false, "list the loaded workflows, rules and plugins", "admin",
                {{"responses", responses("The current generation", {401, 403})}},
                [&engine](Request& request) {
                    const auto definitions = engine.definitions();
                    nlohmann::json workflows = nlohmann::json::array();
                    for (const auto& [key, workflow] : definitions->workflows)
                        workflows.push_back({{"id", workflow->id}, {"version", workflow->version}, {"title", workflow->title},
                                             {"file", workflow->where.file}, {"sha256", workflow->source_sha256},
                                             {"latest", definitions->latest(workflow->id) == workflow}});
                    nlohmann::json plugins = nlohmann::json::array();
                    for (const auto& plugin : definitions->plugins->plugins())
                        plugins.push_back({{"name", plugin.name}, {"version", plugin.version},
                                           {"file", plugin.path.filename().string()}, {"actions", plugin.actions},
                                           {"scorers", plugin.scorers}});
                    nlohmann::json regency;
                    if (const Regency* own = definitions->find_regency(request.caller().regency))
                        regency = {{"code", own->code}, {"name", own->name}, {"zone", own->zone},
                                   {"file", own->where.file}, {"settings", own->settings}};
                    return Response::json({{"generation", definitions->generation},
                                           {"workflows", workflows},
                                           {"plugins", plugins},
                                           {"regency", regency}});
                }});

    router.add({"POST", "/api/v1/admin/reload", admins, false, "reload workflows, rules and plugins", "admin",
                {{"responses", responses("The new generation, or the errors that refused it (422)", {401, 403, 422})}},
                [&service](Request&) {
                    const auto result = service.reload();
                    if (result.ok) return Response::json({{"reloaded", true}, {"generation", result.generation}});
                    Response response = problem_response(422, "Definisi tidak valid",
                                                         "the new generation was refused; generation " +
                                                             std::to_string(result.generation) + " keeps serving");
                    auto body = nlohmann::json::parse(response.body);
                    body["errors"] = diagnostics_json(result);
                    body["generation"] = result.generation;
                    response.body = body.dump();
                    return response;
                }});

    router.add({"GET", "/api/v1/admin/users", admins, false, "list the regency's users", "admin",
                {{"responses", responses("The users of the admin's regency", {401, 403})}},
                [&service](Request& request) {
                    nlohmann::json users = nlohmann::json::array();
                    for (const auto& user : service.identity().users_of(request.caller().regency)) users.push_back(user_json(user));
                    return Response::json({{"users", users}});
                }});

    router.add({"POST", "/api/v1/admin/users", admins, false, "add a user to the regency", "admin",
                {{"requestBody",
                  json_body({{"type", "object"},
                             {"required", {"username", "role", "password"}},
                             {"additionalProperties", false},
                             {"properties",
                              {{"username", {{"type", "string"}}},
                               {"role", {{"type", "string"}, {"enum", {"admin", "officer", "opd_head", "bkad", "vendor", "worker"}}}},
                               {"password", {{"type", "string"}, {"minLength", 10}}},
                               {"vendor", {{"type", "string"}}},
                               {"nik", {{"type", "string"}}},
                               {"opd", {{"type", "string"}}}}}})},
                 {"responses", responses("The new user", {400, 401, 403, 409, 415, 422}, 201)}},
                [&service](Request& request) {
                    const auto body = read_json_object(request, {{"username", JsonKind::string, true},
                                                                 {"role", JsonKind::string, true},
                                                                 {"password", JsonKind::string, true},
                                                                 {"vendor", JsonKind::string, false},
                                                                 {"nik", JsonKind::string, false},
                                                                 {"opd", JsonKind::string, false}});
                    NewUser user{body["username"], request.caller().regency, body["role"], body.value("vendor", ""),
                                 body.value("nik", ""), body.value("opd", "")};
                    return Response::json(user_json(service.identity().add_user(user, body["password"])), 201);
                }});
}

}  // namespace tata::server
