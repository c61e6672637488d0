// What-if scenarios: a small YAML of what a regency can decide, simulated by
// the real ranking on the current data without writing anything, costed by
// the fiscal model and set against the needs (ABK).
//
//   nama: Formasi menurut ABK, sisa ke alih daya
//   keterangan: ...
//   formasi: abk            # regency (default: what it ranks by now) | abk | {file: formasi-x.yaml} | a list
//   bobot: {keahlian_kesehatan: 15}   # other points for the scorecard's rules
//   min_masa_kerja: 3       # workers with fewer years are left out (no status)
//   sisa:                   # who has no formasi gets (default: the regency's rule)
//     database: pppk_paruh_waktu     # eks THK-II and BKN database: pppk_paruh_waktu | alih_daya | dirumahkan
//     lainnya: alih_daya             # the others: alih_daya | dirumahkan
//   paruh_waktu:
//     upah: tertinggi       # tertinggi | umk | upah_lama (fiscal.yaml's by default)
//     belanja_pegawai: true
//
// A scenario changes the regency's policy as it stands, its adopted scenario
// included (ranking/adopted_policy.hpp, which has the same keys plus
// `ditetapkan`). Deterministic: the same data, definitions and scenario give
// the same result (the ranking number says so).
#pragma once

#include "planning/abk.hpp"
#include "planning/fiscal.hpp"

#include "ranking/adopted_policy.hpp"
#include "ranking/ranking.hpp"

#include <tata/engine.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tata::planning {

struct Scenario {
    std::string file;
    std::string nama, keterangan;
    // regency: what the regency ranks by now (its adopted scenario's formasi,
    // else its formasi file); given: changes.formasi.
    enum class FormasiFrom { regency, abk, given } formasi_from = FormasiFrom::regency;
    ranking::PolicyChanges changes;  // bobot, min_masa_kerja, sisa; the given formasi
    std::optional<ParttimeWage> paruh_waktu_upah;
    std::optional<bool> paruh_waktu_belanja_pegawai;
};

// `base_dir`: where a `formasi: {file: ...}` is looked for; empty: the
// scenario may not name a file (one sent through the API).
Scenario parse_scenario(const std::string& text, const std::string& file_name, const std::filesystem::path& base_dir);
Scenario load_scenario(const std::filesystem::path& file);

// What every scenario of a regency shares: its fiscal model, its needs and
// the formasi the needs propose. Read from settings.planning (abk, fiscal,
// wke_menit, efisiensi, jenis_usulan) beside the regency's regency.yaml.
struct PlanningContext {
    std::string regency, regency_name;
    std::optional<ranking::AdoptedPolicy> adopted;  // the scenario it adopted, if any
    std::optional<ParttimeWage> adopted_wage;       // and its pay rule for paruh waktu, if it set one
    std::optional<bool> adopted_counted;            // (read once here, for costs and a later adoption)
    std::optional<FiscalModel> fiscal;     // none without settings.planning.fiscal
    std::optional<NeedsReport> needs;      // none without settings.planning.abk
    std::vector<ranking::Formasi> abk_formasi;
};

// PlanningFileError for a broken planning file, NotFound for an unknown
// regency. `abk_file`: another ABK table than the regency's.
PlanningContext planning_context(Engine& engine, const std::string& regency, const std::filesystem::path& abk_file = {});

// The non-ASN on the regency's roster per (opd, jabatan): files not refused.
RosterCounts roster_counts(Engine& engine, const std::string& regency);

// The formasi the needs propose: one formasi of `jenis`
// (settings.planning.jenis_usulan, pppk by default) per jabatan with ASN
// places missing whose sektor is one of `sectors`
// (settings.planning.sektor_usulan; teknis work is outsourced, not
// proposed; empty: every sektor), in the format the ranking reads; and that
// as a formasi file's text.
std::vector<ranking::Formasi> propose_formasi(const NeedsReport& needs, const std::string& jenis,
                                              const std::vector<std::string>& sectors);
std::string formasi_yaml(const std::vector<ranking::Formasi>& formasi, const std::string& heading);

struct OpdResult {
    std::string opd;
    std::map<std::string, std::size_t> outcomes;
    double biaya = 0, biaya_belanja_pegawai = 0;
    int kebutuhan_asn = 0;        // ASN places the needs say are missing (0 without ABK)
    int kebutuhan_terbuka = 0;    // of them, not filled by this scenario's CPNS and PPPK
};

struct ScenarioResult {
    std::string nama, keterangan, file;
    std::string ranking_number;
    std::size_t pekerja = 0;  // on the roster and verified
    std::map<std::string, std::size_t> per_outcome;  // tidak_memenuhi_masa_kerja included
    std::map<std::string, double> biaya_per_outcome;
    double biaya_total = 0;
    double biaya_belanja_pegawai = 0;  // of it, counted in belanja pegawai
    bool ada_fiskal = false;
    double belanja_pegawai_sebelum = 0, belanja_pegawai_sesudah = 0;
    double persen_sebelum = 0, persen_sesudah = 0, batas_persen = 30;
    std::size_t tanpa_status = 0;  // dirumahkan and left out by min_masa_kerja
    int kebutuhan_terbuka = 0;
    std::vector<OpdResult> per_opd;  // by OPD name
    ranking::Ranking ranking;        // every worker's outcome and explanation
    std::vector<std::string> left_out;  // NIKs left out by min_masa_kerja
};

// Runs the real ranking with the scenario's changes; writes nothing.
ScenarioResult simulate(Engine& engine, const PlanningContext& context, const Scenario& scenario);

struct WorkerDifference {
    std::string nik, nama, opd;
    std::string outcome_a, outcome_b;
    std::string explanation_a, explanation_b;
};
// The workers whose outcome differs between a and b, in b's rank order
// (workers left out of one are "tidak_memenuhi_masa_kerja" there); at most
// `limit`, `total` counts them all.
std::vector<WorkerDifference> differences(const ScenarioResult& a, const ScenarioResult& b, std::size_t limit,
                                          std::size_t& total);

}  // namespace tata::planning
