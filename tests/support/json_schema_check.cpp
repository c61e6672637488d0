#include "support/json_schema_check.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>
#include <stdexcept>

namespace tata::test {
namespace {

std::vector<std::string> segments_of(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        if (end > start) out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool has_type(const nlohmann::json& value, const std::string& type) {
    if (type == "null") return value.is_null();
    if (type == "boolean") return value.is_boolean();
    // 2020-12: an integer is any number without a fraction (80.0 too).
    if (type == "integer")
        return value.is_number_integer() || (value.is_number_float() && std::trunc(value.get<double>()) == value.get<double>());
    if (type == "number") return value.is_number();
    if (type == "string") return value.is_string();
    if (type == "array") return value.is_array();
    if (type == "object") return value.is_object();
    throw std::invalid_argument("unknown JSON Schema type '" + type + "'");
}

bool has_format(const std::string& text, const std::string& format) {
    static const std::regex date_time(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
    static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
    if (format == "date-time") return std::regex_match(text, date_time);
    if (format == "date") return std::regex_match(text, date);
    return true;  // binary, email, ...: an annotation here
}

const std::set<std::string> kKnownKeywords = {"type",  "properties", "required", "additionalProperties", "items",
                                              "enum",  "oneOf",      "$ref",     "format",               "description",
                                              "title", "minimum",    "maximum",  "minLength",            "maxLength"};

}  // namespace

ApiContract::ApiContract(nlohmann::json openapi) : document_(std::move(openapi)) {}

std::optional<std::string> ApiContract::template_of(const std::string& path) const {
    const auto segments = segments_of(path);
    std::optional<std::string> best;
    int best_literals = -1;
    for (const auto& [pattern, item] : document_["paths"].items()) {
        const auto parts = segments_of(pattern);
        if (parts.size() != segments.size()) continue;
        int literals = 0;
        bool same = true;
        for (std::size_t i = 0; i < parts.size() && same; ++i) {
            if (parts[i].size() > 2 && parts[i].front() == '{' && parts[i].back() == '}') continue;
            ++literals;
            same = parts[i] == segments[i];
        }
        if (same && literals > best_literals) {
            best = pattern;
            best_literals = literals;
        }
    }
    return best;
}

const nlohmann::json* ApiContract::answer_of(const std::string& method, const std::string& path, int status,
                                             std::string& problem) const {
    std::string lower = method;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto pattern = template_of(path);
    if (!pattern) {
        problem = "no route in /openapi.json";
        return nullptr;
    }
    const auto& operation = document_["paths"][*pattern];
    if (!operation.contains(lower)) {
        problem = "/openapi.json has no " + method + " " + *pattern;
        return nullptr;
    }
    const auto& responses = operation[lower]["responses"];
    const std::string code = std::to_string(status);
    if (!responses.contains(code)) {
        problem = *pattern + " documents no answer " + code;
        return nullptr;
    }
    return &responses[code];
}

std::vector<std::string> ApiContract::check(const std::string& method, const std::string& path, int status,
                                            const nlohmann::json& body) const {
    const std::string what = method + " " + path + " " + std::to_string(status) + ": ";
    std::string problem;
    const nlohmann::json* answer = answer_of(method, path, status, problem);
    if (!answer) return {what + problem};
    if (answer->contains("$ref")) return {};  // the problem document, described once for all
    const auto content = answer->find("content");
    if (content == answer->end() || !content->contains("application/json"))
        return {what + "the route names no JSON schema for this answer"};
    std::vector<std::string> problems;
    validate((*content)["application/json"]["schema"], body, "", problems, 0);
    for (auto& line : problems) line = what + line;
    return problems;
}

std::vector<std::string> ApiContract::check_media_type(const std::string& method, const std::string& path, int status,
                                                       const std::string& content_type) const {
    const std::string what = method + " " + path + " " + std::to_string(status) + ": ";
    std::string problem;
    const nlohmann::json* answer = answer_of(method, path, status, problem);
    if (!answer) return {what + problem};
    const auto base = [](const std::string& type) { return type.substr(0, type.find(';')); };
    const std::string sent = base(content_type);
    // A documented range (*/*, application/*) names every type it covers.
    const auto covers = [&](const std::string& documented) {
        if (documented == "*/*" || documented == sent) return true;
        return documented.size() > 2 && documented.ends_with("/*") &&
               sent.rfind(documented.substr(0, documented.size() - 1), 0) == 0;
    };
    if (const auto content = answer->find("content"); content != answer->end())
        for (const auto& [type, unused] : content->items())
            if (covers(base(type))) return {};
    return {what + "the route does not name the media type " + content_type};
}

const nlohmann::json& ApiContract::resolve(const std::string& ref) const {
    if (ref.rfind("#/", 0) != 0) throw std::invalid_argument("only local $refs are checked, not " + ref);
    return document_.at(nlohmann::json::json_pointer(ref.substr(1)));
}

void ApiContract::validate(const nlohmann::json& schema, const nlohmann::json& value, const std::string& where,
                           std::vector<std::string>& problems, int depth) const {
    const std::string at = where.empty() ? "/" : where;
    if (depth > 64) {
        problems.push_back(at + ": schema nested too deep (a $ref cycle?)");
        return;
    }
    if (schema.is_boolean()) {
        if (!schema.get<bool>()) problems.push_back(at + ": no value is allowed here");
        return;
    }
    for (const auto& [keyword, unused] : schema.items())
        if (!kKnownKeywords.count(keyword)) problems.push_back(at + ": the checker does not know the keyword " + keyword);
    if (const auto ref = schema.find("$ref"); ref != schema.end()) validate(resolve(*ref), value, where, problems, depth + 1);
    if (const auto type = schema.find("type"); type != schema.end()) {
        bool matches = false;
        if (type->is_string()) matches = has_type(value, *type);
        else for (const auto& t : *type) matches = matches || has_type(value, t);
        if (!matches) {
            problems.push_back(at + ": " + value.dump().substr(0, 80) + " is not of type " + type->dump());
            return;
        }
    }
    if (const auto values = schema.find("enum"); values != schema.end()) {
        if (std::find(values->begin(), values->end(), value) == values->end())
            problems.push_back(at + ": " + value.dump().substr(0, 80) + " is not one of " + values->dump());
    }
    if (const auto options = schema.find("oneOf"); options != schema.end()) {
        int matching = 0;
        for (const auto& option : *options) {
            std::vector<std::string> attempt;
            validate(option, value, where, attempt, depth + 1);
            if (attempt.empty()) ++matching;
        }
        if (matching != 1)
            problems.push_back(at + ": matches " + std::to_string(matching) + " of the oneOf choices, not exactly one");
    }
    if (value.is_number()) {
        const double number = value.get<double>();
        if (const auto low = schema.find("minimum"); low != schema.end() && number < low->get<double>())
            problems.push_back(at + ": " + value.dump() + " is below the minimum " + low->dump());
        if (const auto high = schema.find("maximum"); high != schema.end() && number > high->get<double>())
            problems.push_back(at + ": " + value.dump() + " is above the maximum " + high->dump());
    }
    if (value.is_string()) {
        // Lengths in characters: count the bytes that start one in UTF-8.
        const auto& text = value.get_ref<const std::string&>();
        const auto length = static_cast<std::size_t>(
            std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
        if (const auto low = schema.find("minLength"); low != schema.end() && length < low->get<std::size_t>())
            problems.push_back(at + ": shorter than " + low->dump() + " characters");
        if (const auto high = schema.find("maxLength"); high != schema.end() && length > high->get<std::size_t>())
            problems.push_back(at + ": longer than " + high->dump() + " characters");
    }
    if (const auto format = schema.find("format"); format != schema.end() && value.is_string())
        if (!has_format(value.get<std::string>(), *format))
            problems.push_back(at + ": \"" + value.get<std::string>() + "\" is not a " + format->get<std::string>());
    if (value.is_object()) {
        const auto properties = schema.find("properties");
        if (const auto required = schema.find("required"); required != schema.end())
            for (const auto& name : *required)
                if (!value.contains(name.get<std::string>())) problems.push_back(at + ": lacks the property " + name.get<std::string>());
        const auto additional = schema.find("additionalProperties");
        for (const auto& [name, item] : value.items()) {
            const std::string inner = where + "/" + name;
            if (properties != schema.end() && properties->contains(name)) {
                validate((*properties)[name], item, inner, problems, depth + 1);
            } else if (additional != schema.end()) {
                if (additional->is_boolean() && !additional->get<bool>())
                    problems.push_back(at + ": has the property " + name + ", which the schema does not name");
                else if (additional->is_object())
                    validate(*additional, item, inner, problems, depth + 1);
            }
        }
    }
    if (value.is_array()) {
        if (const auto items = schema.find("items"); items != schema.end())
            for (std::size_t i = 0; i < value.size(); ++i)
                validate(*items, value[i], where + "/" + std::to_string(i), problems, depth + 1);
    }
}

}  // namespace tata::test
