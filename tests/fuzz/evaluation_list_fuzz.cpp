// libFuzzer target for the list that opens a year of performance
// evaluations (procedures/performance/evaluation_list.cpp), which arrives as
// a request body. Invariants: either workers or problems, never both and
// never a crash; every worker read has a 16-digit NIK, a kind the procedure
// evaluates, a contract exactly when outsourced, fields within the limits;
// at most 101 problems are reported. Links: tata::procedures.
#include "performance/evaluation_list.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    const auto list = tata::performance::read_evaluation_list(in, "fuzz.csv");
    if (!list.workers.empty() && !list.problems.empty()) std::abort();
    if (list.problems.size() > 101) std::abort();
    const auto& kinds = tata::performance::evaluated_kinds();
    for (const auto& worker : list.workers) {
        if (worker.nik.size() != 16 || worker.nik.find_first_not_of("0123456789") != std::string::npos) std::abort();
        if (std::find(kinds.begin(), kinds.end(), worker.jenis_kepegawaian) == kinds.end()) std::abort();
        if ((worker.jenis_kepegawaian == "alih_daya") != (worker.id_kontrak > 0)) std::abort();
        for (const auto* field : {&worker.nama, &worker.opd, &worker.jabatan})
            if (field->empty() || field->size() > 4 * tata::performance::kMaxFieldChars) std::abort();
    }
    return 0;
}
