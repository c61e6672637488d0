#include "ranking/policy_check.hpp"

#include "performance/predikat_summary.hpp"

#include "ranking/formasi.hpp"
#include "ranking/generation_policy.hpp"
#include "ranking/ranking.hpp"

#include <algorithm>
#include <sstream>

namespace tata::ranking {
namespace {

void add_lines(std::vector<std::string>& errors, const std::string& text) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) errors.push_back(line);
}

}  // namespace

std::vector<std::string> check_ranking_policies(const std::shared_ptr<const DefinitionSet>& definitions) {
    std::vector<std::string> errors;
    for (const auto& [code, regency] : definitions->regencies) {
        // The predikat caps a report compares with: percents of predikat the
        // regency's table can give.
        std::vector<std::string> caps_problems;
        const auto caps = performance::distribution_caps(regency.settings, caps_problems);
        const DecisionTable* table = regency.find_decision_table(performance::kPredikatTable);
        const DecisionOutput* predikat = table ? table->find_output(performance::kPredikatOutput) : nullptr;
        for (const auto& [value, cap] : caps)
            if (predikat && !predikat->values.empty() &&
                std::find(predikat->values.begin(), predikat->values.end(), value) == predikat->values.end())
                caps_problems.push_back("settings.performance.distribution_caps: '" + value +
                                        "' is not a predikat of the table " + table->id);
        for (const auto& problem : caps_problems) errors.push_back(regency.where.file + ": error: " + problem);

        // A regency that names no scorecard and has none is not ranked yet.
        const bool named = regency.settings.contains("prioritization") &&
                           regency.settings["prioritization"].is_object() &&
                           regency.settings["prioritization"].contains("scorecard");
        const auto scorecard = scorecard_path(regency);
        if (!named && !std::filesystem::exists(scorecard)) continue;
        try {
            const auto files = generation_policy(definitions, regency);
            Scorecard parsed = Scorecard::parse(files->scorecard_text, files->scorecard_file.string(), nullptr,
                                                   {definitions->plugins, regency.code, regency.settings_json});
            // The adopted scenario's points must name rules this scorecard has.
            if (files->adopted)
                for (const auto& [rule, points] : files->adopted->changes.points) {
                    try {
                        parsed.set_points(rule, points);
                    } catch (const RulesFileError& e) {
                        errors.push_back(files->adopted->file.string() + ": error: `bobot`: " + e.what());
                    }
                }
        } catch (const RulesFileError& e) {
            add_lines(errors, e.what());
        }
    }
    return errors;
}

std::vector<std::string> reload_checked(Engine& engine) {
    std::vector<std::string> errors;
    try {
        auto next = load_definitions(engine.sources(), engine.expression_limits());
        errors = check_ranking_policies(next);
        if (errors.empty()) engine.reload(std::move(next));
    } catch (const ValidationError& e) {
        for (const auto& d : e.diagnostics()) errors.push_back(d.to_string());
    }
    return errors;
}

}  // namespace tata::ranking
