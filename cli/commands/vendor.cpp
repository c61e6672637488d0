// tata vendor check FILE.csv --regency CODE [--jkk-class N] [--json]: a
// vendor's monthly compliance report checked alone, as vendors run it before
// submitting (DESIGN.md section 5). Findings go to stdout, one line each,
// then a summary line; --json prints the same as one object.
//
// Exit codes: 0 no findings, 1 findings, 2 usage (no --regency, an unknown
// regency or one without a usable UMK, a JKK class outside 1..5, a file that
// cannot be read).
#include "commands/commands.hpp"

#include "compliance/compliance.hpp"
#include "compliance/fields.hpp"
#include "compliance/rates.hpp"
#include "compliance/report_json.hpp"
#include "compliance/report_text.hpp"
#include "compliance/rupiah.hpp"
#include "compliance/settings.hpp"
#include "csv/csv_reader.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace tata::cli {
namespace {

std::optional<int> jkk_class_option(const Context& context) {
    const auto text = context.args.value("jkk-class");
    if (!text) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < compliance::min_jkk_class ||
        value > compliance::max_jkk_class)
        throw UsageError("--jkk-class harus 1 sampai 5 (kelompok risiko JKK I-V), bukan '" + *text + "'");
    return value;
}

// The regency, from the rules alone: a vendor's check needs no workflows or
// plugins, and should not fail because one of them does not load.
std::shared_ptr<const DefinitionSet> load_regencies(const Context& context) {
    DefinitionSources sources = context.sources();
    sources.workflows.clear();
    sources.plugins.clear();
    return load_definitions(sources);
}

std::string known_codes(const DefinitionSet& definitions) {
    std::string codes;
    for (const auto& [code, regency] : definitions.regencies) codes += (codes.empty() ? "" : ", ") + code;
    return codes;
}

}  // namespace

int run_vendor_check(Context& context) {
    if (context.args.positionals().size() != 1)
        throw UsageError("sebutkan satu berkas laporan kepatuhan bulanan: tata vendor check FILE.csv --regency CODE");
    const std::string& file = context.args.positionals()[0];
    const auto code = context.args.value("regency");
    if (!code) throw UsageError("--regency CODE wajib diisi (misalnya --regency 62.03)");
    const auto jkk_class = jkk_class_option(context);

    const auto definitions = load_regencies(context);
    const Regency* regency = definitions->find_regency(*code);
    if (!regency)
        throw UsageError("kabupaten/kota '" + *code + "' tidak dikenal (tersedia: " + known_codes(*definitions) + ")");

    compliance::Settings settings;
    try {
        settings = compliance::settings_for(*regency);
    } catch (const compliance::SettingsError& e) {
        context.err << "tata vendor check: " << e.what() << "\n";
        return 2;
    }
    if (jkk_class) settings.jkk_class = *jkk_class;

    compliance::Report report;
    try {
        report = compliance::check_report(file, settings);
    } catch (const csv::Error& e) {
        context.err << "tata vendor check: " << e.what() << "\n";
        return 2;
    }

    if (context.json()) {
        nlohmann::json out = compliance::to_json(report);
        out["regency"] = {{"code", regency->code}, {"name", regency->name}};
        context.out << out.dump(2) << "\n";
    } else {
        // The figures the checks used, so a vendor can redo any of them.
        context.out << regency->name << " (" << regency->code << "): UMK " << compliance::format_rupiah(settings.umk)
                    << ", JKK kelas " << settings.jkk_class << " ("
                    << compliance::format_rate(compliance::jkk_rate(settings.jkk_class).total_bp()) << ")";
        if (report.summary.pay_deadline)
            context.out << ", upah dibayar paling lambat " << compliance::format_date(*report.summary.pay_deadline);
        context.out << "\n";
        for (const auto& finding : report.findings) context.out << compliance::format_finding(report, finding) << "\n";
        context.out << compliance::format_summary(report) << "\n";
    }
    return report.compliant() ? 0 : 1;
}

}  // namespace tata::cli
