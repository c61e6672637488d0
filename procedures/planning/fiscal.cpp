#include "planning/fiscal.hpp"

#include "planning/planning_yaml.hpp"

#include <algorithm>
#include <cmath>

namespace tata::planning {
namespace {

Sourced sourced(PlanningYaml& yaml, const YAML::Node& map, const char* key) {
    const YAML::Node node = map[key];
    Sourced out;
    if (!node) {
        yaml.problem(map, std::string("`") + key + "` is required, as {nilai: RUPIAH, sumber: TEXT}");
        return out;
    }
    if (!yaml.expect_map(node, std::string("`") + key + "`")) return out;
    yaml.reject_unknown_keys(node, {"nilai", "sumber"});
    out.nilai = yaml.number(node, "nilai", true, 0, 0);
    out.sumber = yaml.text(node, "sumber", true);
    return out;
}

std::vector<std::string> text_list(PlanningYaml& yaml, const YAML::Node& map, const char* key) {
    std::vector<std::string> out;
    const YAML::Node node = map[key];
    if (!node) return out;
    if (node.IsScalar()) return {node.Scalar()};
    if (!yaml.expect_list(node, std::string("`") + key + "`")) return out;
    for (const auto& item : node) {
        if (item.IsScalar()) out.push_back(item.Scalar());
        else yaml.problem(item, std::string("`") + key + "` must list texts");
    }
    return out;
}

AsnPay asn_pay(PlanningYaml& yaml, const YAML::Node& node, const char* what) {
    AsnPay pay;
    if (!node) {
        yaml.problem(yaml.root(), std::string("`") + what + "` is required: gaji_pokok, golongan_awal and sumber");
        return pay;
    }
    if (!yaml.expect_map(node, std::string("`") + what + "`")) return pay;
    yaml.reject_unknown_keys(node, {"sumber", "gaji_pokok", "golongan_awal", "masa_kerja_diakui", "masa_kerja_penuh",
                                    "tunjangan_lain_bulanan", "bulan_dibayar", "tunjangan_keluarga", "iuran"});
    pay.sumber = yaml.text(node, "sumber", true);
    pay.masa_kerja_diakui = yaml.flag(node, "masa_kerja_diakui", false);
    pay.masa_kerja_penuh = static_cast<int>(yaml.whole(node, "masa_kerja_penuh", false, 33, 1));
    pay.tunjangan_lain_bulanan = yaml.number(node, "tunjangan_lain_bulanan", false, 0, 0);
    pay.bulan_dibayar = yaml.number(node, "bulan_dibayar", false, 14, 1);
    const YAML::Node table = node["gaji_pokok"];
    if (!table) yaml.problem(node, "`gaji_pokok` is required: golongan → {min, max}");
    else if (yaml.expect_map(table, "`gaji_pokok`")) {
        for (const auto& entry : table) {
            if (!yaml.expect_map(entry.second, "a golongan's gaji pokok")) continue;
            yaml.reject_unknown_keys(entry.second, {"min", "max"});
            GajiRange range{yaml.number(entry.second, "min", true, 0, 1), 0};
            range.max = yaml.number(entry.second, "max", false, range.min, range.min);
            pay.gaji_pokok[entry.first.Scalar()] = range;
        }
    }
    const YAML::Node rules = node["golongan_awal"];
    if (!rules) yaml.problem(node, "`golongan_awal` is required: which golongan a worker enters at");
    else if (yaml.expect_list(rules, "`golongan_awal`")) {
        for (const auto& r : rules) {
            if (!yaml.expect_map(r, "a golongan_awal rule")) continue;
            yaml.reject_unknown_keys(r, {"pendidikan", "sektor", "jabatan", "golongan"});
            GolonganRule rule;
            rule.pendidikan = text_list(yaml, r, "pendidikan");
            rule.sektor = text_list(yaml, r, "sektor");
            rule.jabatan = text_list(yaml, r, "jabatan");
            rule.golongan = yaml.text(r, "golongan", true);
            if (!rule.golongan.empty() && !pay.gaji_pokok.count(rule.golongan))
                yaml.problem(r["golongan"], "golongan '" + rule.golongan + "' has no gaji_pokok");
            pay.golongan_awal.push_back(std::move(rule));
        }
        if (pay.golongan_awal.empty() || !pay.golongan_awal.back().pendidikan.empty() ||
            !pay.golongan_awal.back().sektor.empty() || !pay.golongan_awal.back().jabatan.empty())
            yaml.problem(rules, "the last golongan_awal rule must match anyone (no pendidikan, sektor or jabatan)");
    }
    if (const YAML::Node family = node["tunjangan_keluarga"]; family && yaml.expect_map(family, "`tunjangan_keluarga`")) {
        yaml.reject_unknown_keys(family, {"pasangan_persen", "anak_persen", "anak_maks", "sumber"});
        pay.pasangan_persen = yaml.number(family, "pasangan_persen", false, 10, 0);
        pay.anak_persen = yaml.number(family, "anak_persen", false, 2, 0);
        pay.anak_maks = static_cast<int>(yaml.whole(family, "anak_maks", false, 2, 0));
    }
    if (const YAML::Node dues = node["iuran"]; dues && yaml.expect_map(dues, "`iuran`")) {
        yaml.reject_unknown_keys(dues, {"jkk_persen", "jkm_persen", "bpjs_kesehatan_persen", "bpjs_kesehatan_batas", "sumber"});
        pay.jkk_persen = yaml.number(dues, "jkk_persen", false, 0.24, 0);
        pay.jkm_persen = yaml.number(dues, "jkm_persen", false, 0.30, 0);
        pay.bpjs_kesehatan_persen = yaml.number(dues, "bpjs_kesehatan_persen", false, 4, 0);
        pay.bpjs_kesehatan_batas = yaml.number(dues, "bpjs_kesehatan_batas", false, 12'000'000, 0);
    }
    return pay;
}

bool listed(const std::vector<std::string>& list, std::string_view value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

FiscalModel load_fiscal(const std::filesystem::path& file, double umk) {
    return parse_fiscal(read_planning_file(file), file.string(), umk);
}

FiscalModel parse_fiscal(const std::string& text, const std::string& file_name, double umk) {
    PlanningYaml yaml(text, file_name);
    const YAML::Node& root = yaml.root();
    yaml.reject_unknown_keys(root, {"tahun_anggaran", "contoh", "apbd", "pppk", "cpns", "asumsi_keluarga",
                                    "paruh_waktu", "alih_daya"});
    FiscalModel model;
    model.file = file_name;
    model.umk = umk;
    model.tahun_anggaran = static_cast<int>(yaml.whole(root, "tahun_anggaran", true, 0, 2000));
    model.contoh = yaml.flag(root, "contoh", false);
    const YAML::Node apbd = root["apbd"];
    if (!apbd) yaml.problem(root, "`apbd` is required: total_belanja, belanja_pegawai, dikecualikan");
    else if (yaml.expect_map(apbd, "`apbd`")) {
        yaml.reject_unknown_keys(apbd, {"total_belanja", "belanja_pegawai", "dikecualikan", "batas_persen", "tahun_transisi", "sumber"});
        model.total_belanja = sourced(yaml, apbd, "total_belanja");
        model.belanja_pegawai = sourced(yaml, apbd, "belanja_pegawai");
        model.dikecualikan = sourced(yaml, apbd, "dikecualikan");
        model.batas_persen = yaml.number(apbd, "batas_persen", false, 30, 0);
        model.tahun_transisi = static_cast<int>(yaml.whole(apbd, "tahun_transisi", false, 2027, 2000));
        if (model.total_belanja.nilai <= 0 && apbd["total_belanja"]) yaml.problem(apbd["total_belanja"], "total_belanja must be above 0");
    }
    model.pppk = asn_pay(yaml, root["pppk"], "pppk");
    model.cpns = root["cpns"] ? asn_pay(yaml, root["cpns"], "cpns") : model.pppk;
    if (const YAML::Node family = root["asumsi_keluarga"]; family && yaml.expect_map(family, "`asumsi_keluarga`")) {
        yaml.reject_unknown_keys(family, {"pasangan", "anak", "sumber"});
        model.asumsi_pasangan = yaml.number(family, "pasangan", false, 1, 0);
        model.asumsi_anak = yaml.number(family, "anak", false, 1, 0);
    }
    if (const YAML::Node part = root["paruh_waktu"]; part && yaml.expect_map(part, "`paruh_waktu`")) {
        yaml.reject_unknown_keys(part, {"upah", "belanja_pegawai", "sumber"});
        const std::string wage = yaml.text(part, "upah", false, "tertinggi");
        if (wage == "tertinggi") model.paruh_waktu_upah = ParttimeWage::tertinggi;
        else if (wage == "umk") model.paruh_waktu_upah = ParttimeWage::umk;
        else if (wage == "upah_lama") model.paruh_waktu_upah = ParttimeWage::upah_lama;
        else yaml.problem(part["upah"], "`upah` is tertinggi, umk or upah_lama");
        model.paruh_waktu_belanja_pegawai = yaml.flag(part, "belanja_pegawai", false);
    }
    if (const YAML::Node out = root["alih_daya"]; out && yaml.expect_map(out, "`alih_daya`")) {
        yaml.reject_unknown_keys(out, {"bpjs_persen", "bpjs_kesehatan_persen", "fee_persen", "sumber"});
        model.alih_daya_bpjs_persen = yaml.number(out, "bpjs_persen", false, model.alih_daya_bpjs_persen, 0);
        model.alih_daya_bpjs_kesehatan_persen = yaml.number(out, "bpjs_kesehatan_persen", false, 4, 0);
        model.alih_daya_fee_persen = yaml.number(out, "fee_persen", false, 10, 0);
    }
    yaml.throw_if_problems();
    return model;
}

WorkerCost cost_of(const FiscalModel& model, const std::string& outcome, const WorkerFacts& worker) {
    WorkerCost cost;
    if (outcome == "cpns" || outcome == "pppk") {
        const AsnPay& pay = outcome == "cpns" ? model.cpns : model.pppk;
        const GolonganRule* rule = nullptr;
        for (const auto& r : pay.golongan_awal)
            if (listed(r.pendidikan, worker.pendidikan) && listed(r.sektor, worker.sektor) && listed(r.jabatan, worker.jabatan)) {
                rule = &r;
                break;
            }
        if (!rule) return cost;  // the file's check makes the last rule match anyone
        cost.golongan = rule->golongan;
        const GajiRange range = pay.gaji_pokok.at(rule->golongan);
        double gaji = range.min;
        if (pay.masa_kerja_diakui && worker.masa_kerja_tahun > 0)
            gaji += (range.max - range.min) * std::min(1.0, worker.masa_kerja_tahun / pay.masa_kerja_penuh);
        cost.gaji_pokok_bulanan = std::round(gaji);
        const double family = cost.gaji_pokok_bulanan *
                              (pay.pasangan_persen * model.asumsi_pasangan +
                               pay.anak_persen * std::min<double>(model.asumsi_anak, pay.anak_maks)) /
                              100.0;
        const double monthly_allowances = family + pay.tunjangan_lain_bulanan;
        cost.gaji_setahun = cost.gaji_pokok_bulanan * pay.bulan_dibayar;
        cost.tunjangan_setahun = monthly_allowances * pay.bulan_dibayar;
        const double health_base = std::min(cost.gaji_pokok_bulanan + monthly_allowances, pay.bpjs_kesehatan_batas);
        cost.iuran_setahun = 12 * (cost.gaji_pokok_bulanan * (pay.jkk_persen + pay.jkm_persen) / 100.0 +
                                   health_base * pay.bpjs_kesehatan_persen / 100.0);
        cost.belanja_pegawai = true;
    } else if (outcome == "pppk_paruh_waktu") {
        double wage = model.umk;
        if (model.paruh_waktu_upah == ParttimeWage::tertinggi) wage = std::max(model.umk, worker.honor_bulanan);
        else if (model.paruh_waktu_upah == ParttimeWage::upah_lama && worker.honor_bulanan > 0) wage = worker.honor_bulanan;
        cost.upah_setahun = 12 * wage;
        cost.belanja_pegawai = model.paruh_waktu_belanja_pegawai;
    } else if (outcome == "alih_daya") {
        cost.upah_setahun = 12 * model.umk;
        cost.iuran_setahun = 12 * (model.umk * model.alih_daya_bpjs_persen / 100.0 +
                                   std::min(model.umk, model.pppk.bpjs_kesehatan_batas) *
                                       model.alih_daya_bpjs_kesehatan_persen / 100.0);
        cost.fee_setahun = (cost.upah_setahun + cost.iuran_setahun) * model.alih_daya_fee_persen / 100.0;
    }
    cost.total = cost.gaji_setahun + cost.tunjangan_setahun + cost.upah_setahun + cost.iuran_setahun + cost.fee_setahun;
    return cost;
}

double belanja_pegawai_percent(const FiscalModel& model, double belanja_pegawai) {
    if (model.total_belanja.nilai <= 0) return 0;
    return (belanja_pegawai - model.dikecualikan.nilai) / model.total_belanja.nilai * 100.0;
}

}  // namespace tata::planning
