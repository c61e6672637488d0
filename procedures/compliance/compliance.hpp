// The monthly compliance check of an outsourcing vendor's report (DESIGN.md
// section 5, "Outsourcing vendor selection and compliance"): one CSV row per
// worker, checked for the minimum wage, BPJS enrolment and contributions,
// the pay day, duplicates and the contract's headcount.
//
//     auto settings = tata::compliance::settings_for(*definitions->find_regency("62.03"));
//     settings.jkk_class = 2;  // the contract's risk group
//     const auto report = tata::compliance::check_report("juni.csv", settings);
//     for (const auto& f : report.findings) ...  // f.row, f.nik, rule_code(f.rule), f.shortfall
//
// Everything wrong inside the file is a finding with its row, never an
// exception: a vendor gets the whole list in one run. Only a file that
// cannot be opened throws (csv::Error).
//
// Figures: contributions are owed in whole rupiah, rounded up (see
// required_contribution in rates.hpp); shortfalls are what was owed minus
// what the report shows.
#pragma once

#include "compliance/finding.hpp"
#include "compliance/settings.hpp"
#include "csv/csv_reader.hpp"  // csv::Error, thrown for a file that cannot be opened

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace tata::compliance {

struct Summary {
    std::string periode;  // the report's month, "2025-06"; empty when no row names a valid one
    std::optional<std::chrono::year_month_day> pay_deadline;  // for that month
    std::size_t rows = 0;                                     // data rows read
    std::size_t workers = 0;                                  // rows, less those repeating a NIK
    std::int64_t total_wage = 0;                              // over the rows whose wage parsed
    std::int64_t total_shortfall = 0;                         // over all findings
    bool complete = true;                                     // false when a format_berkas finding stopped the reading
};

struct Report {
    std::string file;
    Settings settings;
    Summary summary;
    // In row order, and within a row in the order of Rule; findings about the
    // report as a whole (row 0) come last.
    std::vector<Finding> findings;

    bool compliant() const { return findings.empty(); }
};

// Checks the report in `file`. csv::Error when it cannot be opened;
// std::invalid_argument when `settings` are out of range (umk <= 0, a JKK
// class outside 1..5).
Report check_report(const std::filesystem::path& file, const Settings& settings);
// The same on a stream; `name` labels it as the file would.
Report check_report(std::istream& in, const std::string& name, const Settings& settings);

}  // namespace tata::compliance
