// How the rekap looks as a table, as CSV and as JSON.
#include "reports/rekap_format.hpp"

#include "csv/csv_cell.hpp"

#include <iomanip>
#include <ostream>

namespace tata::reports {
namespace {

std::size_t result_count(const RekapCounts& c, const std::string& result) {
    std::size_t n = 0;
    for (const auto& [category, results] : c.by_category_and_result) {
        if (auto it = results.find(result); it != results.end()) n += it->second;
    }
    return n;
}

std::size_t at(const std::map<std::string, std::size_t>& counts, const std::string& key) {
    auto it = counts.find(key);
    return it == counts.end() ? 0 : it->second;
}

// One line of the per-OPD table: total, categories, results, stages.
std::vector<std::size_t> line_of(const RekapCounts& c) {
    std::vector<std::size_t> values{c.total};
    for (const auto& category : categories()) values.push_back(at(c.by_category, category));
    for (const auto& result : selection_results()) values.push_back(result_count(c, result));
    for (const auto& stage : verification_stages()) values.push_back(at(c.by_stage, stage));
    for (const auto& outcome : proposed_outcomes()) values.push_back(at(c.by_outcome, outcome));
    return values;
}

std::vector<std::string> line_header() {
    std::vector<std::string> names{"jumlah"};
    for (const auto& list : {categories(), selection_results(), verification_stages()})
        names.insert(names.end(), list.begin(), list.end());
    for (const auto& outcome : proposed_outcomes()) names.push_back("usulan_" + outcome);
    return names;
}

}  // namespace

void print_rekap_csv(std::ostream& out, const Rekap& rekap) {
    out << "opd";
    for (const auto& name : line_header()) out << "," << name;
    out << "\n";
    auto row = [&](const std::string& name, const RekapCounts& c) {
        out << csv::text_cell(name);
        for (auto v : line_of(c)) out << "," << v;
        out << "\n";
    };
    for (const auto& [opd, counts] : rekap.by_opd) row(opd, counts);
    row("JUMLAH", rekap.total);
}

namespace {

// "Penilaian kinerja 2025: 6 pegawai (4 final, 1 belum dinilai), keberatan 1
// (diterima 1); Sangat Baik 1, Baik 3" and, per OPD, the same counts.
void print_kinerja(std::ostream& out, const performance::PredikatSummary& kinerja, bool per_opd) {
    auto label = [&](const std::string& code) {
        const auto it = kinerja.labels.find(code);
        return it == kinerja.labels.end() ? performance::predikat_label(nullptr, code) : it->second;
    };
    auto line = [&](const performance::PredikatCounts& c) {
        out << c.cases << " pegawai (" << c.final << " final, " << c.announced << " masa keberatan, " << c.not_rated
            << " belum dinilai), keberatan " << c.objections << " (diterima " << c.objections_accepted << ")";
        const char* separator = "; ";
        for (const auto& [predikat, n] : c.by_predikat) {
            out << separator << label(predikat) << " " << n;
            separator = ", ";
        }
        for (const auto& predikat : c.over_cap) out << " [" << label(predikat) << " melebihi batas sebaran]";
        out << "\n";
    };
    out << "Penilaian kinerja " << kinerja.year << ": ";
    line(kinerja.total);
    if (!per_opd) return;
    for (const auto& [opd, counts] : kinerja.by_opd) {
        out << "  " << opd << ": ";
        line(counts);
    }
}

}  // namespace

void print_rekap_table(std::ostream& out, const Rekap& rekap, bool per_opd) {
    out << "Rekap tenaga non-ASN — " << rekap.regency_name << " (" << rekap.regency << ")\n\n";
    out << std::left << std::setw(16) << "kategori" << std::right << std::setw(8) << "jumlah";
    for (const auto& result : selection_results()) out << std::setw(13) << result;
    out << "\n";
    auto category_line = [&](const std::string& label, std::size_t total, auto result_of) {
        out << std::left << std::setw(16) << label << std::right << std::setw(8) << total;
        for (const auto& result : selection_results()) out << std::setw(13) << result_of(result);
        out << "\n";
    };
    for (const auto& category : categories()) {
        const auto results = rekap.total.by_category_and_result.count(category)
                                 ? rekap.total.by_category_and_result.at(category)
                                 : std::map<std::string, std::size_t>{};
        category_line(category, at(rekap.total.by_category, category), [&](const std::string& r) { return at(results, r); });
    }
    category_line("jumlah", rekap.total.total, [&](const std::string& r) { return result_count(rekap.total, r); });

    out << "\nStatus verifikasi:";
    for (const auto& stage : verification_stages()) out << "  " << stage << " " << at(rekap.total.by_stage, stage);
    out << "\nUsulan hasil pemeringkatan (" << rekap.ranking_number
        << (rekap.round ? ", putaran " + std::to_string(*rekap.round) + " yang disetujui" : ", belum disetujui") << "):";
    for (const auto& outcome : proposed_outcomes())
        out << "  " << outcome << " " << at(rekap.total.by_outcome, outcome);
    out << "\n";
    if (rekap.kinerja) print_kinerja(out, *rekap.kinerja, per_opd);
    if (!per_opd) return;
    out << "\nPer OPD:\n";
    std::size_t width = 8;
    for (const auto& [opd, counts] : rekap.by_opd) width = std::max(width, opd.size() + 2);
    out << std::left << std::setw(static_cast<int>(width)) << "opd" << std::right;
    for (const auto& name : line_header()) out << std::setw(static_cast<int>(std::max<std::size_t>(name.size() + 1, 8))) << name;
    out << "\n";
    const auto headers = line_header();
    auto row = [&](const std::string& name, const RekapCounts& c) {
        out << std::left << std::setw(static_cast<int>(width)) << name << std::right;
        const auto values = line_of(c);
        for (std::size_t i = 0; i < values.size(); ++i)
            out << std::setw(static_cast<int>(std::max<std::size_t>(headers[i].size() + 1, 8))) << values[i];
        out << "\n";
    };
    for (const auto& [opd, counts] : rekap.by_opd) row(opd, counts);
    row("JUMLAH", rekap.total);
}

nlohmann::json rekap_counts_json(const RekapCounts& c) {
    return {{"jumlah", c.total},
            {"per_kategori", c.by_category},
            {"per_kategori_dan_hasil_seleksi", c.by_category_and_result},
            {"status_verifikasi", c.by_stage},
            {"usulan", c.by_outcome}};
}


nlohmann::json rekap_json(const Rekap& rekap) {
    nlohmann::json per_opd = nlohmann::json::object();
    for (const auto& [opd, counts] : rekap.by_opd) per_opd[opd] = rekap_counts_json(counts);
    nlohmann::json out = {{"regency", rekap.regency}, {"name", rekap.regency_name},
                          {"nomor_pemeringkatan", rekap.ranking_number},
                          {"putaran", rekap.round ? nlohmann::json(*rekap.round) : nlohmann::json()}, {"total", rekap_counts_json(rekap.total)}, {"per_opd", per_opd}};
    if (rekap.kinerja) {
        nlohmann::json kinerja_opd = nlohmann::json::object();
        for (const auto& [opd, counts] : rekap.kinerja->by_opd) kinerja_opd[opd] = performance::counts_json(counts);
        out["kinerja"] = {{"tahun", rekap.kinerja->year},
                          {"label_predikat", rekap.kinerja->labels},
                          {"batas_sebaran", rekap.kinerja->caps},
                          {"total", performance::counts_json(rekap.kinerja->total)},
                          {"per_opd", kinerja_opd}};
    }
    return out;
}

}  // namespace tata::reports
