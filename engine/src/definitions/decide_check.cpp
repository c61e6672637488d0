#include "definitions/decide_check.hpp"

#include <algorithm>

namespace tata {
namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

// The mapped names of one table (shared by the regencies that use it).
void check_against_table(const DecideCall& call, const DecisionTable& table, std::vector<Diagnostic>& errors) {
    const std::string which = "decision table '" + table.id + "' (" + table.where.file + ")";
    for (const auto& [input, field] : call.inputs) {
        if (table.find_input(input)) continue;
        std::vector<std::string> names;
        for (const auto& known : table.inputs) names.push_back(known.name);
        errors.push_back({call.where, which + " has no input '" + input + "' (inputs: " + joined(names) + ")"});
    }
    for (const auto& [output, field] : call.outputs) {
        if (table.find_output(output)) continue;
        std::vector<std::string> names;
        for (const auto& known : table.outputs) names.push_back(known.name);
        errors.push_back({call.where, which + " has no output '" + output + "' (outputs: " + joined(names) + ")"});
    }
    for (const auto& output : table.outputs) {
        if (call.output_field(output.name) == "keputusan")
            errors.push_back({call.where, which + " output 'keputusan' would overwrite data.keputusan, which holds "
                                                  "the explanations of decisions: map it to another field in 'outputs'"});
    }
}

}  // namespace

void check_decide_tables(const Workflow& workflow, const std::map<std::string, Regency>& regencies,
                         std::vector<Diagnostic>& errors) {
    for (const auto& state : workflow.states) {
        for (const auto& call : state.decide) {
            std::vector<std::string> without;
            std::vector<const DecisionTable*> tables;  // each once: regencies share the national ones
            for (const auto& [code, regency] : regencies) {
                const DecisionTable* table = regency.find_decision_table(call.table);
                if (!table)
                    without.push_back(code);
                else if (std::find(tables.begin(), tables.end(), table) == tables.end())
                    tables.push_back(table);
            }
            if (!without.empty() && tables.empty()) {
                errors.push_back({call.where, "unknown decision table '" + call.table + "' in state '" + state.name +
                                                  "': no rules/nasional/keputusan/" + call.table +
                                                  ".yaml and no regency names it in decision_tables"});
                continue;
            }
            if (!without.empty())
                errors.push_back({call.where, "decision table '" + call.table + "' in state '" + state.name +
                                                  "' is not defined for regency " + joined(without) +
                                                  " (no rules/nasional/keputusan/" + call.table +
                                                  ".yaml beside it and not in its decision_tables)"});
            for (const DecisionTable* table : tables) check_against_table(call, *table, errors);
        }
    }
}

}  // namespace tata
