// Workforce planning and performance evaluation (api/planning_routes.cpp,
// api/performance_routes.cpp; the JSON itself comes from
// planning/planning_json.cpp and performance::counts_json). Money is in
// whole rupiah (integers), ratios and percentages are numbers.
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

namespace tata::server {
namespace {

using namespace schema;

json jabatan_need() {
    return closed({{"opd", string()},
                   {"jabatan", string()},
                   {"sektor", string()},
                   {"beban_menit", integer()},
                   {"kebutuhan", number()},
                   {"kebutuhan_bulat", integer()},
                   {"pns", integer()},
                   {"pppk", integer()},
                   {"non_asn", integer()},
                   {"lulus_seleksi", integer()},
                   {"selisih_asn", integer()},
                   {"selisih_total", integer()},
                   {"efisiensi", number()},
                   {"kategori", string()},
                   {"kategori_label", string()}});
}

// An OPD's needs; the regency's total is the same without `opd`.
json opd_need_counts() {
    return closed({{"beban_menit", integer()},
                   {"kebutuhan", integer()},
                   {"pns", integer()},
                   {"pppk", integer()},
                   {"non_asn", integer()},
                   {"lulus_seleksi", integer()},
                   {"selisih_asn", integer()},
                   {"selisih_total", integer()},
                   {"kurang_asn", integer()}});
}

json needs() {
    const json uncovered = closed({{"opd", string()}, {"jabatan", string()}, {"non_asn", integer()}});
    // A formasi without a jabatan, sektor or OPD gives "" for it.
    const json formasi = closed({{"id", string()},
                                 {"jenis", string()},
                                 {"jabatan", string()},
                                 {"sektor", string()},
                                 {"opd", string()},
                                 {"jumlah", integer()}});
    return closed({{"wke_menit", number()},
                   {"jabatan", array_of(ref("PlanningJabatanNeed"))},
                   {"opd", array_of(ref("PlanningOpdNeed"))},
                   {"total", opd_need_counts()},
                   {"tanpa_abk", array_of(uncovered)},
                   {"usulan_formasi", array_of(formasi)},
                   {"usulan_formasi_yaml", string()}});
}

json adopted_scenario() {
    // `pada` is copied from the adoption file as written.
    return closed({{"nama", string()},
                   {"keterangan", string()},
                   {"oleh", string()},
                   {"pada", string()},
                   {"catatan", string()},
                   {"jumlah_formasi", nullable(integer())},
                   {"bobot", map_of(number())},
                   {"min_masa_kerja", nullable(integer())}});
}

json scenario_list() {
    const json file = closed({{"berkas", string()}, {"nama", string()}, {"keterangan", string()}});
    return closed({{"items", array_of(file)}, {"berlaku", nullable(ref("PlanningAdoptedScenario"))}});
}

json scenario_result() {
    const json opd = closed({{"opd", string()},
                             {"usulan", map_of(integer())},
                             {"biaya", integer()},
                             {"biaya_belanja_pegawai", integer()},
                             {"kebutuhan_asn", integer()},
                             {"kebutuhan_terbuka", integer()}});
    const json cost = closed({{"per_usulan", map_of(integer())},
                              {"total", integer()},
                              {"belanja_pegawai_baru", integer()},
                              {"belanja_pegawai_sebelum", integer()},
                              {"belanja_pegawai_sesudah", integer()},
                              {"persen_sebelum", number()},
                              {"persen_sesudah", number()},
                              {"batas_persen", number()},
                              {"melewati_batas", boolean()}});
    // biaya only when the regency has a fiscal model (settings.planning.fiscal).
    return with_optional(closed({{"nama", string()},
                                 {"keterangan", string()},
                                 {"nomor_pemeringkatan", string()},
                                 {"pekerja", integer()},
                                 {"usulan", map_of(integer())},
                                 {"tanpa_status", integer()},
                                 {"kebutuhan_terbuka", integer()},
                                 {"per_opd", array_of(opd)}}),
                         {{"biaya", cost}});
}

json simulation() {
    const json difference = closed({{"nik", string()},
                                    {"nama", string()},
                                    {"opd", string()},
                                    {"usulan_a", string()},
                                    {"usulan_b", string()},
                                    {"penjelasan_a", string()},
                                    {"penjelasan_b", string()}});
    // beda only when two scenarios or more were simulated.
    return with_optional(closed({{"skenario", array_of(ref("PlanningScenarioResult"))}}),
                         {{"beda", closed({{"total", integer()}, {"items", array_of(difference)}})}});
}

json predikat_counts() {
    return closed({{"jumlah", integer()},
                   {"belum_dinilai", integer()},
                   {"diumumkan", integer()},
                   {"final", integer()},
                   {"keberatan", integer()},
                   {"keberatan_diterima", integer()},
                   {"predikat", map_of(integer())},
                   {"melebihi_batas", array_of(string())}});
}

json predikat_summary() {
    // total is left out for an OPD head, who sees their own OPD only.
    return with_optional(closed({{"tahun", integer()},
                                 {"batas_sebaran", map_of(number())},
                                 {"label_predikat", map_of(string())},
                                 {"per_opd", array_of(ref("OpdPredikatCounts"))}}),
                         {{"total", ref("PredikatCounts")}});
}

}  // namespace

nlohmann::json planning_schemas() {
    return {{"PlanningJabatanNeed", jabatan_need()},
            {"PlanningOpdNeed", with(opd_need_counts(), {{"opd", string()}})},
            {"PlanningNeeds", needs()},
            {"PlanningAdoptedScenario", adopted_scenario()},
            {"PlanningScenarios", scenario_list()},
            {"PlanningScenarioResult", scenario_result()},
            {"PlanningSimulation", simulation()},
            {"PlanningAdoption",
             closed({{"ditetapkan", boolean()}, {"kasus", integer()}, {"nomor_pemeringkatan", string()}})},
            {"PerformanceYearOpened",
             closed({{"tahun", integer()},
                     {"dibuka", integer()},
                     {"sudah_ada", integer()},
                     {"kasus", array_of(integer())}})},
            {"PredikatCounts", predikat_counts()},
            {"OpdPredikatCounts", with(predikat_counts(), {{"opd", string()}})},
            {"PredikatSummary", predikat_summary()}};
}

}  // namespace tata::server
