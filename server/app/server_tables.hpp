// The server keeps tables of its own beside the engine's, in the same
// database file (users, bids, the access log, the notification outbox);
// each group has its own connection and its own schema version. These are
// the two things every group does the same way.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>

namespace SQLite {
class Database;
}

namespace tata::server {

// A read-write connection (created when missing) in WAL mode, synchronous
// NORMAL, waiting up to 5 s for another writer.
std::unique_ptr<SQLite::Database> open_server_tables(const std::filesystem::path& file);

// Brings a group of tables to its newest version: `migrations[i]` moves it
// from version i to i + 1, the version is kept in `schema_table`. One
// IMMEDIATE transaction, so two servers starting on one file migrate one
// after the other; a database newer than this build is refused, naming
// `what` ("the notification tables").
void migrate_tables(SQLite::Database& db, const std::string& schema_table, std::span<const char* const> migrations,
                    const std::string& what);

}  // namespace tata::server
