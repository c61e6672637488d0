#include "tables/procedure_tables.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace tata::tables {

std::unique_ptr<SQLite::Database> open_procedure_tables(const std::filesystem::path& database, const char* schema) {
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
