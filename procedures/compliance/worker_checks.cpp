#include "compliance/worker_checks.hpp"

#include "compliance/fields.hpp"
#include "compliance/rates.hpp"
#include "compliance/rupiah.hpp"

#include <string>

namespace tata::compliance {
namespace {

// One contribution the row owes.
struct Due {
    Rule rule;
    ContributionRate rate;
    std::int64_t base;
    std::int64_t paid;

    std::int64_t required() const { return required_contribution(base, rate.total_bp()); }
    std::int64_t shortfall() const { return paid < required() ? required() - paid : 0; }
};

Finding finding_for(const ReportRow& row, Rule rule) {
    Finding finding;
    finding.row = row.row;
    finding.nik = row.nik;
    finding.name = row.name;
    finding.rule = rule;
    return finding;
}

// "5,7% × Rp 3.473.710 = Rp 198.002"
std::string formula(const Due& due) {
    return format_rate(due.rate.total_bp()) + " × " + format_rupiah(due.base) + " = " + format_rupiah(due.required());
}

void check_minimum_wage(const ReportRow& row, const Settings& settings, std::vector<Finding>& findings) {
    if (row.wage >= settings.umk) return;
    Finding finding = finding_for(row, Rule::minimum_wage);
    finding.required = settings.umk;
    finding.reported = row.wage;
    finding.shortfall = settings.umk - row.wage;
    finding.message = "upah " + format_rupiah(row.wage) + " di bawah UMK " + format_rupiah(settings.umk);
    findings.push_back(std::move(finding));
}

// A programme's contributions: one finding per short contribution when the
// worker is enrolled; when not, one enrolment finding owing them all.
void check_programme(const ReportRow& row, bool enrolled, Rule enrolment, const std::string& programme,
                     const std::vector<Due>& dues, const std::string& base_note, std::vector<Finding>& findings) {
    if (!enrolled) {
        Finding finding = finding_for(row, enrolment);
        std::string names;
        for (const auto& due : dues) {
            finding.required += due.required();
            finding.reported += due.paid;
            finding.shortfall += due.shortfall();
            names += (names.empty() ? "" : "+") + std::string(due.rate.program);
        }
        finding.message = "tidak terdaftar " + programme + "; iuran " + names + " wajib " +
                          format_rupiah(finding.required) + ", dilaporkan " + format_rupiah(finding.reported);
        findings.push_back(std::move(finding));
        return;
    }
    for (const auto& due : dues) {
        if (due.shortfall() == 0) continue;
        Finding finding = finding_for(row, due.rule);
        finding.required = due.required();
        finding.reported = due.paid;
        finding.shortfall = due.shortfall();
        finding.message = "iuran " + std::string(due.rate.program) + " " + format_rupiah(due.paid) + ", wajib " +
                          formula(due) + base_note;
        findings.push_back(std::move(finding));
    }
}

void check_pay_day(const ReportRow& row, const Settings& settings, std::vector<Finding>& findings) {
    const auto deadline = pay_deadline(row.periode, settings);
    if (row.paid_on <= deadline) return;
    Finding finding = finding_for(row, Rule::late_payment);
    finding.days_late =
        static_cast<int>((std::chrono::sys_days(row.paid_on) - std::chrono::sys_days(deadline)).count());
    finding.message = "upah periode " + format_periode(row.periode) + " dibayar " + format_date(row.paid_on) +
                      ", paling lambat " + format_date(deadline) + ": terlambat " + std::to_string(finding.days_late) +
                      " hari";
    findings.push_back(std::move(finding));
}

}  // namespace

void check_worker(const ReportRow& row, const Settings& settings, std::vector<Finding>& findings) {
    check_minimum_wage(row, settings, findings);

    const ContributionRate jkk = jkk_rate(settings.jkk_class);
    check_programme(row, row.bpjs_tk, Rule::bpjs_tk_enrolment, "BPJS Ketenagakerjaan",
                    {{Rule::jht, jht_rate, row.wage, row.jht},
                     {Rule::jp, jp_rate, row.wage, row.jp},
                     {Rule::jkk, jkk, row.wage, row.jkk},
                     {Rule::jkm, jkm_rate, row.wage, row.jkm}},
                    "", findings);

    const std::int64_t base = kesehatan_base(row.wage, settings.umk);
    std::string note;
    if (base > row.wage) note = " (dasar iuran paling rendah UMK)";
    if (base < row.wage) note = " (dasar iuran paling tinggi " + format_rupiah(kesehatan_base_cap) + ")";
    check_programme(row, row.bpjs_kesehatan, Rule::bpjs_kesehatan_enrolment, "BPJS Kesehatan",
                    {{Rule::kesehatan, kesehatan_rate, base, row.kesehatan}}, note, findings);

    check_pay_day(row, settings, findings);
}

}  // namespace tata::compliance
