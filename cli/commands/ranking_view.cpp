// How a ranking looks on a terminal: the summary by outcome, the top of the
// list, and one worker's explanation.
#include "commands/ranking_view.hpp"

#include <iomanip>
#include <ostream>
#include <sstream>

namespace tata::cli {
namespace {



std::string cell(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : (value.is_null() ? std::string("-") : value.dump());
}

std::string points_text(double points) {
    std::ostringstream out;
    out << points;
    return out.str();
}

}  // namespace

void print_explain(std::ostream& out, const ranking::RankedWorker& worker) {
    out << "NIK " << worker.nik() << " — " << cell(worker.record.value("nama", nlohmann::json())) << "\n";
    out << "  Jabatan:   " << cell(worker.record.value("jabatan", nlohmann::json())) << ", "
        << cell(worker.record.value("opd", nlohmann::json())) << "\n";
    out << "  Peringkat: " << worker.rank << "\n";
    out << "  Kelompok:  " << worker.group << "\n";
    out << "  Poin:      " << points_text(worker.points) << "\n";
    out << "  Kontribusi aturan:\n";
    if (worker.contributions.empty()) out << "    (tidak ada aturan yang berlaku)\n";
    for (const auto& c : worker.contributions)
        out << "    " << std::setw(6) << points_text(c.points) << "  " << c.rule_id << " — " << c.label << "\n";
    out << "  Usulan:    " << worker.outcome << (worker.formasi.empty() ? "" : " (formasi " + worker.formasi + ")") << "\n";
    out << "  Alasan:    " << worker.explanation << "\n";
}


void print_ranking(std::ostream& out, const ranking::Ranking& result, std::size_t top_rows) {
    out << "Peringkat prioritas " << result.regency_name << " (" << result.regency << "), tanggal acuan "
                << result.reference_date << "\n";
    out << "Nomor hasil pemeringkatan: " << ranking::ranking_number(result) << "\n";
    if (!result.adopted_scenario.empty())
        out << "Skenario yang ditetapkan: " << result.adopted_scenario << " (" << result.adopted_at.substr(0, 10) << ")"
            << (result.left_out_for_service ? "; " + std::to_string(result.left_out_for_service) +
                                                  " pekerja tidak diperingkat karena masa kerja kurang"
                                            : std::string())
            << "\n";
    out << "Pekerja terverifikasi: " << result.workers.size() << "\n\nUsulan:\n";
    for (const auto& [outcome, count] : result.by_outcome)
        out << "  " << std::left << std::setw(18) << outcome << std::right << std::setw(7) << count << "\n";
    if (!result.formasi_left.empty()) {
        out << "\nSisa formasi:\n";
        for (const auto& [id, left] : result.formasi_left)
            out << "  " << std::left << std::setw(28) << id << std::right << std::setw(5) << left << "\n";
    }
    if (result.workers.empty()) return;
    const std::size_t shown = std::min(top_rows, result.workers.size());
    out << "\nPeringkat teratas (" << shown << " dari " << result.workers.size() << "):\n";
    out << std::left << std::setw(6) << "No" << std::setw(24) << "Kelompok" << std::setw(7) << "Poin"
                << std::setw(18) << "NIK" << std::setw(30) << "Nama" << std::setw(18) << "Usulan" << "Formasi\n";
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& w = result.workers[i];
        std::string name = cell(w.record.value("nama", nlohmann::json()));
        if (name.size() > 28) name = name.substr(0, 27) + "…";
        out << std::left << std::setw(6) << w.rank << std::setw(24) << w.group << std::setw(7)
                    << points_text(w.points) << std::setw(18) << w.nik() << std::setw(30) << name << std::setw(18)
                    << w.outcome << (w.formasi.empty() ? "-" : w.formasi) << "\n";
    }
}

}  // namespace tata::cli
