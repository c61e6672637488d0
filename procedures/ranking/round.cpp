#include "ranking/round.hpp"

namespace tata::ranking {
namespace {

const char* const kWorkflow = "prioritization";
const char* const kProposalState = "susun_usulan";
const char* const kApprovalState = "persetujuan_kepala";
const char* const kCancelledState = "dibatalkan";
const char* const kFinalDecisionState = "penetapan";

std::string data_text(const CaseRecord& record, const char* field) {
    const auto it = record.data.find(field);
    return it != record.data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::size_t count_of(const Ranking& ranking, const std::string& outcome) {
    const auto it = ranking.by_outcome.find(outcome);
    return it == ranking.by_outcome.end() ? 0 : it->second;
}

}  // namespace

nlohmann::json proposal_input(const Ranking& ranking, const std::string& number) {
    return {{"id_pemeringkatan", number},
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

RoundProposal propose_round(Engine& engine, const Ranking& ranking, const Actor& actor, RoundSnapshots& snapshots) {
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
    // The number hashes every worker's place: computed once, by the freeze.
    const std::string number = snapshots.freeze(ranking);
    RoundProposal proposal;
    // One batch: a refused `ajukan` must not leave a new, empty round behind.
    engine.batch([&] {
        if (!waiting) {
            waiting = engine.create_case(kWorkflow, ranking.regency, nlohmann::json::object(), actor).record.id;
            proposal.created = true;
        }
        proposal.round = engine.fire(*waiting, "ajukan", proposal_input(ranking, number), actor).record;
    });
    return proposal;
}

std::optional<CaseRecord> approved_round(Engine& engine, const std::string& regency) {
    CaseFilter rounds;
    rounds.regency = regency;
    rounds.workflow_id = kWorkflow;
    std::optional<CaseRecord> newest;
    for (CaseRecord& round : engine.list_cases(rounds)) {
        if (round.state == kProposalState || round.state == kApprovalState || round.state == kCancelledState) continue;
        if (!newest || round.id > newest->id) newest = std::move(round);
    }
    return newest;
}

std::optional<Announcement> announcement_of(const CaseRecord& round, const std::string& today) {
    Announcement out{data_text(round, "tanggal_pengumuman"), data_text(round, "batas_sanggah"), false};
    if (out.date.empty() || out.deadline.empty()) return std::nullopt;
    // ISO dates compare as text.
    out.open_for_objections =
        round.status == CaseStatus::active && round.state != kFinalDecisionState && today <= out.deadline;
    return out;
}

std::string round_ranking_number(const CaseRecord& round) { return data_text(round, "id_pemeringkatan"); }

}  // namespace tata::ranking
