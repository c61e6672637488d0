// A checked report as JSON, for `tata vendor check --json`, the server and
// workflows. Amounts are whole rupiah as integers; rule names are rule_code().
#pragma once

#include "compliance/compliance.hpp"

#include <nlohmann/json.hpp>

namespace tata::compliance {

// {"file", "periode", "pay_deadline", "umk", "jkk_class", "expected_headcount",
//  "rows", "workers", "total_wage", "total_shortfall", "complete", "compliant",
//  "findings": [{"row", "nik", "nama", "rule", "message", "shortfall",
//                "required", "reported" (money rules), "days_late" (tanggal_bayar),
//                "text" (the line format_finding prints)}]}
// Absent values (no periode, a report-wide finding's row and NIK) are null.
nlohmann::json to_json(const Report& report);

}  // namespace tata::compliance
