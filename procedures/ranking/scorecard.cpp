#include "ranking/scorecard.hpp"

#include <tata/yaml_json.hpp>
#include <tata/yaml_limits.hpp>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace tata::ranking {
namespace {

// FILE:LINE:COL: error: message, collected over one pass.
class Problems {
public:
    explicit Problems(std::string file) : file_(std::move(file)) {}
    void add(const YAML::Node& node, const std::string& message) {
        const auto mark = node.Mark();
        add(mark.line, mark.column, message);
    }
    void add(int line, int column, const std::string& message) {
        text_ += file_ + ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": error: " + message + "\n";
    }
    void throw_if_any() const {
        if (!text_.empty()) throw RulesFileError(text_.substr(0, text_.size() - 1));
    }

private:
    std::string file_;
    std::string text_;
};

// Fills a rule written with `scorer:`; mistakes go to `problems`.
void parse_scorer_rule(const YAML::Node& node, ScoreRule& rule, const ScorerHost& host, Problems& problems) {
    const YAML::Node name = node["scorer"];
    rule.scorer = name.IsScalar() ? name.as<std::string>() : "";
    for (const char* key : {"when", "points"})
        if (node[key]) problems.add(node[key], std::string("a rule with `scorer` takes no `") + key + "`: the scorer decides");
    if (rule.scorer.find('.') == std::string::npos) {
        problems.add(name, "`scorer` must be written plugin.scorer");
    } else if (!host.plugins || !host.plugins->has_scorer(rule.scorer)) {
        problems.add(name, "unknown scorer '" + rule.scorer + "': no loaded plugin provides it");
    }
    if (const YAML::Node args = node["args"]) {
        if (!args.IsMap()) problems.add(args, "`args` must be a mapping");
        else rule.args_json = yaml_to_json(args).dump();
    }
}


}  // namespace

std::string read_rules_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw RulesFileError(file.string() + ": error: cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Scorecard Scorecard::load(const std::filesystem::path& file, std::shared_ptr<ExpressionEngine> expressions,
                          ScorerHost host) {
    return parse(read_rules_file(file), file.string(), std::move(expressions), std::move(host));
}

Scorecard Scorecard::parse(const std::string& text, const std::string& file_name,
                           std::shared_ptr<ExpressionEngine> expressions, ScorerHost host) {
    Problems problems(file_name);
    YAML::Node root;
    if (const auto refused = check_yaml_limits(text)) {
        problems.add(refused->line - 1, refused->column - 1, refused->message);
        problems.throw_if_any();
    }
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        problems.add(e.mark.line, e.mark.column, e.msg);
        problems.throw_if_any();
    }
    Scorecard card;
    card.file_ = file_name;
    card.expressions_ = expressions ? std::move(expressions) : ExpressionEngine::create();
    card.host_ = std::move(host);
    if (!root.IsMap()) {
        problems.add(root, "a scorecard must be a mapping with `rules` and optional `tie_breaks`");
        problems.throw_if_any();
    }
    for (const auto& entry : root) {
        const auto key = entry.first.as<std::string>();
        if (key != "rules" && key != "tie_breaks") problems.add(entry.first, "unknown key '" + key + "'");
    }
    const YAML::Node rules = root["rules"];
    if (!rules || !rules.IsSequence() || rules.size() == 0) {
        problems.add(rules ? rules : root, "`rules` must be a non-empty list");
    } else if (rules.size() > most_rules) {
        problems.add(rules, "at most " + std::to_string(most_rules) + " rules");
    } else {
        std::set<std::string> ids;
        for (const auto& node : rules) {
            if (!node.IsMap()) {
                problems.add(node, "a rule must be a mapping with id, label, when and points");
                continue;
            }
            for (const auto& entry : node) {
                const auto key = entry.first.as<std::string>();
                if (key != "id" && key != "label" && key != "when" && key != "points" && key != "scorer" && key != "args")
                    problems.add(entry.first, "unknown key '" + key + "' in a rule");
            }
            ScoreRule rule;
            const auto string_of = [&](const char* key, bool required) -> std::string {
                const YAML::Node value = node[key];
                if (!value) {
                    if (required) problems.add(node, std::string("a rule needs `") + key + "`");
                    return {};
                }
                if (!value.IsScalar() || value.as<std::string>().empty()) {
                    problems.add(value, std::string("`") + key + "` must be a non-empty string");
                    return {};
                }
                return value.as<std::string>();
            };
            rule.id = string_of("id", true);
            rule.label = string_of("label", true);
            rule.when = string_of("when", false);
            if (!rule.id.empty() && !ids.insert(rule.id).second) problems.add(node["id"], "duplicate rule id '" + rule.id + "'");
            if (node["scorer"]) {
                parse_scorer_rule(node, rule, card.host_, problems);
                card.has_scorers_ = true;
                card.rules_.push_back(std::move(rule));
                continue;
            }
            if (node["args"]) problems.add(node["args"], "`args` belongs to a rule with `scorer`");
            const YAML::Node points = node["points"];
            if (!points) {
                problems.add(node, "a rule needs `points`");
            } else {
                try {
                    rule.points = points.as<double>();
                } catch (const YAML::Exception&) {
                    problems.add(points, "`points` must be a number");
                }
            }
            if (!rule.when.empty()) {
                try {
                    rule.condition = card.expressions_->compile(rule.when);
                } catch (const ExpressionCompileError& e) {
                    problems.add(node["when"], std::string("in `when`: ") + e.what());
                }
            }
            card.rules_.push_back(std::move(rule));
        }
    }
    if (const YAML::Node ties = root["tie_breaks"]) {
        if (!ties.IsSequence()) {
            problems.add(ties, "`tie_breaks` must be a list of {field, order}");
        } else {
            if (ties.size() > most_tie_breaks)
                problems.add(ties, "at most " + std::to_string(most_tie_breaks) + " tie-breaks");
            for (const auto& node : ties) {
                if (!node.IsMap() || !node["field"] || !node["field"].IsScalar()) {
                    problems.add(node, "a tie-break needs `field`");
                    continue;
                }
                TieBreak tie;
                tie.field = node["field"].as<std::string>();
                if (const YAML::Node order = node["order"]) {
                    const std::string value = order.IsScalar() ? order.as<std::string>() : "";
                    if (value == "desc")
                        tie.descending = true;
                    else if (value != "asc")
                        problems.add(order, "`order` must be asc or desc");
                }
                card.tie_breaks_.push_back(std::move(tie));
            }
        }
    }
    problems.throw_if_any();
    std::vector<std::string> conditions;
    for (const auto& rule : card.rules_)
        conditions.push_back(!rule.scorer.empty() ? "false" : rule.when.empty() ? "true" : rule.when);
    try {
        card.conditions_ = card.expressions_->compile_conditions(worker_columns(), conditions);
    } catch (const ExpressionCompileError& e) {
        problems.add(root, std::string("the rules do not compile together: ") + e.what());
    }
    problems.throw_if_any();
    return card;
}

std::uint64_t Scorecard::matches(const WorkerValues& values) const {
    try {
        return conditions_.test(values);
    } catch (const ConditionError& e) {
        const FieldValue& nik = values[column::nik];
        const std::string who = nik.kind == FieldKind::text ? std::string(nik.text) : std::string("?");
        if (e.condition() < rules_.size())
            throw std::runtime_error(file_ + ": rule '" + rules_[e.condition()].id + "' failed for NIK " + who + ": " +
                                     e.what());
        throw std::runtime_error(file_ + ": the rules failed for NIK " + who + ": " + e.what());
    }
}

void Scorecard::set_points(const std::string& rule_id, double points) {
    for (auto& rule : rules_) {
        if (rule.id != rule_id) continue;
        if (!rule.scorer.empty())
            throw RulesFileError(file_ + ": error: rule '" + rule_id + "' is scored by the plugin " + rule.scorer +
                                 "; change its args in the scorecard instead of its points");
        rule.points = points;
        return;
    }
    throw RulesFileError(file_ + ": error: the scorecard has no rule '" + rule_id + "'");
}

double Scorecard::points(std::uint64_t mask) const {
    double total = 0;
    for (std::size_t i = 0; i < rules_.size(); ++i)
        if (mask >> i & 1) total += rules_[i].points;
    return total;
}

ScoreOutcome Scorecard::run_scorer(const ScoreRule& rule, const WorkerValues& values) const {
    // The record as the plugin ABI carries it: names and typed values, made
    // once per call into a buffer kept by the thread.
    thread_local std::vector<ScorerField> fields(column::count);
    const auto& names = worker_columns();
    for (std::size_t i = 0; i < column::count; ++i) {
        const FieldValue& value = values[i];
        ScorerField& field = fields[i];
        field.name = names[i].c_str();
        field.text = {};
        field.number = 0;
        switch (value.kind) {
            case FieldKind::text: field.kind = ScorerField::Text; field.text = value.text; break;
            case FieldKind::integer:
            case FieldKind::number: field.kind = ScorerField::Number; field.number = value.as_double(); break;
            case FieldKind::null: field.kind = ScorerField::Null; break;
        }
    }
    ScoreOutcome outcome = host_.plugins->score(
        rule.scorer, {host_.regency, fields.data(), fields.size(), &rule.args_json, &host_.regency_settings_json});
    if (!outcome.ok) {
        const FieldValue& nik = values[column::nik];
        throw std::runtime_error(file_ + ": rule '" + rule.id + "' failed for NIK " +
                                 (nik.kind == FieldKind::text ? std::string(nik.text) : std::string("?")) + ": " +
                                 outcome.reason);
    }
    return outcome;
}

double Scorecard::scorer_points(const WorkerValues& values) const {
    if (!has_scorers_) return 0;
    double total = 0;
    for (const auto& rule : rules_)
        if (!rule.scorer.empty()) total += run_scorer(rule, values).points;
    return total;
}

std::vector<Contribution> Scorecard::contributions(std::uint64_t mask, const WorkerValues& values) const {
    std::vector<Contribution> out;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const ScoreRule& rule = rules_[i];
        if (rule.scorer.empty()) {
            if (mask >> i & 1) out.push_back({rule.id, rule.label, rule.points});
            continue;
        }
        const ScoreOutcome scored = run_scorer(rule, values);
        if (scored.points != 0)
            out.push_back({rule.id, scored.reason.empty() ? rule.label : rule.label + ": " + scored.reason, scored.points});
    }
    return out;
}

double Scorecard::score(const nlohmann::json& record, std::vector<Contribution>* contributions_out) const {
    const WorkerValues values = values_of(record);
    const std::uint64_t mask = matches(values);
    if (contributions_out) {
        auto found = contributions(mask, values);
        contributions_out->insert(contributions_out->end(), found.begin(), found.end());
    }
    return points(mask) + scorer_points(values);
}


}  // namespace tata::ranking
