#include "reports/rekap.hpp"

#include "ranking/ranking.hpp"
#include "ranking/round.hpp"

namespace tata::reports {
namespace {

// The stage of a worker's verification case, in words for the leadership.
std::string stage_of(const std::string& state, std::string_view result) {
    if (result == "verified") return "terverifikasi";
    if (result == "rejected") return "ditolak";
    if (result == "returned" || state == "dikembalikan") return "dikembalikan";
    return "diproses";
}

void count(RekapCounts& counts, const std::string& category, const std::string& result, const std::string& stage) {
    ++counts.total;
    ++counts.by_category[category];
    ++counts.by_category_and_result[category][result];
    ++counts.by_stage[stage];
}

// Adds the proposed outcomes of the ranked (verified) workers; whoever is
// counted but not ranked is not verified yet.
void add_outcomes(RekapCounts& counts, const std::map<std::string, std::size_t>& ranked) {
    std::size_t total_ranked = 0;
    for (const auto& [outcome, n] : ranked) {
        counts.by_outcome[outcome] += n;
        total_ranked += n;
    }
    if (counts.total > total_ranked) counts.by_outcome["belum_diperingkat"] += counts.total - total_ranked;
}

}  // namespace

const std::vector<std::string>& categories() {
    static const std::vector<std::string> all = {"eks_thk2", "database_bkn", "non_database"};
    return all;
}

const std::vector<std::string>& selection_results() {
    static const std::vector<std::string> all = {"lulus_cpns", "lulus_pppk", "tidak_lulus", "belum_ikut", "(kosong)"};
    return all;
}

const std::vector<std::string>& proposed_outcomes() {
    static const std::vector<std::string> all = {"cpns",      "pppk",       "pppk_paruh_waktu",
                                                 "alih_daya", "dirumahkan", "belum_diperingkat"};
    return all;
}

const std::vector<std::string>& verification_stages() {
    static const std::vector<std::string> all = {"diproses", "terverifikasi", "dikembalikan", "ditolak"};
    return all;
}

std::optional<ApprovedRanking> approved_ranking(Engine& engine, const ranking::RoundSnapshots& snapshots,
                                                const std::string& regency) {
    const auto round = ranking::approved_round(engine, regency);
    if (!round) return std::nullopt;
    auto frozen = snapshots.summary(ranking::round_ranking_number(*round));
    if (!frozen) return std::nullopt;
    return ApprovedRanking{round->id, std::move(*frozen)};
}

Rekap build_rekap(Engine& engine, const std::string& regency, const std::optional<ApprovedRanking>& approved,
                  const std::string& workflow_id) {
    const auto definitions = engine.definitions();  // outlives `known`, whatever a reload does
    const Regency* known = definitions->find_regency(regency);
    if (!known) throw NotFound("unknown regency '" + regency + "'");
    Rekap rekap;
    rekap.regency = regency;
    rekap.regency_name = known->name;

    IndexQuery query;
    query.workflow_id = workflow_id;
    query.regency = regency;
    query.columns = {"opd", "kategori", "hasil_seleksi"};
    engine.scan_index(query, [&](const IndexRow& row) {
        const std::string opd = row.is_null(0) ? "(tanpa OPD)" : std::string(row.text(0));
        const std::string category = row.is_null(1) ? "(kosong)" : std::string(row.text(1));
        const std::string result = row.is_null(2) ? "(kosong)" : std::string(row.text(2));
        const std::string stage = stage_of(row.state(), row.result());
        count(rekap.total, category, result, stage);
        count(rekap.by_opd[opd], category, result, stage);
    });

    std::map<std::string, std::map<std::string, std::size_t>> per_opd;
    std::map<std::string, std::size_t> by_outcome;
    if (approved) {
        rekap.ranking_number = approved->ranking.number;
        rekap.round = approved->round;
        per_opd = approved->ranking.per_opd;
        by_outcome = approved->ranking.by_outcome;
    } else {
        const ranking::Ranking ranked = ranking::rank_regency_own_formasi(engine, regency, workflow_id);
        rekap.ranking_number = ranking::ranking_number(ranked);
        per_opd = ranking::outcomes_by_opd(ranked);
        by_outcome = ranked.by_outcome;
    }
    for (auto& [opd, counts] : rekap.by_opd) {
        const auto it = per_opd.find(opd);
        add_outcomes(counts, it == per_opd.end() ? std::map<std::string, std::size_t>{} : it->second);
    }
    add_outcomes(rekap.total, by_outcome);
    if (const auto year = performance::latest_evaluation_year(engine, regency))
        rekap.kinerja = performance::summarize_year(engine, regency, *year);
    return rekap;
}

}  // namespace tata::reports
