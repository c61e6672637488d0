// One HTTP exchange as the routes see it: the request already read (body
// within the size limit, path parameters matched, the caller identified)
// and the response they build. Independent of Poco, so routes stay plain.
#pragma once

#include "identity/user.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tata::server {

struct Request {
    std::string method;
    std::string path;
    std::string route;                           // the pattern matched: "/api/v1/cases/{id}"
    std::map<std::string, std::string> params;   // from the route pattern: {id}
    std::map<std::string, std::string> query;    // decoded; the last value of a repeated name
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string client;                          // the peer's address
    std::optional<User> user;                    // set on every route but the public ones

    std::string header(const std::string& lower_name) const;
    std::optional<std::string> query_value(const std::string& name) const;
    const User& caller() const { return *user; }
    std::string content_type() const;  // without parameters, lower case
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    static Response json(const nlohmann::json& value, int status = 200);
    static Response text(std::string body, std::string content_type, int status = 200);
    static Response no_content();
};

}  // namespace tata::server
