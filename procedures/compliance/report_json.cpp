#include "compliance/report_json.hpp"

#include "compliance/fields.hpp"
#include "compliance/report_text.hpp"

namespace tata::compliance {
namespace {

using nlohmann::json;

bool about_money(Rule rule) {
    switch (rule) {
        case Rule::minimum_wage:
        case Rule::bpjs_tk_enrolment:
        case Rule::jht:
        case Rule::jp:
        case Rule::jkk:
        case Rule::jkm:
        case Rule::bpjs_kesehatan_enrolment:
        case Rule::kesehatan:
            return true;
        default:
            return false;
    }
}

json finding_json(const Report& report, const Finding& finding) {
    json out = {
        {"row", finding.row == 0 ? json(nullptr) : json(finding.row)},
        {"nik", finding.nik.empty() ? json(nullptr) : json(finding.nik)},
        {"nama", finding.name.empty() ? json(nullptr) : json(finding.name)},
        {"rule", rule_code(finding.rule)},
        {"message", finding.message},
        {"shortfall", finding.shortfall},
    };
    if (about_money(finding.rule)) {
        out["required"] = finding.required;
        out["reported"] = finding.reported;
    }
    if (finding.rule == Rule::late_payment) out["days_late"] = finding.days_late;
    out["text"] = format_finding(report, finding);
    return out;
}

}  // namespace

nlohmann::json to_json(const Report& report) {
    const auto& s = report.summary;
    json findings = json::array();
    for (const auto& finding : report.findings) findings.push_back(finding_json(report, finding));
    return {
        {"file", report.file},
        {"periode", s.periode.empty() ? json(nullptr) : json(s.periode)},
        {"pay_deadline", s.pay_deadline ? json(format_date(*s.pay_deadline)) : json(nullptr)},
        // 1..31 of the next month, 0 for the month's last day; "contract"
        // when the contract sets it, else "regency".
        {"pay_day", report.settings.pay_day},
        {"pay_day_from", report.settings.pay_day_from_contract ? "contract" : "regency"},
        {"umk", report.settings.umk},
        {"jkk_class", report.settings.jkk_class},
        {"expected_headcount",
         report.settings.expected_headcount ? json(*report.settings.expected_headcount) : json(nullptr)},
        {"rows", s.rows},
        {"workers", s.workers},
        {"total_wage", s.total_wage},
        {"total_shortfall", s.total_shortfall},
        {"complete", s.complete},
        {"compliant", report.compliant()},
        {"findings", std::move(findings)},
    };
}

}  // namespace tata::compliance
