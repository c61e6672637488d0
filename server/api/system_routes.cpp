// Health, metrics and the API's own description.
#include "api/openapi.hpp"
#include "api/routes.hpp"

namespace tata::server {

void add_system_routes(Router& router, Service& service) {
    router.add({"GET", "/healthz", {}, true, "check that the server answers", "system",
                {{"responses", responses("The server and its database answer")}},
                [&service](Request&) {
                    const auto definitions = service.engine().definitions();
                    CaseFilter one;
                    one.limit = 1;
                    service.engine().list_cases(one);  // the database answers
                    return Response::json({{"status", "ok"}, {"generation", definitions->generation}});
                }});

    router.add({"GET", "/metrics", {}, true, "read the metrics (Prometheus text)", "system",
                {{"responses", {{"200", {{"description", "Prometheus text exposition format"},
                                         {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}}},
                [&service](Request&) {
                    return Response::text(service.metrics().render(service.engine()), "text/plain; version=0.0.4");
                }});

    router.add({"GET", "/openapi.json", {}, true, "read this API's OpenAPI 3.1 description", "system",
                {{"responses", responses("The OpenAPI document")}},
                [&service](Request&) { return Response::json(openapi_document(service.router())); }});
}

}  // namespace tata::server
