#include "notify/notification_rules.hpp"

#include "identity/user.hpp"

#include <tata/plugin_host.hpp>
#include <tata/yaml_limits.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace tata::server::notify {
namespace {

namespace fs = std::filesystem;

std::string place(const std::string& file, const YAML::Mark& mark) {
    return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": error: ";
}

std::string place(const std::string& file, int line, int column) {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
}

// Reads one rule; appends what is wrong with it to `problems`.
class RuleReader {
public:
    RuleReader(const std::string& file, std::vector<std::string>& problems) : file_(file), problems_(problems) {}

    std::optional<NotificationRule> read(const YAML::Node& node) {
        NotificationRule rule;
        rule.line = node.Mark().line + 1;
        rule.column = node.Mark().column + 1;
        if (!node.IsMap()) {
            fail(node, "a notification is a mapping (id, when, to, subject, body, ...)");
            return std::nullopt;
        }
        const std::size_t before = problems_.size();
        static const std::set<std::string> keys = {"id",    "when",  "workflow", "states",  "working_days_before",
                                                   "to",    "roles", "channels", "subject", "body", "digest"};
        for (const auto& entry : node) {
            const auto key = entry.first.Scalar();
            if (!keys.count(key))
                fail(entry.first, "unknown key `" + key.substr(0, 60) +
                                      "` (a notification has id, when, workflow, states, working_days_before, to, "
                                      "roles, channels, subject, body, digest)");
        }
        static const std::regex code("[a-z][a-z0-9_]{0,63}");
        rule.id = scalar(node, "id", true);
        if (node["id"] && !rule.id.empty() && !std::regex_match(rule.id, code))
            fail(node["id"], "`id` must be a code: lower-case letters, digits and '_', at most 64");

        const std::string when = scalar(node, "when", true);
        if (when == "deadline") rule.when = Trigger::deadline;
        else if (!when.empty() && when != "entered") fail(node["when"], "`when` must be `entered` or `deadline`");

        rule.workflow = scalar(node, "workflow", rule.when == Trigger::entered);
        rule.states = list(node, "states", kMaxRuleStates);
        if (rule.when == Trigger::entered && !node["states"])
            fail(node, "`when: entered` needs `states:`, the stages whose entry is told");
        else if (rule.when == Trigger::entered && node["states"].IsSequence() && node["states"].size() == 0)
            fail(node["states"], "`states` names at least one stage");
        if (node["working_days_before"]) {
            if (rule.when != Trigger::deadline) {
                fail(node["working_days_before"], "`working_days_before` is only for `when: deadline`");
            } else {
                try {
                    rule.working_days_before = node["working_days_before"].as<int>();
                } catch (const YAML::Exception&) {
                    rule.working_days_before = 0;
                }
                if (rule.working_days_before < 1 || rule.working_days_before > kMaxWorkingDaysBefore)
                    fail(node["working_days_before"],
                         "`working_days_before` must be a whole number from 1 to " + std::to_string(kMaxWorkingDaysBefore));
            }
        } else if (rule.when == Trigger::deadline) {
            fail(node, "`when: deadline` needs `working_days_before:` (1 to " + std::to_string(kMaxWorkingDaysBefore) + ")");
        }

        const std::string to = scalar(node, "to", true);
        if (to == "task") rule.to = Audience::task;
        else if (to == "workers") rule.to = Audience::workers;
        else if (!to.empty() && to != "worker") fail(node["to"], "`to` must be `worker`, `task` or `workers`");
        if (rule.when == Trigger::deadline && rule.to != Audience::task && node["to"])
            fail(node["to"], "a deadline is told to who may take the task: `to: task`");
        rule.roles = list(node, "roles", 20);
        if (!rule.roles.empty() && rule.to != Audience::task) fail(node["roles"], "`roles` is only for `to: task`");
        const auto& known_roles = user_roles();
        for (std::size_t i = 0; i < rule.roles.size(); ++i)
            if (std::find(known_roles.begin(), known_roles.end(), rule.roles[i]) == known_roles.end())
                fail(node["roles"][i], "`" + rule.roles[i].substr(0, 40) +
                                           "` is not a role (admin, officer, opd_head, supervisor, bkad, vendor, worker)");

        rule.channels = node["channels"] ? list(node, "channels", 10) : std::vector<std::string>{"email"};
        if (node["channels"] && rule.channels.empty()) fail(node["channels"], "`channels` names at least one channel");

        rule.subject = text(node, "subject", kMaxSubjectBytes, true);
        rule.body = text(node, "body", kMaxBodyBytes, false);
        if (const YAML::Node digest = node["digest"]) {
            if (!digest.IsMap()) {
                fail(digest, "`digest` is a mapping with `subject` and `body`");
            } else {
                for (const auto& entry : digest)
                    if (entry.first.Scalar() != "subject" && entry.first.Scalar() != "body")
                        fail(entry.first, "unknown key `" + entry.first.Scalar().substr(0, 60) +
                                              "` (a digest has subject and body)");
                rule.digest_subject = text(digest, "subject", kMaxSubjectBytes, true, digest_placeholders());
                rule.digest_body = text(digest, "body", kMaxBodyBytes, false, digest_placeholders());
            }
        }
        if (problems_.size() != before) return std::nullopt;
        return rule;
    }

private:
    void fail(const YAML::Node& at, const std::string& message) { problems_.push_back(place(file_, at.Mark()) + message); }

    std::string scalar(const YAML::Node& node, const char* key, bool required) {
        const YAML::Node value = node[key];
        if (!value) {
            if (required) fail(node, std::string("missing `") + key + "`");
            return {};
        }
        if (!value.IsScalar() || value.Scalar().empty()) {
            fail(value, std::string("`") + key + "` must be a non-empty text");
            return {};
        }
        return value.Scalar();
    }

    std::vector<std::string> list(const YAML::Node& node, const char* key, std::size_t max) {
        const YAML::Node value = node[key];
        std::vector<std::string> out;
        if (!value) return out;
        if (!value.IsSequence()) {
            fail(value, std::string("`") + key + "` must be a list");
            return out;
        }
        if (value.size() > max) {
            fail(value, std::string("`") + key + "` lists at most " + std::to_string(max));
            return out;
        }
        for (const auto& item : value) {
            if (!item.IsScalar() || item.Scalar().empty() || item.Scalar().size() > 100) {
                fail(item, std::string("each of `") + key + "` is a name of at most 100 characters");
                continue;
            }
            out.push_back(item.Scalar());
        }
        return out;
    }

    MessageTemplate text(const YAML::Node& node, const char* key, std::size_t max_bytes, bool one_line,
                         const std::vector<std::string>& placeholders = template_placeholders()) {
        const std::string value = scalar(node, key, true);
        if (value.empty()) return {};
        if (value.size() > max_bytes) {
            fail(node[key], std::string("`") + key + "` is at most " + std::to_string(max_bytes) + " bytes");
            return {};
        }
        if (one_line && value.find_first_of("\r\n") != std::string::npos) {
            fail(node[key], std::string("`") + key + "` is one line");
            return {};
        }
        std::string problem;
        auto parsed = MessageTemplate::parse(value, problem, placeholders);
        if (!parsed) {
            fail(node[key], std::string("`") + key + "` " + problem);
            return {};
        }
        return std::move(*parsed);
    }

    const std::string& file_;
    std::vector<std::string>& problems_;
};

}  // namespace

NotificationRulesError::NotificationRulesError(std::vector<std::string> problems)
    : std::runtime_error(problems.empty() ? std::string("invalid notifications file") : problems.front()),
      problems_(std::move(problems)) {}

NotificationRules parse_notification_rules(const std::string& text, const std::string& file_name) {
    if (text.size() > kMaxDefinitionFileBytes)
        throw NotificationRulesError({place(file_name, 1, 1) + "the file is larger than " +
                                      std::to_string(kMaxDefinitionFileBytes >> 20) + " MiB"});
    if (const auto refused = check_yaml_limits(text))
        throw NotificationRulesError({place(file_name, refused->line, refused->column) + refused->message});
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw NotificationRulesError({place(file_name, e.mark) + e.msg});
    }
    const YAML::Node list = root.IsMap() ? root["notifications"] : YAML::Node();
    if (!list || !list.IsSequence())
        throw NotificationRulesError({place(file_name, list ? list.Mark() : root.Mark()) +
                                      "expected `notifications:` with a list"});
    std::vector<std::string> problems;
    if (root.size() != 1)
        for (const auto& entry : root)
            if (entry.first.Scalar() != "notifications")
                problems.push_back(place(file_name, entry.first.Mark()) + "unknown key `" +
                                   entry.first.Scalar().substr(0, 60) + "` (the file holds `notifications:`)");
    if (list.size() > kMaxNotificationRules)
        throw NotificationRulesError({place(file_name, list.Mark()) + "at most " +
                                      std::to_string(kMaxNotificationRules) + " notifications"});
    NotificationRules out{file_name, {}};
    RuleReader reader(file_name, problems);
    std::set<std::string> ids;
    for (const auto& node : list) {
        auto rule = reader.read(node);
        if (!rule) continue;
        if (!ids.insert(rule->id).second) {
            problems.push_back(place(file_name, node["id"].Mark()) + "the id `" + rule->id + "` is used twice");
            continue;
        }
        out.rules.push_back(std::move(*rule));
    }
    if (!problems.empty()) throw NotificationRulesError(std::move(problems));
    return out;
}

std::vector<std::string> check_notification_rules(const NotificationRules& rules, const DefinitionSet& definitions) {
    std::vector<std::string> problems;
    for (const auto& rule : rules.rules) {
        const std::string where = place(rules.file, rule.line, rule.column) + "notification `" + rule.id + "`: ";
        if (!rule.workflow.empty()) {
            // A stage any loaded version of the workflow has.
            bool found = false;
            std::set<std::string> states;
            for (const auto& [key, workflow] : definitions.workflows) {
                if (key.first != rule.workflow) continue;
                found = true;
                for (const auto& state : workflow->states) states.insert(state.name);
            }
            if (!found) problems.push_back(where + "no workflow `" + rule.workflow + "` is loaded");
            for (const auto& state : rule.states)
                if (found && !states.count(state))
                    problems.push_back(where + "workflow `" + rule.workflow + "` has no stage `" + state + "`");
        } else if (!rule.states.empty()) {
            problems.push_back(where + "`states` needs the `workflow` they belong to");
        }
        for (const auto& channel : rule.channels)
            if (channel != "email" && !(definitions.plugins && definitions.plugins->has_channel(channel)))
                problems.push_back(where + "no channel `" + channel +
                                   "`: `email`, or a channel a loaded plugin provides (plugin.channel)");
    }
    return problems;
}

std::shared_ptr<const RulesByRegency> load_notification_rules(const DefinitionSet& definitions,
                                                              std::vector<std::string>& errors) {
    auto out = std::make_shared<RulesByRegency>();
    for (const auto& [code, regency] : definitions.regencies) {
        const fs::path file = fs::path(regency.where.file).parent_path() / "notifications.yaml";
        std::error_code ec;
        if (regency.where.file.empty() || !fs::is_regular_file(file, ec)) continue;
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            errors.push_back(file.string() + ": error: cannot read the file");
            continue;
        }
        try {
            auto rules = parse_notification_rules(text.str(), file.string());
            auto problems = check_notification_rules(rules, definitions);
            if (!problems.empty()) {
                errors.insert(errors.end(), problems.begin(), problems.end());
                continue;
            }
            out->emplace(code, std::move(rules));
        } catch (const NotificationRulesError& e) {
            errors.insert(errors.end(), e.problems().begin(), e.problems().end());
        }
    }
    return out;
}

}  // namespace tata::server::notify
