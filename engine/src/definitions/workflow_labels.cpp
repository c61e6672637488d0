#include "definitions/workflow_labels.hpp"

#include "tata/json_limits.hpp"

#include <algorithm>
#include <set>

namespace tata {
namespace {

bool is_code(const std::string& text) {
    if (text.empty() || text.front() < 'a' || text.front() > 'z') return false;
    for (const char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// A label: a non-empty string of at most kMaxLabelLength characters.
std::optional<std::string> read_label(YamlReader& yaml, const YAML::Node& node, const std::string& what) {
    auto text = yaml.scalar_string(node, what);
    if (!text) return std::nullopt;
    if (text->empty()) {
        yaml.error(node, what + " must not be empty");
        return std::nullopt;
    }
    if (utf8_length(*text) > kMaxLabelLength) {
        yaml.error(node, what + " has " + std::to_string(utf8_length(*text)) + " characters; at most " +
                             std::to_string(kMaxLabelLength) + " are allowed");
        return std::nullopt;
    }
    return text;
}

// `key: label` entries of a mapping. Keys name fields and results (codes)
// or, for `values`, whatever a field stores ("L", "S1", "kontrak_daerah").
enum class Keys { codes, stored_values };

std::map<std::string, std::string> read_label_map(YamlReader& yaml, const YAML::Node& map, const std::string& what,
                                                  std::size_t& entries, Keys keys = Keys::codes) {
    std::map<std::string, std::string> labels;
    if (!yaml.expect_map(map, what)) return labels;
    for (const auto& entry : map) {
        const std::string code = entry.first.Scalar();
        if (keys == Keys::codes && !is_code(code)) {
            yaml.error(entry.first, what + ": '" + code + "' must match [a-z][a-z0-9_]*");
            continue;
        }
        if (keys == Keys::stored_values && (code.empty() || utf8_length(code) > kMaxLabelLength)) {
            yaml.error(entry.first, what + ": a value must have 1 to " + std::to_string(kMaxLabelLength) + " characters");
            continue;
        }
        if (++entries > kMaxLabelEntries) {
            yaml.error(entry.first, "'labels' has more than " + std::to_string(kMaxLabelEntries) + " entries");
            return labels;
        }
        if (auto label = read_label(yaml, entry.second, "the label of '" + code + "'")) labels[code] = *label;
    }
    return labels;
}

std::set<std::string> end_results(const Workflow& workflow) {
    std::set<std::string> results;
    for (const auto& state : workflow.states)
        if (state.kind == StateKind::end && !state.result.empty()) results.insert(state.result);
    return results;
}

void add_option_labels(Workflow& workflow, const std::vector<FormField>& form) {
    for (const auto& field : form)
        for (const auto& [value, label] : field.option_labels) workflow.labels.values[field.name].emplace(value, label);
}

}  // namespace

void read_choice_options(YamlReader& yaml, const YAML::Node& options, FormField& field) {
    if (!options.IsSequence()) {
        yaml.error(options, "'options' must be a list of values (each a value or {value, label})");
        return;
    }
    if (options.size() == 0) yaml.error(options, "choice field '" + field.name + "' needs at least one option");
    for (const auto& item : options) {
        std::optional<std::string> value;
        if (item.IsMap()) {
            yaml.reject_unknown_keys(item, "an option", {"value", "label"});
            value = yaml.string(item, "value", true);
            if (item["label"]) {
                if (auto label = read_label(yaml, item["label"], "an option's label"); label && value)
                    field.option_labels[*value] = *label;
            } else {
                yaml.error(item, "an option written as a mapping needs 'label' (or write the value alone)");
            }
        } else {
            value = yaml.scalar_string(item, "an option");
        }
        if (!value) continue;
        if (value->empty()) {
            yaml.error(item, "an option's value must not be empty");
        } else if (std::find(field.options.begin(), field.options.end(), *value) != field.options.end()) {
            yaml.error(item, "option '" + *value + "' is listed twice");
        } else {
            field.options.push_back(*value);
        }
    }
}

void read_workflow_labels(YamlReader& yaml, const YAML::Node& root, Workflow& workflow) {
    const YAML::Node labels = root["labels"];
    if (labels && yaml.expect_map(labels, "'labels'")) {
        yaml.reject_unknown_keys(labels, "'labels'", {"results", "fields", "values", "hidden"});
        std::size_t entries = 0;
        if (labels["results"]) {
            const auto known = end_results(workflow);
            workflow.labels.results = read_label_map(yaml, labels["results"], "'labels.results'", entries);
            for (const auto& entry : labels["results"]) {
                const std::string result = entry.first.Scalar();
                if (is_code(result) && !known.count(result))
                    yaml.error(entry.first, "'labels.results': '" + result + "' is no end state's result");
            }
        }
        if (labels["fields"]) workflow.labels.fields = read_label_map(yaml, labels["fields"], "'labels.fields'", entries);
        if (const YAML::Node values = labels["values"]; values && yaml.expect_map(values, "'labels.values'")) {
            for (const auto& entry : values) {
                const std::string field = entry.first.Scalar();
                if (!is_code(field)) {
                    yaml.error(entry.first, "'labels.values': field '" + field + "' must match [a-z][a-z0-9_]*");
                    continue;
                }
                workflow.labels.values[field] =
                    read_label_map(yaml, entry.second, "'labels.values." + field + "'", entries, Keys::stored_values);
            }
        }
        if (const YAML::Node hidden = labels["hidden"]) {
            if (!hidden.IsSequence()) {
                yaml.error(hidden, "'labels.hidden' must be a list of data field names");
            } else {
                for (const auto& item : hidden) {
                    const auto name = yaml.scalar_string(item, "a hidden field");
                    if (!name) continue;
                    if (!is_code(*name)) yaml.error(item, "hidden field '" + *name + "' must match [a-z][a-z0-9_]*");
                    else workflow.labels.hidden.insert(*name);
                }
            }
        }
    }
    // What the options say joins the values, unless labels.values names it.
    for (const auto& state : workflow.states) {
        add_option_labels(workflow, state.form);
        for (const auto& outcome : state.outcomes) add_option_labels(workflow, outcome.form);
    }
}

}  // namespace tata
