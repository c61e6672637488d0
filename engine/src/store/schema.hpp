// The database schema as an ordered list of migrations. Migration N brings
// PRAGMA user_version from N-1 to N; never edit a released one, append.
#pragma once

#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace tata {

const std::vector<std::string_view>& schema_migrations();

// What migration `number` (1-based) does beyond its SQL, run first, inside
// the migration's transaction: changes SQL alone cannot make.
void run_migration_code(SQLite::Database& db, int number);

}  // namespace tata
