// The rekap: counts of a regency's non-ASN workers for its leadership, by
// category (eks THK-II, BKN database, non-database) × national selection
// result, by verification status and by the outcome the ranking proposes,
// per OPD and in total. Read from the verification workflow's case index, so
// a 100,000-worker regency needs no JSON parsing.
//
// The proposed outcomes are the ranking of the verified workers with the
// regency's scorecard and its own formasi (settings.prioritization.formasi),
// computed when the rekap is built: the ranking is deterministic, so this is
// what `tata rank --regency CODE` shows. Workers not verified yet are
// "belum_diperingkat". The rekap ends with the latest year's performance
// evaluations: predikat per OPD (performance/predikat_summary.hpp).
#pragma once

#include "performance/predikat_summary.hpp"

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
    // The latest year of performance evaluations, when there are any.
    std::optional<performance::PredikatSummary> kinerja;
};

Rekap build_rekap(Engine& engine, const std::string& regency, const std::string& workflow_id = "verification");

}  // namespace tata::reports
