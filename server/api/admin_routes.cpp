// Administration: the loaded definitions, reload, users of the regency:
// adding, disabling and enabling them, resetting a password, seeing and
// ending their sessions. An admin manages the users of their own regency
// only; another regency's user answers 404, as if it did not exist.
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "opd/opd_names.hpp"

namespace tata::server {
namespace {

nlohmann::json managed_user_json(const User& user) {
    return {{"username", user.username}, {"regency", user.regency}, {"role", user.role},
            {"vendor", user.vendor.empty() ? nlohmann::json() : nlohmann::json(user.vendor)},
            {"nik", user.nik.empty() ? nlohmann::json() : nlohmann::json(user.nik)},
            {"opd", user.opd.empty() ? nlohmann::json() : nlohmann::json(user.opd)},
            {"email", user.email.empty() ? nlohmann::json() : nlohmann::json(user.email)},
            {"phone", user.phone.empty() ? nlohmann::json() : nlohmann::json(user.phone)},
            {"disabled", user.disabled}};
}

// What an admin must not do to their own account through these routes: a
// regency must not lose its last way in by a slip, and their own password
// is changed with the current one (POST /api/v1/me/password).
void refuse_self(const Request& request, const User& target, const std::string& what) {
    if (target.id == request.caller().id)
        throw ApiError(409, "Tidak dapat dilakukan pada akun sendiri", "an admin cannot " + what + " their own account");
}

const nlohmann::json kUsername = path_parameter("username", "A user of the admin's regency", false);

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
                {{"responses", json_responses("The current generation", schema_ref("AdminDefinitions"), {401, 403})}},
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
                {{"responses", json_responses("The new generation, or the errors that refused it (422)",
                                              schema_ref("AdminReload"), {401, 403, 422})}},
                [&service](Request&) {
                    const auto result = service.reload();
                    // The deployment's number: every node serves it within a
                    // watch interval (GET /healthz says which each serves).
                    if (result.ok)
                        return Response::json({{"reloaded", true},
                                               {"generation", result.generation},
                                               {"deployment_generation", result.deployment_generation}});
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
                {{"responses",
                  json_responses("The users of the admin's regency", schema_ref("AdminUserList"), {401, 403})}},
                [&service](Request& request) {
                    nlohmann::json users = nlohmann::json::array();
                    for (const auto& user : service.identity().users_of(request.caller().regency)) users.push_back(managed_user_json(user));
                    return Response::json({{"users", users}});
                }});

    router.add({"POST", "/api/v1/admin/users", admins, false, "add a user to the regency", "admin",
                {{"requestBody",
                  json_body({{"type", "object"},
                             {"required", {"username", "role", "password"}},
                             {"additionalProperties", false},
                             {"properties",
                              {{"username", {{"type", "string"}}},
                               {"role",
                                {{"type", "string"},
                                 {"enum", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}}}},
                               {"password",
                                {{"type", "string"}, {"minLength", kMinPasswordChars}, {"maxLength", kMaxPasswordBytes}}},
                               {"vendor", {{"type", "string"}}},
                               {"nik", {{"type", "string"}}},
                               {"opd", {{"type", "string"}}},
                               {"email", {{"type", "string"}, {"maxLength", kMaxEmailBytes}}},
                               {"phone", {{"type", "string"}, {"pattern", "^\\+?[0-9]{8,15}$"}}}}}})},
                 {"responses",
                  json_responses("The new user", schema_ref("AdminUser"), {400, 401, 403, 409, 415, 422}, 201)}},
                [&service, &engine](Request& request) {
                    const auto body = read_json_object(request, {{"username", JsonKind::string, true},
                                                                 {"role", JsonKind::string, true},
                                                                 {"password", JsonKind::string, true},
                                                                 {"vendor", JsonKind::string, false},
                                                                 {"nik", JsonKind::string, false},
                                                                 {"opd", JsonKind::string, false},
                                                                 {"email", JsonKind::string, false},
                                                                 {"phone", JsonKind::string, false}});
                    // An OPD the regency lists, spelled as listed: else the
                    // head would see none of their OPD's files.
                    if (const std::string opd = body.value("opd", ""); !opd.empty()) {
                        const auto definitions = engine.definitions();
                        if (const Regency* regency = definitions->find_regency(request.caller().regency))
                            if (auto problem = opd::opd_problem(*regency, opd)) throw invalid_fields({{"opd", *problem}});
                    }
                    NewUser user{body["username"],       request.caller().regency, body["role"],
                                 body.value("vendor", ""), body.value("nik", ""),     body.value("opd", ""),
                                 body.value("email", ""),  body.value("phone", "")};
                    return Response::json(managed_user_json(service.identity().add_user(user, body["password"])), 201);
                }});

    router.add({"POST", "/api/v1/admin/users/{username}/disable", admins, false, "disable a user of the regency", "admin",
                {{"parameters", {kUsername}},
                 {"responses", json_responses("The user, disabled: they cannot log in and their sessions have ended",
                                              schema_ref("AdminUser"), {401, 403, 404, 409})}},
                [&service](Request& request) {
                    const User target = managed_user(service, request);
                    refuse_self(request, target, "disable");
                    service.identity().set_disabled(target.id, true);
                    return Response::json(managed_user_json(*service.identity().user_by_id(target.id)));
                }});

    router.add({"POST", "/api/v1/admin/users/{username}/enable", admins, false, "enable a disabled user of the regency",
                "admin",
                {{"parameters", {kUsername}},
                 {"responses",
                  json_responses("The user, who can log in again", schema_ref("AdminUser"), {401, 403, 404})}},
                [&service](Request& request) {
                    const User target = managed_user(service, request);
                    service.identity().set_disabled(target.id, false);
                    return Response::json(managed_user_json(*service.identity().user_by_id(target.id)));
                }});

    router.add({"POST", "/api/v1/admin/users/{username}/password", admins, false,
                "reset a user's password (a random one when none is given)", "admin",
                {{"parameters", {kUsername}},
                 {"requestBody",
                  {{"required", false},
                   {"content",
                    {{"application/json",
                      {{"schema",
                        {{"type", "object"},
                         {"additionalProperties", false},
                         {"properties",
                          {{"password",
                            {{"type", "string"}, {"minLength", kMinPasswordChars}, {"maxLength", kMaxPasswordBytes}}}}}}}}}}}}},
                 {"responses",
                  json_responses("Reset; every session of the user has ended. `password` is the generated one, shown "
                                 "this once, when none was given",
                                 schema_ref("AdminPasswordReset"), {400, 401, 403, 404, 409, 415, 422})}},
                [&service](Request& request) {
                    const User target = managed_user(service, request);
                    refuse_self(request, target, "reset the password of");
                    std::string password;
                    bool generated = false;
                    if (request.body.empty()) {
                        password = generate_password();
                        generated = true;
                    } else {
                        const auto body = read_json_object(request, {{"password", JsonKind::string, false}});
                        if (body.contains("password")) {
                            password = body["password"];
                            if (password.size() > kMaxPasswordBytes)
                                throw bad_request("password", "at most " + std::to_string(kMaxPasswordBytes) + " bytes");
                        } else {
                            password = generate_password();
                            generated = true;
                        }
                    }
                    service.identity().set_password(target.id, password, "");
                    nlohmann::json out = {{"username", target.username}, {"sessions_ended", true}};
                    if (generated) out["password"] = password;
                    Response response = Response::json(out);
                    response.headers.emplace_back("Cache-Control", "no-store");  // the password, once
                    return response;
                }});

    router.add({"GET", "/api/v1/admin/users/{username}/sessions", admins, false, "list a user's sessions", "admin",
                {{"parameters", {kUsername}},
                 {"responses",
                  json_responses("The user's sessions that have not ended", sessions_schema(), {401, 403, 404})}},
                [&service](Request& request) {
                    const User target = managed_user(service, request);
                    nlohmann::json sessions = nlohmann::json::array();
                    const std::string token = presented_token(request);
                    for (const auto& s : service.identity().sessions_of(target.id, service.now()))
                        sessions.push_back(session_json(s, token));
                    return Response::json({{"sessions", sessions}});
                }});

    router.add({"DELETE", "/api/v1/admin/users/{username}/sessions/{session}", admins, false, "end one of a user's sessions",
                "admin",
                {{"parameters", {kUsername, path_parameter("session", "A session's id, from the user's session list")}},
                 {"responses", responses("The session's token no longer works", {401, 403, 404}, 204)}},
                [&service](Request& request) {
                    const User target = managed_user(service, request);
                    const auto id = id_param(request, "session");
                    if (!service.identity().revoke_session(target.id, id))
                        throw not_found("user '" + target.username + "' has no session " + std::to_string(id));
                    return Response::no_content();
                }});

    router.add({"DELETE", "/api/v1/admin/users/{username}/sessions", admins, false, "end all of a user's sessions", "admin",
                {{"parameters", {kUsername}},
                 {"responses", json_responses("How many sessions ended (the admin's own current one goes on)",
                                              schema_ref("RevokedSessions"), {401, 403, 404})}},
                [&service](Request& request) {
                    const User target = managed_user(service, request);
                    const bool self = target.id == request.caller().id;
                    const int revoked =
                        service.identity().revoke_sessions(target.id, self ? presented_token(request) : std::string());
                    return Response::json({{"revoked", revoked}});
                }});
}

}  // namespace tata::server
