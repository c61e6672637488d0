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

namespace {

bool is_parameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(Route route) {
    for (const auto& existing : routes_)
        if (existing.method == route.method && existing.pattern == route.pattern)
            throw std::logic_error("route " + route.method + " " + route.pattern + " is registered twice");
    auto pattern = split_path(route.pattern);
    patterns_.reserve(routes_.size() + 1);  // both push_backs below then succeed or neither runs
    routes_.reserve(routes_.size() + 1);
    patterns_.push_back(std::move(pattern));
    routes_.push_back(std::move(route));
}

// The most specific route wins: where a literal segment and a parameter
// both match (/workers/imports and /workers/{nik}), the literal one, so
// that a route's place in the list does not decide which one answers.
// Every request is matched against every route: the patterns are split
// once, when added, and parameters are taken only from the route chosen.
Router::Match Router::match(const std::string& method, const std::string& path) const {
    Match result;
    const auto segments = split_path(path);
    const std::vector<std::string>* chosen = nullptr;
    std::size_t best_literals = 0;
    for (std::size_t r = 0; r < routes_.size(); ++r) {
        const auto& pattern = patterns_[r];
        if (pattern.size() != segments.size()) continue;
        std::size_t literals = 0;
        bool same = true;
        for (std::size_t i = 0; i < pattern.size() && same; ++i) {
            if (is_parameter(pattern[i])) continue;
            same = pattern[i] == segments[i];
            ++literals;
        }
        if (!same) continue;
        result.path_known = true;
        if (routes_[r].method == method && (!result.route || literals > best_literals)) {
            result.route = &routes_[r];
            chosen = &pattern;
            best_literals = literals;
        }
    }
    if (chosen)
        for (std::size_t i = 0; i < chosen->size(); ++i)
            if (const auto& segment = (*chosen)[i]; is_parameter(segment))
                result.params[segment.substr(1, segment.size() - 2)] = segments[i];
    return result;
}

}  // namespace tata::server
