// The leadership's view of a year's evaluations: per OPD, how many are still
// being evaluated, announced (within the objection window) and final, how
// many got each predikat, and whether a predikat's share passes the cap the
// regency set (settings.performance.distribution_caps, percent per predikat,
// optional; PermenPANRB 6/2022 ties the distribution to the organisation's
// own rating, e.g. at most 70% Baik).
#pragma once

#include <tata/engine.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tata::performance {

struct PredikatCounts {
    std::size_t cases = 0;
    std::size_t not_rated = 0;  // still before the annual rating
    std::size_t announced = 0;  // rated, within the objection window or deciding one
    std::size_t final = 0;
    std::size_t objections = 0;           // objections filed
    std::size_t objections_accepted = 0;  // of which the rating changed
    std::map<std::string, std::size_t> by_predikat;  // announced and final
    std::vector<std::string> over_cap;               // predikat whose share passes its cap
};

struct PredikatSummary {
    int year = 0;
    std::map<std::string, std::string> labels;  // predikat → its label in the regency's table
    std::map<std::string, double> caps;  // predikat → the highest share, percent
    std::map<std::string, PredikatCounts> by_opd;
    PredikatCounts total;
};

// Throws std::invalid_argument when the regency's caps are not numbers
// between 0 and 100 (reload checks them first, see check_caps).
PredikatSummary summarize_year(Engine& engine, const std::string& regency, int year);

// The latest year the regency has evaluations for, if any.
std::optional<int> latest_evaluation_year(Engine& engine, const std::string& regency);

// As JSON for the API and the rekap, keys in Bahasa Indonesia: jumlah,
// belum_dinilai, diumumkan, final, keberatan, keberatan_diterima, predikat
// {code: count}, melebihi_batas [code].
nlohmann::json counts_json(const PredikatCounts& counts);

// The decision table that gives the predikat, and its output.
inline constexpr const char* kPredikatTable = "predikat_kinerja";
inline constexpr const char* kPredikatOutput = "predikat";

// A predikat code as people read it: the label the regency's table gives
// it ("Kurang/Misconduct" for kurang), else the code in words
// ("Sangat Baik" for sangat_baik). `table` may be null.
std::string predikat_label(const DecisionTable* table, std::string_view code);

// The caps as the regency wrote them, or the problems with them.
std::map<std::string, double> distribution_caps(const nlohmann::json& settings, std::vector<std::string>& problems);

}  // namespace tata::performance
