// libFuzzer target for the planning files a regency edits or an officer
// posts (docs/planning.md): the first byte chooses the reader, the rest is
// the file — 0 an ABK table as YAML, 1 as CSV (then its needs computed), 2
// the fiscal model (then a worker's cost for each outcome), 3 a scenario,
// 4 an adopted scenario. Invariant: a value or a PlanningFileError /
// RulesFileError that says why, never a crash or another exception.
// Links: tata::procedures.
#include "planning/abk.hpp"
#include "planning/fiscal.hpp"
#include "planning/scenario.hpp"
#include "ranking/adopted_policy.hpp"
#include "ranking/scorecard.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>

using namespace tata;

namespace {

void needs_of(const planning::AbkInput& input) {
    try {
        (void)planning::compute_needs(input, planning::kDefaultWkeMinutes, {}, planning::default_efficiency_bands());
    } catch (const planning::PlanningFileError& e) {
        if (!std::strstr(e.what(), "error:")) std::abort();
    }
}

void read(std::uint8_t kind, const std::string& text) {
    switch (kind % 5) {
        case 0: needs_of(planning::parse_abk_yaml(text, "abk.yaml")); break;
        case 1: {
            std::istringstream in(text);
            needs_of(planning::parse_abk_csv(in, "abk.csv"));
            break;
        }
        case 2: {
            const auto model = planning::parse_fiscal(text, "fiscal.yaml", 3'473'710);
            for (const char* outcome : {"cpns", "pppk", "pppk_paruh_waktu", "alih_daya", "dirumahkan"})
                (void)planning::cost_of(model, outcome, {"S1", "pendidikan", "Guru", 2'000'000, 12});
            (void)planning::belanja_pegawai_percent(model, model.belanja_pegawai.nilai);
            break;
        }
        case 3: (void)planning::parse_scenario(text, "skenario.yaml", {}); break;
        default: (void)ranking::parse_adopted_policy(text, "penetapan.yaml"); break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        read(data[0], text);
    } catch (const planning::PlanningFileError& e) {
        if (!*e.what()) std::abort();  // a refusal always says why
    } catch (const ranking::RulesFileError& e) {
        if (!std::strstr(e.what(), "error:")) std::abort();
    }
    return 0;
}
