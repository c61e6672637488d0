#include "rules/decision_table_parser.hpp"

#include "definitions/yaml_reader.hpp"
#include "rules/decision_table_check.hpp"
#include "rules/numeric_condition.hpp"
#include "support/files.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <string_view>

namespace tata {
namespace {

// Hand-written rather than std::regex: a value may be a megabyte long, and
// libstdc++'s regex recurses once per character.
bool is_identifier(std::string_view text) {
    if (text.empty() || text[0] < 'a' || text[0] > 'z') return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "" : ", ") + value;
    return out;
}

class DecisionTableParser {
public:
    DecisionTableParser(const std::string& label, std::vector<Diagnostic>& errors)
        : yaml_(label, errors), errors_(errors) {}

    std::shared_ptr<DecisionTable> parse(const std::string& text, const std::optional<ExpectedTableId>& expected) {
        const std::size_t errors_before = yaml_.error_count();
        const YAML::Node root = yaml_.parse(text);
        if (!root.IsDefined() || !yaml_.expect_map(root, "a decision table")) return nullptr;
        yaml_.reject_unknown_keys(root, "the decision table",
                                  {"id", "title", "description", "hit_policy", "inputs", "outputs", "rows"});
        auto table = std::make_shared<DecisionTable>();
        table->where = yaml_.where(root);
        if (auto id = yaml_.string(root, "id", true)) {
            table->id = *id;
            if (!is_identifier(*id))
                yaml_.error(root["id"], "decision table id '" + *id + "' must match [a-z][a-z0-9_]*");
            else if (expected && expected->id != *id)
                yaml_.error(root["id"], "decision table id '" + *id + "' does not match " + expected->because);
        }
        table->title = yaml_.string(root, "title", true).value_or("");
        table->description = yaml_.string(root, "description", false).value_or("");
        if (auto policy = yaml_.string(root, "hit_policy", false)) {
            if (*policy == "first") table->hit_policy = HitPolicy::first;
            else if (*policy != "unique")
                yaml_.error(root["hit_policy"], "unknown hit policy '" + *policy + "' (expected unique or first)");
        }
        const bool inputs_usable = parse_inputs(root, *table);
        const bool outputs_usable = parse_outputs(root, *table);
        // Rows name inputs and outputs: without them every row would only
        // repeat that they are missing.
        if (inputs_usable && outputs_usable) parse_rows(root, *table);
        if (yaml_.error_count() == errors_before) check_decision_table(*table, errors_);
        if (yaml_.error_count() != errors_before) return nullptr;
        return table;
    }

private:
    SourceLocation key_where(const YAML::Node& map, const char* key) const {
        for (const auto& entry : map)
            if (entry.first.IsScalar() && entry.first.Scalar() == key) return yaml_.where(entry.first);
        return yaml_.where(map);
    }

    // `key` of the table: a mapping of at most `limit` named entries.
    bool expect_named_entries(const YAML::Node& root, const char* key, const char* noun, std::size_t limit,
                              SourceLocation& key_at) {
        const YAML::Node node = root[key];
        if (!node) {
            yaml_.error(root, std::string("missing required key '") + key + "'");
            return false;
        }
        key_at = key_where(root, key);
        if (!yaml_.expect_map(node, std::string("'") + key + "'")) return false;
        if (node.size() == 0) {
            yaml_.error(node, std::string("'") + key + "' must name at least one " + noun);
            return false;
        }
        if (node.size() > limit) {
            yaml_.error(key_at, std::string("'") + key + "' has " + std::to_string(node.size()) + " " + key +
                                    "; at most " + std::to_string(limit) + " are allowed");
            return false;
        }
        return true;
    }

    // A name of an input or output: an identifier, not used before.
    bool check_name(const YAML::Node& key, const std::string& what, std::set<std::string>& seen) {
        const std::string name = key.IsScalar() ? key.Scalar() : "";
        if (!is_identifier(name)) {
            yaml_.error(key, what + " name '" + name + "' must match [a-z][a-z0-9_]*");
            return false;
        }
        if (!seen.insert(name).second) {
            yaml_.error(key, what + " '" + name + "' is defined twice");
            return false;
        }
        return true;
    }

    // `values: [a, b, c]`: identifiers, each once, at most kMaxDecisionInputValues.
    std::vector<std::string> parse_values(const YAML::Node& body, const std::string& what) {
        std::vector<std::string> values;
        const YAML::Node list = body["values"];
        if (!list.IsSequence() || list.size() == 0) {
            yaml_.error(list, "'values' of " + what + " must be a list of at least one value");
            return values;
        }
        if (list.size() > kMaxDecisionInputValues) {
            yaml_.error(list, "'values' of " + what + " has " + std::to_string(list.size()) + " values; at most " +
                                  std::to_string(kMaxDecisionInputValues) + " are allowed");
            return values;
        }
        for (const auto& item : list) {
            const auto value = yaml_.scalar_string(item, "a value of " + what);
            if (!value) continue;
            if (!is_identifier(*value))
                yaml_.error(item, "value '" + *value + "' of " + what + " must match [a-z][a-z0-9_]*");
            else if (std::find(values.begin(), values.end(), *value) != values.end())
                yaml_.error(item, "value '" + *value + "' of " + what + " is listed twice");
            else
                values.push_back(*value);
        }
        return values;
    }

    // `labels: {value: Label}` for values listed in `values`.
    std::map<std::string, std::string> parse_labels(const YAML::Node& body, const std::vector<std::string>& values,
                                                    const std::string& what) {
        std::map<std::string, std::string> labels;
        const YAML::Node node = body["labels"];
        if (!node || !yaml_.expect_map(node, "'labels' of " + what)) return labels;
        for (const auto& entry : node) {
            const std::string value = entry.first.IsScalar() ? entry.first.Scalar() : "";
            if (std::find(values.begin(), values.end(), value) == values.end()) {
                yaml_.error(entry.first, "'labels' of " + what + " names '" + value + "', which is not one of its values (" +
                                             joined(values) + ")");
                continue;
            }
            if (auto label = yaml_.scalar_string(entry.second, "the label of '" + value + "'")) labels[value] = *label;
        }
        return labels;
    }

    std::optional<double> finite_number(const YAML::Node& body, const char* key) {
        const auto value = yaml_.number(body, key);
        if (value && !std::isfinite(*value)) {
            yaml_.error(body[key], std::string("'") + key + "' must be a finite number");
            return std::nullopt;
        }
        return value;
    }

    bool parse_inputs(const YAML::Node& root, DecisionTable& table) {
        if (!expect_named_entries(root, "inputs", "input", kMaxDecisionInputs, table.inputs_where)) return false;
        std::set<std::string> seen;
        for (const auto& entry : root["inputs"]) {
            if (!check_name(entry.first, "input", seen)) continue;
            const std::size_t errors_before = yaml_.error_count();
            DecisionInput input;
            input.name = entry.first.Scalar();
            input.where = yaml_.where(entry.first);
            const std::string what = "input '" + input.name + "'";
            const YAML::Node body = entry.second;
            if (!yaml_.expect_map(body, what)) {
                unsure_.insert("input " + input.name);
                table.inputs.push_back(std::move(input));
                continue;
            }
            yaml_.reject_unknown_keys(body, what, {"label", "type", "values", "labels", "min", "max"});
            input.label = yaml_.string(body, "label", true).value_or(input.name);
            const auto type = yaml_.string(body, "type", false);
            input.numeric = type && *type == "number";
            if (type && !input.numeric) {
                // Which other keys it may have depends on the type it was meant to have.
                yaml_.error(body["type"], "unknown input type '" + *type +
                                              "' (the one type is number; an input with 'values' needs no type)");
            } else if (input.numeric) {
                for (const char* key : {"values", "labels"})
                    if (body[key]) yaml_.error(body[key], std::string("'") + key + "' is not for numeric inputs");
                input.min = finite_number(body, "min");
                input.max = finite_number(body, "max");
                if (input.min && input.max && *input.min > *input.max)
                    yaml_.error(body["min"], "'min' of " + what + " is above its 'max'");
            } else {
                for (const char* key : {"min", "max"})
                    if (body[key]) yaml_.error(body[key], std::string("'") + key + "' is only for numeric inputs (type: number)");
                if (!body["values"])
                    yaml_.error(body, what + " needs 'values' (or type: number)");
                else
                    input.values = parse_values(body, what);
                input.labels = parse_labels(body, input.values, what);
            }
            if (yaml_.error_count() != errors_before) unsure_.insert("input " + input.name);
            table.inputs.push_back(std::move(input));
        }
        return true;
    }

    bool parse_outputs(const YAML::Node& root, DecisionTable& table) {
        SourceLocation outputs_where;
        if (!expect_named_entries(root, "outputs", "output", kMaxDecisionOutputs, outputs_where)) return false;
        std::set<std::string> seen;
        for (const auto& entry : root["outputs"]) {
            if (!check_name(entry.first, "output", seen)) continue;
            const std::size_t errors_before = yaml_.error_count();
            DecisionOutput output;
            output.name = entry.first.Scalar();
            output.where = yaml_.where(entry.first);
            const std::string what = "output '" + output.name + "'";
            const YAML::Node body = entry.second;
            if (!yaml_.expect_map(body, what)) {
                unsure_.insert("output " + output.name);
                table.outputs.push_back(std::move(output));
                continue;
            }
            yaml_.reject_unknown_keys(body, what, {"label", "values", "labels"});
            output.label = yaml_.string(body, "label", true).value_or(output.name);
            if (body["values"]) output.values = parse_values(body, what);
            if (body["labels"] && !body["values"])
                yaml_.error(body["labels"], "'labels' of " + what + " needs 'values'");
            else
                output.labels = parse_labels(body, output.values, what);
            if (yaml_.error_count() != errors_before) unsure_.insert("output " + output.name);
            table.outputs.push_back(std::move(output));
        }
        return true;
    }

    void parse_rows(const YAML::Node& root, DecisionTable& table) {
        const YAML::Node rows = root["rows"];
        if (!rows) {
            yaml_.error(root, "missing required key 'rows'");
            return;
        }
        table.rows_where = key_where(root, "rows");
        if (!rows.IsSequence()) {
            yaml_.error(rows, "'rows' must be a list of {when, then}");
            return;
        }
        if (rows.size() == 0) {
            yaml_.error(rows, "'rows' must have at least one row");
            return;
        }
        if (rows.size() > kMaxDecisionRows) {
            yaml_.error(table.rows_where, "'rows' has " + std::to_string(rows.size()) + " rows; at most " +
                                              std::to_string(kMaxDecisionRows) + " are allowed");
            return;
        }
        for (const auto& item : rows) {
            DecisionRow row;
            row.where = yaml_.where(item);
            const std::string what = "row " + std::to_string(table.rows.size() + 1);
            if (yaml_.expect_map(item, what)) {
                yaml_.reject_unknown_keys(item, what, {"when", "then", "note"});
                row.note = yaml_.string(item, "note", false).value_or("");
                parse_when(item["when"], table, row);
                parse_then(item, what, table, row);
            }
            table.rows.push_back(std::move(row));
        }
    }

    void parse_when(const YAML::Node& when, const DecisionTable& table, DecisionRow& row) {
        row.when.resize(table.inputs.size());
        for (auto& condition : row.when) condition.where = row.where;
        if (!when || !yaml_.expect_map(when, "'when'")) return;
        for (const auto& entry : when) {
            const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
            const auto input = std::find_if(table.inputs.begin(), table.inputs.end(),
                                            [&](const DecisionInput& i) { return i.name == name; });
            if (input == table.inputs.end()) {
                std::vector<std::string> names;
                for (const auto& i : table.inputs) names.push_back(i.name);
                yaml_.error(entry.first, "unknown input '" + name + "' in 'when' (inputs: " + joined(names) + ")");
                continue;
            }
            // A condition on an input that is itself wrong would only repeat its error.
            if (unsure_.count("input " + name)) continue;
            row.when[static_cast<std::size_t>(input - table.inputs.begin())] = parse_condition(*input, entry.second);
        }
    }

    DecisionCondition parse_condition(const DecisionInput& input, const YAML::Node& node) {
        DecisionCondition condition;
        condition.where = yaml_.where(node);
        if (node.IsScalar() && node.Scalar() == "-") return condition;
        condition.any = false;
        if (input.numeric)
            read_numeric_condition(input, node, condition);
        else
            read_value_condition(input, node, condition);
        return condition;
    }

    void read_value_condition(const DecisionInput& input, const YAML::Node& node, DecisionCondition& condition) {
        std::vector<YAML::Node> items;
        if (node.IsScalar()) {
            items.push_back(node);
        } else if (node.IsSequence() && node.size() > 0) {
            for (const auto& item : node) items.push_back(item);
        } else {
            yaml_.error(node, "a condition on input '" + input.name + "' must be one of its values, a list of them or \"-\"");
            return;
        }
        for (const auto& item : items) {
            const std::string value = item.IsScalar() ? item.Scalar() : "";
            const auto index = item.IsScalar() ? input.value_index(value) : std::nullopt;
            if (!index) {
                yaml_.error(item, "'" + value + "' is not a value of input '" + input.name + "' (values: " +
                                      joined(input.values) + ")");
                continue;
            }
            if (std::find(condition.values.begin(), condition.values.end(), *index) == condition.values.end())
                condition.values.push_back(*index);
        }
        std::sort(condition.values.begin(), condition.values.end());
    }

    void read_numeric_condition(const DecisionInput& input, const YAML::Node& node, DecisionCondition& condition) {
        const auto range = node.IsScalar() ? parse_numeric_condition(node.Scalar()) : std::nullopt;
        if (!range) {
            yaml_.error(node, "'" + (node.IsScalar() ? node.Scalar() : std::string("...")) +
                                  "' is not a numeric condition on input '" + input.name +
                                  "' (expected a number, a comparison like \">= 85\" or an interval like \"[75..85)\", in quotes)");
            return;
        }
        condition.range = *range;
        if (range->empty()) {
            yaml_.error(node, "interval '" + node.Scalar() + "' of input '" + input.name + "' holds no number");
            return;
        }
        NumericRange allowed;
        if (input.min) allowed.low = NumericBound{*input.min, true};
        if (input.max) allowed.high = NumericBound{*input.max, true};
        const auto outside = [&](const std::optional<NumericBound>& end) {
            return end && !allowed.contains(end->value);
        };
        if (outside(range->low) || outside(range->high) || range->intersect(allowed).empty())
            yaml_.error(node, "condition '" + node.Scalar() + "' is outside the range of input '" + input.name + "' " +
                                  allowed.to_string());
    }

    void parse_then(const YAML::Node& item, const std::string& what, const DecisionTable& table, DecisionRow& row) {
        const YAML::Node then = item["then"];
        row.then.assign(table.outputs.size(), nlohmann::json());
        if (!then) {
            yaml_.error(item, what + " has no 'then' (the outputs it gives)");
            return;
        }
        if (!yaml_.expect_map(then, "'then'")) return;
        std::vector<bool> set(table.outputs.size(), false);
        for (const auto& entry : then) {
            const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
            const auto output = std::find_if(table.outputs.begin(), table.outputs.end(),
                                             [&](const DecisionOutput& o) { return o.name == name; });
            if (output == table.outputs.end()) {
                std::vector<std::string> names;
                for (const auto& o : table.outputs) names.push_back(o.name);
                yaml_.error(entry.first, "unknown output '" + name + "' in 'then' (outputs: " + joined(names) + ")");
                continue;
            }
            const auto index = static_cast<std::size_t>(output - table.outputs.begin());
            set[index] = true;
            if (!unsure_.count("output " + name)) row.then[index] = parse_output_value(*output, entry.second);
        }
        for (std::size_t i = 0; i < table.outputs.size(); ++i) {
            if (!set[i]) yaml_.error(then, what + " does not set output '" + table.outputs[i].name + "'");
        }
    }

    nlohmann::json parse_output_value(const DecisionOutput& output, const YAML::Node& node) {
        if (!node.IsScalar()) {
            yaml_.error(node, "the value of output '" + output.name + "' must be a single value");
            return nullptr;
        }
        if (!output.values.empty()) {
            if (std::find(output.values.begin(), output.values.end(), node.Scalar()) == output.values.end()) {
                yaml_.error(node, "'" + node.Scalar() + "' is not a value of output '" + output.name + "' (values: " +
                                      joined(output.values) + ")");
                return nullptr;
            }
            return node.Scalar();
        }
        nlohmann::json value = yaml_to_json(node);
        const bool usable = value.is_string() || (value.is_number() && std::isfinite(value.get<double>()));
        if (!usable) {
            yaml_.error(node, "the value of output '" + output.name + "' must be a number or a string");
            return nullptr;
        }
        return value;
    }

    YamlReader yaml_;
    std::vector<Diagnostic>& errors_;
    // "input x" or "output y" whose definition has an error: rows are not
    // checked against it.
    std::set<std::string> unsure_;
};

}  // namespace

std::shared_ptr<const DecisionTable> parse_decision_table(const std::string& text, const std::string& label,
                                                          std::vector<Diagnostic>& errors,
                                                          const std::optional<ExpectedTableId>& expected) {
    return DecisionTableParser(label, errors).parse(text, expected);
}

std::shared_ptr<const DecisionTable> load_decision_table_file(const std::filesystem::path& file,
                                                              std::vector<Diagnostic>& errors,
                                                              const std::optional<ExpectedTableId>& expected) {
    std::string text;
    try {
        text = read_file(file);
    } catch (const std::exception& e) {
        errors.push_back({{file.string(), 0, 0}, e.what()});
        return nullptr;
    }
    return parse_decision_table(text, file.string(), errors, expected);
}

}  // namespace tata
