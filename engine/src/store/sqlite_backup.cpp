#include <tata/sqlite_backup.hpp>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace tata {

void backup_sqlite(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (std::filesystem::exists(to)) throw std::runtime_error(to.string() + " exists already: a backup never overwrites");
    if (!std::filesystem::is_regular_file(from)) throw std::runtime_error(from.string() + ": no such database file");
    const std::filesystem::path partial = to.string() + ".part";
    std::filesystem::remove(partial);
    try {
        SQLite::Database source(from.string(), SQLite::OPEN_READONLY);
        source.setBusyTimeout(5000);
        {
            SQLite::Database target(partial.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            SQLite::Backup backup(target, source);
            // All pages in one step: one read snapshot, which in WAL mode
            // holds no writer up. (Steps of a few pages would let a writer
            // in between, and each write restarts the copy: a busy large
            // database would never finish.)
            for (;;) {
                const int step = backup.executeStep(-1);
                if (step == SQLITE_DONE) break;
                // Busy only while another connection changes the journal
                // mode or checkpoints: wait for it.
                if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
        // The copy keeps the source's journal mode (WAL): folded into the
        // one file, so that the backup is that file alone.
        SQLite::Database check(partial.string(), SQLite::OPEN_READWRITE);
        check.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        if (check.execAndGet("PRAGMA integrity_check").getString() != "ok")
            throw std::runtime_error("the copy of " + from.string() + " failed SQLite's integrity check");
    } catch (...) {
        std::filesystem::remove(partial);
        std::filesystem::remove(partial.string() + "-wal");
        std::filesystem::remove(partial.string() + "-shm");
        throw;
    }
    std::filesystem::rename(partial, to);
}

}  // namespace tata
