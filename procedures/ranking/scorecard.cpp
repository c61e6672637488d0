#include "ranking/scorecard.hpp"

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

}  // namespace

std::string read_rules_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw RulesFileError(file.string() + ": error: cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Scorecard Scorecard::load(const std::filesystem::path& file, std::shared_ptr<ExpressionEngine> expressions) {
    return parse(read_rules_file(file), file.string(), std::move(expressions));
}

Scorecard Scorecard::parse(const std::string& text, const std::string& file_name,
                           std::shared_ptr<ExpressionEngine> expressions) {
    Problems problems(file_name);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        problems.add(e.mark.line, e.mark.column, e.msg);
        problems.throw_if_any();
    }
    Scorecard card;
    card.file_ = file_name;
    card.expressions_ = expressions ? std::move(expressions) : ExpressionEngine::create();
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
                if (key != "id" && key != "label" && key != "when" && key != "points")
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
    for (const auto& rule : card.rules_) conditions.push_back(rule.when.empty() ? "true" : rule.when);
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

double Scorecard::points(std::uint64_t mask) const {
    double total = 0;
    for (std::size_t i = 0; i < rules_.size(); ++i)
        if (mask >> i & 1) total += rules_[i].points;
    return total;
}

std::vector<Contribution> Scorecard::contributions(std::uint64_t mask) const {
    std::vector<Contribution> out;
    for (std::size_t i = 0; i < rules_.size(); ++i)
        if (mask >> i & 1) out.push_back({rules_[i].id, rules_[i].label, rules_[i].points});
    return out;
}

double Scorecard::score(const nlohmann::json& record, std::vector<Contribution>* contributions_out) const {
    const std::uint64_t mask = matches(values_of(record));
    if (contributions_out) {
        auto found = contributions(mask);
        contributions_out->insert(contributions_out->end(), found.begin(), found.end());
    }
    return points(mask);
}

}  // namespace tata::ranking
