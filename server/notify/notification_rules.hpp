// What a regency tells whom, and when: rules/<code>/notifications.yaml
// (docs/notifications.md). Each rule names a moment (a case entering some
// stages of a workflow, or a task's deadline coming near), who hears of it,
// the channels it goes by, and its subject and body in the regency's words.
//
//   notifications:
//     - id: pengaduan_dijawab
//       when: entered
//       workflow: grievance
//       states: [dijawab]
//       to: worker
//       subject: "Pengaduan nomor {nomor} sudah dijawab"
//       body: |
//         ...
#pragma once

#include "app/yaml_reader.hpp"
#include "notify/message_template.hpp"

#include <tata/definitions.hpp>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tata::server::notify {

enum class Trigger {
    entered,   // a case of `workflow` enters one of `states`
    deadline,  // an open task is due within `working_days_before` working days
};

enum class Audience {
    worker,   // the worker the case is about (their account by data.nik)
    task,     // who may take the task: its assignee when claimed, else the
              // users of its roles who may see the case; either way only
              // users of `roles` when the rule names some
    workers,  // every worker account of the regency (an announcement)
};

struct NotificationRule {
    std::string id;
    Trigger when = Trigger::entered;
    std::string workflow;              // entered: required; deadline: optional filter
    std::vector<std::string> states;   // entered: required; deadline: optional filter
    int working_days_before = 0;       // deadline
    Audience to = Audience::worker;
    std::vector<std::string> roles;    // task: only these of the task's roles (empty: all)
    std::vector<std::string> channels; // "email" or a plugin's "<plugin>.<channel>"
    MessageTemplate subject;
    MessageTemplate body;
    // When set, the notifications of this rule waiting for one person on
    // one channel at a delivery go as one message ({jumlah}, {daftar}).
    std::optional<MessageTemplate> digest_subject;
    std::optional<MessageTemplate> digest_body;
    int line = 0;  // where the rule starts, for messages
    int column = 0;
};

struct NotificationRules {
    std::string file;
    std::vector<NotificationRule> rules;
};

// Bounds on the file a regency edits.
inline constexpr std::size_t kMaxNotificationRules = 100;
inline constexpr std::size_t kMaxRuleStates = 50;
inline constexpr int kMaxWorkingDaysBefore = 20;

// Every problem of a notifications file, one "FILE:LINE:COL: error: ..."
// line each.
using NotificationRulesError = RegencyFileError;

// Reads a notifications file; throws NotificationRulesError.
NotificationRules parse_notification_rules(const std::string& text, const std::string& file_name);

// What a rules file names that the generation does not have: a workflow,
// a stage of it, a role, a channel (`email`, or one a loaded plugin
// provides). One "FILE:LINE:COL: error: ..." line each.
std::vector<std::string> check_notification_rules(const NotificationRules& rules, const DefinitionSet& definitions);

// Each regency's rules (regencies without a file have none), read from the
// regencies' folders of a generation; problems are appended to `errors`.
using RulesByRegency = std::map<std::string, NotificationRules>;
std::shared_ptr<const RulesByRegency> load_notification_rules(const DefinitionSet& definitions,
                                                              std::vector<std::string>& errors);

}  // namespace tata::server::notify
