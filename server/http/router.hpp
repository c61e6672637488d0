// The route table: method + path pattern ("/api/v1/cases/{id}") → who may
// call it and the handler. The same table answers requests, fills
// /openapi.json and drives the route × role test, so they cannot disagree.
#pragma once

#include "http/exchange.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tata::server {

using Handler = std::function<Response(Request&)>;

struct Route {
    std::string method;   // GET, POST, PUT, DELETE
    std::string pattern;  // segments; {name} matches one segment
    // Who may call it: roles; empty with `open` for routes without login.
    std::set<std::string> roles;
    bool open = false;
    std::string summary;  // one line, for the OpenAPI document
    std::string tag;
    // The OpenAPI operation beyond summary, tags and security: parameters,
    // requestBody, responses (merged into the document as written).
    nlohmann::json operation = nlohmann::json::object();
    Handler handler;
    // Runs in a shared transaction with other requests (app/group_commit.hpp):
    // only for handlers that write through the engine alone.
    bool group_commit = false;
};

class Router {
public:
    void add(Route route);

    struct Match {
        const Route* route = nullptr;  // null: no route for this method and path
        bool path_known = false;       // some route has this path (405 rather than 404)
        std::map<std::string, std::string> params;
    };
    Match match(const std::string& method, const std::string& path) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
    std::vector<std::vector<std::string>> patterns_;  // each route's pattern, split
};

// "/api/v1/cases/{id}" → {"api", "v1", "cases", "{id}"}; empty segments dropped.
std::vector<std::string> split_path(const std::string& path);

}  // namespace tata::server
