#include "performance/predikat_history.hpp"

#include "performance/open_year.hpp"

namespace tata::performance {

PredikatHistory PredikatHistory::load(Engine& engine, const std::string& regency) {
    PredikatHistory history;
    if (!engine.definitions()->latest(kWorkflow)) return history;
    IndexQuery query;
    query.workflow_id = kWorkflow;
    query.regency = regency;
    query.columns = {"nik", "tahun", "predikat", "status_predikat"};
    query.case_order = false;
    engine.scan_index(query, [&](const IndexRow& row) {
        if (row.is_null(0) || row.is_null(1) || row.is_null(2) || row.text(3) != "final") return;
        history.add(row.text(0), {static_cast<int>(row.integer(1)), std::string(row.text(2)), row.case_id()});
    });
    return history;
}

void PredikatHistory::add(std::string_view nik, FinalPredikat entry) {
    auto it = by_nik_.find(nik);
    if (it == by_nik_.end()) it = by_nik_.emplace(std::string(nik), std::array<FinalPredikat, 2>{}).first;
    auto& [latest, previous] = it->second;
    if (entry.year > latest.year) {
        previous = std::move(latest);
        latest = std::move(entry);
    } else if (entry.year < latest.year && entry.year > previous.year) {
        previous = std::move(entry);
    }
    // The same year twice (two cases of one year cannot exist: the key is
    // NIK/tahun) keeps the first.
}

const FinalPredikat* PredikatHistory::latest(std::string_view nik) const {
    const auto it = by_nik_.find(nik);
    return it == by_nik_.end() || it->second[0].year == 0 ? nullptr : &it->second[0];
}

const FinalPredikat* PredikatHistory::previous(std::string_view nik) const {
    const auto it = by_nik_.find(nik);
    return it == by_nik_.end() || it->second[1].year == 0 ? nullptr : &it->second[1];
}

}  // namespace tata::performance
