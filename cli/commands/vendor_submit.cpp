// tata vendor submit FILE.csv --case N [--as USER:vendor] [--json]: a vendor
// sends its monthly compliance report to its contract's case. The report is
// checked as `tata vendor check` does, with the contract's own terms, and the
// findings are recorded on the case by the system: findings move the contract
// to the regency's sanction steps.
//
// Exit codes: 0 submitted, no findings; 1 submitted with findings, or
// refused (nothing written: unreadable report, the contract not waiting for
// a report, a role that may not submit); 2 usage.
#include "commands/case_view.hpp"
#include "commands/commands.hpp"

#include "compliance/report_json.hpp"
#include "compliance/report_text.hpp"
#include "compliance/submission.hpp"

#include <charconv>

namespace tata::cli {

namespace {

CaseId case_option(const Context& context) {
    const auto text = context.args.value("case");
    if (!text) throw UsageError("--case N wajib diisi: nomor kasus kontrak alih daya");
    CaseId id = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
    if (ec != std::errc() || end != text->data() + text->size() || id <= 0)
        throw UsageError("--case harus nomor kasus, bukan '" + *text + "'");
    return id;
}

int refused(Context& context, const std::string& why) {
    if (context.json()) context.out << nlohmann::json{{"error", why}}.dump(2) << "\n";
    else context.err << "ditolak: " << why << "\n";
    return 1;
}

}  // namespace

int run_vendor_submit(Context& context) {
    if (context.args.positionals().size() != 1)
        throw UsageError("sebutkan satu berkas laporan: tata vendor submit FILE.csv --case N --as USER:vendor");
    const std::filesystem::path file = context.args.positionals()[0];
    const CaseId id = case_option(context);
    const Actor vendor = context.args.value("as") ? context.actor() : Actor{"cli", "vendor"};

    auto engine = context.open_engine();
    compliance::Submission submission;
    try {
        submission = compliance::submit_report(*engine, id, file, vendor);
    } catch (const compliance::SubmissionRefused& e) {
        return refused(context, e.what());
    } catch (const compliance::SettingsError& e) {
        return refused(context, e.what());
    } catch (const csv::Error& e) {
        return refused(context, e.what());
    } catch (const NotFound& e) {
        return refused(context, e.what());
    } catch (const Forbidden& e) {
        return refused(context, e.what());
    } catch (const InvalidTransition& e) {
        return refused(context, e.what());
    } catch (const Conflict& e) {
        return refused(context, e.what());
    } catch (const InvalidInput& e) {
        std::string fields;
        for (const auto& f : e.errors()) fields += "; " + f.field + ": " + f.message;
        return refused(context, e.what() + fields);
    }

    const auto& report = submission.report;
    const auto& contract = submission.contract;
    if (context.json()) {
        nlohmann::json out = compliance::to_json(report);
        out["document"] = submission.document;
        out["case"] = case_to_json(contract);
        context.out << out.dump(2) << "\n";
    } else {
        for (const auto& finding : report.findings) context.out << compliance::format_finding(report, finding) << "\n";
        context.out << compliance::format_summary(report) << "\n";
        context.out << "Laporan " << report.summary.periode << " tercatat pada kasus kontrak " << contract.id << " ("
                    << submission.document.substr(0, 19) << "…); tahap sekarang: " << contract.state;
        if (contract.data.contains("sanksi_terakhir") && !report.findings.empty())
            context.out << ", sanksi: " << contract.data["sanksi_terakhir"].get<std::string>();
        context.out << "\n";
    }
    return report.compliant() ? 0 : 1;
}

}  // namespace tata::cli
