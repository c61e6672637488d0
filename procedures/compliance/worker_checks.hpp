// The rules one worker's row must meet: wage at least the UMK, enrolled in
// BPJS Ketenagakerjaan and Kesehatan, each contribution at least its rate,
// paid by the pay day.
#pragma once

#include "compliance/finding.hpp"
#include "compliance/report_row.hpp"
#include "compliance/settings.hpp"

#include <vector>

namespace tata::compliance {

// Appends the findings for a complete row, in the order of Rule.
void check_worker(const ReportRow& row, const Settings& settings, std::vector<Finding>& findings);

}  // namespace tata::compliance
