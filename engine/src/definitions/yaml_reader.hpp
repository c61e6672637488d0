// Reading YAML with errors that point at FILE:LINE:COL. Every accessor
// records a diagnostic instead of throwing, so one pass reports all mistakes.
#pragma once

#include "tata/yaml_json.hpp"

#include "tata/diagnostics.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tata {

class YamlReader {
public:
    YamlReader(std::string file, std::vector<Diagnostic>& errors) : file_(std::move(file)), errors_(errors) {}

    // Parses text; on a syntax error records it (with its position) and
    // returns an undefined node.
    YAML::Node parse(const std::string& text);

    SourceLocation where(const YAML::Node& node) const;
    void error(const YAML::Node& node, std::string message);
    void error(const SourceLocation& where, std::string message);

    // True when node is a mapping; otherwise records "<what> must be a mapping".
    bool expect_map(const YAML::Node& node, std::string_view what);
    // Records an error for every key of `map` not in `allowed`.
    void reject_unknown_keys(const YAML::Node& map, std::string_view what,
                             std::initializer_list<std::string_view> allowed);

    // Typed reads of `map[key]`. Missing keys are errors only when required.
    std::optional<std::string> string(const YAML::Node& map, const char* key, bool required);
    std::optional<long long> integer(const YAML::Node& map, const char* key, bool required);
    std::optional<double> number(const YAML::Node& map, const char* key);
    std::optional<bool> boolean(const YAML::Node& map, const char* key);
    // A string or a list of strings.
    std::vector<std::string> string_list(const YAML::Node& map, const char* key, bool required);

    // Scalar checks on a node already found.
    std::optional<std::string> scalar_string(const YAML::Node& node, std::string_view what);

    const std::string& file() const { return file_; }
    std::size_t error_count() const { return errors_.size(); }

private:
    std::string file_;
    std::vector<Diagnostic>& errors_;
};

}  // namespace tata
