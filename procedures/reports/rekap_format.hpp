// The rekap for people (table), spreadsheets (CSV) and scripts (JSON).
#pragma once

#include "reports/rekap.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>

namespace tata::reports {

// `per_opd`: add the (wide) table with one line per OPD.
void print_rekap_table(std::ostream& out, const Rekap& rekap, bool per_opd = true);
void print_rekap_csv(std::ostream& out, const Rekap& rekap);
nlohmann::json rekap_counts_json(const RekapCounts& counts);
nlohmann::json rekap_json(const Rekap& rekap);

}  // namespace tata::reports
