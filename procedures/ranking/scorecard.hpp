// A regency's prioritization scorecard: rules/<code>/prioritization.yaml.
//
//   rules:
//     - {id: pendidikan_s1, label: "Berpendidikan S1 ke atas", when: "pendidikan == 'S1'", points: 10}
//   tie_breaks:
//     - {field: nilai_kinerja, order: desc}
//
// A rule adds its points when `when` (a sandboxed Lua expression over the
// worker's fields) holds; a rule without `when` always applies. A rule can
// instead name a plugin scorer, for a policy the expressions cannot say (for
// Kapuas: education and health workers by qualification):
//     - {id: keahlian, label: "Keahlian", scorer: kapuas.keahlian, args: {poin_memenuhi: 10}}
// The scorer gets the flat worker record and `args`, and answers the points
// and a reason, which becomes part of the worker's explanation. Tie-breaks
// order workers with equal points; the last tie-break is always NIK
// ascending, so a ranking is deterministic. Each `when` is compiled once, and
// all of them together into one function over the flat worker record
// (worker_record.hpp): a worker costs one Lua call whatever the number of
// rules, and explanations are rebuilt from the bitmask of the rules that held.
#pragma once

#include "ranking/worker_record.hpp"

#include <tata/expression.hpp>
#include <tata/plugin_host.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace tata::ranking {

// A scorecard or formasi file that cannot be used; what() holds one
// "FILE:LINE:COL: error: message" line per mistake.
class RulesFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The whole text of a rules file (scorecard, formasi); RulesFileError naming
// it when it cannot be read.
std::string read_rules_file(const std::filesystem::path& file);

struct ScoreRule {
    std::string id;
    std::string label;  // Bahasa Indonesia, shown to officers and workers
    std::string when;   // empty: always applies
    double points = 0;
    CompiledExpression condition;
    std::string scorer;           // plugin.scorer; then `when` and `points` are unused
    std::string args_json = "{}";  // the rule's `args:`, as the scorer receives them
};

// What scorer rules need: the loaded plugins and the regency whose settings
// the scorers read.
struct ScorerHost {
    std::shared_ptr<const PluginSet> plugins;
    std::string regency;
    std::string regency_settings_json = "{}";
};

struct TieBreak {
    std::string field;
    bool descending = false;
};

struct Contribution {
    std::string rule_id;
    std::string label;
    double points = 0;
};

class Scorecard {
public:
    static constexpr std::size_t most_rules = CompiledConditions::most;
    static constexpr std::size_t most_tie_breaks = 8;

    // Throws RulesFileError (with every mistake found) or, when the file
    // cannot be read, RulesFileError naming it.
    // A rule naming a scorer that `host` has no plugin for is an error.
    static Scorecard load(const std::filesystem::path& file, std::shared_ptr<ExpressionEngine> expressions = nullptr,
                          ScorerHost host = {});
    static Scorecard parse(const std::string& text, const std::string& file_name,
                           std::shared_ptr<ExpressionEngine> expressions = nullptr, ScorerHost host = {});

    const std::vector<ScoreRule>& rules() const { return rules_; }
    // Gives the expression rule `rule_id` other points (a planning
    // scenario's weights). RulesFileError for an unknown id or a scorer rule.
    void set_points(const std::string& rule_id, double points);
    const std::vector<TieBreak>& tie_breaks() const { return tie_breaks_; }
    const std::string& file() const { return file_; }
    // Whether C++ decides its rules' conditions, not Lua (docs/rules.md).
    bool native_conditions() const { return conditions_.native(); }

    // Bit i set when rule i applies to the worker. Throws std::runtime_error
    // naming the rule and the NIK when an expression fails on this record.
    std::uint64_t matches(const WorkerValues& values) const;
    // The points of the expression rules in `mask`.
    double points(std::uint64_t mask) const;
    // The points the scorer rules give the worker (0 without scorer rules).
    // Throws std::runtime_error naming the rule and the NIK when a scorer fails.
    double scorer_points(const WorkerValues& values) const;
    bool has_scorers() const { return has_scorers_; }
    // What each rule that gave points contributed, in rule order: the
    // expression rules in `mask` and the scorer rules (their reason joined
    // to the label).
    std::vector<Contribution> contributions(std::uint64_t mask, const WorkerValues& values) const;

    // The same for a record given as JSON (tests, single workers).
    double score(const nlohmann::json& record, std::vector<Contribution>* contributions = nullptr) const;

private:
    std::string file_;
    std::vector<ScoreRule> rules_;
    std::vector<TieBreak> tie_breaks_;
    std::shared_ptr<ExpressionEngine> expressions_;
    CompiledConditions conditions_;  // rule i is condition i ("true" without `when`, "false" for a scorer)
    ScorerHost host_;
    bool has_scorers_ = false;

    ScoreOutcome run_scorer(const ScoreRule& rule, const WorkerValues& values) const;
};

}  // namespace tata::ranking
