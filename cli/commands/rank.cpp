// tata rank --regency CODE [--formasi FILE.yaml] [--json] [--explain NIK]
//           [--propose [--as USER:officer]]
//
// Without --formasi the regency's own formasi (settings.prioritization.formasi)
// is filled. --propose submits the result as the regency's prioritization
// round (the `prioritization` workflow's first task); exit 1 when refused.
#include "commands/case_view.hpp"
#include "commands/commands.hpp"
#include "commands/ranking_view.hpp"

#include "ranking/round.hpp"

namespace tata::cli {
namespace {

int propose(Context& context, Engine& engine, const ranking::Ranking& result) {
    const Actor officer = context.args.value("as") ? context.actor() : Actor{"cli", "officer"};
    ranking::RoundProposal proposal;
    try {
        ranking::RoundSnapshots snapshots(context.database());
        proposal = ranking::propose_round(engine, result, officer, snapshots);
    } catch (const ranking::RoundBusy& e) {
        context.err << "ditolak: " << e.what() << "\n";
        return 1;
    } catch (const Forbidden& e) {
        context.err << "ditolak: " << e.what() << "\n";
        return 1;
    }
    if (context.json()) {
        context.out << nlohmann::json{{"nomor_pemeringkatan", ranking::ranking_number(result)},
                                      {"putaran_baru", proposal.created},
                                      {"case", case_to_json(proposal.round)}}
                           .dump(2)
                    << "\n";
        return 0;
    }
    context.out << "Usulan " << ranking::ranking_number(result) << " (" << result.workers.size()
                << " pekerja terverifikasi) diajukan pada putaran prioritas kasus " << proposal.round.id
                << (proposal.created ? " (baru)" : "") << "; tahap sekarang: " << proposal.round.state << "\n";
    return 0;
}

}  // namespace

int run_rank(Context& context) {
    const auto regency = context.args.value("regency");
    if (!regency) throw UsageError("needs --regency CODE (for example --regency 62.03)");
    auto engine = context.open_engine();
    ranking::Ranking result;
    try {
        // Without --formasi: what the regency ranks by (its adopted
        // scenario's formasi, else its formasi file), as the server does.
        if (const auto file = context.args.value("formasi"))
            result = ranking::rank_regency(*engine, *regency, ranking::load_formasi(*file));
        else
            result = ranking::rank_regency_own_formasi(*engine, *regency);
    } catch (const NotFound& e) {
        throw UsageError(e.what());
    } catch (const ranking::RulesFileError& e) {
        throw UsageError(e.what());
    }
    if (context.args.flag("propose")) return propose(context, *engine, result);

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
