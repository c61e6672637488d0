// Dates and numbers as people in Indonesia write them, for what reaches a
// person outside the pages (notifications, letters): "8 Desember 2026",
// "4.874", "Rp 3.650.000".
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace tata::server {

// "8 Desember 2026".
std::string indonesian_date(std::chrono::sys_days date);
// "2026-12-08" as "8 Desember 2026"; nullopt when `iso` is no such date.
std::optional<std::string> indonesian_date(const std::string& iso);
// 4874 → "4.874", 2.5 → "2,5" (at most 2 decimals).
std::string indonesian_number(double value);

}  // namespace tata::server
