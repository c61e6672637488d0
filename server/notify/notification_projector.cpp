#include "notify/notification_projector.hpp"

#include "api/access.hpp"

#include <algorithm>

namespace tata::server::notify {
namespace {

bool enters(const EventRecord& event) {
    return event.type == "created" || (!event.to_state.empty() && event.to_state != event.from_state);
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

const std::vector<User>& NotificationProjector::users_of(const std::string& regency) {
    auto it = users_.find(regency);
    if (it == users_.end()) it = users_.emplace(regency, identity_.users_of(regency)).first;
    return it->second;
}

std::vector<User> NotificationProjector::audience(const NotificationRule& rule, const CaseRecord& record,
                                                  const TaskRecord* task) {
    std::vector<User> out;
    for (const User& user : users_of(record.regency)) {
        if (user.disabled) continue;
        switch (rule.to) {
        case Audience::workers:
            if (user.role == "worker") out.push_back(user);
            break;
        case Audience::worker:
            if (user.role == "worker" && can_see(user, record)) out.push_back(user);
            break;
        case Audience::task:
            if (task == nullptr) break;
            // The rule's roles narrow who hears of a task, its assignee too
            // (an officer who claimed a returned file is not an OPD head).
            if (!rule.roles.empty() && !contains(rule.roles, user.role)) break;
            if (!task->assignee.empty()) {
                if (user.username == task->assignee) out.push_back(user);
                break;
            }
            if (contains(task->roles, user.role) && can_see(user, record)) out.push_back(user);
            break;
        }
    }
    return out;
}

void NotificationProjector::add_entries(std::vector<OutboxEntry>& out, const NotificationRule& rule,
                                        const CaseRecord& record, const std::string& source,
                                        const std::string& stage_title, const TaskRecord* task) {
    std::vector<std::string> channels;
    for (const auto& channel : rule.channels)
        if (available_(channel)) channels.push_back(channel);
    if (channels.empty()) return;  // e.g. e-mail without an SMTP server: nothing to make
    const auto people = audience(rule, record, task);
    if (people.empty()) return;
    const auto definitions = engine_.definitions();
    const Regency* regency = definitions->find_regency(record.regency);
    const auto workflow = engine_.find_workflow(record.workflow_id, record.workflow_version);
    std::map<std::string, std::string, std::less<>> values = {
        {"nomor", std::to_string(record.id)},
        {"alur", workflow ? workflow->title : std::string()},
        {"tahap", stage_title},
        {"kabupaten", regency ? regency->name : std::string()},
    };
    if (task && task->due_at && regency) values["tenggat"] = indonesian_date(regency->calendar.local_date(*task->due_at));
    const std::string subject = rule.subject.render(values);
    const std::string body = rule.body.render(values);
    const TimePoint now = engine_.clock().now();
    for (const User& user : people)
        for (const auto& channel : channels) {
            if (channel == "email" && user.email.empty()) continue;  // no address: nothing to send
            OutboxEntry entry;
            entry.regency = record.regency;
            entry.rule = rule.id;
            entry.source = source;
            entry.case_id = record.id;
            entry.user_id = user.id;
            entry.channel = channel;
            entry.subject = subject;
            entry.body = body;
            entry.created_at = now;
            entry.next_attempt_at = now;
            out.push_back(std::move(entry));
        }
}

std::vector<OutboxEntry> NotificationProjector::entries_for_event(const RulesByRegency& rules, const EventRecord& event) {
    std::vector<OutboxEntry> out;
    if (!enters(event)) return out;
    std::optional<CaseRecord> record;
    for (const auto& [code, regency_rules] : rules)
        for (const auto& rule : regency_rules.rules) {
            if (rule.when != Trigger::entered || !contains(rule.states, event.to_state)) continue;
            if (!record) {
                try {
                    record = engine_.read_case(event.case_id);
                } catch (const NotFound&) {
                    return out;
                }
            }
            if (record->regency != code || record->workflow_id != rule.workflow) continue;
            const auto workflow = engine_.find_workflow(record->workflow_id, record->workflow_version);
            const State* state = workflow ? workflow->find_state(event.to_state) : nullptr;
            const std::string title = state ? state->title : std::string();
            // The task of the stage entered, while it is still open: a case
            // already moved on has nobody left to tell.
            const TaskRecord* task = nullptr;
            for (const auto& open : record->open_tasks)
                if (open.state == event.to_state) task = &open;
            add_entries(out, rule, *record, "event:" + std::to_string(event.seq), title, task);
        }
    return out;
}

std::size_t NotificationProjector::follow_events(const RulesByRegency& rules, std::size_t batch) {
    users_.clear();
    auto cursor = outbox_.event_cursor();
    if (!cursor) {
        // The first time: start at the head, telling nobody of the past.
        outbox_.append({}, engine_.last_committed_event_seq());
        return 0;
    }
    std::size_t added = 0;
    for (;;) {
        const auto events = engine_.committed_events_after(*cursor, batch);
        if (events.empty()) return added;
        std::vector<OutboxEntry> entries;
        for (const auto& event : events) {
            auto more = entries_for_event(rules, event);
            std::move(more.begin(), more.end(), std::back_inserter(entries));
        }
        cursor = events.back().seq;
        added += outbox_.append(entries, cursor);
        if (events.size() < batch) return added;
    }
}

std::size_t NotificationProjector::remind_deadlines(const RulesByRegency& rules) {
    users_.clear();
    const auto definitions = engine_.definitions();
    const TimePoint now = engine_.clock().now();
    std::size_t added = 0;
    for (const auto& [code, regency_rules] : rules) {
        const Regency* regency = definitions->find_regency(code);
        if (!regency) continue;
        for (const auto& rule : regency_rules.rules) {
            if (rule.when != Trigger::deadline) continue;
            TaskFilter filter;
            filter.regency = code;
            if (!rule.workflow.empty()) filter.workflow_id = rule.workflow;
            // Only the window: tasks already late are the escalation's to tell
            // of, and a regency of 400,000 late files must not be read
            // through every minute.
            filter.due_after = now;
            filter.overdue_at = regency->calendar.add_working_days(now, rule.working_days_before);
            filter.limit = 500;
            // Due soonest first: page until the tasks run out.
            for (filter.offset = 0;; filter.offset += filter.limit) {
                const auto tasks = engine_.list_tasks(filter);
                std::vector<OutboxEntry> entries;
                for (const auto& listing : tasks) {
                    const TaskRecord& task = listing.task;
                    if (!task.due_at || *task.due_at <= now) continue;  // late already: the escalation speaks
                    if (!rule.states.empty() && !contains(rule.states, task.state)) continue;
                    const std::string source = "task:" + std::to_string(task.id);
                    if (outbox_.told(code, rule.id, source)) continue;
                    CaseRecord record;
                    try {
                        record = engine_.read_case(task.case_id);
                    } catch (const NotFound&) {
                        continue;
                    }
                    add_entries(entries, rule, record, source, task.title, &task);
                }
                added += outbox_.append(entries, std::nullopt);
                if (tasks.size() < filter.limit) break;
            }
        }
    }
    return added;
}

}  // namespace tata::server::notify
