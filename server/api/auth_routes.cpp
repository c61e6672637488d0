// Logging in and out: a bearer token per login, stored hashed, expiring
// after the configured lifetime.
#include "api/routes.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"

namespace tata::server {
namespace {

nlohmann::json user_json(const User& user) {
    nlohmann::json out = {{"username", user.username}, {"regency", user.regency}, {"role", user.role}};
    if (!user.vendor.empty()) out["vendor"] = user.vendor;
    if (!user.nik.empty()) out["nik"] = user.nik;
    if (!user.opd.empty()) out["opd"] = user.opd;
    return out;
}

}  // namespace

void add_auth_routes(Router& router, Service& service) {
    router.add({"POST", "/api/v1/auth/login", {}, true, "log in", "auth",
                {{"requestBody", json_body({{"type", "object"},
                                            {"required", {"username", "password"}},
                                            {"additionalProperties", false},
                                            {"properties",
                                             {{"username", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}})},
                 {"responses", responses("A bearer token and who it belongs to", {400, 401, 415, 429})}},
                [&service](Request& request) {
                    const auto body = read_json_object(request, {{"username", JsonKind::string, true},
                                                                 {"password", JsonKind::string, true}});
                    const std::string username = body["username"];
                    auto& throttle = service.login_throttle();
                    if (const auto wait = throttle.wait(username, request.client, service.now()); wait.count() > 0) {
                        Response slow = problem_response(429, "Terlalu banyak percobaan",
                                                         "too many failed logins: try again in " +
                                                             std::to_string(wait.count()) + " s");
                        slow.headers.emplace_back("Retry-After", std::to_string(wait.count()));
                        return slow;
                    }
                    const auto user = service.identity().authenticate(username, body["password"]);
                    if (!user) {
                        throttle.failed(username, request.client, service.now());
                        throw unauthorized("wrong username or password");
                    }
                    throttle.succeeded(username);
                    const auto token = service.identity().issue_token(*user, service.now(), service.config().token_lifetime);
                    return Response::json({{"token", token.token},
                                           {"expires_at", format_iso8601(token.expires_at)},
                                           {"user", user_json(*user)}});
                }});

    router.add({"POST", "/api/v1/auth/logout", kAnyRole, false, "log out", "auth",
                {{"responses", {{"204", {{"description", "The token no longer works"}}}}}},
                [&service](Request& request) {
                    const std::string header = request.header("authorization");
                    service.identity().revoke_token(header.substr(std::string("Bearer ").size()));
                    return Response::no_content();
                }});

    router.add({"GET", "/api/v1/me", kAnyRole, false, "read who is logged in", "auth",
                {{"responses", responses("The caller's user", {401})}},
                [](Request& request) { return Response::json(user_json(request.caller())); }});
}

}  // namespace tata::server
