#include "planning/planning_json.hpp"

#include <cmath>

namespace tata::planning {
namespace {

std::int64_t rupiah(double value) { return static_cast<std::int64_t>(std::llround(value)); }

nlohmann::json opd_need_json(const OpdNeed& o) {
    return {{"opd", o.opd},
            {"beban_menit", rupiah(o.beban_menit)},
            {"kebutuhan", o.kebutuhan_bulat},
            {"pns", o.pns},
            {"pppk", o.pppk},
            {"non_asn", o.non_asn},
            {"lulus_seleksi", o.lulus_seleksi},
            {"selisih_asn", o.selisih_asn},
            {"selisih_total", o.selisih_total},
            {"kurang_asn", o.kurang_asn}};
}

}  // namespace

nlohmann::json needs_json(const NeedsReport& needs) {
    nlohmann::json jabatan = nlohmann::json::array();
    for (const auto& j : needs.jabatan)
        jabatan.push_back({{"opd", j.opd},
                           {"jabatan", j.jabatan},
                           {"sektor", j.sektor},
                           {"beban_menit", rupiah(j.beban_menit)},
                           {"kebutuhan", j.kebutuhan},
                           {"kebutuhan_bulat", j.kebutuhan_bulat},
                           {"pns", j.pns},
                           {"pppk", j.pppk},
                           {"non_asn", j.non_asn},
                           {"lulus_seleksi", j.lulus_seleksi},
                           {"selisih_asn", j.selisih_asn},
                           {"selisih_total", j.selisih_total},
                           {"efisiensi", j.efisiensi},
                           {"kategori", j.kategori},
                           {"kategori_label", j.kategori_label}});
    nlohmann::json opd = nlohmann::json::array();
    for (const auto& o : needs.opd) opd.push_back(opd_need_json(o));
    nlohmann::json uncovered = nlohmann::json::array();
    for (const auto& [key, count] : needs.tanpa_abk)
        uncovered.push_back({{"opd", key.first}, {"jabatan", key.second}, {"non_asn", count}});
    nlohmann::json total = opd_need_json(needs.total);
    total.erase("opd");
    return {{"wke_menit", needs.wke_menit}, {"jabatan", jabatan}, {"opd", opd}, {"total", total}, {"tanpa_abk", uncovered}};
}

nlohmann::json scenario_json(const ScenarioResult& r) {
    nlohmann::json per_outcome = nlohmann::json::object();
    for (const auto& [outcome, count] : r.per_outcome) per_outcome[outcome] = count;
    nlohmann::json cost = nlohmann::json::object();
    for (const auto& [outcome, value] : r.biaya_per_outcome) cost[outcome] = rupiah(value);
    nlohmann::json opd = nlohmann::json::array();
    for (const auto& o : r.per_opd) {
        nlohmann::json outcomes = nlohmann::json::object();
        for (const auto& [outcome, count] : o.outcomes) outcomes[outcome] = count;
        opd.push_back({{"opd", o.opd},
                       {"usulan", outcomes},
                       {"biaya", rupiah(o.biaya)},
                       {"biaya_belanja_pegawai", rupiah(o.biaya_belanja_pegawai)},
                       {"kebutuhan_asn", o.kebutuhan_asn},
                       {"kebutuhan_terbuka", o.kebutuhan_terbuka}});
    }
    nlohmann::json out = {{"nama", r.nama},
                          {"keterangan", r.keterangan},
                          {"nomor_pemeringkatan", r.ranking_number},
                          {"pekerja", r.pekerja},
                          {"usulan", per_outcome},
                          {"tanpa_status", r.tanpa_status},
                          {"kebutuhan_terbuka", r.kebutuhan_terbuka},
                          {"per_opd", opd}};
    if (r.ada_fiskal)
        out["biaya"] = {{"per_usulan", cost},
                        {"total", rupiah(r.biaya_total)},
                        {"belanja_pegawai_baru", rupiah(r.biaya_belanja_pegawai)},
                        {"belanja_pegawai_sebelum", rupiah(r.belanja_pegawai_sebelum)},
                        {"belanja_pegawai_sesudah", rupiah(r.belanja_pegawai_sesudah)},
                        {"persen_sebelum", std::round(r.persen_sebelum * 100) / 100},
                        {"persen_sesudah", std::round(r.persen_sesudah * 100) / 100},
                        {"batas_persen", r.batas_persen},
                        {"melewati_batas", r.persen_sesudah > r.batas_persen}};
    return out;
}

nlohmann::json differences_json(const std::vector<WorkerDifference>& differences, std::size_t total) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : differences)
        items.push_back({{"nik", d.nik},
                         {"nama", d.nama},
                         {"opd", d.opd},
                         {"usulan_a", d.outcome_a},
                         {"usulan_b", d.outcome_b},
                         {"penjelasan_a", d.explanation_a},
                         {"penjelasan_b", d.explanation_b}});
    return {{"total", total}, {"items", items}};
}

}  // namespace tata::planning
