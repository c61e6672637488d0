// A vendor's monthly compliance report submitted to its contract's case
// (workflows/vendor_contract.yaml): the report is checked with the regency's
// settings and the contract's own terms (JKK risk group, pay day, headcount),
// the vendor's submission (kirim_laporan) and the system's findings
// (hasil_pemeriksaan) are recorded in one transaction, and findings move the
// contract to the regency's sanction steps (cek_temuan).
//
// A report that cannot be read whole (not a CSV, a wrong header, no valid
// periode) is refused: nothing is written, and the vendor fixes the file.
#pragma once

#include "compliance/compliance.hpp"

#include <tata/engine.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace tata::compliance {

// The report cannot be submitted (unreadable, or the case is not a contract
// waiting for a report); what() says why, in Bahasa Indonesia.
struct SubmissionRefused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Submission {
    Report report;
    std::string document;  // sha256:<hex> of the file's bytes, as recorded on the case
    CaseRecord contract;   // the contract case afterwards
};

// The settings that apply to one contract: the regency's, with the
// contract's kelas_risiko_jkk, tanggal_bayar and jumlah_pekerja_kontrak.
Settings settings_for_contract(const Regency& regency, const nlohmann::json& contract_data);

// Checks `file` and records it on contract case `contract_id`, sent by
// `vendor`. Throws SubmissionRefused, or the engine's errors (Forbidden when
// `vendor` may not send reports, NotFound for an unknown case).
Submission submit_report(Engine& engine, CaseId contract_id, const std::filesystem::path& file, const Actor& vendor);
// The same for a report received as `bytes` (an upload), named `label` in
// findings and refusals (the name the vendor gave it, never a server path).
Submission submit_report(Engine& engine, CaseId contract_id, const std::string& bytes, const std::string& label,
                         const Actor& vendor);

}  // namespace tata::compliance
