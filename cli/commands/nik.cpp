// tata nik check NIK... [--json]: for each NIK, valid or not and why, the
// area it names, the birth date and sex it encodes, what needs a manual look.
#include "commands/commands.hpp"

#include "nik/area_registry.hpp"
#include "nik/nik.hpp"

#include <tata/clock.hpp>

#include <chrono>
#include <cstdio>
#include <ostream>

namespace tata::cli {
namespace {

using tata::nik::NikCheck;

// The NIK carries no zone, so "today" is taken in WIB, Indonesia's
// westernmost zone; the century choice it feeds is a day-scale judgement.
std::chrono::year_month_day today_in_wib() {
    const auto now = clock_from_environment()->now();
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now + std::chrono::hours{7})};
}

std::string serial_text(int serial) {
    char text[8];
    std::snprintf(text, sizeof text, "%04d", serial);
    return text;
}

nlohmann::json findings_json(const std::vector<nik::Finding>& findings) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& finding : findings)
        list.push_back({{"code", nik::code_name(finding.code)}, {"message", finding.message}});
    return list;
}

nlohmann::json area_json(const std::string& code, std::string_view name) {
    if (code.empty()) return nullptr;
    return {{"code", code}, {"name", name.empty() ? nlohmann::json() : nlohmann::json(name)}};
}

nlohmann::json check_json(const NikCheck& check) {
    const bool readable = !check.province_code.empty();
    return {{"nik", check.nik},
            {"valid", check.valid},
            {"needs_review", !check.flags.empty()},
            {"problems", findings_json(check.problems)},
            {"flags", findings_json(check.flags)},
            {"province", area_json(check.province_code, check.province_name)},
            {"regency", area_json(check.regency_code, check.regency_name)},
            {"district", area_json(check.district_code, check.district_name)},
            {"birth_date", check.birth_date ? nlohmann::json(nik::format_date(*check.birth_date)) : nlohmann::json()},
            {"sex", check.sex ? nlohmann::json(std::string(1, check.sex)) : nlohmann::json()},
            {"serial", readable ? nlohmann::json(serial_text(check.serial)) : nlohmann::json()}};
}

void print_area(std::ostream& out, const char* label, const std::string& code, std::string_view name) {
    out << label << code << " " << (name.empty() ? std::string_view("(tidak dikenal)") : name) << "\n";
}

void print_check(std::ostream& out, const NikCheck& check) {
    out << check.nik << "  "
        << (!check.valid ? "TIDAK SAH" : check.flags.empty() ? "SAH" : "SAH, perlu diperiksa manual") << "\n";
    for (const auto& problem : check.problems) out << "  alasan:          " << problem.message << "\n";
    if (!check.province_code.empty()) {
        print_area(out, "  provinsi:        ", check.province_code, check.province_name);
        print_area(out, "  kabupaten/kota:  ", check.regency_code, check.regency_name);
        print_area(out, "  kecamatan:       ", check.district_code, check.district_name);
    }
    if (check.birth_date) out << "  tanggal lahir:   " << nik::format_date(*check.birth_date) << "\n";
    if (check.sex) out << "  jenis kelamin:   " << check.sex << (check.sex == 'L' ? " (laki-laki)" : " (perempuan)") << "\n";
    if (!check.province_code.empty()) out << "  nomor urut:      " << serial_text(check.serial) << "\n";
    for (const auto& flag : check.flags) out << "  periksa manual:  " << flag.message << "\n";
}

}  // namespace

int run_nik_check(Context& context) {
    const auto& niks = context.args.positionals();
    if (niks.empty()) throw UsageError("give at least one NIK: tata nik check NIK... [--json]");
    const auto rules = context.sources().rules;
    if (rules.empty()) throw UsageError("--rules names no folder; the area codes live in RULES/wilayah");

    const auto areas = nik::AreaRegistry::load(nik::wilayah_dir(rules.front()));
    const auto today = today_in_wib();

    std::vector<NikCheck> checks;
    checks.reserve(niks.size());
    for (const auto& text : niks) checks.push_back(nik::check_nik(text, areas, today));

    std::size_t invalid = 0;
    std::size_t flagged = 0;
    for (const auto& check : checks) {
        invalid += check.valid ? 0 : 1;
        flagged += check.valid && !check.flags.empty() ? 1 : 0;
    }

    if (context.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& check : checks) list.push_back(check_json(check));
        context.out << list.dump(2) << "\n";
    } else {
        for (std::size_t i = 0; i < checks.size(); ++i) {
            if (i > 0) context.out << "\n";
            print_check(context.out, checks[i]);
        }
        context.out << "\n" << checks.size() << " NIK: " << checks.size() - invalid << " sah";
        if (flagged > 0) context.out << " (" << flagged << " perlu diperiksa manual)";
        context.out << ", " << invalid << " tidak sah\n";
    }
    return invalid == 0 ? 0 : 1;
}

}  // namespace tata::cli
