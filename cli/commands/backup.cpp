// tata backup --to DIR [--db tata.db]: a consistent copy of a running
// single-machine deployment: the database file and the personal-data
// access log (each by SQLite's online backup), the access log's key and the
// uploaded documents; then the copy's audit chain is verified and its head
// shown, to be recorded beside the backup. Restoring is copying the folder's
// files back (docs/deployment.md).
#include "commands/commands.hpp"

#include "privacy/personal_data_log.hpp"

#include <tata/database_location.hpp>
#include <tata/engine.hpp>
#include <tata/sqlite_backup.hpp>

namespace tata::cli {

int run_backup(Context& context) {
    const std::string database = context.database();
    if (names_postgresql(database))
        throw UsageError("a PostgreSQL database is backed up with pg_dump (docs/deployment.md), not tata backup");
    const auto to = context.args.value("to");
    if (!to) throw UsageError("needs --to DIR, a folder that does not exist yet or is empty");
    const std::filesystem::path folder = *to;
    if (std::filesystem::exists(folder) && !std::filesystem::is_empty(folder))
        throw UsageError(folder.string() + " is not empty: a backup never overwrites");
    if (!std::filesystem::is_regular_file(database)) throw UsageError(database + ": no such database file");
    std::filesystem::create_directories(folder);

    const std::filesystem::path source = database;
    const std::filesystem::path copy = folder / source.filename();
    backup_sqlite(source, copy);
    if (const auto log = server::privacy::access_log_path(source); std::filesystem::exists(log))
        backup_sqlite(log, server::privacy::access_log_path(copy));
    if (const auto key = server::privacy::access_key_path(source); std::filesystem::exists(key))
        std::filesystem::copy_file(key, server::privacy::access_key_path(copy));  // keeps its mode, 0600
    // Documents are named by their content and never change: those
    // uploaded after the database was copied are extra, never missing.
    if (const std::filesystem::path documents = database + ".dokumen"; std::filesystem::is_directory(documents))
        std::filesystem::copy(documents, copy.string() + ".dokumen", std::filesystem::copy_options::recursive);

    EngineOptions on_copy;
    on_copy.database = copy;
    on_copy.sources = context.sources();
    const auto report = Engine(std::move(on_copy)).verify_audit({});
    if (!report.intact) {
        context.err << "tata backup: the copy's audit chain is BROKEN at event " << *report.first_bad_seq << ": "
                    << report.problem << "\n";
        return 1;
    }
    if (context.json()) {
        context.out << nlohmann::json{{"backup", copy.string()},
                                      {"events_checked", report.events_checked},
                                      {"head", {{"seq", report.head_seq}, {"hash", report.head_hash}}}}
                           .dump(2)
                    << "\n";
    } else {
        context.out << "backup written to " << folder.string() << ": " << report.events_checked
                    << " audit event(s) verified\nhead: " << report.head_seq << ":" << report.head_hash
                    << "\n(record the head apart from the backup; after a restore, tata audit verify --anchor "
                       "SEQ:HASH proves it is this backup)\n";
    }
    return 0;
}

}  // namespace tata::cli
