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

int compare_values(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>(), y = b.get<double>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    const std::string x = a.is_string() ? a.get<std::string>() : a.dump();
    const std::string y = b.is_string() ? b.get<std::string>() : b.dump();
    return x.compare(y) < 0 ? -1 : (x == y ? 0 : 1);
}

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
    return card;
}

double Scorecard::score(const nlohmann::json& record, std::vector<Contribution>* contributions) const {
    ExpressionScope scope;
    scope.data = &record;
    double total = 0;
    for (const auto& rule : rules_) {
        bool holds = true;
        if (rule.condition.valid()) {
            try {
                holds = rule.condition.test(scope);
            } catch (const ExpressionError& e) {
                throw std::runtime_error(file_ + ": rule '" + rule.id + "' failed for NIK " +
                                         record.value("nik", std::string("?")) + ": " + e.what());
            }
        }
        if (!holds) continue;
        total += rule.points;
        if (contributions) contributions->push_back({rule.id, rule.label, rule.points});
    }
    return total;
}

int Scorecard::compare_ties(const nlohmann::json& a, const nlohmann::json& b) const {
    static const nlohmann::json null_value;
    for (const auto& tie : tie_breaks_) {
        const auto ia = a.find(tie.field), ib = b.find(tie.field);
        const nlohmann::json& x = ia == a.end() ? null_value : *ia;
        const nlohmann::json& y = ib == b.end() ? null_value : *ib;
        if (x.is_null() || y.is_null()) {
            if (x.is_null() && y.is_null()) continue;
            return x.is_null() ? 1 : -1;  // nulls last
        }
        const int c = compare_values(x, y);
        if (c != 0) return tie.descending ? -c : c;
    }
    return compare_values(a.value("nik", std::string()), b.value("nik", std::string()));
}

}  // namespace tata::ranking
