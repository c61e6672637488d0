#include "app/request_runner.hpp"

#include "app/forwarded_client.hpp"
#include "app/static_files.hpp"
#include "http/api_error.hpp"
#include "http/request_target.hpp"

#include <variant>

namespace tata::server {
namespace {

std::string title_for(int status) {
    switch (status) {
    case 408: return "Permintaan terlalu lama";
    case 413: return "Isi terlalu besar";
    case 414: return "Alamat terlalu panjang";
    case 417: return "Expect tidak didukung";
    case 431: return "Header terlalu besar";
    case 501: return "Tidak didukung";
    case 505: return "Versi HTTP tidak didukung";
    case 500: return "Kesalahan server";
    default: return "Permintaan tidak valid";
    }
}

}  // namespace

Response transport_problem(int status, const std::string& part, const std::string& detail) {
    return problem_response(status, title_for(status), detail, {{part, detail}});
}

std::string method_label(const std::string& method) {
    for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
        if (method == known) return method;
    return "OTHER";
}

RunResult run_request(Service& service, const wire::RequestHead& head, std::string body, const std::string& client) {
    RunResult result;
    result.path = head.target;
    try {
        auto decoded = wire::decode_target(head.target);
        if (const auto* error = std::get_if<wire::HeadError>(&decoded)) {
            result.response = transport_problem(error->status, error->part, error->detail);
            return result;
        }
        auto& target = std::get<wire::Target>(decoded);
        Request request;
        request.method = head.method;
        request.client = client;
        request.path = std::move(target.path);
        result.path = request.path;
        for (auto& [name, value] : target.query) request.query[name] = std::move(value);
        for (const auto& [name, value] : head.headers) {
            // Header values reach JSON answers, the database and the log:
            // refuse what is not text rather than fail later with a 500.
            if (!wire::clean_text(value, /*tab=*/true)) {
                result.response = transport_problem(400, "header " + name, "the value is not UTF-8 text without control characters");
                return result;
            }
            auto [it, added] = request.headers.emplace(name, value);
            if (!added) it->second += ", " + value;  // repeated fields are one list (RFC 9110 5.3)
        }
        request.client = client_behind_proxies(client, request.header("x-forwarded-for"), service.config().trusted_proxies);
        // HEAD is GET without the body (RFC 9110 9.3.2): the routes know GET,
        // and the transport leaves the body out.
        const bool head_only = request.method == "HEAD";
        if (head_only) request.method = "GET";
        const auto match = service.router().match(request.method, request.path);
        if (match.route) result.route = match.route->pattern;
        const auto& config = service.config();
        const bool page = !match.route && !match.path_known && is_page_path(request.path) && !config.web_root.empty() &&
                          request.method == "GET";
        if (page) {
            result.route = "(pages)";
            auto file = serve_static(config.web_root, request.path);
            result.response = file ? std::move(*file) : problem_response(404, "Tidak ditemukan", "no page " + request.path);
        } else {
            request.body = std::move(body);
            result.response = service.handle(request);
            if (request.user) result.user = request.user->username;
        }
    } catch (const std::exception&) {
        result.response = problem_response(500, "Kesalahan server", "the request could not be answered");
    }
    return result;
}

}  // namespace tata::server
