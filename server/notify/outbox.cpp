#include "notify/outbox.hpp"

#include "app/server_tables.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace tata::server::notify {
namespace {

// Each entry moves the outbox's tables one version on.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE notify_outbox (
        id              INTEGER PRIMARY KEY,
        regency         TEXT NOT NULL,
        rule            TEXT NOT NULL,
        source          TEXT NOT NULL,
        case_id         INTEGER NOT NULL,
        user_id         INTEGER NOT NULL,
        channel         TEXT NOT NULL,
        subject         TEXT NOT NULL,
        body            TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status = 'pending' OR status = 'sent' OR status = 'failed'),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT NOT NULL DEFAULT '',
        sent_at         INTEGER,
        UNIQUE (regency, rule, source, user_id, channel)
    );
    -- What a delivery pass reads: the due pending rows, oldest first.
    CREATE INDEX notify_outbox_due ON notify_outbox (next_attempt_at, id) WHERE status = 'pending';
    CREATE INDEX notify_outbox_regency ON notify_outbox (regency, id);
    CREATE TABLE notify_cursor (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        event_seq INTEGER NOT NULL
    );
    )sql",
};

std::int64_t seconds(TimePoint at) { return at.time_since_epoch().count(); }
TimePoint from_seconds(std::int64_t value) { return TimePoint{std::chrono::seconds{value}}; }

const char* const kColumns =
    "id, regency, rule, source, case_id, user_id, channel, subject, body, created_at, status, attempts, "
    "next_attempt_at, last_error, sent_at";

OutboxEntry read_entry(SQLite::Statement& q) {
    OutboxEntry e;
    e.id = q.getColumn(0).getInt64();
    e.regency = q.getColumn(1).getString();
    e.rule = q.getColumn(2).getString();
    e.source = q.getColumn(3).getString();
    e.case_id = q.getColumn(4).getInt64();
    e.user_id = q.getColumn(5).getInt64();
    e.channel = q.getColumn(6).getString();
    e.subject = q.getColumn(7).getString();
    e.body = q.getColumn(8).getString();
    e.created_at = from_seconds(q.getColumn(9).getInt64());
    e.status = q.getColumn(10).getString();
    e.attempts = q.getColumn(11).getInt();
    e.next_attempt_at = from_seconds(q.getColumn(12).getInt64());
    e.last_error = q.getColumn(13).getString();
    if (!q.getColumn(14).isNull()) e.sent_at = from_seconds(q.getColumn(14).getInt64());
    return e;
}

}  // namespace

Outbox::Outbox(const std::filesystem::path& database) : db_(open_server_tables(database)) {
    migrate_tables(*db_, "notify_schema", kMigrations, "the notification tables");
}

Outbox::~Outbox() = default;

std::optional<std::int64_t> Outbox::event_cursor() {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT event_seq FROM notify_cursor WHERE id = 1");
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getInt64();
}

std::size_t Outbox::append(const std::vector<OutboxEntry>& entries, std::optional<std::int64_t> cursor) {
    std::lock_guard lock(mutex_);
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(*db_,
                             "INSERT OR IGNORE INTO notify_outbox (regency, rule, source, case_id, user_id, channel, "
                             "subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::size_t added = 0;
    for (const auto& e : entries) {
        insert.bind(1, e.regency);
        insert.bind(2, e.rule);
        insert.bind(3, e.source);
        insert.bind(4, static_cast<int64_t>(e.case_id));
        insert.bind(5, static_cast<int64_t>(e.user_id));
        insert.bind(6, e.channel);
        insert.bind(7, e.subject);
        insert.bind(8, e.body);
        insert.bind(9, static_cast<int64_t>(seconds(e.created_at)));
        insert.bind(10, static_cast<int64_t>(seconds(e.next_attempt_at)));
        added += static_cast<std::size_t>(insert.exec());
        insert.reset();
    }
    if (cursor) {
        SQLite::Statement move(*db_,
                               "INSERT INTO notify_cursor (id, event_seq) VALUES (1, ?) "
                               "ON CONFLICT (id) DO UPDATE SET event_seq = excluded.event_seq");
        move.bind(1, static_cast<int64_t>(*cursor));
        move.exec();
    }
    transaction.commit();
    return added;
}

bool Outbox::told(const std::string& regency, const std::string& rule, const std::string& source) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT 1 FROM notify_outbox WHERE regency = ? AND rule = ? AND source = ? LIMIT 1");
    q.bind(1, regency);
    q.bind(2, rule);
    q.bind(3, source);
    return q.executeStep();
}

std::vector<OutboxEntry> Outbox::due(TimePoint now, std::size_t limit) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kColumns +
                                  " FROM notify_outbox WHERE status = 'pending' AND next_attempt_at <= ? "
                                  "ORDER BY next_attempt_at, id LIMIT ?");
    q.bind(1, static_cast<int64_t>(seconds(now)));
    q.bind(2, static_cast<int64_t>(limit));
    std::vector<OutboxEntry> out;
    while (q.executeStep()) out.push_back(read_entry(q));
    return out;
}

void Outbox::mark_sent(std::int64_t id, TimePoint at) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "UPDATE notify_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
                        "last_error = '' WHERE id = ?");
    q.bind(1, static_cast<int64_t>(seconds(at)));
    q.bind(2, static_cast<int64_t>(id));
    q.exec();
}

void Outbox::mark_attempt_failed(std::int64_t id, const std::string& error, std::optional<TimePoint> next) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "UPDATE notify_outbox SET attempts = attempts + 1, last_error = ?, "
                        "status = CASE WHEN ? THEN 'pending' ELSE 'failed' END, "
                        "next_attempt_at = coalesce(?, next_attempt_at) WHERE id = ?");
    q.bind(1, error.substr(0, 500));
    q.bind(2, next.has_value() ? 1 : 0);
    if (next) q.bind(3, static_cast<int64_t>(seconds(*next)));
    else q.bind(3);
    q.bind(4, static_cast<int64_t>(id));
    q.exec();
}

std::int64_t Outbox::pending_count() {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT count(*) FROM notify_outbox WHERE status = 'pending'");
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::vector<OutboxEntry> Outbox::list(const std::string& regency, const std::string& status, std::size_t limit,
                                      std::size_t offset) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kColumns +
                                  " FROM notify_outbox WHERE regency = ? AND (? = '' OR status = ?) "
                                  "ORDER BY id DESC LIMIT ? OFFSET ?");
    q.bind(1, regency);
    q.bind(2, status);
    q.bind(3, status);
    q.bind(4, static_cast<int64_t>(limit));
    q.bind(5, static_cast<int64_t>(offset));
    std::vector<OutboxEntry> out;
    while (q.executeStep()) out.push_back(read_entry(q));
    return out;
}

}  // namespace tata::server::notify
