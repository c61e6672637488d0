#include "performance/open_year.hpp"

#include <chrono>

namespace tata::performance {
namespace {

// UU 20/2023 ended new non-ASN appointments and the PPPK paruh waktu scheme
// starts in 2025; evaluations under this procedure start in 2024 at the
// earliest (PermenPANRB 6/2022 applies to PPPK since then).
constexpr int kFirstYear = 2024;

int current_year(const Engine& engine, const std::string& regency) {
    const auto definitions = engine.definitions();
    const Regency* known = definitions->find_regency(regency);
    const int offset = known ? known->calendar.utc_offset_minutes() : 7 * 60;
    const auto local = engine.clock().now() + std::chrono::minutes(offset);
    return static_cast<int>(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(local)}.year());
}

nlohmann::json case_data(const EvaluatedWorker& worker, int year, const CaseRecord* contract) {
    nlohmann::json data = {{"nik", worker.nik},         {"nama", worker.nama},
                           {"opd", worker.opd},         {"jabatan", worker.jabatan},
                           {"jenis_kepegawaian", worker.jenis_kepegawaian}, {"tahun", year}};
    if (contract) {
        data["id_kontrak"] = contract->id;
        for (const char* field : {"id_penyedia", "nama_penyedia", "nomor_kontrak"})
            if (const auto it = contract->data.find(field); it != contract->data.end()) data[field] = *it;
    }
    return data;
}

}  // namespace

ListRefused::ListRefused(std::vector<std::string> problems)
    : std::runtime_error(problems.empty() ? std::string("daftar ditolak") : problems.front()),
      problems_(std::move(problems)) {}

std::string evaluation_key(const std::string& nik, int year) { return nik + "/" + std::to_string(year); }

bool acceptable_year(const Engine& engine, const std::string& regency, int year) {
    return year >= kFirstYear && year <= current_year(engine, regency) + 1;
}

OpenYearReport open_evaluation_year(Engine& engine, const std::string& regency, int year,
                                    const std::vector<EvaluatedWorker>& workers, const Actor& actor) {
    // The contracts first, all of them, so a wrong number opens nothing.
    std::map<std::int64_t, CaseRecord> contracts;
    std::vector<std::string> problems;
    for (const auto& worker : workers) {
        if (worker.jenis_kepegawaian != "alih_daya" || contracts.count(worker.id_kontrak)) continue;
        std::optional<CaseRecord> contract;
        try {
            contract = engine.get_case(worker.id_kontrak);
        } catch (const NotFound&) {
        }
        if (!contract || contract->regency != regency || contract->workflow_id != "vendor_contract") {
            problems.push_back("baris " + std::to_string(worker.row) + ": id_kontrak: " +
                               std::to_string(worker.id_kontrak) + " bukan kontrak alih daya daerah ini");
            continue;
        }
        contracts.emplace(worker.id_kontrak, std::move(*contract));
    }
    if (!problems.empty()) throw ListRefused(std::move(problems));

    OpenYearReport report;
    engine.batch([&] {
        for (const auto& worker : workers) {
            const std::string key = evaluation_key(worker.nik, year);
            if (engine.find_case_by_key(regency, kWorkflow, key)) {
                ++report.already_open;
                continue;
            }
            const auto contract = contracts.find(worker.id_kontrak);
            const auto created = engine.create_case(
                kWorkflow, regency, case_data(worker, year, contract == contracts.end() ? nullptr : &contract->second), actor,
                key);
            report.cases.push_back(created.record.id);
            ++report.opened;
        }
    });
    return report;
}

}  // namespace tata::performance
