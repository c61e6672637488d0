#include "compliance/report_text.hpp"

#include "compliance/rupiah.hpp"

namespace tata::compliance {

std::string format_finding(const Report& report, const Finding& finding) {
    std::string line = report.file;
    if (finding.row != 0) line += ":" + std::to_string(finding.row);
    line += ": ";
    if (!finding.nik.empty()) line += "NIK " + finding.nik + ": ";
    line += std::string(rule_code(finding.rule)) + ": " + finding.message;
    if (finding.shortfall > 0) line += ": kurang " + format_rupiah(finding.shortfall);
    return line;
}

std::string format_summary(const Report& report) {
    const auto& s = report.summary;
    std::string line = report.file + ": periode " + (s.periode.empty() ? "?" : s.periode) + ", " +
                       std::to_string(s.workers) + " pekerja, total upah " + format_rupiah(s.total_wage) + ", " +
                       std::to_string(report.findings.size()) + " temuan";
    if (report.compliant()) return line + ": patuh";
    if (s.total_shortfall > 0) line += ", total kekurangan " + format_rupiah(s.total_shortfall);
    if (!s.complete) line += " (berkas tidak terbaca sampai akhir)";
    return line;
}

}  // namespace tata::compliance
