// Health, metrics and the API's own description.
#include "api/openapi.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

#include "http/api_error.hpp"

#include <tata/sha256.hpp>

#include <sodium.h>

namespace tata::server {
namespace {

// Compares the digests, so the time taken says nothing of where the
// presented token first differs, nor of the expected one's length.
bool same_secret(const std::string& presented, const std::string& expected) {
    const std::string a = sha256_hex(presented);
    const std::string b = sha256_hex(expected);
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// /metrics counts every regency's cases and requests: it answers the
// scraper holding the configured metrics_token, or an admin's bearer token;
// nobody else.
std::optional<Response> metrics_refusal(Service& service, const Request& request) {
    const std::string token = presented_token(request);
    if (token.empty()) {
        Response response = problem_response(401, "Belum masuk",
                                             "/metrics needs 'Authorization: Bearer <metrics_token or an admin's token>'");
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
        return response;
    }
    const std::string& expected = service.config().metrics_token;
    if (!expected.empty() && same_secret(token, expected)) return std::nullopt;
    const auto user = service.identity().user_of_token(token, service.now());
    if (!user) {
        Response response = problem_response(401, "Belum masuk", "the token is neither the metrics token nor a valid one");
        response.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return response;
    }
    if (user->role != "admin") return problem_response(403, "Tidak diizinkan", "/metrics is for admins and the scraper");
    return std::nullopt;
}

// 200, or the same body with 503 while this node is out of step with the
// deployment's definitions (another node posted content its folders do
// not hold).
nlohmann::json health_responses() {
    nlohmann::json responses =
        json_responses("The server and its database answer, in step with the deployment",
                       schema::closed({{"status", schema::one_of_texts({"ok", "out_of_step"})},
                                       {"generation", schema::integer()},
                                       {"deployment_generation", schema::integer()}}));
    responses["503"] = responses["200"];
    responses["503"]["description"] = "Out of step with the deployment's definitions: take it out of rotation";
    return responses;
}

}  // namespace

void add_system_routes(Router& router, Service& service) {
    router.add({"GET", "/healthz", {}, true, "check that the server answers", "system",
                {{"responses", health_responses()}},
                [&service](Request&) {
                    const auto definitions = service.engine().definitions();
                    CaseFilter one;
                    one.limit = 1;
                    service.engine().list_cases(one);  // the database answers
                    const auto deployment = service.deployment_status();
                    // A proxy's health check takes an out-of-step node out
                    // of rotation: it would serve rules the others do not.
                    Response response = Response::json({{"status", deployment.in_step ? "ok" : "out_of_step"},
                                                        {"generation", definitions->generation},
                                                        {"deployment_generation", deployment.generation}});
                    if (!deployment.in_step) response.status = 503;
                    return response;
                }});

    // Open to the router (the scraper's metrics_token is no user's token);
    // the handler checks the token itself.
    router.add({"GET", "/metrics", {}, true, "read the metrics (Prometheus text)", "system",
                {{"description", "Needs `Authorization: Bearer` with the configured metrics_token, or an admin's token."},
                 {"security", {{{"bearerAuth", nlohmann::json::array()}}}},
                 {"responses",
                  file_responses("Prometheus text exposition format", {"text/plain; version=0.0.4"}, {401, 403})}},
                [&service](Request& request) {
                    if (auto refusal = metrics_refusal(service, request)) return *refusal;
                    return Response::text(service.metrics().render(service.engine()), "text/plain; version=0.0.4");
                }});

    router.add({"GET", "/openapi.json", {}, true, "read this API's OpenAPI 3.1 description", "system",
                {{"responses", json_responses("The OpenAPI document", {{"type", "object"}})}},
                [&service](Request&) { return Response::json(openapi_document(service.router())); }});
}

}  // namespace tata::server
