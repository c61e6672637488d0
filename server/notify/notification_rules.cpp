#include "notify/notification_rules.hpp"

#include "app/yaml_reader.hpp"
#include "identity/user.hpp"

#include <tata/plugin_host.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <set>

namespace tata::server::notify {
namespace {

// Reads one rule; appends what is wrong with it to `problems`.
class RuleReader : public YamlReader {
public:
    using YamlReader::YamlReader;

    std::optional<NotificationRule> read(const YAML::Node& node) {
        NotificationRule rule;
        rule.line = node.Mark().line + 1;
        rule.column = node.Mark().column + 1;
        if (!node.IsMap()) {
            fail(node, "a notification is a mapping (id, when, to, subject, body, ...)");
            return std::nullopt;
        }
        const std::size_t before = problem_count();
        only_keys(node,
                  {"id", "when", "workflow", "states", "working_days_before", "to", "roles", "channels", "subject", "body",
                   "digest"},
                  "a notification has id, when, workflow, states, working_days_before, to, roles, channels, subject, "
                  "body, digest");
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
                only_keys(digest, {"subject", "body"}, "a digest has subject and body");
                rule.digest_subject = text(digest, "subject", kMaxSubjectBytes, true, digest_placeholders());
                rule.digest_body = text(digest, "body", kMaxBodyBytes, false, digest_placeholders());
            }
        }
        if (problem_count() != before) return std::nullopt;
        return rule;
    }

private:
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
};

}  // namespace

NotificationRules parse_notification_rules(const std::string& text, const std::string& file_name) {
    std::vector<std::string> problems;
    const YAML::Node root = load_regency_file(text, file_name, "notifications");
    const YAML::Node list = root["notifications"];
    YamlReader(file_name, problems).only_keys(root, {"notifications"}, "the file holds `notifications:`");
    if (list.size() > kMaxNotificationRules)
        throw NotificationRulesError({yaml_place(file_name, list.Mark()) + "at most " +
                                      std::to_string(kMaxNotificationRules) + " notifications"});
    NotificationRules out{file_name, {}};
    RuleReader reader(file_name, problems);
    std::set<std::string> ids;
    for (const auto& node : list) {
        auto rule = reader.read(node);
        if (!rule) continue;
        if (!ids.insert(rule->id).second) {
            problems.push_back(yaml_place(file_name, node["id"].Mark()) + "the id `" + rule->id + "` is used twice");
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
        const std::string where = yaml_place(rules.file, rule.line, rule.column) + "notification `" + rule.id + "`: ";
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
    for_each_regency_file(definitions, "notifications.yaml", errors,
                          [&](const std::string& code, const std::string& file, const std::string& text) {
                              auto rules = parse_notification_rules(text, file);
                              auto problems = check_notification_rules(rules, definitions);
                              if (problems.empty()) out->emplace(code, std::move(rules));
                              errors.insert(errors.end(), problems.begin(), problems.end());
                          });
    return out;
}

}  // namespace tata::server::notify
