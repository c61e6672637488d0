// tata rank --regency CODE [--formasi FILE.yaml] [--json] [--explain NIK]
#include "commands/commands.hpp"

#include "ranking/ranking.hpp"

#include <iomanip>
#include <ostream>
#include <sstream>

namespace tata::cli {
namespace {

constexpr std::size_t top_rows = 20;

std::string cell(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : (value.is_null() ? std::string("-") : value.dump());
}

std::string points_text(double points) {
    std::ostringstream out;
    out << points;
    return out.str();
}

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

}  // namespace

int run_rank(Context& context) {
    const auto regency = context.args.value("regency");
    if (!regency) throw UsageError("needs --regency CODE (for example --regency 62.03)");
    std::vector<ranking::Formasi> formasi;
    if (const auto file = context.args.value("formasi")) {
        try {
            formasi = ranking::load_formasi(*file);
        } catch (const ranking::RulesFileError& e) {
            throw UsageError(e.what());
        }
    }
    auto engine = context.open_engine();
    ranking::Ranking result;
    try {
        result = ranking::rank_regency(*engine, *regency, formasi);
    } catch (const NotFound& e) {
        throw UsageError(e.what());
    }

    if (const auto nik = context.args.value("explain")) {
        const ranking::RankedWorker* worker = result.find(*nik);
        if (!worker) {
            context.err << "tata rank: NIK " << *nik << " is not among the " << result.workers.size()
                        << " ranked (verified) workers of " << *regency << "\n";
            return 1;
        }
        if (context.json())
            context.out << ranking::worker_json(*worker).dump(2) << "\n";
        else
            print_explain(context.out, *worker);
        return 0;
    }
    if (context.json()) {
        context.out << ranking::ranking_json(result).dump(2) << "\n";
        return 0;
    }
    context.out << "Peringkat prioritas " << result.regency_name << " (" << result.regency << "), tanggal acuan "
                << result.reference_date << "\n";
    context.out << "Pekerja terverifikasi: " << result.workers.size() << "\n\nUsulan:\n";
    for (const auto& [outcome, count] : result.by_outcome)
        context.out << "  " << std::left << std::setw(18) << outcome << std::right << std::setw(7) << count << "\n";
    if (!result.formasi_left.empty()) {
        context.out << "\nSisa formasi:\n";
        for (const auto& [id, left] : result.formasi_left)
            context.out << "  " << std::left << std::setw(28) << id << std::right << std::setw(5) << left << "\n";
    }
    if (result.workers.empty()) return 0;
    const std::size_t shown = std::min(top_rows, result.workers.size());
    context.out << "\nPeringkat teratas (" << shown << " dari " << result.workers.size() << "):\n";
    context.out << std::left << std::setw(6) << "No" << std::setw(24) << "Kelompok" << std::setw(7) << "Poin"
                << std::setw(18) << "NIK" << std::setw(30) << "Nama" << std::setw(18) << "Usulan" << "Formasi\n";
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& w = result.workers[i];
        std::string name = cell(w.record.value("nama", nlohmann::json()));
        if (name.size() > 28) name = name.substr(0, 27) + "…";
        context.out << std::left << std::setw(6) << w.rank << std::setw(24) << w.group << std::setw(7)
                    << points_text(w.points) << std::setw(18) << w.nik() << std::setw(30) << name << std::setw(18)
                    << w.outcome << (w.formasi.empty() ? "-" : w.formasi) << "\n";
    }
    context.out << std::right << "\nPenjelasan per pekerja: tata rank --regency " << result.regency << " --explain NIK\n";
    return 0;
}

}  // namespace tata::cli
