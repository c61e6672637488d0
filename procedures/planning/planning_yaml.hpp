// Reading the planning files (ABK, fiscal, scenarios): the bounded load
// (tata/yaml_limits.hpp) and typed fields that collect every mistake as
// "FILE:LINE:COL: error: message" lines, then throw them together.
#pragma once

#include "planning/abk.hpp"

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace tata::planning {

class PlanningYaml {
public:
    // Loads `text` (bounded first); PlanningFileError when it cannot.
    PlanningYaml(const std::string& text, std::string file_name);

    const YAML::Node& root() const { return root_; }
    const std::string& file() const { return file_; }

    // Records a mistake at the node.
    void problem(const YAML::Node& at, const std::string& message);
    void problem(const YAML::Mark& at, const std::string& message);
    // Records mistakes found elsewhere, as "FILE:LINE:COL: error: ..." lines.
    void add_problems(const std::string& lines) { problems_ += lines; }
    // Throws PlanningFileError with every recorded mistake, if any.
    void throw_if_problems() const;

    bool expect_map(const YAML::Node& node, std::string_view what);
    bool expect_list(const YAML::Node& node, std::string_view what);
    void reject_unknown_keys(const YAML::Node& map, std::initializer_list<std::string_view> known);

    // The field's value; `fallback` (and a mistake when `required`) when it
    // is missing; a mistake when it has the wrong type or range.
    std::string text(const YAML::Node& map, const char* key, bool required, std::string fallback = {});
    double number(const YAML::Node& map, const char* key, bool required, double fallback = 0, double min = 0);
    long long whole(const YAML::Node& map, const char* key, bool required, long long fallback = 0, long long min = 0);
    bool flag(const YAML::Node& map, const char* key, bool fallback);

private:
    YAML::Node root_;
    std::string file_;
    std::string problems_;
};

// The whole text of a planning file; PlanningFileError naming it when it
// cannot be read or is over the definition size limit.
std::string read_planning_file(const std::filesystem::path& file);

}  // namespace tata::planning
