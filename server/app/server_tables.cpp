#include "app/server_tables.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <tata/database_location.hpp>

#include <stdexcept>

namespace tata::server {

std::unique_ptr<SQLite::Database> open_server_tables(const std::filesystem::path& file) {
    // Not a file name SQLite should create: the engine opens PostgreSQL,
    // the server's tables do not yet (issue 14 moves them).
    if (names_postgresql(file.string()))
        throw std::runtime_error(
            "the server's own tables (users, sessions, outbox, access log, bids) are kept in SQLite only for now: "
            "tata serve needs --db FILE");
    auto db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db->setBusyTimeout(5000);
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    return db;
}

void migrate_tables(SQLite::Database& db, const std::string& schema_table, std::span<const char* const> migrations,
                    const std::string& what) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec("CREATE TABLE IF NOT EXISTS " + schema_table + " (version INTEGER NOT NULL)");
    SQLite::Statement read(db, "SELECT max(version) FROM " + schema_table);
    read.executeStep();
    const int current = read.getColumn(0).isNull() ? 0 : read.getColumn(0).getInt();
    read.reset();
    const int latest = static_cast<int>(migrations.size());
    if (current > latest)
        throw std::runtime_error(what + " are at version " + std::to_string(current) +
                                 ", newer than this tata understands (" + std::to_string(latest) + ")");
    for (int next = current; next < latest; ++next) {
        db.exec(migrations[static_cast<std::size_t>(next)]);
        db.exec("INSERT INTO " + schema_table + " (version) VALUES (" + std::to_string(next + 1) + ")");
    }
    transaction.commit();
}

}  // namespace tata::server
