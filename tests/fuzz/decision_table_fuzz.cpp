// libFuzzer target for decision tables as the rules loader reads them
// (rules/nasional/keputusan/*.yaml, a regency's decision_tables): YAML
// limits, parsing, the gap, overlap and hidden-row checks, then deciding.
// Invariants: a table or diagnostics, never a crash; a table that passed
// the checks decides its first and its last combination of values (no gap,
// no overlap under unique) and explains it in text JSON can hold; an empty
// input is refused with a DecisionError. Links: tata::engine.
#include "rules/decision_table_parser.hpp"

#include <tata/decision_table.hpp>

#include <cstdint>
#include <cstdlib>

using namespace tata;

namespace {

// The first (or last) value of every input: enumerated values in order,
// numeric inputs at their min (max) or at 0 when unbounded.
nlohmann::json corner(const DecisionTable& table, bool last) {
    nlohmann::json inputs = nlohmann::json::object();
    for (const auto& input : table.inputs) {
        if (!input.numeric)
            inputs[input.name] = last ? input.values.back() : input.values.front();
        else if (last && input.max)
            inputs[input.name] = *input.max;
        else if (!last && input.min)
            inputs[input.name] = *input.min;
        else
            inputs[input.name] = input.min.value_or(input.max.value_or(0.0));
    }
    return inputs;
}

void decide_or_abort(const DecisionTable& table, const nlohmann::json& inputs) {
    try {
        const DecisionResult result = table.decide(inputs);
        if (result.row == 0 || result.row > table.rows.size()) std::abort();
        (void)result.record(table.title).dump();  // throws on text that is not UTF-8
    } catch (const DecisionError&) {
        std::abort();  // the checks promised a row for every combination
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<Diagnostic> errors;
    const auto table = parse_decision_table(text, "fuzz.yaml", errors);
    if (!table) {
        if (errors.empty()) std::abort();  // a refusal always says why
        return 0;
    }
    if (!errors.empty()) std::abort();
    decide_or_abort(*table, corner(*table, false));
    decide_or_abort(*table, corner(*table, true));
    try {
        table->decide(nlohmann::json::object());
        std::abort();  // every table has an input, and none was given
    } catch (const DecisionError&) {
    }
    return 0;
}
