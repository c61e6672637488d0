// The final predikat of each worker's evaluations, for the ranking: a
// scorecard rule reads the latest and the one before (worker_record.hpp:
// predikat_kinerja, predikat_kinerja_tahun, predikat_kinerja_lalu) instead of
// a number typed into the roster, and the explanation names the evaluation.
//
// Read from the performance_evaluation index (no case data parsed): one scan
// per ranking, keeping two entries per NIK.
#pragma once

#include <tata/engine.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tata::performance {

struct FinalPredikat {
    int year = 0;
    std::string predikat;  // the decision table's output code, e.g. sangat_baik
    CaseId case_id = 0;
};

class PredikatHistory {
public:
    // The regency's final evaluations; empty when the workflow is not loaded.
    static PredikatHistory load(Engine& engine, const std::string& regency);

    // The worker's latest final evaluation, and the one of the year before it.
    const FinalPredikat* latest(std::string_view nik) const;
    const FinalPredikat* previous(std::string_view nik) const;
    std::size_t workers() const { return by_nik_.size(); }
    bool empty() const { return by_nik_.empty(); }
    // Both at once (one lookup, for the ranking's hot loop): [0] the latest,
    // [1] the one before, year 0 when absent; nullptr for no evaluation.
    const std::array<FinalPredikat, 2>* find(std::string_view nik) const {
        const auto it = by_nik_.find(nik);
        return it == by_nik_.end() ? nullptr : &it->second;
    }

    // Records one final evaluation (the loader's, and tests').
    void add(std::string_view nik, FinalPredikat entry);

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
    };
    // [0] the latest year, [1] the one before; year 0 when absent.
    std::unordered_map<std::string, std::array<FinalPredikat, 2>, Hash, std::equal_to<>> by_nik_;
};

}  // namespace tata::performance
