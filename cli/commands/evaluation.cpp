// tata evaluation open --regency CODE --year YYYY LIST.csv [--as USER:officer] [--json]
// tata evaluation summary --regency CODE --year YYYY [--json]
//
// `open`: one performance_evaluation case per worker of the list
// (nik,nama,opd,jabatan,jenis_kepegawaian,id_kontrak; docs/performance.md),
// all or nothing: a wrong row opens nothing and every wrong row is named.
// Workers whose year is open already are left alone. `summary`: the
// predikat per OPD for the year, with the regency's distribution caps.
#include "commands/commands.hpp"

#include "performance/evaluation_list.hpp"
#include "performance/open_year.hpp"
#include "performance/predikat_summary.hpp"

#include <charconv>
#include <fstream>

namespace tata::cli {
namespace {

int year_of(const Context& context) {
    const auto text = context.args.value("year");
    if (!text) throw UsageError("needs --year YYYY (the year evaluated)");
    int year = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), year);
    if (error != std::errc() || end != text->data() + text->size()) throw UsageError("--year wants a year, such as 2026");
    return year;
}

}  // namespace

int run_evaluation_open(Context& context) {
    const std::string regency = context.regency();
    const int year = year_of(context);
    const std::string file = context.args.positional(0, "list of workers to evaluate (CSV)");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UsageError("cannot read " + file);
    const auto list = performance::read_evaluation_list(in, file);
    if (!list.problems.empty()) {
        for (const auto& problem : list.problems) context.err << problem << '\n';
        context.err << "tata: nothing opened: " << list.problems.size() << " problem(s) in " << file << '\n';
        return 1;
    }
    auto engine = context.open_engine();
    if (!performance::acceptable_year(*engine, regency, year)) throw UsageError("--year must be from 2024 to next year");
    performance::OpenYearReport report;
    try {
        report = performance::open_evaluation_year(*engine, regency, year, list.workers, context.actor());
    } catch (const performance::ListRefused& e) {
        for (const auto& problem : e.problems()) context.err << file << ": " << problem << '\n';
        context.err << "tata: nothing opened\n";
        return 1;
    }
    if (context.json()) {
        context.out << nlohmann::json{{"tahun", year}, {"dibuka", report.opened}, {"sudah_ada", report.already_open},
                                      {"kasus", report.cases}}
                           .dump(2)
                    << '\n';
    } else {
        context.out << "Penilaian kinerja " << year << ": " << report.opened << " dibuka, " << report.already_open
                    << " sudah ada\n";
    }
    return 0;
}

int run_evaluation_summary(Context& context) {
    const std::string regency = context.regency();
    const int year = year_of(context);
    auto engine = context.open_engine();
    const auto summary = performance::summarize_year(*engine, regency, year);
    if (context.json()) {
        nlohmann::json opd = nlohmann::json::object();
        for (const auto& [name, counts] : summary.by_opd)
            opd[name] = {{"jumlah", counts.cases}, {"final", counts.final}, {"predikat", counts.by_predikat},
                         {"melebihi_batas", counts.over_cap}};
        context.out << nlohmann::json{{"tahun", year}, {"per_opd", opd}, {"batas_sebaran", summary.caps}}.dump(2) << '\n';
        return 0;
    }
    auto label = [&](const std::string& code) {
        const auto it = summary.labels.find(code);
        return it == summary.labels.end() ? code : it->second;
    };
    context.out << "Predikat kinerja " << year << " (" << summary.total.cases << " pegawai dinilai, "
                << summary.total.final << " final, " << summary.total.objections << " keberatan)\n";
    for (const auto& [name, counts] : summary.by_opd) {
        context.out << "  " << name << ": " << counts.cases << " pegawai";
        for (const auto& [predikat, n] : counts.by_predikat) context.out << ", " << label(predikat) << " " << n;
        if (counts.not_rated) context.out << ", belum dinilai " << counts.not_rated;
        for (const auto& predikat : counts.over_cap) context.out << " [" << label(predikat) << " melebihi batas sebaran]";
        context.out << '\n';
    }
    return 0;
}

}  // namespace tata::cli
