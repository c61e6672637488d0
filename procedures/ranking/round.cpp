#include "ranking/round.hpp"

namespace tata::ranking {
namespace {

const char* const kWorkflow = "prioritization";
const char* const kProposalState = "susun_usulan";

std::size_t count_of(const Ranking& ranking, const std::string& outcome) {
    const auto it = ranking.by_outcome.find(outcome);
    return it == ranking.by_outcome.end() ? 0 : it->second;
}

}  // namespace

nlohmann::json proposal_input(const Ranking& ranking) {
    return {{"id_pemeringkatan", ranking_number(ranking)},
            {"jumlah_diperingkat", ranking.workers.size()},
            {"usulan_cpns", count_of(ranking, "cpns")},
            {"usulan_pppk", count_of(ranking, "pppk")},
            {"usulan_pppk_paruh_waktu", count_of(ranking, "pppk_paruh_waktu")},
            {"usulan_alih_daya", count_of(ranking, "alih_daya")},
            {"usulan_dirumahkan", count_of(ranking, "dirumahkan")},
            // Read by officers on the case page: no file path or command name.
            {"catatan_usulan", "Diajukan dari hasil pemeringkatan dengan kartu skor kabupaten/kota, tanggal acuan " +
                                   ranking.reference_date + "."}};
}

RoundProposal propose_round(Engine& engine, const Ranking& ranking, const Actor& actor) {
    CaseFilter open;
    open.regency = ranking.regency;
    open.workflow_id = kWorkflow;
    open.status = CaseStatus::active;
    std::optional<CaseId> waiting;
    for (const CaseRecord& round : engine.list_cases(open)) {
        if (round.state != kProposalState) {
            // The stage in the workflow's words: the message reaches officers.
            const auto workflow = engine.workflow_of(round);
            const State* stage = workflow ? workflow->find_state(round.state) : nullptr;
            throw RoundBusy("putaran prioritas nomor " + std::to_string(round.id) + " masih di tahap «" +
                            (stage && !stage->title.empty() ? stage->title : round.state) +
                            "»; selesaikan atau batalkan dulu sebelum mengajukan usulan baru");
        }
        waiting = round.id;
    }
    RoundProposal proposal;
    // One batch: a refused `ajukan` must not leave a new, empty round behind.
    engine.batch([&] {
        if (!waiting) {
            waiting = engine.create_case(kWorkflow, ranking.regency, nlohmann::json::object(), actor).record.id;
            proposal.created = true;
        }
        proposal.round = engine.fire(*waiting, "ajukan", proposal_input(ranking), actor).record;
    });
    return proposal;
}

}  // namespace tata::ranking
