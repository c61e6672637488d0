#include "http/exchange.hpp"

#include <algorithm>
#include <cctype>

namespace tata::server {

std::string Request::header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::query_value(const std::string& name) const {
    const auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

std::string Request::content_type() const {
    std::string type = header("content-type");
    type = type.substr(0, type.find(';'));
    type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c); }), type.end());
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    return type;
}

Response Response::json(const nlohmann::json& value, int status) {
    Response response;
    response.status = status;
    // Bytes that are not UTF-8 (echoed from a request, or from old data)
    // become U+FFFD instead of throwing: an answer must always be writable.
    response.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Response Response::text(std::string body, std::string content_type, int status) {
    Response response;
    response.status = status;
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    return response;
}

Response Response::no_content() {
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

}  // namespace tata::server
