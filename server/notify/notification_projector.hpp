// Makes the outbox's entries: follows the committed event chain (a case
// entering a stage) and the open tasks (a deadline coming near), finds who
// each of the regency's rules tells, and renders their message in the
// regency's words. The engine knows nothing of it: it reads what the engine
// committed, so a refused or rolled-back advance never tells anyone.
#pragma once

#include "app/indonesian_words.hpp"

#include "identity/identity_store.hpp"
#include "notify/notification_rules.hpp"
#include "notify/outbox.hpp"

#include <tata/engine.hpp>

#include <functional>

namespace tata::server::notify {

// Whether a channel can deliver now (`email` needs an SMTP server in the
// configuration; a plugin channel, its plugin loaded): entries are made
// only for those.
using ChannelAvailable = std::function<bool(const std::string& channel)>;

class NotificationProjector {
public:
    NotificationProjector(Engine& engine, IdentityStore& identity, Outbox& outbox, ChannelAvailable available)
        : engine_(engine), identity_(identity), outbox_(outbox), available_(std::move(available)) {}

    // Turns the committed events after the outbox's cursor into entries,
    // `batch` events at a time, until the chain's head. Returns how many
    // entries were added.
    std::size_t follow_events(const RulesByRegency& rules, std::size_t batch = 1'000);

    // Tells of every open task due within its rule's working days (once per
    // task and rule). Returns how many entries were added.
    std::size_t remind_deadlines(const RulesByRegency& rules);

private:
    std::vector<OutboxEntry> entries_for_event(const RulesByRegency& rules, const EventRecord& event);
    std::vector<User> audience(const NotificationRule& rule, const CaseRecord& record, const TaskRecord* task);
    void add_entries(std::vector<OutboxEntry>& out, const NotificationRule& rule, const CaseRecord& record,
                     const std::string& source, const std::string& stage_title, const TaskRecord* task);
    const std::vector<User>& users_of(const std::string& regency);

    Engine& engine_;
    IdentityStore& identity_;
    Outbox& outbox_;
    ChannelAvailable available_;
    // The users of each regency, read once per pass.
    std::map<std::string, std::vector<User>> users_;
};

using server::indonesian_date;

}  // namespace tata::server::notify
