// The procedures' own tables (frozen rankings, import batches) live beside
// the engine's in the same SQLite file, on a connection of their own: one
// way to open it, so that every such table group waits for the engine's
// writer the same way and writes in WAL like it.
#pragma once

#include <filesystem>
#include <memory>

namespace SQLite {
class Database;
}

namespace tata::tables {

// Opens (creating when missing) `database` and runs `schema` (CREATE ... IF
// NOT EXISTS statements) in one immediate transaction.
std::unique_ptr<SQLite::Database> open_procedure_tables(const std::filesystem::path& database, const char* schema);

}  // namespace tata::tables
