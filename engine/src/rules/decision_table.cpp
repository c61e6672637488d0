// The decision table model and its evaluation (tata/decision_table.hpp).
// Parsing is in decision_table_parser.cpp, the load-time checks in
// decision_table_check.cpp.
#include "tata/decision_table.hpp"

#include <algorithm>
#include <cmath>

namespace tata {
namespace {

std::string quoted_list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "" : ", ") + value;
    return out;
}

std::string table_prefix(const DecisionTable& table) { return "tabel keputusan '" + table.id + "': "; }

bool condition_matches(const DecisionInput& input, const DecisionCondition& condition, const nlohmann::json& value) {
    if (condition.any) return true;
    if (input.numeric) return value.is_number() && condition.range.contains(value.get<double>());
    if (!value.is_string()) return false;
    const auto index = input.value_index(value.get_ref<const std::string&>());
    return index && std::find(condition.values.begin(), condition.values.end(), *index) != condition.values.end();
}

// The input's value from `inputs`, refused with a message officers can act on.
const nlohmann::json& checked_value(const DecisionTable& table, const DecisionInput& input,
                                    const nlohmann::json& inputs) {
    const auto it = inputs.is_object() ? inputs.find(input.name) : inputs.end();
    if (!inputs.is_object() || it == inputs.end() || it->is_null())
        throw DecisionError(table_prefix(table) + "masukan '" + input.name + "' (" + input.label + ") belum diisi");
    const nlohmann::json& value = *it;
    if (input.numeric) {
        if (!value.is_number() || !std::isfinite(value.get<double>()))
            throw DecisionError(table_prefix(table) + "masukan '" + input.name + "' harus angka, bukan " + value.dump());
        const double x = value.get<double>();
        if ((input.min && x < *input.min) || (input.max && x > *input.max)) {
            NumericRange allowed;
            if (input.min) allowed.low = NumericBound{*input.min, true};
            if (input.max) allowed.high = NumericBound{*input.max, true};
            throw DecisionError(table_prefix(table) + "masukan '" + input.name + "' = " + decision_value_text(value) +
                                " di luar rentang " + allowed.to_string());
        }
        return value;
    }
    if (!value.is_string() || !input.value_index(value.get_ref<const std::string&>()))
        throw DecisionError(table_prefix(table) + "nilai " + (value.is_string() ? "'" + value.get<std::string>() + "'" : value.dump()) +
                            " untuk masukan '" + input.name + "' tidak dikenal (pilihan: " + quoted_list(input.values) +
                            ")");
    return value;
}

std::string number_text(double x) {
    if (std::abs(x) < 1e15 && x == std::floor(x)) return std::to_string(static_cast<long long>(x));
    return nlohmann::json(x).dump();
}

}  // namespace

std::string to_string(HitPolicy policy) { return policy == HitPolicy::first ? "first" : "unique"; }

bool NumericRange::contains(double x) const {
    if (low && (x < low->value || (x == low->value && !low->inclusive))) return false;
    if (high && (x > high->value || (x == high->value && !high->inclusive))) return false;
    return true;
}

bool NumericRange::empty() const {
    if (!low || !high) return false;
    return low->value > high->value || (low->value == high->value && !(low->inclusive && high->inclusive));
}

NumericRange NumericRange::intersect(const NumericRange& other) const {
    NumericRange out = *this;
    // The tighter low end: the larger value, or at equal values the exclusive one.
    if (other.low && (!out.low || other.low->value > out.low->value ||
                      (other.low->value == out.low->value && !other.low->inclusive)))
        out.low = other.low;
    if (other.high && (!out.high || other.high->value < out.high->value ||
                       (other.high->value == out.high->value && !other.high->inclusive)))
        out.high = other.high;
    return out;
}

std::string NumericRange::to_string() const {
    if (!low && !high) return "-";
    if (low && high) {
        if (low->value == high->value && low->inclusive && high->inclusive) return "= " + number_text(low->value);
        return std::string(low->inclusive ? "[" : "(") + number_text(low->value) + ".." + number_text(high->value) +
               (high->inclusive ? "]" : ")");
    }
    if (low) return std::string(low->inclusive ? ">= " : "> ") + number_text(low->value);
    return std::string(high->inclusive ? "<= " : "< ") + number_text(high->value);
}

std::string decision_value_text(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return value.dump();
    if (value.is_number()) return number_text(value.get<double>());
    return value.dump();
}

std::string DecisionInput::value_label(const std::string& value) const {
    const auto it = labels.find(value);
    return it == labels.end() ? value : it->second;
}

std::optional<std::size_t> DecisionInput::value_index(const std::string& value) const {
    const auto it = std::find(values.begin(), values.end(), value);
    if (it == values.end()) return std::nullopt;
    return static_cast<std::size_t>(it - values.begin());
}

std::string DecisionOutput::value_label(const std::string& value) const {
    const auto it = labels.find(value);
    return it == labels.end() ? value : it->second;
}

nlohmann::json DecisionResult::record(const std::string& table_title) const {
    nlohmann::json out = {{"tabel", table_title},
                          {"baris", row},
                          {"masukan", inputs},
                          {"hasil", outputs},
                          {"label_masukan", input_labels},
                          {"label_hasil", output_labels},
                          {"keterangan", explanation}};
    if (!note.empty()) out["catatan"] = note;
    return out;
}

const DecisionInput* DecisionTable::find_input(const std::string& name) const {
    for (const auto& input : inputs)
        if (input.name == name) return &input;
    return nullptr;
}

const DecisionOutput* DecisionTable::find_output(const std::string& name) const {
    for (const auto& output : outputs)
        if (output.name == name) return &output;
    return nullptr;
}

std::string DecisionTable::input_label(const std::string& input, const std::string& value) const {
    const DecisionInput* found = find_input(input);
    return found ? found->value_label(value) : value;
}

std::string DecisionTable::output_label(const std::string& output, const std::string& value) const {
    const DecisionOutput* found = find_output(output);
    return found ? found->value_label(value) : value;
}

bool DecisionTable::row_matches(std::size_t row, const nlohmann::json& values) const {
    if (row >= rows.size() || !values.is_object()) return false;
    const DecisionRow& candidate = rows[row];
    for (std::size_t i = 0; i < inputs.size() && i < candidate.when.size(); ++i) {
        const auto it = values.find(inputs[i].name);
        if (it == values.end()) {
            if (!candidate.when[i].any) return false;
            continue;
        }
        if (!condition_matches(inputs[i], candidate.when[i], *it)) return false;
    }
    return true;
}

DecisionResult DecisionTable::decide(const nlohmann::json& values) const {
    DecisionResult result;
    for (const auto& input : inputs) result.inputs[input.name] = checked_value(*this, input, values);

    std::optional<std::size_t> chosen;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        if (!row_matches(row, result.inputs)) continue;
        if (!chosen) {
            chosen = row;
            if (hit_policy == HitPolicy::first) break;
            continue;
        }
        // Only a table that skipped the load checks gets here.
        throw DecisionError(table_prefix(*this) + "baris " + std::to_string(*chosen + 1) + " dan " +
                            std::to_string(row + 1) + " sama-sama cocok");
    }

    if (!chosen) {
        std::string given;
        for (const auto& input : inputs)
            given += (given.empty() ? "" : ", ") + input.name + " = " + decision_value_text(result.inputs[input.name]);
        throw DecisionError(table_prefix(*this) + "tidak ada baris yang cocok untuk " + given);
    }

    const DecisionRow& row = rows[*chosen];
    result.row = *chosen + 1;
    result.note = row.note;
    std::string inputs_text, outputs_text;
    for (const auto& input : inputs) {
        const std::string value = decision_value_text(result.inputs[input.name]);
        result.input_labels[input.name] = input.value_label(value);
        inputs_text += (inputs_text.empty() ? "" : "; ") + input.label + ": " + input.value_label(value);
    }
    for (std::size_t i = 0; i < outputs.size() && i < row.then.size(); ++i) {
        result.outputs[outputs[i].name] = row.then[i];
        const std::string value = decision_value_text(row.then[i]);
        result.output_labels[outputs[i].name] = outputs[i].value_label(value);
        outputs_text += (outputs_text.empty() ? "" : "; ") + outputs[i].label + ": " + outputs[i].value_label(value);
    }
    result.explanation = inputs_text + " → " + outputs_text + " (baris " + std::to_string(result.row) + ")";
    return result;
}

}  // namespace tata
