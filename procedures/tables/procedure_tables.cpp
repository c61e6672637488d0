#include "tables/procedure_tables.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <tata/database_location.hpp>

#include <stdexcept>

namespace tata::tables {

std::unique_ptr<SQLite::Database> open_procedure_tables(const std::filesystem::path& database, const char* schema) {
    // Not a file name SQLite should create: the engine opens PostgreSQL,
    // these tables do not yet (issue 14 moves them).
    if (names_postgresql(database.string()))
        throw std::runtime_error(
            "the procedures' own tables (import batches, ranking rounds) are kept in SQLite only for now: this command "
            "needs --db FILE; the engine's commands (case, timers, audit verify) take postgresql:// already");
    auto db = std::make_unique<SQLite::Database>(database.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    // The engine's writer may hold the file for a batch of an import.
    db->setBusyTimeout(5000);
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    SQLite::Transaction transaction(*db, SQLite::TransactionBehavior::IMMEDIATE);
    db->exec(schema);
    transaction.commit();
    return db;
}

}  // namespace tata::tables
