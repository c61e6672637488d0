#include "planning/planning_yaml.hpp"

#include <tata/yaml_limits.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

namespace tata::planning {
namespace {

std::string place(const std::string& file, const YAML::Mark& mark) {
    return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": error: ";
}

}  // namespace

std::string read_planning_file(const std::filesystem::path& file) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw PlanningFileError(file.string() + ": error: cannot read the file");
    if (size > kMaxDefinitionFileBytes)
        throw PlanningFileError(file.string() + ": error: the file has " + std::to_string(size) + " bytes, more than the " +
                                std::to_string(kMaxDefinitionFileBytes) + " a planning file may have");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw PlanningFileError(file.string() + ": error: cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

PlanningYaml::PlanningYaml(const std::string& text, std::string file_name) : file_(std::move(file_name)) {
    if (text.size() > kMaxDefinitionFileBytes)
        throw PlanningFileError(file_ + ":1:1: error: more than " + std::to_string(kMaxDefinitionFileBytes) + " bytes");
    if (const auto refused = check_yaml_limits(text))
        throw PlanningFileError(file_ + ":" + std::to_string(refused->line) + ":" + std::to_string(refused->column) +
                                ": error: " + refused->message);
    try {
        root_ = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw PlanningFileError(place(file_, e.mark) + e.msg);
    }
    if (!root_.IsMap()) throw PlanningFileError(file_ + ":1:1: error: expected a mapping at the top of the file");
}

void PlanningYaml::problem(const YAML::Node& at, const std::string& message) { problem(at.Mark(), message); }

void PlanningYaml::problem(const YAML::Mark& at, const std::string& message) {
    problems_ += place(file_, at) + message + "\n";
}

void PlanningYaml::throw_if_problems() const {
    if (!problems_.empty()) throw PlanningFileError(problems_.substr(0, problems_.size() - 1));
}

bool PlanningYaml::expect_map(const YAML::Node& node, std::string_view what) {
    if (node.IsMap()) return true;
    problem(node, std::string(what) + " must be a mapping");
    return false;
}

bool PlanningYaml::expect_list(const YAML::Node& node, std::string_view what) {
    if (node.IsSequence()) return true;
    problem(node, std::string(what) + " must be a list");
    return false;
}

void PlanningYaml::reject_unknown_keys(const YAML::Node& map, std::initializer_list<std::string_view> known) {
    for (const auto& entry : map) {
        const std::string key = entry.first.Scalar();
        bool found = false;
        for (const auto k : known) found = found || k == key;
        if (!found) problem(entry.first, "unknown key '" + key + "'");
    }
}

std::string PlanningYaml::text(const YAML::Node& map, const char* key, bool required, std::string fallback) {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) {
        if (required) problem(map, std::string("`") + key + "` is required");
        return fallback;
    }
    if (!node.IsScalar()) {
        problem(node, std::string("`") + key + "` must be a text");
        return fallback;
    }
    return node.Scalar();
}

double PlanningYaml::number(const YAML::Node& map, const char* key, bool required, double fallback, double min) {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) {
        if (required) problem(map, std::string("`") + key + "` is required");
        return fallback;
    }
    double value = 0;
    try {
        value = node.as<double>();
    } catch (const YAML::Exception&) {
        problem(node, std::string("`") + key + "` must be a number");
        return fallback;
    }
    if (!std::isfinite(value) || value < min) {
        problem(node, std::string("`") + key + "` must be a number of at least " + std::to_string(min));
        return fallback;
    }
    return value;
}

long long PlanningYaml::whole(const YAML::Node& map, const char* key, bool required, long long fallback, long long min) {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) {
        if (required) problem(map, std::string("`") + key + "` is required");
        return fallback;
    }
    long long value = 0;
    try {
        value = node.as<long long>();
    } catch (const YAML::Exception&) {
        problem(node, std::string("`") + key + "` must be a whole number");
        return fallback;
    }
    if (value < min) {
        problem(node, std::string("`") + key + "` must be at least " + std::to_string(min));
        return fallback;
    }
    return value;
}

bool PlanningYaml::flag(const YAML::Node& map, const char* key, bool fallback) {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) return fallback;
    try {
        return node.as<bool>();
    } catch (const YAML::Exception&) {
        problem(node, std::string("`") + key + "` must be true or false");
        return fallback;
    }
}

}  // namespace tata::planning
