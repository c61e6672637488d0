#include "compliance/compliance.hpp"

#include "compliance/fields.hpp"
#include "compliance/rates.hpp"
#include "compliance/report_row.hpp"
#include "compliance/worker_checks.hpp"
#include "csv/csv_reader.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace tata::compliance {
namespace {

void validate(const Settings& settings) {
    if (settings.umk <= 0) throw std::invalid_argument("compliance check: the UMK must be positive");
    if (settings.jkk_class < min_jkk_class || settings.jkk_class > max_jkk_class)
        throw std::invalid_argument("compliance check: the JKK class must be 1..5");
}

Finding report_finding(std::size_t row, Rule rule, std::string message) {
    Finding finding;
    finding.row = row;
    finding.rule = rule;
    finding.message = std::move(message);
    return finding;
}

// Reads every row, noting malformed fields and file-level problems.
std::vector<ReportRow> read_rows(csv::Reader& reader, Report& report) {
    std::vector<ReportRow> rows;
    try {
        const auto& header = reader.read_header({report_columns.begin(), report_columns.end()});
        const RowReader row_reader(header);
        for (const csv::Row& row : reader) rows.push_back(row_reader.read(row, report.findings));
    } catch (const csv::Error& e) {
        report.findings.push_back(report_finding(e.row(), Rule::file_format, e.message()));
        report.summary.complete = false;
    }
    return rows;
}

// The month most rows name (the earliest named, on a tie).
std::optional<std::chrono::year_month> report_periode(const std::vector<ReportRow>& rows) {
    std::map<std::chrono::year_month, std::size_t> counts;
    std::optional<std::chrono::year_month> best;
    for (const auto& row : rows) {
        if (!row.periode_valid) continue;
        const std::size_t count = ++counts[row.periode];
        if (!best || count > counts[*best]) best = row.periode;
    }
    return best;
}

void check_periode(const ReportRow& row, std::optional<std::chrono::year_month> periode,
                   std::vector<Finding>& findings) {
    if (!row.periode_valid || !periode || row.periode == *periode) return;
    Finding finding = report_finding(row.row, Rule::mixed_period,
                                     "periode " + format_periode(row.periode) + " berbeda dari periode laporan " +
                                         format_periode(*periode) + "; satu laporan untuk satu bulan");
    finding.nik = row.nik;
    finding.name = row.name;
    findings.push_back(std::move(finding));
}

void check_headcount(const Report& report, std::vector<Finding>& findings) {
    const auto& summary = report.summary;
    if (!summary.complete) return;  // an unread tail would make the count wrong
    const auto expected = report.settings.expected_headcount;
    if (expected && summary.workers != *expected) {
        findings.push_back(report_finding(0, Rule::headcount,
                                          "laporan memuat " + std::to_string(summary.workers) + " pekerja, kontrak " +
                                              std::to_string(*expected) + " pekerja"));
    } else if (!expected && summary.workers == 0) {
        findings.push_back(report_finding(0, Rule::headcount, "laporan tidak memuat satu pekerja pun"));
    }
}

Report check(csv::Reader& reader, const Settings& settings) {
    Report report;
    report.file = reader.name();
    report.settings = settings;

    const std::vector<ReportRow> rows = read_rows(reader, report);
    const auto periode = report_periode(rows);
    if (periode) {
        report.summary.periode = format_periode(*periode);
        report.summary.pay_deadline = pay_deadline(*periode, settings);
    }

    std::unordered_map<std::string, std::size_t> first_row_of;
    report.summary.rows = rows.size();
    for (const auto& row : rows) {
        if (row.wage_valid) report.summary.total_wage += row.wage;
        check_periode(row, periode, report.findings);
        bool repeated = false;
        if (row.nik_valid) {
            const auto [it, inserted] = first_row_of.emplace(row.nik, row.row);
            repeated = !inserted;
            if (repeated) {
                Finding finding = report_finding(row.row, Rule::duplicate_nik,
                                                 "NIK ini sudah dilaporkan di baris " + std::to_string(it->second));
                finding.nik = row.nik;
                finding.name = row.name;
                report.findings.push_back(std::move(finding));
            }
        }
        if (!repeated) ++report.summary.workers;
        if (row.complete) check_worker(row, settings, report.findings);
    }
    check_headcount(report, report.findings);

    // Row order, report-wide last; within a row, malformed fields in column
    // order and then the rules in the order of Rule (stable sort).
    std::stable_sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
        const auto key = [](const Finding& f) {
            return std::make_pair(f.row == 0 ? std::numeric_limits<std::size_t>::max() : f.row, f.rule);
        };
        return key(a) < key(b);
    });
    for (const auto& finding : report.findings) report.summary.total_shortfall += finding.shortfall;
    return report;
}

}  // namespace

Report check_report(std::istream& in, const std::string& name, const Settings& settings) {
    validate(settings);
    csv::Reader reader(in, name);
    return check(reader, settings);
}

Report check_report(const std::filesystem::path& file, const Settings& settings) {
    validate(settings);
    csv::Reader reader(file);  // throws when the file cannot be opened
    return check(reader, settings);
}

}  // namespace tata::compliance
