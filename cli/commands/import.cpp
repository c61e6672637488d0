// tata import workers FILE.csv --regency CODE [--preview] [--json]
//
// --preview checks every row and reports what the import would do, writing
// nothing. Warnings (a NIK registered in another regency, an OPD the regency
// does not list, the NIK's findings) go to stderr as "warning:" lines.
#include "commands/commands.hpp"
#include "progress.hpp"

#include "csv/csv_reader.hpp"
#include "nik/area_registry.hpp"
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
        context.out << "\n";
    }
    return report.rejected == 0 ? 0 : 1;
}

}  // namespace tata::cli
