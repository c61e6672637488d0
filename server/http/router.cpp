#include "http/router.hpp"

#include <stdexcept>

namespace tata::server {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = path.find('/', start);
        const std::string segment = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!segment.empty()) segments.push_back(segment);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return segments;
}

void Router::add(Route route) {
    for (const auto& existing : routes_)
        if (existing.method == route.method && existing.pattern == route.pattern)
            throw std::logic_error("route " + route.method + " " + route.pattern + " is registered twice");
    routes_.push_back(std::move(route));
}

// The most specific route wins: where a literal segment and a parameter
// both match (/workers/imports and /workers/{nik}), the literal one, so
// that a route's place in the list does not decide which one answers.
Router::Match Router::match(const std::string& method, const std::string& path) const {
    Match result;
    const auto segments = split_path(path);
    std::size_t best_literals = 0;
    for (const auto& route : routes_) {
        const auto pattern = split_path(route.pattern);
        if (pattern.size() != segments.size()) continue;
        std::map<std::string, std::string> params;
        std::size_t literals = 0;
        bool same = true;
        for (std::size_t i = 0; i < pattern.size() && same; ++i) {
            if (pattern[i].size() > 2 && pattern[i].front() == '{' && pattern[i].back() == '}') {
                params[pattern[i].substr(1, pattern[i].size() - 2)] = segments[i];
            } else {
                same = pattern[i] == segments[i];
                ++literals;
            }
        }
        if (!same) continue;
        result.path_known = true;
        if (route.method == method && (!result.route || literals > best_literals)) {
            result.route = &route;
            result.params = std::move(params);
            best_literals = literals;
        }
    }
    return result;
}

}  // namespace tata::server
