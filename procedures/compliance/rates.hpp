// The BPJS contribution rates a vendor's monthly report is checked against,
// in one table. Source: DESIGN.md section 5, "Outsourcing vendor selection
// and compliance", reference rates (employer share / worker share):
//   JHT 3.7% / 2%; JP 2% / 1%; JKM 0.3% / -; JKK by risk group I-V 0.24,
//   0.54, 0.89, 1.27, 1.74% / -; BPJS Kesehatan 4% / 1% of the wage, on a
//   base floored at the UMK and capped at Rp 12 million.
// Reports carry both shares together, so a check compares against the sum.
// Only what DESIGN.md states is here: the real JP has a wage cap of its own,
// which DESIGN.md does not set, so JP applies to the whole wage.
//
// Rates are in basis points (1 bp = 0.01%) so that every figure is exact
// integer arithmetic on whole rupiah.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tata::compliance {

struct ContributionRate {
    std::string_view program;  // as vendors know it: JHT, JP, JKK, JKM, Kesehatan
    int employer_bp;
    int worker_bp;
    constexpr int total_bp() const { return employer_bp + worker_bp; }
};

inline constexpr ContributionRate jht_rate{"JHT", 370, 200};              // 5.7% together
inline constexpr ContributionRate jp_rate{"JP", 200, 100};                // 3%
inline constexpr ContributionRate jkm_rate{"JKM", 30, 0};                 // 0.3%
inline constexpr ContributionRate kesehatan_rate{"Kesehatan", 400, 100};  // 5%

// JKK by the contract's risk group, --jkk-class 1..5 (index 0 is class 1).
inline constexpr std::array<ContributionRate, 5> jkk_rates{{
    {"JKK", 24, 0},   // I    very low risk (offices, cleaning)
    {"JKK", 54, 0},   // II   low
    {"JKK", 89, 0},   // III  medium
    {"JKK", 127, 0},  // IV   high
    {"JKK", 174, 0},  // V    very high
}};
inline constexpr int min_jkk_class = 1;
inline constexpr int max_jkk_class = static_cast<int>(jkk_rates.size());

// The JKK rate of a class in 1..5 (std::out_of_range otherwise).
inline const ContributionRate& jkk_rate(int jkk_class) {
    return jkk_rates.at(static_cast<std::size_t>(jkk_class - min_jkk_class));
}

// The Kesehatan base: the wage, but at least the UMK and at most this.
inline constexpr std::int64_t kesehatan_base_cap = 12'000'000;

// Contribution owed on `base` rupiah at `bp` basis points, rounded UP to the
// whole rupiah: a vendor who rounds down pays less than the rate, so the
// check only accepts amounts that reach it. Exact: no floating point.
constexpr std::int64_t required_contribution(std::int64_t base, int bp) { return (base * bp + 9'999) / 10'000; }

// The Kesehatan base for `wage` in a regency whose UMK is `umk`.
constexpr std::int64_t kesehatan_base(std::int64_t wage, std::int64_t umk) {
    const std::int64_t floored = wage < umk ? umk : wage;
    return floored > kesehatan_base_cap ? kesehatan_base_cap : floored;
}

}  // namespace tata::compliance
