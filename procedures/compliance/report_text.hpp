// A checked report as lines for people (vendors read them): one line per
// finding in the compiler style "FILE:ROW: NIK ...: rule: what: kurang Rp N",
// and a summary line.
#pragma once

#include "compliance/compliance.hpp"

#include <string>

namespace tata::compliance {

// "juni.csv:4: NIK 6203015203900002: iuran_jht: iuran JHT Rp 150.000, wajib
// 5,7% × Rp 3.473.710 = Rp 198.002: kurang Rp 48.002". The NIK part is left
// out when the finding is not about one worker, the row when it is about the
// whole report, the shortfall when the rule is not about money.
std::string format_finding(const Report& report, const Finding& finding);

// "juni.csv: periode 2025-06, 8 pekerja, total upah Rp 28.400.000, 4 temuan, total kekurangan Rp 1.026.210"
// ending "... 0 temuan: patuh" for a compliant report.
std::string format_summary(const Report& report);

}  // namespace tata::compliance
