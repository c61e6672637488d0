// A complete request (head parsed, body whole) run on a worker: the target
// decoded and every header value checked (UTF-8 without control characters,
// else 400 naming the part), then the pages or the Service. Never throws.
#pragma once

#include "api/service.hpp"
#include "http/request_head.hpp"

#include <optional>
#include <string>

namespace tata::server {

struct RunResult {
    Response response;
    std::string route = "(none)";     // the route pattern, "(pages)" or "(none)": for metrics and the log
    std::string path;                 // decoded when it could be, else the target as sent
    std::optional<std::string> user;  // who asked, when the service knew
};

RunResult run_request(Service& service, const wire::RequestHead& head, std::string body, const std::string& client);

// The problem answer for a request refused by the transport itself.
Response transport_problem(int status, const std::string& part, const std::string& detail);

// The method as a metrics label: the usual ones, else "OTHER" (a client
// must not grow the metrics with methods of its own invention).
std::string method_label(const std::string& method);

}  // namespace tata::server
