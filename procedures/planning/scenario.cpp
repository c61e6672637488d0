#include "planning/scenario.hpp"

#include "planning/planning_yaml.hpp"

#include "ranking/generation_policy.hpp"
#include "ranking/ranking_data.hpp"

#include <tata/errors.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>
#include <unordered_map>

namespace tata::planning {
namespace {

const std::string kLeftOut = "tidak_memenuhi_masa_kerja";

const nlohmann::json* planning_settings(const Regency& regency) {
    const auto it = regency.settings.find("planning");
    return it != regency.settings.end() && it->is_object() ? &*it : nullptr;
}

std::string setting_text(const nlohmann::json* planning, const char* key, const std::string& fallback) {
    if (!planning) return fallback;
    const auto it = planning->find(key);
    return it != planning->end() && it->is_string() ? it->get<std::string>() : fallback;
}

// A name made of lower-case letters, digits and dashes, for formasi ids.
std::string slug(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

// YAML double-quoted scalar.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::vector<EfficiencyBand> efficiency_bands(const nlohmann::json* planning) {
    if (!planning || !planning->contains("efisiensi") || !(*planning)["efisiensi"].is_array()) return default_efficiency_bands();
    std::vector<EfficiencyBand> bands;
    for (const auto& band : (*planning)["efisiensi"])
        if (band.is_object())
            bands.push_back({band.value("kategori", std::string()), band.value("min", 0.0), band.value("label", std::string())});
    return bands.empty() ? default_efficiency_bands() : bands;
}

std::string text_of(const nlohmann::json& record, const char* key) {
    const auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> proposal_sectors(const nlohmann::json* planning) {
    std::vector<std::string> sectors;
    if (planning && planning->contains("sektor_usulan") && (*planning)["sektor_usulan"].is_array())
        for (const auto& sector : (*planning)["sektor_usulan"])
            if (sector.is_string()) sectors.push_back(sector.get<std::string>());
    return sectors;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file_name, const std::filesystem::path& base_dir) {
    PlanningYaml yaml(text, file_name);
    const YAML::Node& root = yaml.root();
    // `ditetapkan` is how an adopted scenario says who adopted it.
    yaml.reject_unknown_keys(root,
                             {"nama", "keterangan", "formasi", "bobot", "min_masa_kerja", "sisa", "paruh_waktu", "ditetapkan"});
    Scenario scenario;
    scenario.file = file_name;
    scenario.nama = yaml.text(root, "nama", true);
    scenario.keterangan = yaml.text(root, "keterangan", false);
    if (const YAML::Node formasi = root["formasi"]) {
        if (formasi.IsScalar() && formasi.Scalar() == "regency") scenario.formasi_from = Scenario::FormasiFrom::regency;
        else if (formasi.IsScalar() && formasi.Scalar() == "abk") scenario.formasi_from = Scenario::FormasiFrom::abk;
        else if (formasi.IsMap()) {
            yaml.reject_unknown_keys(formasi, {"file"});
            const std::string file = yaml.text(formasi, "file", true);
            if (!file.empty() && base_dir.empty()) {
                yaml.problem(formasi["file"], "this scenario cannot name a formasi file: give the formasi as a list");
            } else if (!file.empty()) {
                scenario.formasi_from = Scenario::FormasiFrom::given;
                try {
                    scenario.changes.formasi = ranking::load_formasi(base_dir / file);
                } catch (const ranking::RulesFileError& e) {
                    yaml.problem(formasi["file"], std::string("the formasi file does not load: ") + e.what());
                }
            }
        } else if (formasi.IsSequence()) {
            scenario.formasi_from = Scenario::FormasiFrom::given;
            try {
                scenario.changes.formasi = ranking::formasi_from_yaml(formasi, file_name);
            } catch (const ranking::RulesFileError& e) {
                yaml.add_problems(std::string(e.what()) + "\n");
            }
        } else {
            yaml.problem(formasi, "`formasi` is regency, abk, {file: FILE} or a list of formasi");
        }
    }
    std::string problems;
    ranking::read_policy_changes(root, file_name, scenario.changes, problems);
    yaml.add_problems(problems);
    if (const YAML::Node part = root["paruh_waktu"]; part && yaml.expect_map(part, "`paruh_waktu`")) {
        yaml.reject_unknown_keys(part, {"upah", "belanja_pegawai"});
        if (part["upah"]) {
            const std::string wage = yaml.text(part, "upah", true);
            if (wage == "tertinggi") scenario.paruh_waktu_upah = ParttimeWage::tertinggi;
            else if (wage == "umk") scenario.paruh_waktu_upah = ParttimeWage::umk;
            else if (wage == "upah_lama") scenario.paruh_waktu_upah = ParttimeWage::upah_lama;
            else yaml.problem(part["upah"], "`upah` is tertinggi, umk or upah_lama");
        }
        if (part["belanja_pegawai"]) scenario.paruh_waktu_belanja_pegawai = yaml.flag(part, "belanja_pegawai", false);
    }
    yaml.throw_if_problems();
    return scenario;
}

Scenario load_scenario(const std::filesystem::path& file) {
    return parse_scenario(read_planning_file(file), file.string(), file.parent_path());
}

RosterCounts roster_counts(Engine& engine, const std::string& regency) {
    RosterCounts counts;
    IndexQuery query;
    query.workflow_id = "verification";
    query.regency = regency;
    query.columns = {"opd", "jabatan", "hasil_seleksi"};
    query.case_order = false;
    engine.scan_index(query, [&](const IndexRow& row) {
        if (row.result() == "rejected" || row.is_null(0) || row.is_null(1)) return;
        RosterCount& count = counts[{std::string(row.text(0)), std::string(row.text(1))}];
        ++count.non_asn;
        if (!row.is_null(2) && (row.text(2) == "lulus_pppk" || row.text(2) == "lulus_cpns")) ++count.lulus_seleksi;
    });
    return counts;
}

std::vector<ranking::Formasi> propose_formasi(const NeedsReport& needs, const std::string& jenis,
                                              const std::vector<std::string>& sectors) {
    std::vector<ranking::Formasi> out;
    for (const auto& j : needs.jabatan) {
        if (j.selisih_asn <= 0) continue;
        if (!sectors.empty() && std::find(sectors.begin(), sectors.end(), j.sektor) == sectors.end()) continue;
        ranking::Formasi f;
        f.id = "abk-" + slug(j.opd) + "-" + slug(j.jabatan);
        f.jenis = jenis;
        f.jabatan = j.jabatan;
        if (!j.sektor.empty()) f.sektor = j.sektor;
        f.opd = j.opd;
        f.jumlah = j.selisih_asn;
        out.push_back(std::move(f));
    }
    return out;
}

std::string formasi_yaml(const std::vector<ranking::Formasi>& formasi, const std::string& heading) {
    std::ostringstream out;
    std::istringstream lines(heading);
    for (std::string line; std::getline(lines, line);) out << "# " << line << "\n";
    out << "formasi:\n";
    for (const auto& f : formasi) {
        out << "  - {id: " << quoted(f.id) << ", jenis: " << f.jenis;
        if (f.jabatan) out << ", jabatan: " << quoted(*f.jabatan);
        if (f.sektor) out << ", sektor: " << quoted(*f.sektor);
        if (f.opd) out << ", opd: " << quoted(*f.opd);
        out << ", jumlah: " << f.jumlah << "}\n";
    }
    if (formasi.empty()) out << "  []\n";
    return out.str();
}

PlanningContext planning_context(Engine& engine, const std::string& regency, const std::filesystem::path& abk_file) {
    const auto definitions = engine.definitions();
    const Regency* known = definitions->find_regency(regency);
    if (!known) throw NotFound("unknown regency '" + regency + "'");
    PlanningContext context;
    context.regency = regency;
    context.regency_name = known->name;
    const nlohmann::json* planning = planning_settings(*known);
    const std::filesystem::path dir = std::filesystem::path(known->where.file).parent_path();
    const double umk = known->settings.value("umk", 0.0);
    if (const std::string fiscal = setting_text(planning, "fiscal", ""); !fiscal.empty())
        context.fiscal = load_fiscal(dir / fiscal, umk);
    try {
        context.adopted = ranking::generation_policy(definitions, *known)->adopted;
    } catch (const ranking::RulesFileError& e) {
        throw PlanningFileError(e.what());
    }
    if (context.adopted) {
        // Its pay rule for PPPK paruh waktu is now the regency's.
        const Scenario adopted = parse_scenario(context.adopted->text, context.adopted->file.string(), {});
        context.adopted_wage = adopted.paruh_waktu_upah;
        context.adopted_counted = adopted.paruh_waktu_belanja_pegawai;
        if (context.fiscal && adopted.paruh_waktu_upah) context.fiscal->paruh_waktu_upah = *adopted.paruh_waktu_upah;
        if (context.fiscal && adopted.paruh_waktu_belanja_pegawai)
            context.fiscal->paruh_waktu_belanja_pegawai = *adopted.paruh_waktu_belanja_pegawai;
    }
    std::filesystem::path abk = abk_file;
    if (abk.empty())
        if (const std::string named = setting_text(planning, "abk", ""); !named.empty()) abk = dir / named;
    if (!abk.empty()) {
        double wke = kDefaultWkeMinutes;
        if (planning && planning->contains("wke_menit") && (*planning)["wke_menit"].is_number())
            wke = (*planning)["wke_menit"].get<double>();
        context.needs = compute_needs(load_abk(abk), wke, roster_counts(engine, regency), efficiency_bands(planning));
        context.abk_formasi = propose_formasi(*context.needs, setting_text(planning, "jenis_usulan", "pppk"),
                                              proposal_sectors(planning));
    }
    return context;
}

ScenarioResult simulate(Engine& engine, const PlanningContext& context, const Scenario& scenario) {
    if (scenario.formasi_from == Scenario::FormasiFrom::abk && !context.needs)
        throw PlanningFileError(scenario.file + ": error: `formasi: abk` needs the regency's ABK table (settings.planning.abk)");
    ScenarioResult result;
    result.nama = scenario.nama;
    result.keterangan = scenario.keterangan;
    result.file = scenario.file;

    ranking::RankingOverrides overrides;
    if (scenario.formasi_from == Scenario::FormasiFrom::abk) overrides.formasi = &context.abk_formasi;
    if (scenario.formasi_from == Scenario::FormasiFrom::given && scenario.changes.formasi)
        overrides.formasi = &*scenario.changes.formasi;
    overrides.points = scenario.changes.points;
    overrides.rest_database = scenario.changes.rest_database;
    overrides.rest_other = scenario.changes.rest_other;
    // The scenario's minimum years, else the adopted one's (the ranking
    // would apply that itself, but the workers it leaves out are counted here).
    std::optional<int> min_years = scenario.changes.min_service_years;
    if (!min_years && context.adopted) min_years = context.adopted->changes.min_service_years;
    if (min_years) {
        const double minimum = *min_years;
        overrides.include = [&result, minimum](const ranking::WorkerValues& values) {
            const FieldValue& years = values[ranking::column::masa_kerja_tahun];
            if (years.is_numeric() && years.as_double() >= minimum) return true;
            result.left_out.emplace_back(values[ranking::column::nik].text);
            return false;
        };
    }
    try {
        result.ranking = ranking::rank_regency_with(engine, context.regency, overrides);
    } catch (const ranking::RulesFileError& e) {
        throw PlanningFileError(scenario.file + ": error: " + e.what());
    }
    result.ranking_number = ranking::ranking_number(result.ranking);

    // The fiscal model as the regency set it (its adopted scenario's pay rule
    // for paruh waktu included, planning_context), then this scenario's.
    std::optional<FiscalModel> fiscal = context.fiscal;
    if (fiscal) {
        if (scenario.paruh_waktu_upah) fiscal->paruh_waktu_upah = *scenario.paruh_waktu_upah;
        if (scenario.paruh_waktu_belanja_pegawai) fiscal->paruh_waktu_belanja_pegawai = *scenario.paruh_waktu_belanja_pegawai;
    }
    result.ada_fiskal = fiscal.has_value();

    // Per OPD, in name order; the needs' missing ASN places first.
    std::map<std::string, OpdResult> opds;
    if (context.needs)
        for (const auto& need : context.needs->opd) {
            OpdResult& o = opds[need.opd];
            o.opd = need.opd;
            o.kebutuhan_asn = need.kurang_asn;
        }
    const ranking::RankingData& d = *result.ranking.data;
    const auto& t = d.table;
    std::map<std::string, int> new_asn;  // CPNS and PPPK by OPD
    for (std::size_t position = 0; position < d.order.size(); ++position) {
        const std::size_t row = d.order[position];
        const std::string& outcome = ranking::outcome_code(d.outcomes[position]);
        const FieldValue opd_value = t.value(row, ranking::column::opd);
        const std::string opd = opd_value.is_null() ? "(tanpa OPD)" : std::string(opd_value.text);
        OpdResult& o = opds[opd];
        o.opd = opd;
        ++o.outcomes[outcome];
        ++result.per_outcome[outcome];
        if (outcome == "cpns" || outcome == "pppk") ++new_asn[opd];
        if (outcome == "dirumahkan") ++result.tanpa_status;
        if (!fiscal) continue;
        WorkerFacts facts;
        facts.pendidikan = t.value(row, ranking::column::pendidikan).text;
        facts.sektor = t.value(row, ranking::column::sektor).text;
        facts.jabatan = t.value(row, ranking::column::jabatan).text;
        const FieldValue honor = t.value(row, ranking::column::honor_bulanan);
        facts.honor_bulanan = honor.is_numeric() ? honor.as_double() : 0;
        const FieldValue years = t.value(row, ranking::column::masa_kerja_tahun);
        facts.masa_kerja_tahun = years.is_numeric() ? years.as_double() : 0;
        const WorkerCost cost = cost_of(*fiscal, outcome, facts);
        o.biaya += cost.total;
        result.biaya_per_outcome[outcome] += cost.total;
        result.biaya_total += cost.total;
        if (cost.belanja_pegawai) {
            o.biaya_belanja_pegawai += cost.total;
            result.biaya_belanja_pegawai += cost.total;
        }
    }
    if (!result.left_out.empty()) {
        result.per_outcome[kLeftOut] = result.left_out.size();
        result.tanpa_status += result.left_out.size();
    }
    result.pekerja = d.order.size() + result.left_out.size();
    for (auto& [name, o] : opds) {
        o.kebutuhan_terbuka = std::max(0, o.kebutuhan_asn - new_asn[name]);
        result.kebutuhan_terbuka += o.kebutuhan_terbuka;
        result.per_opd.push_back(o);
    }
    if (fiscal) {
        result.batas_persen = fiscal->batas_persen;
        result.belanja_pegawai_sebelum = fiscal->belanja_pegawai.nilai;
        result.belanja_pegawai_sesudah = fiscal->belanja_pegawai.nilai + result.biaya_belanja_pegawai;
        result.persen_sebelum = belanja_pegawai_percent(*fiscal, result.belanja_pegawai_sebelum);
        result.persen_sesudah = belanja_pegawai_percent(*fiscal, result.belanja_pegawai_sesudah);
    }
    return result;
}

std::vector<WorkerDifference> differences(const ScenarioResult& a, const ScenarioResult& b, std::size_t limit,
                                          std::size_t& total) {
    // NIK → position in a.
    const ranking::RankingData& da = *a.ranking.data;
    std::unordered_map<std::string_view, std::size_t> in_a;
    in_a.reserve(da.order.size());
    for (std::size_t p = 0; p < da.order.size(); ++p) in_a.emplace(da.table.value(da.order[p], ranking::column::nik).text, p);

    std::vector<WorkerDifference> out;
    total = 0;
    auto note = [&](WorkerDifference difference) {
        ++total;
        if (out.size() < limit) out.push_back(std::move(difference));
    };
    const ranking::RankingData& db = *b.ranking.data;
    std::set<std::string_view> seen;
    for (std::size_t p = 0; p < db.order.size(); ++p) {
        const std::string_view nik = db.table.value(db.order[p], ranking::column::nik).text;
        seen.insert(nik);
        const std::string& outcome_b = ranking::outcome_code(db.outcomes[p]);
        const auto it = in_a.find(nik);
        const std::string outcome_a = it != in_a.end() ? ranking::outcome_code(da.outcomes[it->second]) : kLeftOut;
        if (outcome_a == outcome_b) continue;
        if (total >= limit) {
            ++total;
            continue;
        }
        const ranking::RankedWorker worker_b = b.ranking.workers[p];
        WorkerDifference difference{std::string(nik), text_of(worker_b.record, "nama"),
                                    text_of(worker_b.record, "opd"), outcome_a, outcome_b,
                                    it != in_a.end() ? a.ranking.workers[it->second].explanation
                                                     : "Tidak ikut diperingkat: masa kerja kurang dari minimum skenario ini.",
                                    worker_b.explanation};
        note(std::move(difference));
    }
    // Workers ranked in a but left out of b.
    for (std::size_t p = 0; p < da.order.size(); ++p) {
        const std::string_view nik = da.table.value(da.order[p], ranking::column::nik).text;
        if (seen.count(nik)) continue;
        if (total >= limit) {
            ++total;
            continue;
        }
        const ranking::RankedWorker worker_a = a.ranking.workers[p];
        note({std::string(nik), text_of(worker_a.record, "nama"), text_of(worker_a.record, "opd"),
              ranking::outcome_code(da.outcomes[p]), kLeftOut, worker_a.explanation,
              "Tidak ikut diperingkat: masa kerja kurang dari minimum skenario ini."});
    }
    return out;
}

}  // namespace tata::planning
