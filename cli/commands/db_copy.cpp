// tata db copy --from tata.db --to postgresql://...: moves a single-machine
// deployment into a cluster's database (server/cluster/database_copy.hpp).
// The source's audit chain is verified first; after the copy the
// definitions are loaded on the target, which builds its case and text
// indexes, and the target's chain and access log must verify with the same
// head and the same number of entries as the source's.
#include "commands/commands.hpp"

#include "cluster/database_copy.hpp"
#include "privacy/personal_data_log.hpp"

#include <tata/database_location.hpp>
#include <tata/engine.hpp>

namespace tata::cli {
namespace {

AuditReport verified_chain(const Context& context, const std::string& database) {
    EngineOptions options;
    options.database = database;
    options.sources = context.sources();
    return Engine(std::move(options)).verify_audit({});
}

std::string head_of(const AuditReport& report) { return std::to_string(report.head_seq) + ":" + report.head_hash; }

}  // namespace

int run_db_copy(Context& context) {
    const std::string from = context.args.value_or("from", context.database());
    const auto to = context.args.value("to");
    if (!to || !names_postgresql(*to))
        throw UsageError("needs --to postgresql://..., the new, empty database of the cluster");
    if (names_postgresql(from) || !std::filesystem::is_regular_file(from))
        throw UsageError("--from must name the SQLite database file to move (" + from + " is none)");

    const AuditReport before = verified_chain(context, from);
    if (!before.intact) {
        context.err << "tata db copy: the source's audit chain is BROKEN at event " << *before.first_bad_seq << ": "
                    << before.problem << "; restore it from a backup before moving it\n";
        return 1;
    }
    const auto access_before = server::privacy::PersonalDataLog(from).verify();
    if (!access_before.intact) {
        context.err << "tata db copy: the source's personal-data access log is BROKEN at entry "
                    << access_before.first_bad_row.value_or(0) << ": " << access_before.problem
                    << "; restore it from a backup before moving it\n";
        return 1;
    }

    const server::DatabaseCopyReport copied = server::copy_database(from, *to, {before.head_seq, before.head_hash});

    const AuditReport after = verified_chain(context, *to);  // loading the definitions builds the indexes
    const auto access_after = server::privacy::PersonalDataLog(*to).verify();
    const bool same_chain = after.intact && head_of(after) == head_of(before) && after.events_checked == before.events_checked;
    const bool same_access_log = access_after.intact && access_after.entries_checked == access_before.entries_checked &&
                                 access_after.regencies == access_before.regencies;

    if (context.json()) {
        nlohmann::json tables = nlohmann::json::object();
        for (const auto& table : copied.tables) tables[table.name] = table.rows;
        context.out << nlohmann::json{{"tables", tables},
                                      {"documents", copied.documents},
                                      {"document_bytes", copied.document_bytes},
                                      {"access_entries", access_after.entries_checked},
                                      {"access_key_copied", copied.access_key_copied},
                                      {"events_checked", after.events_checked},
                                      {"head", {{"seq", after.head_seq}, {"hash", after.head_hash}}},
                                      {"same_head", same_chain},
                                      {"same_access_log", same_access_log}}
                           .dump(2)
                    << "\n";
    } else {
        context.out << "copied into " << location_for_log(*to) << ":\n";
        for (const auto& table : copied.tables)
            if (table.rows > 0) context.out << "  " << table.name << ": " << table.rows << " row(s)\n";
        context.out << "  documents: " << copied.documents << " (" << copied.document_bytes << " bytes)\n"
                    << "audit chain: " << after.events_checked << " event(s) verified on the target, head "
                    << head_of(after) << (same_chain ? " (the source's)" : "") << "\n"
                    << "access log: " << access_after.entries_checked << " entries verified on the target\n";
    }
    if (!same_chain) {
        context.err << "tata db copy: the copy was written, but the target's audit chain does not end where the "
                       "source's does (source "
                    << head_of(before) << ", " << before.events_checked << " event(s); target " << head_of(after)
                    << ", " << after.events_checked << (after.intact ? "" : ", broken: " + after.problem)
                    << "); drop and recreate the target database before copying again\n";
        return 1;
    }
    if (!same_access_log) {
        context.err << "tata db copy: the copy was written, but the target's access log does not verify as the "
                       "source's did ("
                    << access_before.entries_checked << " entries, then " << access_after.entries_checked
                    << (access_after.intact ? "" : ", broken: " + access_after.problem)
                    << "); drop and recreate the target database before copying again\n";
        return 1;
    }
    return 0;
}

}  // namespace tata::cli
