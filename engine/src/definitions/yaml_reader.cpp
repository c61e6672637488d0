#include "definitions/yaml_reader.hpp"

#include "tata/yaml_limits.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace tata {

YAML::Node YamlReader::parse(const std::string& text) {
    if (const auto refused = check_yaml_limits(text)) {
        errors_.push_back({{file_, refused->line, refused->column}, refused->message});
        return YAML::Node(YAML::NodeType::Undefined);
    }
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        errors_.push_back({{file_, e.mark.line + 1, e.mark.column + 1}, "YAML syntax: " + e.msg});
        return YAML::Node(YAML::NodeType::Undefined);
    }
}

SourceLocation YamlReader::where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
}

void YamlReader::error(const YAML::Node& node, std::string message) { error(where(node), std::move(message)); }

void YamlReader::error(const SourceLocation& at, std::string message) {
    errors_.push_back({at, std::move(message)});
}

bool YamlReader::expect_map(const YAML::Node& node, std::string_view what) {
    if (node.IsMap()) return true;
    error(node, std::string(what) + " must be a mapping");
    return false;
}

void YamlReader::reject_unknown_keys(const YAML::Node& map, std::string_view what,
                                     std::initializer_list<std::string_view> allowed) {
    for (const auto& entry : map) {
        const std::string key = entry.first.Scalar();
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string expected;
        for (auto name : allowed) expected += (expected.empty() ? "" : ", ") + std::string(name);
        error(entry.first, "unknown key '" + key + "' in " + std::string(what) + " (expected one of: " + expected + ")");
    }
}

std::optional<std::string> YamlReader::scalar_string(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
        error(node, std::string(what) + " must be a string");
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<std::string> YamlReader::string(const YAML::Node& map, const char* key, bool required) {
    const YAML::Node node = map[key];
    if (!node) {
        if (required) error(map, std::string("missing required key '") + key + "'");
        return std::nullopt;
    }
    return scalar_string(node, std::string("'") + key + "'");
}

namespace {
// A quoted scalar ("1", 'true') is a string in YAML, whatever it looks like.
bool is_plain_scalar(const YAML::Node& node) { return node.IsScalar() && node.Tag() != "!"; }
}  // namespace

std::optional<long long> YamlReader::integer(const YAML::Node& map, const char* key, bool required) {
    const YAML::Node node = map[key];
    if (!node) {
        if (required) error(map, std::string("missing required key '") + key + "'");
        return std::nullopt;
    }
    if (is_plain_scalar(node)) {
        const std::string& text = node.Scalar();
        long long value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc() && end == text.data() + text.size()) return value;
    }
    error(node, std::string("'") + key + "' must be an integer");
    return std::nullopt;
}

std::optional<double> YamlReader::number(const YAML::Node& map, const char* key) {
    const YAML::Node node = map[key];
    if (!node) return std::nullopt;
    if (is_plain_scalar(node)) {
        const std::string& text = node.Scalar();
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (!text.empty() && end == text.c_str() + text.size()) return value;
    }
    error(node, std::string("'") + key + "' must be a number");
    return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, const char* key) {
    const YAML::Node node = map[key];
    if (!node) return std::nullopt;
    if (is_plain_scalar(node)) {
        const std::string& text = node.Scalar();
        if (text == "true") return true;
        if (text == "false") return false;
    }
    error(node, std::string("'") + key + "' must be true or false");
    return std::nullopt;
}

std::vector<std::string> YamlReader::string_list(const YAML::Node& map, const char* key, bool required) {
    const YAML::Node node = map[key];
    std::vector<std::string> out;
    if (!node) {
        if (required) error(map, std::string("missing required key '") + key + "'");
        return out;
    }
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
    } else if (node.IsSequence()) {
        for (const auto& item : node) {
            if (auto s = scalar_string(item, std::string("an item of '") + key + "'")) out.push_back(*s);
        }
    } else {
        error(node, std::string("'") + key + "' must be a string or a list of strings");
    }
    return out;
}

namespace {

nlohmann::json scalar_to_json(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    // A quoted scalar has tag "!"; it stays a string whatever it looks like.
    if (node.Tag() == "!") return text;
    if (text == "~" || text == "null" || text.empty()) return nullptr;
    if (text == "true") return true;
    if (text == "false") return false;
    long long integer = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), integer);
    if (ec == std::errc() && end == text.data() + text.size()) return integer;
    char* end_of_double = nullptr;
    const double number = std::strtod(text.c_str(), &end_of_double);
    if (end_of_double == text.c_str() + text.size() && text.find_first_of("0123456789") != std::string::npos &&
        text.find_first_not_of("0123456789+-.eE") == std::string::npos) {
        return number;
    }
    return text;
}

}  // namespace

nlohmann::json yaml_to_json(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map: {
            nlohmann::json out = nlohmann::json::object();
            for (const auto& entry : node) out[entry.first.Scalar()] = yaml_to_json(entry.second);
            return out;
        }
        case YAML::NodeType::Sequence: {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& item : node) out.push_back(yaml_to_json(item));
            return out;
        }
        case YAML::NodeType::Scalar:
            return scalar_to_json(node);
        default:
            return nullptr;
    }
}

}  // namespace tata
