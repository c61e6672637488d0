#include "app/http_frontend.hpp"

#include "app/static_files.hpp"

#include "http/api_error.hpp"

#include <tata/clock.hpp>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <shared_mutex>
#include <string_view>
#include <ostream>

namespace tata::server {
namespace {

struct AccessLog {
    std::ostream* out = nullptr;
    std::mutex mutex;

    void write(const std::string& line) {
        std::lock_guard lock(mutex);
        *out << line << std::flush;
    }
};

// A JSON string literal of `text`, for the access log.
void append_quoted(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
}

// One JSON line per request: when, who, what, how it ended, how long it
// took. Never the query string, headers or body (tokens, passwords).
std::string access_line(TimePoint at, const Request& request, const std::string& route, int status,
                        std::chrono::microseconds took) {
    std::string line = "{\"at\":\"" + format_iso8601(at) + "\",\"method\":";
    append_quoted(line, request.method);
    line += ",\"route\":";
    append_quoted(line, route);
    line += ",\"path\":";
    append_quoted(line, request.path);
    line += ",\"status\":" + std::to_string(status);
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.3f", static_cast<double>(took.count()) / 1000.0);
    line += ",\"ms\":";
    line += ms;
    line += ",\"user\":";
    if (request.user) append_quoted(line, request.user->username);
    else line += "null";
    line += ",\"client\":";
    append_quoted(line, request.client);
    line += "}\n";
    return line;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// How much of an oversized body is still read (and thrown away) so that the
// client, still sending, gets the 413 instead of a reset connection.
constexpr std::uint64_t kDrainLimit = 8u << 20;

struct Body {
    std::optional<std::string> text;  // nullopt: over the limit
    bool drained = true;              // false: unread bytes remain, close the connection
};

Body read_body(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
    const auto length = request.getContentLength64();
    const bool known = length != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH;
    if (known && length == 0) return {std::string(), true};
    // Neither a length nor chunks: a request without a body (RFC 9112 6.3),
    // not one that lasts until the client closes (curl -X POST sends this).
    if (!known && !request.getChunkedTransferEncoding()) return {std::string(), true};
    if (known && static_cast<std::uint64_t>(length) > limit + kDrainLimit) return {std::nullopt, false};
    std::string body;
    std::uint64_t total = 0;
    std::istream& in = request.stream();
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const auto got = static_cast<std::size_t>(in.gcount());
        total += got;
        if (total <= limit) body.append(buffer, got);
        if (total > limit + kDrainLimit) return {std::nullopt, false};
    }
    if (total > limit) return {std::nullopt, true};
    return {std::move(body), true};
}

void send(Poco::Net::HTTPServerResponse& out, const Response& response, bool head = false) {
    out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    for (const auto& [name, value] : response.headers) out.set(name, value);
    if (!out.has("Cache-Control")) out.set("Cache-Control", "no-store");
    if (response.status == 204) {
        out.setContentLength(0);
        out.send();
        return;
    }
    out.setContentType(response.content_type);
    out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
    if (head) {
        out.send();
        return;
    }
    out.send().write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
}

}  // namespace

// Whether requests may still reach the service. Poco's connection threads
// outlive HTTPServer::stopAll (a thread that had taken its next request off
// the socket answers it afterwards), and the handler factory they hold
// outlives the server: handlers pass this gate, held by shared_ptr, and stop
// closes it, waiting for those inside, before the service goes away.
struct RequestGate {
    std::shared_mutex mutex;
    bool open = true;
};

namespace {

class ApiHandler final : public Poco::Net::HTTPRequestHandler {
public:
    ApiHandler(Service& service, AccessLog& log, std::shared_ptr<RequestGate> gate)
        : service_(service), log_(log), gate_(std::move(gate)) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        std::shared_lock inside(gate_->mutex);
        if (!gate_->open) {
            // The server is stopping: the service may be gone, touch nothing of it.
            out.setKeepAlive(false);
            send(out, problem_response(503, "Server sedang berhenti", "the server is shutting down"));
            return;
        }
        const auto started = std::chrono::steady_clock::now();
        Request request;
        request.method = in.getMethod();
        const bool head = request.method == "HEAD";
        Response response;
        std::string route = "(none)";
        try {
            const Poco::URI uri(in.getURI());
            request.path = uri.getPath();
            request.client = in.clientAddress().host().toString();
            for (const auto& [name, value] : uri.getQueryParameters()) request.query[name] = value;
            for (const auto& [name, value] : in) request.headers[lower(name)] = value;
            const auto match = service_.router().match(request.method, request.path);
            if (match.route) route = match.route->pattern;
            Body body = read_body(in, service_.config().max_body_bytes);
            const bool page = !match.route && !match.path_known && is_page_path(request.path) &&
                              !service_.config().web_root.empty() && (request.method == "GET" || head);
            if (page) {
                route = "(pages)";
                auto file = serve_static(service_.config().web_root, request.path);
                response = file ? std::move(*file) : problem_response(404, "Tidak ditemukan", "no page " + request.path);
            } else if (body.text) {
                request.body = std::move(*body.text);
                response = service_.handle(request);
            } else {
                response = problem_response(413, "Isi terlalu besar",
                                            "the body is larger than " +
                                                std::to_string(service_.config().max_body_bytes) + " bytes");
                if (!body.drained) out.setKeepAlive(false);
            }
        } catch (const Poco::SyntaxException& e) {
            response = problem_response(400, "Permintaan tidak valid", "malformed request URI: " + e.displayText());
        }
        send(out, response, head);

        const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
        service_.metrics().record(request.method, route, response.status, took);
        if (log_.out) log_.write(access_line(service_.now(), request, route, response.status, took));
    }

private:
    Service& service_;
    AccessLog& log_;
    std::shared_ptr<RequestGate> gate_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(Service& service, std::ostream* log, std::shared_ptr<RequestGate> gate)
        : service_(service), gate_(std::move(gate)) {
        log_.out = log;
    }
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new ApiHandler(service_, log_, gate_);
    }

private:
    Service& service_;
    AccessLog log_;
    std::shared_ptr<RequestGate> gate_;
};

}  // namespace

HttpFrontend::HttpFrontend(Service& service, std::ostream* access_log) : gate_(std::make_shared<RequestGate>()) {
    const auto& config = service.config();
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(config.listen, static_cast<Poco::UInt16>(config.port)));
    port_ = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.threads);
    params->setMaxQueued(config.queue);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config.keep_alive_timeout.count(), 0));
    params->setTimeout(Poco::Timespan(config.request_timeout.count(), 0));
    params->setServerName("tata");
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(service, access_log, gate_), socket, params);
    server_->start();
}

HttpFrontend::~HttpFrontend() { stop(); }

void HttpFrontend::stop(bool abort) {
    if (stopped_) return;
    stopped_ = true;
    server_->stopAll(abort);
    // Requests still inside finish; later ones get 503 without the service.
    std::unique_lock closing(gate_->mutex);
    gate_->open = false;
}

}  // namespace tata::server
