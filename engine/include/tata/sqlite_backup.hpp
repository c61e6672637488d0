// A consistent copy of a live SQLite database file, taken with SQLite's
// online backup API while servers keep writing: the copy is the database
// as of one moment (a commit either in it whole or not at all), never a
// file copied mid-write. PostgreSQL deployments use pg_dump instead
// (docs/deployment.md).
#pragma once

#include <filesystem>

namespace tata {

// Copies `from` into the new file `to` (refused if it exists) from one read
// snapshot, which in WAL mode holds no writer up; then checks the copy's
// integrity. Written aside and renamed, so `to` appears only whole.
void backup_sqlite(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace tata
