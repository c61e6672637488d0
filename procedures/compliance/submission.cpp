#include "compliance/submission.hpp"

#include "compliance/report_text.hpp"
#include "compliance/settings.hpp"

#include <tata/sha256.hpp>

#include <fstream>
#include <sstream>

namespace tata::compliance {

namespace {

// Findings listed on the case; the rest are counted (the vendor and the
// officer see them all with `tata vendor check`).
constexpr std::size_t kListedFindings = 20;

std::optional<std::int64_t> integer_field(const nlohmann::json& data, const char* name) {
    const auto it = data.find(name);
    if (it == data.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw SubmissionRefused(file.string() + ": berkas tidak dapat dibuka");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// A report the checks could not read whole is the vendor's to fix, not a
// finding to sanction.
void refuse_unreadable(const Report& report) {
    for (const Finding& finding : report.findings) {
        if (finding.rule == Rule::file_format || finding.rule == Rule::malformed_row)
            throw SubmissionRefused("laporan tidak dapat diterima, perbaiki berkasnya lalu kirim ulang: " +
                                    format_finding(report, finding));
    }
    if (report.summary.periode.empty())
        throw SubmissionRefused(report.file + ": laporan tidak menyebut periode (YYYY-MM) yang sah");
}

int serious_threshold(const Regency& regency) {
    static const auto pointer = nlohmann::json::json_pointer("/compliance/thresholds/serious_findings");
    if (regency.settings.contains(pointer) && regency.settings.at(pointer).is_number_integer())
        return regency.settings.at(pointer).get<int>();
    return 0;  // no threshold: no finding count is serious by itself
}

std::string finding_list(const Report& report) {
    std::string text;
    std::size_t listed = 0;
    for (const Finding& finding : report.findings) {
        if (listed++ == kListedFindings) {
            text += "… dan " + std::to_string(report.findings.size() - kListedFindings) + " temuan lainnya\n";
            break;
        }
        text += format_finding(report, finding) + "\n";
    }
    return text + format_summary(report);
}

}  // namespace

Settings settings_for_contract(const Regency& regency, const nlohmann::json& contract_data) {
    Settings settings = settings_for(regency);
    if (const auto jkk = integer_field(contract_data, "kelas_risiko_jkk")) {
        if (*jkk < 1 || *jkk > 5)
            throw SubmissionRefused("kelas_risiko_jkk kontrak harus 1 sampai 5, bukan " + std::to_string(*jkk));
        settings.jkk_class = static_cast<int>(*jkk);
    }
    if (const auto day = integer_field(contract_data, "tanggal_bayar")) {
        if (*day < 1 || *day > 31)
            throw SubmissionRefused("tanggal_bayar kontrak harus 1 sampai 31, bukan " + std::to_string(*day));
        settings.pay_day = static_cast<int>(*day);
        settings.pay_day_from_contract = true;
    }
    if (const auto headcount = integer_field(contract_data, "jumlah_pekerja_kontrak"); headcount && *headcount >= 0)
        settings.expected_headcount = static_cast<std::size_t>(*headcount);
    return settings;
}

Submission submit_report(Engine& engine, CaseId contract_id, const std::filesystem::path& file, const Actor& vendor) {
    return submit_report(engine, contract_id, read_bytes(file), file.string(), vendor);
}

Submission submit_report(Engine& engine, CaseId contract_id, const std::string& bytes, const std::string& label,
                         const Actor& vendor) {
    const CaseRecord contract = engine.get_case(contract_id);
    if (contract.workflow_id != "vendor_contract")
        throw SubmissionRefused("kasus " + std::to_string(contract_id) + " bukan kasus kontrak alih daya (" +
                                contract.workflow_id + ")");
    if (contract.state != "menunggu_laporan")
        throw SubmissionRefused("kontrak pada kasus " + std::to_string(contract_id) +
                                " tidak sedang menunggu laporan bulanan (tahap: " + contract.state + ")");
    const auto definitions = engine.definitions();
    const Regency* regency = definitions->find_regency(contract.regency);
    if (!regency) throw NotFound("unknown regency '" + contract.regency + "'");

    Submission submission;
    std::istringstream in(bytes);
    submission.report = check_report(in, label, settings_for_contract(*regency, contract.data));
    refuse_unreadable(submission.report);
    submission.document = "sha256:" + sha256_hex(bytes);

    const Report& report = submission.report;
    const int threshold = serious_threshold(*regency);
    const auto findings = static_cast<std::int64_t>(report.findings.size());
    nlohmann::json result = {{"temuan", findings},
                             {"pelanggaran_berat", threshold > 0 && findings >= threshold},
                             {"kekurangan_upah", report.summary.total_shortfall},
                             {"rincian_temuan", finding_list(report)}};
    engine.batch([&] {
        engine.fire(contract_id, "kirim_laporan",
                    {{"periode", report.summary.periode},
                     {"jumlah_pekerja", static_cast<std::int64_t>(report.summary.workers)},
                     {"berkas_laporan", submission.document}},
                    vendor, contract.version);
        submission.contract =
            engine.fire(contract_id, "hasil_pemeriksaan", result, Actor{"pemeriksaan-otomatis", "system"}).record;
    });
    return submission;
}

}  // namespace tata::compliance
