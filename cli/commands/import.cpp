// tata import workers FILE.csv --regency CODE
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
        context.out << nlohmann::json{{"created", report.created},
                                      {"updated", report.updated},
                                      {"unchanged", report.unchanged},
                                      {"rejected", report.rejected},
                                      {"flagged", report.flagged},
                                      {"problems", report.problems}}
                           .dump(2)
                    << "\n";
    } else {
        for (const auto& problem : report.problems) context.err << problem << "\n";
        context.out << file << ": " << report.created << " created, " << report.updated << " updated, "
                    << report.unchanged << " unchanged, " << report.rejected << " rejected";
        if (report.flagged) context.out << " (" << report.flagged << " flagged for manual review)";
        context.out << "\n";
    }
    return report.rejected == 0 ? 0 : 1;
}

}  // namespace tata::cli
