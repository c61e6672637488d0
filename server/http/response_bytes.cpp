#include "http/response_bytes.hpp"

#include <Poco/Net/HTTPResponse.h>

#include <ctime>

namespace tata::server::wire {
namespace {

void append_clean(std::string& out, const std::string& text) {
    for (const char c : text) out += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
}

void append_header(std::string& out, const std::string& name, const std::string& value) {
    append_clean(out, name);
    out += ": ";
    append_clean(out, value);
    out += "\r\n";
}

// RFC 9110 5.6.7 IMF-fixdate.
std::string http_date() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text;
}

bool has_header(const Response& response, std::string_view lower_name) {
    for (const auto& [name, value] : response.headers) {
        if (name.size() != lower_name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < name.size() && same; ++i)
            same = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i]))) == lower_name[i];
        if (same) return true;
    }
    return false;
}

}  // namespace

std::string response_bytes(const Response& response, const Framing& framing) {
    const int status = response.status;
    // 1xx, 204 and 304 answers have no body and no Content-Length (RFC 9110 8.6).
    const bool bodiless = status < 200 || status == 204 || status == 304;
    std::string out;
    out.reserve(256 + (framing.head || bodiless ? 0 : response.body.size()));
    out += "HTTP/1.1 " + std::to_string(status) + " ";
    out += Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    out += "\r\n";
    append_header(out, "Date", http_date());
    for (const auto& [name, value] : response.headers) append_header(out, name, value);
    if (!has_header(response, "cache-control")) append_header(out, "Cache-Control", "no-store");
    if (!bodiless) {
        append_header(out, "Content-Type", response.content_type);
        append_header(out, "Content-Length", std::to_string(response.body.size()));
    }
    if (!framing.keep_alive) append_header(out, "Connection", "close");
    else if (framing.minor_version == 0) append_header(out, "Connection", "keep-alive");
    out += "\r\n";
    if (!framing.head && !bodiless) out += response.body;
    return out;
}

}  // namespace tata::server::wire
