// The rekap: counts of a regency's non-ASN workers for its leadership, by
// category (eks THK-II, BKN database, non-database) × national selection
// result, by verification status and by the outcome the ranking proposes,
// per OPD and in total. Read from the verification workflow's case index, so
// a 100,000-worker regency needs no JSON parsing.
//
// The proposed outcomes are those of the regency's approved prioritization
// round, as frozen when it was proposed (ranking/round_snapshots.hpp), when
// the caller passes it: the leadership reads what was approved and announced,
// not a ranking that moved since. Without one, the ranking of the verified
// workers with the regency's scorecard and its own formasi, computed when the
// rekap is built (what `tata rank --regency CODE` shows). Workers the ranking
// does not hold (not verified yet, or verified after the round's proposal)
// are "belum_diperingkat". The rekap ends with the latest year's performance
// evaluations: predikat per OPD (performance/predikat_summary.hpp).
#pragma once

#include "performance/predikat_summary.hpp"
#include "ranking/round_snapshots.hpp"

#include <tata/engine.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tata::reports {

// The rows and columns, in the order shown.
const std::vector<std::string>& categories();          // eks_thk2, database_bkn, non_database
const std::vector<std::string>& selection_results();   // lulus_cpns, lulus_pppk, tidak_lulus, belum_ikut, (kosong)
const std::vector<std::string>& verification_stages(); // diproses, terverifikasi, dikembalikan, ditolak
const std::vector<std::string>& proposed_outcomes();   // cpns, pppk, pppk_paruh_waktu, alih_daya, dirumahkan, belum_diperingkat

struct RekapCounts {
    std::size_t total = 0;
    std::map<std::string, std::size_t> by_category;
    std::map<std::string, std::map<std::string, std::size_t>> by_category_and_result;
    std::map<std::string, std::size_t> by_stage;
    std::map<std::string, std::size_t> by_outcome;
};

struct Rekap {
    std::string regency;
    std::string regency_name;
    RekapCounts total;
    std::map<std::string, RekapCounts> by_opd;
    std::string ranking_number;  // ranking_number() of the ranking behind by_outcome
    std::optional<CaseId> round; // the approved round by_outcome is of; nullopt: today's ranking
    // The latest year of performance evaluations, when there are any.
    std::optional<performance::PredikatSummary> kinerja;
};

// The approved round's frozen ranking, when the regency has an approved round
// and its ranking was frozen.
struct ApprovedRanking {
    CaseId round = 0;
    ranking::FrozenSummary ranking;
};
std::optional<ApprovedRanking> approved_ranking(Engine& engine, const ranking::RoundSnapshots& snapshots,
                                                const std::string& regency);

Rekap build_rekap(Engine& engine, const std::string& regency, const std::optional<ApprovedRanking>& approved = std::nullopt,
                  const std::string& workflow_id = "verification");

}  // namespace tata::reports
