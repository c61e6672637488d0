// What a compliance check needs to know about the regency and the contract,
// and where each value comes from.
//
// From rules/<code>/regency.yaml:
//   settings.umk                  the UMK, whole rupiah per month (required)
//   settings.compliance.jkk_class the usual JKK risk group, 1..5 (default 1;
//                                 `tata vendor check --jkk-class` overrides it)
//   settings.compliance.pay_day   the contract's pay day, 1..31: the wage for
//                                 periode YYYY-MM is due by that day of the
//                                 FOLLOWING month ("upah Juni dibayar paling
//                                 lambat 10 Juli"), clamped to that month's
//                                 length. Without it the wage is due by the
//                                 last day of the periode's own month.
// From the contract (callers set it): the expected headcount.
#pragma once

#include <tata/regency.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace tata::compliance {

struct Settings {
    std::int64_t umk = 0;
    int jkk_class = 1;  // 1..5
    int pay_day = 0;    // 1..31 of the following month, or 0 for the periode's last day
    // Whose pay day that is: the contract's own (tanggal_bayar) or the
    // regency's rule; the vendor is told which applies.
    bool pay_day_from_contract = false;
    std::optional<std::size_t> expected_headcount;
};

// A regency setting missing or out of range; the message (Bahasa Indonesia)
// names the key.
struct SettingsError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// Settings from the regency's policy; SettingsError when umk is missing or
// a value is out of range.
Settings settings_for(const Regency& regency);

// The last day a wage for `periode` counts as paid on time.
std::chrono::year_month_day pay_deadline(std::chrono::year_month periode, const Settings& settings);

}  // namespace tata::compliance
