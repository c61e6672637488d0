// `tata db copy`: moves a single-machine deployment into the cluster's
// PostgreSQL database. Everything a node reads comes along: the cases with
// their tasks, timers, incidents and audit chain, the users with their
// password hashes and sessions, the notification outbox, sealed bids,
// import batches, frozen rankings, the personal-data access log with its
// key, and the uploaded documents (checked against their SHA-256 names).
//
// What the target derives from these (each workflow's case index, the
// text index, the deadline queue) is not copied: the target builds it
// itself, the first two when an engine loads the definitions on it, the
// last by its triggers as the cases and tasks arrive.
//
// The source is read under its write lock; the target is written in one
// transaction with its tables locked, and must hold no rows in them yet, so
// that a copy that fails (a damaged document, a lost connection) leaves it
// as empty as it was, and one that succeeds is never mixed with another
// deployment.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tata::server {

struct CopiedTable {
    std::string name;
    std::int64_t rows = 0;
};

struct DatabaseCopyReport {
    std::vector<CopiedTable> tables;  // in the order copied, each counted again on the target
    std::int64_t documents = 0;       // document files moved into the database
    std::int64_t document_bytes = 0;
    bool access_key_copied = false;   // the access log's key: searches by NIK find the copied entries
};

// The source's audit head as a verification just found it.
struct VerifiedHead {
    std::int64_t seq = 0;
    std::string hash;
};

// Copies the SQLite deployment at `from` (its file, access log, key and
// document folder) into the empty PostgreSQL database `to` (a
// postgresql:// URI). Both are first brought to this build's schema, as
// `tata serve` would (the source's file is then this build's: keep a
// `tata backup` of it for an older one). Both source files stay locked
// against writers for the copy, whose audit head must still be
// `source_head`; the target must have no rows in the copied tables and no
// other connection. Throws std::runtime_error saying what stopped it; the
// target then holds no rows (its tables and sequences may have been made).
DatabaseCopyReport copy_database(const std::filesystem::path& from, const std::string& to, const VerifiedHead& source_head);

// The tables copied, by name, and those a copy leaves for the target to
// derive or keep its own (schema versions, indexes, the login throttle,
// the cluster's generations). A source table in neither list stops a copy
// rather than being left behind unnoticed.
const std::vector<std::string>& copied_table_names();
bool derived_or_local_table(const std::string& name);

}  // namespace tata::server
