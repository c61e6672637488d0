// tata import workers FILE.csv --regency CODE [--preview] [--json]
// tata import list --regency CODE [--json]
// tata import undo BATCH --regency CODE [--preview] [--json]
//
// --preview checks every row and reports what the import would do, writing
// nothing. Warnings (a NIK registered in another regency, an OPD the regency
// does not list, the NIK's findings) go to stderr as "warning:" lines. Each
// import that writes is a numbered batch, which `import undo` takes back
// (roster/import_undo.hpp).
#include "commands/commands.hpp"
#include "progress.hpp"

#include "csv/csv_reader.hpp"
#include "nik/area_registry.hpp"
#include "roster/import_undo.hpp"
#include "roster/worker_import.hpp"

#include <unistd.h>

namespace tata::cli {

int run_import_workers(Context& context) {
    const std::string file = context.args.positional(0, "roster file (CSV)");
    const auto regency = context.args.value("regency");
    if (!regency) throw UsageError("needs --regency CODE (for example --regency 62.03)");

    auto engine = context.open_engine();
    const auto areas = nik::AreaRegistry::shared(context.sources().rules.front() / "wilayah");
    ProgressBar progress(context.err, "impor", !context.json() && ::isatty(STDERR_FILENO));
    roster::ImportOptions options;
    options.regency = *regency;
    if (context.args.value("as")) options.actor = context.actor();
    options.on_progress = [&](std::uint64_t read, std::uint64_t total) { progress.update(read, total); };
    options.preview = context.args.flag("preview");
    roster::ImportBatches batches(context.database());
    options.batches = &batches;

    roster::ImportReport report;
    try {
        report = roster::import_workers(*engine, file, *areas, options);
    } catch (const csv::Error& e) {
        progress.finish();
        context.err << e.what() << "\n";
        return 1;
    } catch (const NotFound& e) {
        progress.finish();
        context.err << "tata import workers: " << e.what() << "\n";
        return 2;
    }
    progress.finish();

    if (context.json()) {
        context.out << nlohmann::json{{"preview", options.preview},
                                      {"batch", report.batch},
                                      {"created", report.created},
                                      {"updated", report.updated},
                                      {"unchanged", report.unchanged},
                                      {"rejected", report.rejected},
                                      {"flagged", report.flagged},
                                      {"other_regency", report.other_regency},
                                      {"unknown_opd", report.unknown_opd},
                                      {"problems", report.problems},
                                      {"warning_count", report.warning_count},
                                      {"warnings", report.warnings},
                                      {"file_warnings", report.file_warnings}}
                           .dump(2)
                    << "\n";
    } else {
        for (const auto& problem : report.problems) context.err << problem << "\n";
        for (const auto& warning : report.warnings) context.err << "warning: " << warning << "\n";
        if (report.warning_count > report.warnings.size())
            context.err << "warning: " << report.warning_count - report.warnings.size() << " more\n";
        for (const auto& warning : report.file_warnings) context.err << "warning: " << file << ": " << warning << "\n";
        context.out << file << ": " << (options.preview ? "preview, nothing written: would be " : "") << report.created
                    << " created, " << report.updated << " updated, " << report.unchanged << " unchanged, "
                    << report.rejected << " rejected";
        if (report.flagged) context.out << " (" << report.flagged << " flagged for manual review)";
        if (report.batch) context.out << "; import " << report.batch << " (tata import undo " << report.batch << " takes it back)";
        context.out << "\n";
    }
    return report.rejected == 0 ? 0 : 1;
}

int run_import_list(Context& context) {
    const auto regency = context.args.value("regency");
    if (!regency) throw UsageError("needs --regency CODE (for example --regency 62.03)");
    context.open_engine();  // creates or migrates the database like every command
    const roster::ImportBatches batches(context.database());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& b : batches.recent(*regency, 100)) {
        if (context.json()) {
            out.push_back({{"id", b.id}, {"file_name", b.file_name}, {"imported_by", b.imported_by},
                           {"imported_at", b.imported_at}, {"finished", b.finished}, {"created", b.created},
                           {"updated", b.updated}, {"unchanged", b.unchanged}, {"rejected", b.rejected},
                           {"undone_by", b.undone_by}, {"undone_at", b.undone_at}});
            continue;
        }
        context.out << b.id << "  " << format_iso8601(TimePoint(std::chrono::seconds(b.imported_at))) << "  "
                    << b.imported_by << "  " << b.file_name << ": " << b.created << " created, " << b.updated
                    << " updated, " << b.unchanged << " unchanged, " << b.rejected << " rejected"
                    << (b.finished ? "" : " (stopped part-way)");
        if (b.undone()) context.out << "; undone by " << b.undone_by;
        context.out << "\n";
    }
    if (context.json()) context.out << out.dump(2) << "\n";
    return 0;
}

int run_import_undo(Context& context) {
    const std::string batch_text = context.args.positional(0, "import number (tata import list)");
    const auto regency = context.args.value("regency");
    if (!regency) throw UsageError("needs --regency CODE (for example --regency 62.03)");
    std::int64_t batch = 0;
    try {
        batch = std::stoll(batch_text);
    } catch (const std::exception&) {
        throw UsageError("the import number must be a number, not '" + batch_text + "'");
    }
    auto engine = context.open_engine();
    roster::ImportBatches batches(context.database());
    roster::UndoOptions options;
    options.regency = *regency;
    options.actor = context.actor();
    options.preview = context.args.flag("preview");
    roster::UndoReport report;
    try {
        report = roster::undo_import(*engine, batches, batch, options);
    } catch (const roster::AlreadyUndone& e) {
        context.err << "tata import undo: " << e.what() << "\n";
        return 1;
    } catch (const NotFound&) {
        context.err << "tata import undo: no import " << batch << " in " << *regency << "\n";
        return 2;
    }
    if (context.json()) {
        nlohmann::json kept = nlohmann::json::array();
        for (const auto& k : report.kept) kept.push_back({{"case_id", k.case_id}, {"nik", k.nik}, {"reason", k.reason}});
        context.out << nlohmann::json{{"preview", report.preview}, {"batch", report.batch},
                                      {"withdrawn", report.withdrawn}, {"reverted", report.reverted},
                                      {"kept_count", report.kept_count}, {"kept", kept}}
                           .dump(2)
                    << "\n";
        return 0;
    }
    for (const auto& k : report.kept) context.err << "kept: case " << k.case_id << " (" << k.nik << "): " << k.reason << "\n";
    context.out << "import " << batch << ": " << (report.preview ? "preview, nothing written: would have " : "")
                << report.withdrawn << " withdrawn, " << report.reverted << " put back, " << report.kept_count
                << " kept\n";
    return 0;
}

}  // namespace tata::cli
