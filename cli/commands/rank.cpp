// tata rank --regency CODE [--formasi FILE.yaml] [--json] [--explain NIK]
#include "commands/commands.hpp"
#include "commands/ranking_view.hpp"

namespace tata::cli {

int run_rank(Context& context) {
    const auto regency = context.args.value("regency");
    if (!regency) throw UsageError("needs --regency CODE (for example --regency 62.03)");
    std::vector<ranking::Formasi> formasi;
    if (const auto file = context.args.value("formasi")) {
        try {
            formasi = ranking::load_formasi(*file);
        } catch (const ranking::RulesFileError& e) {
            throw UsageError(e.what());
        }
    }
    auto engine = context.open_engine();
    ranking::Ranking result;
    try {
        result = ranking::rank_regency(*engine, *regency, formasi);
    } catch (const NotFound& e) {
        throw UsageError(e.what());
    }

    if (const auto nik = context.args.value("explain")) {
        const ranking::RankedWorker* worker = result.find(*nik);
        if (!worker) {
            context.err << "tata rank: NIK " << *nik << " is not among the " << result.workers.size()
                        << " ranked (verified) workers of " << *regency << "\n";
            return 1;
        }
        if (context.json())
            context.out << ranking::worker_json(*worker).dump(2) << "\n";
        else
            print_explain(context.out, *worker);
        return 0;
    }
    if (context.json()) {
        context.out << ranking::ranking_json(result).dump(2) << "\n";
        return 0;
    }
    print_ranking(context.out, result, 20);
    context.out << std::right << "\nPenjelasan per pekerja: tata rank --regency " << result.regency << " --explain NIK\n";
    return 0;
}

}  // namespace tata::cli
