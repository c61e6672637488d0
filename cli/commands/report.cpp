// tata report rekap --regency CODE [--format table|csv|json]
#include "commands/commands.hpp"
#include "reports/rekap_format.hpp"

namespace tata::cli {

int run_report_rekap(Context& context) {
    const auto regency = context.args.value("regency");
    if (!regency) throw UsageError("needs --regency CODE (for example --regency 62.03)");
    const std::string format = context.json() ? "json" : context.args.value_or("format", "table");
    if (format != "table" && format != "csv" && format != "json") throw UsageError("--format must be table, csv or json");
    auto engine = context.open_engine();
    reports::Rekap rekap;
    try {
        const ranking::RoundSnapshots snapshots(context.database());
        rekap = reports::build_rekap(*engine, *regency, reports::approved_ranking(*engine, snapshots, *regency));
    } catch (const NotFound& e) {
        throw UsageError(e.what());
    }
    if (format == "json")
        context.out << reports::rekap_json(rekap).dump(2) << "\n";
    else if (format == "csv")
        reports::print_rekap_csv(context.out, rekap);
    else
        reports::print_rekap_table(context.out, rekap);
    return 0;
}

}  // namespace tata::cli
