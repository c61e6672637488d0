// Logging in and out: a bearer token per login, stored hashed, expiring
// after the configured lifetime. Each user changes their own password and
// sees and ends their own sessions here.
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"
#include "api/routes.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"

#include <tata/sha256.hpp>

namespace tata::server {
namespace {

nlohmann::json own_account_json(const User& user) {
    nlohmann::json out = {{"username", user.username}, {"regency", user.regency}, {"role", user.role}};
    if (!user.vendor.empty()) out["vendor"] = user.vendor;
    if (!user.nik.empty()) out["nik"] = user.nik;
    if (!user.opd.empty()) out["opd"] = user.opd;
    if (!user.email.empty()) out["email"] = user.email;
    if (!user.phone.empty()) out["phone"] = user.phone;
    return out;
}

// Long texts are refused before they reach the password hash or the
// throttle's tables.
void check_lengths(const std::string& field, const std::string& value, std::size_t max) {
    if (value.size() > max) throw bad_request(field, "at most " + std::to_string(max) + " bytes");
}

Response too_many(std::chrono::seconds wait) {
    Response slow = problem_response(429, "Terlalu banyak percobaan",
                                     "too many failed attempts: try again in " + std::to_string(wait.count()) + " s");
    slow.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    return slow;
}

const nlohmann::json kSessionId = path_parameter("session", "A session's id, from GET /api/v1/me/sessions");

}  // namespace

std::string presented_token(const Request& request) {
    const std::string header = request.header("authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return {};
    return header.substr(prefix.size());
}

nlohmann::json session_json(const Session& session, const std::string& caller_token) {
    return {{"id", session.id},
            {"created_at", format_iso8601(session.issued_at)},
            {"last_seen_at", format_iso8601(session.last_seen_at)},
            {"expires_at", format_iso8601(session.expires_at)},
            {"client", session.client},
            {"current", !caller_token.empty() && sha256_hex(caller_token) == session.token_sha256}};
}

// The list is described once, in identity_schemas(), for both its routes.
nlohmann::json sessions_schema() { return schema_ref("ActiveSessionList"); }

void add_auth_routes(Router& router, Service& service) {
    router.add({"POST", "/api/v1/auth/login", {}, true, "log in", "auth",
                {{"requestBody",
                  json_body({{"type", "object"},
                             {"required", {"username", "password"}},
                             {"additionalProperties", false},
                             {"properties",
                              {{"username", {{"type", "string"}, {"maxLength", kMaxUsernameBytes}}},
                               {"password", {{"type", "string"}, {"maxLength", kMaxPasswordBytes}}}}}})},
                 {"responses",
                  json_responses("A bearer token and who it belongs to", schema_ref("Session"), {400, 401, 415, 429})}},
                [&service](Request& request) {
                    const auto body = read_json_object(request, {{"username", JsonKind::string, true},
                                                                 {"password", JsonKind::string, true}});
                    const auto& username = body["username"].get_ref<const std::string&>();
                    const auto& password = body["password"].get_ref<const std::string&>();
                    check_lengths("username", username, kMaxUsernameBytes);
                    check_lengths("password", password, kMaxPasswordBytes);
                    auto& throttle = service.login_throttle();
                    // The attempt is counted before the password is checked.
                    const auto attempt = throttle.begin(username, request.client, service.now());
                    if (attempt.wait.count() > 0) return too_many(attempt.wait);
                    const auto user = service.identity().authenticate(username, password);
                    if (!user) throw unauthorized("wrong username or password");
                    throttle.succeeded(attempt);
                    const auto token = service.identity().issue_token(*user, service.now(),
                                                                      service.config().token_lifetime, request.client);
                    return Response::json({{"token", token.token},
                                           {"expires_at", format_iso8601(token.expires_at)},
                                           {"user", own_account_json(*user)}});
                }});

    router.add({"POST", "/api/v1/auth/logout", kAnyRole, false, "log out", "auth",
                {{"responses", responses("The token no longer works", {401}, 204)}},
                [&service](Request& request) {
                    service.identity().revoke_token(presented_token(request));
                    return Response::no_content();
                }});

    router.add({"GET", "/api/v1/me", kAnyRole, false, "read who is logged in", "auth",
                {{"responses", json_responses("The caller's user", schema_ref("User"), {401})}},
                [](Request& request) { return Response::json(own_account_json(request.caller())); }});

    router.add({"POST", "/api/v1/me/password", kAnyRole, false, "change one's own password", "auth",
                {{"requestBody",
                  json_body({{"type", "object"},
                             {"required", {"current_password", "new_password"}},
                             {"additionalProperties", false},
                             {"properties",
                              {{"current_password", {{"type", "string"}, {"maxLength", kMaxPasswordBytes}}},
                               {"new_password",
                                {{"type", "string"}, {"minLength", kMinPasswordChars}, {"maxLength", kMaxPasswordBytes}}}}}})},
                 {"responses", responses("Changed; every other session of the user has ended, this one goes on",
                                         {400, 401, 415, 422, 429}, 204)}},
                [&service](Request& request) {
                    const auto body = read_json_object(request, {{"current_password", JsonKind::string, true},
                                                                 {"new_password", JsonKind::string, true}});
                    const auto& current = body["current_password"].get_ref<const std::string&>();
                    const auto& next = body["new_password"].get_ref<const std::string&>();
                    check_lengths("current_password", current, kMaxPasswordBytes);
                    check_lengths("new_password", next, kMaxPasswordBytes);
                    if (auto problem = password_problem(next)) throw invalid_fields({{"new_password", *problem}});
                    const User& caller = request.caller();
                    // A stolen token must not become a way to guess the
                    // password: the same throttle as logging in.
                    auto& throttle = service.login_throttle();
                    const auto attempt = throttle.begin(caller.username, request.client, service.now());
                    if (attempt.wait.count() > 0) return too_many(attempt.wait);
                    // Not 401: that would end the caller's session in the pages.
                    if (!service.identity().authenticate(caller.username, current))
                        throw invalid_fields({{"current_password", "the current password is wrong"}});
                    throttle.succeeded(attempt);
                    service.identity().set_password(caller.id, next, presented_token(request), "new_password");
                    return Response::no_content();
                }});

    router.add({"GET", "/api/v1/me/sessions", kAnyRole, false, "list one's own sessions", "auth",
                {{"responses",
                  json_responses("The caller's sessions that have not ended, newest first", sessions_schema(), {401})}},
                [&service](Request& request) {
                    nlohmann::json sessions = nlohmann::json::array();
                    const std::string token = presented_token(request);
                    for (const auto& s : service.identity().sessions_of(request.caller().id, service.now()))
                        sessions.push_back(session_json(s, token));
                    return Response::json({{"sessions", sessions}});
                }});

    router.add({"DELETE", "/api/v1/me/sessions/{session}", kAnyRole, false, "end one of one's own sessions", "auth",
                {{"parameters", {kSessionId}},
                 {"responses", responses("The session's token no longer works", {401, 404}, 204)}},
                [&service](Request& request) {
                    const auto id = id_param(request, "session");
                    if (!service.identity().revoke_session(request.caller().id, id))
                        throw not_found("you have no session " + std::to_string(id));
                    return Response::no_content();
                }});

    router.add({"DELETE", "/api/v1/me/sessions", kAnyRole, false, "end all one's other sessions", "auth",
                {{"responses",
                  json_responses("How many sessions ended; this one goes on", schema_ref("RevokedSessions"), {401})}},
                [&service](Request& request) {
                    const int revoked = service.identity().revoke_sessions(request.caller().id, presented_token(request));
                    return Response::json({{"revoked", revoked}});
                }});
}

}  // namespace tata::server
