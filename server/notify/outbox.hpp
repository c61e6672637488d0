// The notification outbox: every message the regency's rules made, kept in
// the database until a channel has delivered it. Rows are written in one
// transaction with the position in the event chain they were made up to,
// so a crash neither loses nor repeats a notification; a row is marked sent
// only after its channel accepted it (delivery is at least once: a crash
// between the two sends it again).
#pragma once

#include <tata/records.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tata::tables {
class Database;
}

namespace tata::server::notify {

struct OutboxEntry {
    std::int64_t id = 0;
    std::string regency;
    std::string rule;     // the notification's id in notifications.yaml
    std::string source;   // what it tells of: "event:<seq>" or "task:<id>"
    CaseId case_id = 0;
    std::int64_t user_id = 0;
    std::string channel;  // "email" or "<plugin>.<channel>"
    std::string subject;
    std::string body;
    TimePoint created_at{};
    std::string status = "pending";  // pending, sent, failed (gave up)
    int attempts = 0;
    TimePoint next_attempt_at{};
    std::string last_error;
    std::optional<TimePoint> sent_at;
    // Set by claim_due(): until when this pass holds it (its row's next
    // attempt, moved on); renew() and release() act only while it does.
    TimePoint claimed_until{};
};

class Outbox {
public:
    explicit Outbox(const std::filesystem::path& database);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // How far along the event chain notifications were made; nullopt before
    // the first time (the feed then starts at the chain's head: a new
    // deployment of notifications does not tell of the past).
    std::optional<std::int64_t> event_cursor();
    // Adds the entries (one already there for the same regency, rule,
    // source, person and channel is kept as it is) and moves the cursor,
    // all or nothing. Returns how many were new.
    std::size_t append(const std::vector<OutboxEntry>& entries, std::optional<std::int64_t> cursor);
    // Whether a rule has already told of a source (to anyone).
    bool told(const std::string& regency, const std::string& rule, const std::string& source);

    // Pending entries whose next attempt is due, oldest first, claimed for
    // this pass: their next attempt moves kClaim on, so that another node's
    // pass (or a pass of this one while it is sending) skips them. Each is
    // then marked, or released when the pass leaves it for later; one whose
    // node died mid-pass is due again once the claim runs out.
    std::vector<OutboxEntry> claim_due(TimePoint now, std::size_t limit);
    static constexpr std::chrono::minutes kClaim{5};
    // Before sending: holds the entry kClaim longer, if this pass still
    // holds it; false when its claim ran out and another pass took it (a
    // slow pass must not send what another node is sending).
    bool renew(OutboxEntry& entry, TimePoint now);
    // Gives a claimed entry back as it was, due at its old time, unless
    // another pass has taken it meanwhile.
    void release(const OutboxEntry& entry);
    void mark_sent(std::int64_t id, TimePoint at);
    // A failed attempt: tried again at `next` or, when `next` is nullopt,
    // given up (status failed).
    void mark_attempt_failed(std::int64_t id, const std::string& error, std::optional<TimePoint> next);

    // How many entries wait (read from the index of pending rows: sent
    // ones, however many, are not counted).
    std::int64_t pending_count();
    // The regency's entries, newest first; `status` empty: all.
    std::vector<OutboxEntry> list(const std::string& regency, const std::string& status, std::size_t limit,
                                  std::size_t offset);

private:
    std::mutex mutex_;
    std::unique_ptr<tables::Database> db_;
};

}  // namespace tata::server::notify
