// The value formats of a compliance report, strictly: what a vendor's
// spreadsheet may write and what it may not. Each parser answers nullopt
// for text it does not accept; the caller names the column.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tata::compliance {

// Whole rupiah as plain digits ("3473710"). Thousands separators, "Rp",
// signs and decimals are refused rather than guessed: "3.473" could be
// 3,473 rupiah or 3.473 of something else. At most 13 digits.
std::optional<std::int64_t> parse_rupiah(std::string_view text);

// An ISO date, YYYY-MM-DD, that exists in the calendar.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

// A periode, YYYY-MM.
std::optional<std::chrono::year_month> parse_periode(std::string_view text);

// "ya" or "tidak", in any letter case.
std::optional<bool> parse_flag(std::string_view text);

// Sixteen digits. Only the shape: the NIK module checks district codes and
// birth dates; here the NIK is the key that names a worker in findings.
bool is_nik(std::string_view text);

// "2025-06" and "2025-06-30".
std::string format_periode(std::chrono::year_month periode);
std::string format_date(std::chrono::year_month_day date);

}  // namespace tata::compliance
