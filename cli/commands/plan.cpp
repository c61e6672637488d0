// tata plan needs --regency CODE [--abk FILE] [--propose-formasi OUT.yaml] [--json]
// tata plan simulate --regency CODE SCENARIO.yaml... [--differences N] [--json]
// tata plan adopt --regency CODE SCENARIO.yaml --as USER:admin [--note TEXT]
// tata plan revoke --regency CODE --as USER:admin [--note TEXT]
//
// `needs`: the workload analysis (ABK) of the regency's settings.planning.abk
// (or --abk FILE, YAML or CSV) against its roster; --propose-formasi writes
// the formasi the gaps propose, in the format `tata rank --formasi` reads.
// `simulate`: each scenario ranked on the current data and costed, side by
// side; nothing is written. With two or more scenarios, the workers whose
// outcome differs between the first two are listed (--differences N, 20 by
// default). `adopt`: the scenario's formasi and rules become the regency's
// (docs/planning.md), checked like a reload and recorded as a
// planning_adoption case; `revoke` ends it. A running server picks the file
// up by its file watch or POST /api/v1/admin/reload.
#include "commands/commands.hpp"

#include "planning/adoption.hpp"
#include "ranking/policy_check.hpp"

#include "planning/planning_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace tata::cli {
namespace {

// 1234567 → "1.234.567" (Indonesian thousands).
std::string grouped(double value) {
    const long long whole = std::llround(value);
    std::string digits = std::to_string(whole < 0 ? -whole : whole);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return (whole < 0 ? "-" : "") + out;
}

std::string decimal2(double value) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << value;
    std::string text = out.str();
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
}

std::string outcome_words(const std::string& code) {
    if (code == "cpns") return "CPNS";
    if (code == "pppk") return "PPPK";
    if (code == "pppk_paruh_waktu") return "PPPK paruh waktu";
    if (code == "alih_daya") return "Alih daya";
    if (code == "dirumahkan") return "Dirumahkan";
    if (code == "tidak_memenuhi_masa_kerja") return "Masa kerja kurang";
    return code;
}

}  // namespace

int run_plan_needs(Context& context) {
    const std::string regency = context.regency();
    auto engine = context.open_engine();
    planning::PlanningContext planning_context;
    try {
        planning_context = planning::planning_context(*engine, regency, context.args.value_or("abk", ""));
    } catch (const planning::PlanningFileError& e) {
        throw UsageError(e.what());
    } catch (const NotFound& e) {
        throw UsageError(e.what());
    }
    if (!planning_context.needs)
        throw UsageError("regency " + regency + " has no ABK table (settings.planning.abk); give one with --abk FILE");
    const planning::NeedsReport& needs = *planning_context.needs;
    if (const auto out = context.args.value("propose-formasi")) {
        std::ofstream file(*out);
        file << planning::formasi_yaml(planning_context.abk_formasi,
                                       "Usulan formasi dari analisis beban kerja (ABK) " + planning_context.regency_name +
                                           ".\nPeriksa dan ubah seperlunya, lalu tetapkan lewat settings.prioritization.formasi.");
        if (!file) throw UsageError("cannot write " + *out);
        context.err << planning_context.abk_formasi.size() << " formasi diusulkan ke " << *out << "\n";
    }
    if (context.json()) {
        context.out << planning::needs_json(needs).dump(2) << "\n";
        return 0;
    }
    context.out << "Analisis beban kerja " << regency << " (WKE " << grouped(needs.wke_menit) << " menit setahun)\n\n";
    context.out << std::left << std::setw(40) << "OPD / jabatan" << std::right << std::setw(10) << "beban/WKE" << std::setw(7)
                << "butuh" << std::setw(7)
                << "PNS" << std::setw(7) << "PPPK" << std::setw(9) << "non-ASN" << std::setw(12) << "selisih ASN"
                << std::setw(11) << "efisiensi" << "\n";
    std::string current;
    for (const auto& j : needs.jabatan) {
        if (j.opd != current) {
            context.out << j.opd << "\n";
            current = j.opd;
        }
        context.out << "  " << std::left << std::setw(38) << j.jabatan.substr(0, 37) << std::right << std::setw(10)
                    << decimal2(j.kebutuhan) << std::setw(7) << j.kebutuhan_bulat << std::setw(7) << j.pns
                    << std::setw(7) << j.pppk << std::setw(9) << j.non_asn << std::setw(12) << j.selisih_asn << std::setw(8)
                    << decimal2(j.efisiensi) << " " << j.kategori << "\n";
    }
    const auto& t = needs.total;
    context.out << "\nJumlah: butuh " << t.kebutuhan_bulat << ", PNS " << t.pns << ", PPPK " << t.pppk << ", non-ASN "
                << t.non_asn << "; kekurangan ASN " << t.kurang_asn << " orang\n";
    if (!needs.tanpa_abk.empty())
        context.out << needs.tanpa_abk.size() << " jabatan di daftar non-ASN tidak ada di tabel ABK\n";
    return 0;
}

int run_plan_simulate(Context& context) {
    const std::string regency = context.regency();
    if (context.args.positionals().empty()) throw UsageError("needs one or more SCENARIO.yaml files");
    std::size_t limit = 20;
    if (const auto n = context.args.value("differences")) {
        const auto [end, error] = std::from_chars(n->data(), n->data() + n->size(), limit);
        if (error != std::errc() || end != n->data() + n->size()) throw UsageError("--differences wants a number");
    }
    auto engine = context.open_engine();
    std::vector<planning::ScenarioResult> results;
    try {
        const auto planning_context = planning::planning_context(*engine, regency);
        for (const auto& file : context.args.positionals())
            results.push_back(planning::simulate(*engine, planning_context, planning::load_scenario(file)));
    } catch (const planning::PlanningFileError& e) {
        throw UsageError(e.what());
    } catch (const NotFound& e) {
        throw UsageError(e.what());
    }
    std::size_t total = 0;
    std::vector<planning::WorkerDifference> differences;
    if (results.size() >= 2) differences = planning::differences(results[0], results[1], limit, total);

    if (context.json()) {
        nlohmann::json scenarios = nlohmann::json::array();
        for (const auto& r : results) scenarios.push_back(planning::scenario_json(r));
        nlohmann::json out = {{"regency", regency}, {"skenario", scenarios}};
        if (results.size() >= 2) out["beda"] = planning::differences_json(differences, total);
        context.out << out.dump(2) << "\n";
        return 0;
    }
    const int width = 22;
    auto row = [&](const std::string& label, const std::function<std::string(const planning::ScenarioResult&)>& cell) {
        context.out << std::left << std::setw(30) << label;
        for (const auto& r : results) context.out << std::right << std::setw(width) << cell(r);
        context.out << "\n";
    };
    row("Skenario", [](const auto& r) { return r.nama.substr(0, 21); });
    for (const char* outcome : {"cpns", "pppk", "pppk_paruh_waktu", "alih_daya", "dirumahkan", "tidak_memenuhi_masa_kerja"})
        row(outcome_words(outcome), [outcome](const auto& r) {
            const auto it = r.per_outcome.find(outcome);
            return std::to_string(it == r.per_outcome.end() ? 0 : it->second);
        });
    row("Kebutuhan ASN belum terisi", [](const auto& r) { return std::to_string(r.kebutuhan_terbuka); });
    if (!results.empty() && results.front().ada_fiskal) {
        row("Biaya setahun (Rp)", [](const auto& r) { return grouped(r.biaya_total); });
        row("  di belanja pegawai (Rp)", [](const auto& r) { return grouped(r.biaya_belanja_pegawai); });
        row("Belanja pegawai sesudah (%)", [](const auto& r) {
            return decimal2(r.persen_sesudah) + (r.persen_sesudah > r.batas_persen ? " > batas" : "");
        });
        context.out << "(belanja pegawai sebelum: " << decimal2(results.front().persen_sebelum) << "%, batas "
                    << decimal2(results.front().batas_persen) << "%)\n";
    }
    row("Nomor pemeringkatan", [](const auto& r) { return r.ranking_number.substr(0, 21); });
    if (results.size() >= 2) {
        context.out << "\n" << total << " pekerja berbeda usulannya antara '" << results[0].nama << "' dan '"
                    << results[1].nama << "'" << (total > differences.size() ? " (" + std::to_string(differences.size()) + " pertama)" : "")
                    << ":\n";
        for (const auto& d : differences)
            context.out << "  " << d.nik << " " << d.nama << ": " << outcome_words(d.outcome_a) << " → "
                        << outcome_words(d.outcome_b) << ". " << d.explanation_b << "\n";
    }
    return 0;
}

namespace {

planning::Reload engine_reload(Engine& engine) {
    return [&engine] { return ranking::reload_checked(engine); };
}

int report_adoption(Context& context, const planning::AdoptionResult& result, const std::string& done) {
    if (!result.ok) {
        context.err << "tata plan: the reload refused it; nothing changed:\n";
        for (const auto& e : result.errors) context.err << "  " << e << "\n";
        return 1;
    }
    if (context.json()) {
        context.out << nlohmann::json{{"kasus", result.record}, {"nomor_pemeringkatan", result.ranking_number}}.dump(2)
                    << "\n";
        return 0;
    }
    context.out << done << " (kasus " << result.record << "); nomor pemeringkatan sekarang " << result.ranking_number << "\n";
    return 0;
}

Actor admin_actor(const Context& context) {
    if (!context.args.value("as")) throw UsageError("needs --as USER:admin (who adopts it is recorded)");
    const Actor actor = context.actor();
    if (actor.role != "admin") throw UsageError("only an admin (Kepala BKPSDM) adopts or revokes a scenario");
    return actor;
}

}  // namespace

int run_plan_adopt(Context& context) {
    const std::string regency = context.regency();
    if (context.args.positionals().size() != 1) throw UsageError("needs one SCENARIO.yaml file");
    const Actor actor = admin_actor(context);
    auto engine = context.open_engine();
    try {
        const auto scenario = planning::load_scenario(context.args.positionals().front());
        return report_adoption(context,
                               planning::adopt_scenario(*engine, regency, scenario, actor,
                                                        context.args.value("note").value_or(""), engine_reload(*engine)),
                               "Skenario '" + scenario.nama + "' ditetapkan");
    } catch (const planning::PlanningFileError& e) {
        throw UsageError(e.what());
    } catch (const ranking::RulesFileError& e) {
        throw UsageError(e.what());
    } catch (const NotFound& e) {
        throw UsageError(e.what());
    }
}

int run_plan_revoke(Context& context) {
    const std::string regency = context.regency();
    const Actor actor = admin_actor(context);
    auto engine = context.open_engine();
    try {
        return report_adoption(context,
                               planning::revoke_adoption(*engine, regency, actor, context.args.value("note").value_or(""),
                                                         engine_reload(*engine)),
                               "Penetapan skenario dicabut");
    } catch (const planning::PlanningFileError& e) {
        throw UsageError(e.what());
    } catch (const NotFound& e) {
        throw UsageError(e.what());
    }
}

}  // namespace tata::cli
