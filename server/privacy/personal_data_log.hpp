// The log of reads of workers' personal data (UU 27/2022). With SQLite, in
// its own file beside the database (<database>.access-log); with
// PostgreSQL, tables of the database itself (one server, no page cache
// dropped by another connection's commit). Its own schema
// version (privacy_schema), its own hash chain per regency
// (privacy/access_chain.hpp), apart from the case history.
//
// Why a file of its own: every list and search writes an entry, and a commit
// to the database file by another connection makes each of the engine's
// connections drop its whole page cache (SQLite compares the file's change
// counter). Kept in the database, the log's commits turned each list request
// into a cold read of the case index (21 ms became 36 ms on 2.3 M cases).
// Logs written by an earlier version inside the database are moved into the
// file on first open (move_tables_from_database).
//
// Recording is synchronous: a route records its read before it answers. If
// that write fails the request fails (500) and nothing is read
// unaccounted. A background queue would be faster but could lose reads that
// were already answered when the process dies. Concurrent reads share their
// transaction instead (record): one commit for all entries queued while the
// previous one was written, which is what lets a server answer case reads
// at the rate it reads them (a commit each capped them at ~3,000/s); a
// group that cannot be committed is written again entry by entry, so an
// entry that cannot be stored fails its own read alone.
//
// NIKs are never stored: a subject row holds the NIK's HMAC-SHA-256 under a
// per-deployment key (the file <database>.access-key, 32 random bytes made
// on first start, mode 0600; on PostgreSQL the table privacy_key, shared by
// every node), truncated to 128 bits, so a worker's reads are
// found by their NIK while the table alone names nobody.
#pragma once

#include "privacy/access_event.hpp"

#include <array>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tata::tables {
class Database;
}

namespace tata::server::privacy {

// How many case ids one entry shows when it is listed for an admin (an
// export of 100,000 workers is summarised by its count).
inline constexpr std::size_t kMaxCaseIdsShown = 200;
// The longest stated purpose kept (longer ones are cut, at a UTF-8 boundary).
inline constexpr std::size_t kMaxPurposeBytes = 200;

// A stated purpose as stored: control characters dropped, runs of 8 or more
// digits (a NIK, a phone number) masked, at most kMaxPurposeBytes.
std::string clean_purpose(const std::string& text);

class PersonalDataLog {
public:
    // Opens (creating when needed) the log file and the key file beside
    // `database`, moving a log kept inside `database` by an earlier version;
    // for a postgresql:// `database`, its tables and key there.
    explicit PersonalDataLog(const std::filesystem::path& database);
    ~PersonalDataLog();
    PersonalDataLog(const PersonalDataLog&) = delete;
    PersonalDataLog& operator=(const PersonalDataLog&) = delete;

    // The keyed hash a subject row stores for this NIK (32 hex digits).
    std::string nik_mac(const std::string& nik) const;

    // Appends the event to its regency's chain; throws when it cannot be
    // stored. Subjects repeated in one event are stored once.
    void record(const AccessEvent& event);

    // Walks every regency's chain; says where it first breaks.
    AccessLogReport verify();

    // The entries that read the worker with this NIK in the regency (and
    // those that read the whole regency), newest first. `officials_only`
    // leaves out reads by worker accounts (a worker reading their own file).
    // case_ids: only this worker's.
    std::vector<AccessEntry> entries_about(const std::string& regency, const std::string& nik, bool officials_only,
                                           std::size_t offset, std::size_t limit, std::size_t& total);
    // The entries of one reader in the regency, newest first; case_ids: the
    // first kMaxCaseIdsShown.
    std::vector<AccessEntry> entries_by(const std::string& regency, const std::string& username, std::size_t offset,
                                        std::size_t limit, std::size_t& total);

private:
    struct Pending;

    void migrate();
    void move_tables_from_database(const std::filesystem::path& database);
    void write_or_fail_alone(const std::vector<Pending*>& group);
    void write_group(const std::vector<Pending*>& group);

    std::unique_ptr<tables::Database> db_;
    std::string key_;  // 32 bytes
    std::mutex mutex_;  // db_

    // The entries waiting for the next grouped commit (record).
    std::mutex queue_mutex_;
    std::condition_variable written_;
    std::vector<Pending*> queue_;
    bool writing_ = false;
};

// Where the key of `database` lives.
std::filesystem::path access_key_path(const std::filesystem::path& database);
// Where the log of `database` lives.
std::filesystem::path access_log_path(const std::filesystem::path& database);

}  // namespace tata::server::privacy
