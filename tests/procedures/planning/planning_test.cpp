// Workforce planning: the ABK arithmetic on a table computed by hand, the
// cost of each outcome computed by hand, the 30% ratio, scenarios that differ
// in one weight changing exactly the workers that weight moves, and a
// simulation that writes nothing.
#include "nik/area_registry.hpp"
#include "planning/adoption.hpp"
#include "planning/planning_json.hpp"
#include "planning/scenario.hpp"
#include "ranking/policy_check.hpp"
#include "ranking/ranking.hpp"
#include "roster/worker_import.hpp"
#include "support/test_support.hpp"

#include <tata/sha256.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>

using namespace tata;
using namespace tata::test;
using namespace tata::planning;
using Catch::Matchers::Contains;

namespace {

// Workloads chosen so that each rounding case shows (WKE 75,000 minutes):
//   Analis:    1,000 × 30 + 500 × 60 = 60,000   → 0.80 → 1
//   Verifikator: 12,345 × 10 = 123,450         → 1.6460 → 1.65 → 2
//   Arsiparis: no workload                      → 0.00 → 0
//   Kurir:     1 × 1 = 1                        → 0.00 → at least 1
//   Pengolah:  187,500                          → 2.50 → 3 (half up)
const char* abk_yaml = R"(opd:
  - nama: Dinas Uji
    jabatan:
      - nama: Analis
        sektor: administrasi
        pns: 1
        tugas:
          - {uraian: Menganalisis, volume: 1000, norma_menit: 30}
          - {uraian: Melaporkan, volume: 500, norma_menit: 60}
      - nama: Verifikator
        sektor: administrasi
        pns: 1
        tugas:
          - {uraian: Memverifikasi berkas, volume: 12345, norma_menit: 10}
      - nama: Arsiparis
        sektor: administrasi
        pns: 2
  - nama: Dinas Lain
    jabatan:
      - nama: Kurir
        sektor: teknis
        tugas:
          - {uraian: Mengantar surat, volume: 1, norma_menit: 1}
      - nama: Pengolah
        sektor: administrasi
        pppk: 1
        tugas:
          - {uraian: Mengolah data, volume: 187500, norma_menit: 1}
)";

const JabatanNeed& need(const NeedsReport& r, const std::string& jabatan) {
    for (const auto& j : r.jabatan)
        if (j.jabatan == jabatan) return j;
    FAIL("no jabatan " << jabatan);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("ABK: needs per jabatan with two decimals, half up, at least 1 with any workload", "[planning][abk]") {
    RosterCounts roster;
    roster[{"Dinas Uji", "Verifikator"}] = {1, 0};
    roster[{"Dinas Uji", "Juru Ketik"}] = {4, 1};  // on the roster, not in the table
    const auto report = compute_needs(parse_abk_yaml(abk_yaml, "abk.yaml"), kDefaultWkeMinutes, roster, default_efficiency_bands());
    CHECK(report.wke_menit == 75'000);
    CHECK(need(report, "Analis").beban_menit == 60'000);
    CHECK(need(report, "Analis").kebutuhan == Approx(0.80));
    CHECK(need(report, "Analis").kebutuhan_bulat == 1);
    CHECK(need(report, "Verifikator").kebutuhan == Approx(1.65));
    CHECK(need(report, "Verifikator").kebutuhan_bulat == 2);
    CHECK(need(report, "Arsiparis").kebutuhan_bulat == 0);
    CHECK(need(report, "Kurir").kebutuhan == 0);
    CHECK(need(report, "Kurir").kebutuhan_bulat == 1);
    CHECK(need(report, "Pengolah").kebutuhan == Approx(2.50));
    CHECK(need(report, "Pengolah").kebutuhan_bulat == 3);

    // Gaps: Verifikator needs 2, has 1 PNS and 1 non-ASN.
    const auto& verifikator = need(report, "Verifikator");
    CHECK(verifikator.non_asn == 1);
    CHECK(verifikator.selisih_asn == 1);
    CHECK(verifikator.selisih_total == 0);
    // Efficiency 123,450 / (2 × 75,000) = 0.823 → 0.82: category C (0.70 ≤ x < 0.90).
    CHECK(verifikator.efisiensi == Approx(0.82));
    CHECK(verifikator.kategori == "C");
    CHECK(need(report, "Arsiparis").selisih_asn == -2);
    CHECK(need(report, "Kurir").kategori.empty());  // no staff: no efficiency

    // Per OPD and regency: the missing places count only the positive gaps.
    REQUIRE(report.opd.size() == 2);
    CHECK(report.opd[0].opd == "Dinas Uji");
    CHECK(report.opd[0].kebutuhan_bulat == 3);
    CHECK(report.opd[0].selisih_asn == 3 - 4);
    CHECK(report.opd[0].kurang_asn == 1);
    CHECK(report.opd[1].kurang_asn == 1 + 2);
    CHECK(report.total.kurang_asn == 4);
    REQUIRE(report.tanpa_abk.size() == 1);
    CHECK(report.tanpa_abk[0].second == 4);

    // The regency's WKE setting (60,000 minutes: 1,000 hours) changes every need.
    const auto shorter = compute_needs(parse_abk_yaml(abk_yaml, "abk.yaml"), 60'000, {}, default_efficiency_bands());
    CHECK(need(shorter, "Analis").kebutuhan == Approx(1.00));
    CHECK(need(shorter, "Pengolah").kebutuhan == Approx(3.13));  // 187,500 / 60,000 = 3.125 → 3.13
    // The file's own WKE wins over the regency's.
    const std::string with_wke = std::string("wke_menit: 60000\n") + abk_yaml;
    CHECK(compute_needs(parse_abk_yaml(with_wke, "abk.yaml"), 75'000, {}, {}).wke_menit == 60'000);

    // The proposal: one formasi per jabatan missing ASN, in the sectors asked for.
    const auto all = propose_formasi(report, "pppk", {});
    REQUIRE(all.size() == 3);
    CHECK(all[0].id == "abk-dinas-uji-verifikator");
    CHECK(all[0].jumlah == 1);
    CHECK(*all[0].opd == "Dinas Uji");
    const auto no_teknis = propose_formasi(report, "pppk", {"administrasi"});
    CHECK(no_teknis.size() == 2);
    // Its YAML is a formasi file the ranking reads back.
    const auto back = ranking::parse_formasi(formasi_yaml(no_teknis, "Usulan"), "usulan.yaml");
    REQUIRE(back.size() == 2);
    CHECK(back[1].id == no_teknis[1].id);
    CHECK(back[1].jumlah == 2);
    CHECK(*back[1].jabatan == "Pengolah");
}

TEST_CASE("ABK: the same table as CSV gives the same needs, bad rows are named", "[planning][abk]") {
    TempDir dir;
    const auto csv = dir.write("abk.csv",
                               "opd,jabatan,sektor,tugas,volume,norma_menit,pns,pppk\n"
                               "Dinas Uji,Analis,administrasi,Menganalisis,1000,30,1,\n"
                               "Dinas Uji,Analis,administrasi,Melaporkan,500,60,1,\n"
                               "Dinas Uji,Verifikator,administrasi,Memverifikasi berkas,12345,10,1,\n"
                               "Dinas Lain,Pengolah,administrasi,Mengolah data,\"187500\",\"1,0\",,1\n");
    const auto report = compute_needs(load_abk(csv), kDefaultWkeMinutes, {}, default_efficiency_bands());
    CHECK(need(report, "Analis").kebutuhan_bulat == 1);
    CHECK(need(report, "Analis").pns == 1);
    CHECK(need(report, "Verifikator").kebutuhan == Approx(1.65));
    CHECK(need(report, "Pengolah").kebutuhan_bulat == 3);
    CHECK(need(report, "Pengolah").pppk == 1);

    const auto bad = dir.write("salah.csv",
                               "opd,jabatan,tugas,volume,norma_menit,pns\n"
                               "Dinas Uji,Analis,Menganalisis,seribu,30,1\n"
                               "Dinas Uji,Analis,Melaporkan,500,60,2\n"
                               "Dinas Uji,Verifikator,Memverifikasi,\"12.345\",10,1\n");
    try {
        load_abk(bad);
        FAIL("a bad table was accepted");
    } catch (const PlanningFileError& e) {
        CHECK_THAT(e.what(), Contains("salah.csv:2") && Contains("volume"));
        CHECK_THAT(e.what(), Contains("salah.csv:3") && Contains("pns"));
        CHECK_THAT(e.what(), Contains("salah.csv:4") && Contains("tanpa pemisah ribuan"));  // 12.345: 12 or 12,345?
    }
}

TEST_CASE("planning files: mistakes are named with file, line and column", "[planning][files]") {
    try {
        parse_abk_yaml("opd:\n  - nama: Dinas Uji\n    jabatan:\n      - nama: Analis\n        tugas:\n          - {uraian: x, volume: -5, norma_menit: 3}\n", "abk.yaml");
        FAIL("a negative volume was accepted");
    } catch (const PlanningFileError& e) {
        CHECK_THAT(e.what(), Contains("abk.yaml:6:") && Contains("volume"));
    }
    try {
        parse_scenario("nama: Uji\nformasi: abk\nsisa:\n  lainnya: pppk\n", "uji.yaml", {});
        FAIL("a bad rest was accepted");
    } catch (const PlanningFileError& e) {
        CHECK_THAT(e.what(), Contains("uji.yaml:4:12") && Contains("alih_daya or dirumahkan"));
    }
    CHECK_THROWS_WITH(parse_scenario("nama: Uji\nformasi: {file: x.yaml}\n", "api", {}), Contains("cannot name a formasi file"));
    CHECK_THROWS_WITH(parse_fiscal("tahun_anggaran: 2026\napbd: {}\n", "fiscal.yaml", 0), Contains("fiscal.yaml:2:7"));
    // The shipped files load.
    CHECK_NOTHROW(load_fiscal(source_dir() / "rules" / "62.03" / "fiscal.yaml", 3'473'710));
    CHECK_NOTHROW(load_abk(source_dir() / "rules" / "62.03" / "abk.yaml"));
    for (const auto& entry : std::filesystem::directory_iterator(source_dir() / "rules" / "62.03" / "skenario"))
        CHECK_NOTHROW(load_scenario(entry.path()));
}

namespace {

const char* fiscal_yaml = R"(tahun_anggaran: 2026
apbd:
  total_belanja: {nilai: 1000000000000, sumber: uji}
  belanja_pegawai: {nilai: 310000000000, sumber: uji}
  dikecualikan: {nilai: 20000000000, sumber: uji}
asumsi_keluarga: {pasangan: 1, anak: 2}
pppk:
  sumber: uji
  gaji_pokok:
    V: {min: 2511500, max: 4189900}
    IX: {min: 3203600, max: 5261500}
  golongan_awal:
    - {pendidikan: [S1, D4], golongan: IX}
    - {golongan: V}
paruh_waktu: {upah: tertinggi}
alih_daya: {bpjs_persen: 6.24, bpjs_kesehatan_persen: 4, fee_persen: 10}
)";

}  // namespace

TEST_CASE("cost: each outcome's yearly cost, component by component, and the 30% ratio", "[planning][cost]") {
    const double umk = 3'473'710;
    const FiscalModel model = parse_fiscal(fiscal_yaml, "fiscal.yaml", umk);

    // PPPK, S1: golongan IX, gaji pokok 3,203,600. Family (spouse and two
    // children): 3,203,600 × (10% + 2 × 2%) = 448,504. Monthly 3,652,104,
    // paid 14 times. Employer: 12 × (3,203,600 × 0.54% + 3,652,104 × 4%)
    // = 12 × (17,299.44 + 146,084.16) = 1,960,603.2.
    const auto pppk = cost_of(model, "pppk", {"S1", "pendidikan", "Guru Kelas", 1'500'000, 10});
    CHECK(pppk.golongan == "IX");
    CHECK(pppk.gaji_pokok_bulanan == 3'203'600);
    CHECK(pppk.gaji_setahun == Approx(44'850'400));
    CHECK(pppk.tunjangan_setahun == Approx(6'279'056));
    CHECK(pppk.iuran_setahun == Approx(1'960'603.2));
    CHECK(pppk.total == Approx(53'090'059.2));
    CHECK(pppk.belanja_pegawai);
    // SMA: the default rule, golongan V.
    CHECK(cost_of(model, "pppk", {"SMA", "administrasi", "Pengadministrasi Umum", 0, 0}).golongan == "V");
    // CPNS without a table of its own is costed like PPPK.
    CHECK(cost_of(model, "cpns", {"S1", "pendidikan", "Guru Kelas", 0, 0}).total == Approx(pppk.total));

    // PPPK paruh waktu: the higher of the old pay and the UMK, 12 months, not
    // in belanja pegawai unless the regency says so.
    const auto low = cost_of(model, "pppk_paruh_waktu", {"SMA", "teknis", "Satpam", 1'500'000, 3});
    CHECK(low.upah_setahun == Approx(12 * umk));
    CHECK_FALSE(low.belanja_pegawai);
    CHECK(cost_of(model, "pppk_paruh_waktu", {"SMA", "teknis", "Satpam", 4'000'000, 3}).total == Approx(48'000'000));

    // Alih daya: UMK + 6.24% BPJS TK + 4% BPJS Kesehatan = 3,829,417.904 a
    // month; 12 months 45,953,014.848; fee 10%: 50,548,316.3328.
    const auto out = cost_of(model, "alih_daya", {"SMA", "teknis", "Satpam", 1'500'000, 3});
    CHECK(out.upah_setahun == Approx(41'684'520));
    CHECK(out.iuran_setahun == Approx(4'268'494.848));
    CHECK(out.fee_setahun == Approx(4'595'301.4848));
    CHECK(out.total == Approx(50'548'316.3328));
    CHECK_FALSE(out.belanja_pegawai);
    CHECK(cost_of(model, "dirumahkan", {"SMA", "teknis", "Satpam", 1'500'000, 3}).total == 0);

    // (310 − 20) ÷ 1,000 = 29.00%; with 20 billion more, 31.00%.
    CHECK(belanja_pegawai_percent(model, 310'000'000'000) == Approx(29.0));
    CHECK(belanja_pegawai_percent(model, 330'000'000'000) == Approx(31.0));
}

namespace {

struct PlanningFixture {
    TempDir dir;
    std::unique_ptr<Engine> engine;

    // Every `stride`-th worker of the Kapuas roster, so that every OPD of the
    // ABK table has some, each verified. `own_rules`: a copy of the shipped
    // rules that the test may change (an adoption writes into it).
    explicit PlanningFixture(std::size_t stride, bool own_rules = false) {
        EngineOptions options = engine_options(dir, {source_dir() / "workflows"},
                                               std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
        options.sources.rules = {source_dir() / "rules"};
        if (own_rules) {
            std::filesystem::copy(source_dir() / "rules", dir.path() / "rules", std::filesystem::copy_options::recursive);
            options.sources.rules = {dir.path() / "rules"};
        }
        options.sources.plugins = {core_plugin_dir()};
        engine = std::make_unique<Engine>(options);
        std::ifstream in(source_dir() / "examples" / "data" / "kapuas-roster.csv");
        std::string text;
        std::size_t lines = 0;
        for (std::string line; std::getline(in, line); ++lines)
            if (lines == 0 || lines % stride == 0) text += line + "\n";
        const auto file = dir.write("roster.csv", text);
        roster::ImportOptions import;
        import.regency = "62.03";
        roster::import_workers(*engine, file, *nik::AreaRegistry::shared(source_dir() / "rules" / "wilayah"), import);
        for (const auto& c : engine->list_cases({})) {
            if (c.state != "konfirmasi_opd") continue;
            engine->fire(c.id, "setuju", {{"nomor_sptjm", "x"}}, Actor{"kepala", "opd_head"});
            engine->fire(c.id, "valid", nlohmann::json::object(), Actor{"bkad", "bkad"});
        }
    }
};

std::string file_digest(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return "(none)";
    return sha256_hex(read_text(file));
}

}  // namespace

TEST_CASE("scenarios: one weight changed moves exactly the workers it should, and nothing is written",
          "[planning][scenario]") {
    PlanningFixture f(12);
    const auto context = planning_context(*f.engine, "62.03");
    REQUIRE(context.fiscal);
    REQUIRE(context.needs);

    // Few places, so that the order decides who gets one.
    const std::string few = "formasi:\n  - {id: guru, jenis: pppk, sektor: pendidikan, jumlah: 8}\n"
                            "  - {id: nakes, jenis: pppk, sektor: kesehatan, jumlah: 4}\n";
    const Scenario base = parse_scenario("nama: Dasar\n" + few, "dasar.yaml", {});
    const Scenario heavier = parse_scenario("nama: Kinerja berbobot\n" + few + "bobot: {kinerja_sangat_baik: 40}\n",
                                            "kinerja.yaml", {});
    const std::filesystem::path db = f.dir / "tata.db";
    const std::string before = file_digest(db) + file_digest(db.string() + "-wal");
    const auto a = simulate(*f.engine, context, base);
    const auto b = simulate(*f.engine, context, heavier);
    CHECK(file_digest(db) + file_digest(db.string() + "-wal") == before);
    REQUIRE(a.pekerja > 50);

    // The expected differences, from the scorecard file edited by hand and
    // ranked directly (not through the scenario's override).
    const auto regency = f.engine->definitions()->find_regency("62.03");
    std::string card = read_text(ranking::scorecard_path(*regency));
    const std::regex rule(R"((id: kinerja_sangat_baik[\s\S]*?points: )(\d+))");
    std::smatch m;
    REQUIRE(std::regex_search(card, m, rule));
    card = card.substr(0, static_cast<std::size_t>(m.position(2))) + "40" + card.substr(static_cast<std::size_t>(m.position(2) + m.length(2)));
    const auto edited_file = f.dir.write("prioritization.yaml", card);
    // Same records, both scorecards: whoever changes outcome is expected.
    std::set<std::string> expected;
    {
        const auto plain = ranking::rank_regency(*f.engine, "62.03", *base.changes.formasi);
        std::map<std::string, std::string> outcome_before;
        for (const auto& w : plain.workers) outcome_before[w.nik()] = w.outcome;
        std::vector<nlohmann::json> records;
        for (const auto& w : plain.workers) records.push_back(w.record);
        ranking::RankingPolicy policy;
        policy.reference_date = plain.reference_date;
        const auto edited = ranking::rank_records(
            records,
            ranking::Scorecard::parse(card, edited_file.string(), nullptr,
                                      {f.engine->definitions()->plugins, "62.03", regency->settings_json}),
            *base.changes.formasi, policy);
        for (const auto& w : edited.workers)
            if (w.outcome != outcome_before[w.nik()]) expected.insert(w.nik());
    }
    std::size_t total = 0;
    const auto found = differences(a, b, 10'000, total);
    std::set<std::string> got;
    for (const auto& d : found) got.insert(d.nik);
    CHECK(total == found.size());
    CHECK(got == expected);
    REQUIRE_FALSE(expected.empty());  // the fixture is chosen so that the weight moves someone
    for (const auto& d : found) {
        CHECK(d.outcome_a != d.outcome_b);
        CHECK_FALSE(d.explanation_b.empty());
    }
    // Deterministic: the same scenario, the same ranking number.
    CHECK(simulate(*f.engine, context, heavier).ranking_number == b.ranking_number);
    CHECK(a.ranking_number != b.ranking_number);

    // An unknown rule is named.
    CHECK_THROWS_WITH(simulate(*f.engine, context, parse_scenario("nama: X\nbobot: {tidak_ada: 1}\n", "x.yaml", {})),
                      Contains("tidak_ada"));
}

TEST_CASE("scenarios: the ABK formasi, the rest policy, the minimum service and the costs add up", "[planning][scenario]") {
    PlanningFixture f(12);
    const auto context = planning_context(*f.engine, "62.03");
    const auto abk = simulate(*f.engine, context,
                              parse_scenario("nama: ABK\nformasi: abk\nsisa: {database: alih_daya, lainnya: dirumahkan}\n"
                                             "min_masa_kerja: 4\n",
                                             "abk.yaml", {}));
    // Outcomes add up to the workers; those under 4 years are left out.
    std::size_t counted = 0;
    for (const auto& [outcome, n] : abk.per_outcome) counted += n;
    CHECK(counted == abk.pekerja);
    CHECK(abk.per_outcome.count("pppk_paruh_waktu") == 0);  // the database rest goes to alih daya
    CHECK(abk.per_outcome.at("tidak_memenuhi_masa_kerja") == abk.left_out.size());
    CHECK(abk.tanpa_status == abk.per_outcome.at("tidak_memenuhi_masa_kerja") +
                                  (abk.per_outcome.count("dirumahkan") ? abk.per_outcome.at("dirumahkan") : 0));
    // Costs per outcome and per OPD add up to the total; belanja pegawai
    // after = before + what the new ASN cost.
    double by_outcome = 0, by_opd = 0;
    for (const auto& [outcome, cost] : abk.biaya_per_outcome) by_outcome += cost;
    for (const auto& o : abk.per_opd) by_opd += o.biaya;
    CHECK(by_outcome == Approx(abk.biaya_total));
    CHECK(by_opd == Approx(abk.biaya_total));
    CHECK(abk.belanja_pegawai_sesudah == Approx(abk.belanja_pegawai_sebelum + abk.biaya_belanja_pegawai));
    CHECK(abk.persen_sesudah > abk.persen_sebelum);
    // The JSON the CLI and API give carries the same figures.
    const auto json = scenario_json(abk);
    CHECK(json["pekerja"] == abk.pekerja);
    CHECK(json["biaya"]["total"] == std::llround(abk.biaya_total));
}

namespace {

Reload engine_reload(Engine& engine) {
    return [&engine] { return ranking::reload_checked(engine); };
}

std::size_t adoption_cases(Engine& engine) {
    CaseFilter filter;
    filter.workflow_id = "planning_adoption";
    return engine.count_cases(filter);
}

}  // namespace

TEST_CASE("adopting a scenario: its formasi and rules become the regency's through a reload, recorded in the audit trail",
          "[planning][adoption]") {
    PlanningFixture f(12, true);
    const Actor kepala{"kepala.bkpsdm", "admin"};
    const auto regency = *f.engine->definitions()->find_regency("62.03");
    const std::filesystem::path adopted_file = ranking::adopted_policy_path(regency);
    REQUIRE(adopted_file.parent_path() == f.dir.path() / "rules" / "62.03");
    REQUIRE_FALSE(std::filesystem::exists(adopted_file));
    const int generation = f.engine->definitions()->generation;
    const std::string before = ranking::ranking_number(ranking::rank_regency_own_formasi(*f.engine, "62.03"));

    const Scenario scenario = parse_scenario(
        "nama: ABK dengan kinerja\nformasi: abk\nbobot: {kinerja_sangat_baik: 40}\nmin_masa_kerja: 3\n"
        "sisa: {lainnya: alih_daya}\nparuh_waktu: {upah: umk, belanja_pegawai: true}\n",
        "abk-kinerja.yaml", {});
    const auto simulated = simulate(*f.engine, planning_context(*f.engine, "62.03"), scenario);
    REQUIRE(simulated.ranking_number != before);

    const auto adopted = adopt_scenario(*f.engine, "62.03", scenario, kepala, "SK Kepala BKPSDM 800/12/2025",
                                        engine_reload(*f.engine));
    REQUIRE(adopted.ok);
    // A new generation serves, and the regency now ranks as the scenario did.
    CHECK(f.engine->definitions()->generation == generation + 1);
    CHECK(adopted.ranking_number == simulated.ranking_number);
    const auto now = ranking::rank_regency_own_formasi(*f.engine, "62.03");
    CHECK(ranking::ranking_number(now) == simulated.ranking_number);
    CHECK(now.adopted_scenario == "ABK dengan kinerja");
    CHECK(now.left_out_for_service == simulated.left_out.size());
    // The file froze the ABK's proposal and says who adopted it.
    const auto policy = ranking::load_adopted_policy(*f.engine->definitions()->find_regency("62.03"));
    REQUIRE(policy);
    CHECK(policy->oleh == "kepala.bkpsdm");
    CHECK(policy->pada.rfind("2025-06-10T09:00:00", 0) == 0);
    CHECK(policy->catatan == "SK Kepala BKPSDM 800/12/2025");
    REQUIRE(policy->changes.formasi);
    const auto context = planning_context(*f.engine, "62.03");
    CHECK(policy->changes.formasi->size() == context.abk_formasi.size());
    CHECK(policy->changes.points.at("kinerja_sangat_baik") == 40);
    CHECK(policy->changes.min_service_years == 3);
    CHECK(policy->changes.rest_other == "alih_daya");
    // The pay rule for paruh waktu is the regency's cost model now.
    REQUIRE(context.fiscal);
    CHECK(context.fiscal->paruh_waktu_upah == ParttimeWage::umk);
    CHECK(context.fiscal->paruh_waktu_belanja_pegawai);
    // "regency" now means what was adopted: simulating it changes nothing.
    CHECK(simulate(*f.engine, context, parse_scenario("nama: Berlaku\n", "berlaku.yaml", {})).ranking_number ==
          simulated.ranking_number);

    // The audit trail: one planning_adoption case with the whole file.
    REQUIRE(adoption_cases(*f.engine) == 1);
    const auto record = f.engine->get_case(adopted.record);
    CHECK(record.workflow_id == "planning_adoption");
    CHECK(record.result == "adopted");
    CHECK(record.data["isi_penetapan"] == read_text(adopted_file));
    CHECK(record.data["nomor_pemeringkatan"] == simulated.ranking_number);
    const auto history = f.engine->history(adopted.record);
    REQUIRE_FALSE(history.empty());
    CHECK(history.front().actor == "kepala.bkpsdm");
    CHECK(f.engine->verify_audit().intact);

    SECTION("a later scenario changes what it names and keeps the rest of the adoption") {
        const Scenario more = parse_scenario("nama: Masa kerja 5\nmin_masa_kerja: 5\n", "lima.yaml", {});
        const auto later = adopt_scenario(*f.engine, "62.03", more, kepala, "", engine_reload(*f.engine));
        REQUIRE(later.ok);
        const auto kept = ranking::load_adopted_policy(*f.engine->definitions()->find_regency("62.03"));
        REQUIRE(kept);
        CHECK(kept->changes.min_service_years == 5);
        CHECK(kept->changes.points.at("kinerja_sangat_baik") == 40);
        REQUIRE(kept->changes.formasi);
        CHECK(kept->changes.formasi->size() == policy->changes.formasi->size());
    }
    SECTION("revoking it: the regency's own files apply again, also recorded") {
        const auto revoked = revoke_adoption(*f.engine, "62.03", kepala, "dibatalkan", engine_reload(*f.engine));
        REQUIRE(revoked.ok);
        CHECK_FALSE(std::filesystem::exists(adopted_file));
        CHECK(revoked.ranking_number == before);
        CHECK(f.engine->get_case(revoked.record).result == "revoked");
        CHECK(adoption_cases(*f.engine) == 2);
        CHECK_THROWS_AS(revoke_adoption(*f.engine, "62.03", kepala, "", engine_reload(*f.engine)), PlanningFileError);
    }
    SECTION("a scenario the reload refuses changes nothing: the old file is back, no record") {
        const std::string adopted_text = read_text(adopted_file);
        const int serving = f.engine->definitions()->generation;
        // A reload that refuses (as one would for a broken file elsewhere).
        const auto refused = adopt_scenario(*f.engine, "62.03", parse_scenario("nama: Lain\nmin_masa_kerja: 1\n", "lain.yaml", {}),
                                            kepala, "", [] { return std::vector<std::string>{"x.yaml:1:1: error: rusak"}; });
        CHECK_FALSE(refused.ok);
        CHECK(refused.errors == std::vector<std::string>{"x.yaml:1:1: error: rusak"});
        CHECK(read_text(adopted_file) == adopted_text);
        CHECK(f.engine->definitions()->generation == serving);
        CHECK(adoption_cases(*f.engine) == 1);
    }
    SECTION("a scenario naming a rule the scorecard does not have is refused before anything is written") {
        const std::string adopted_text = read_text(adopted_file);
        CHECK_THROWS_WITH(adopt_scenario(*f.engine, "62.03", parse_scenario("nama: Salah\nbobot: {tidak_ada: 5}\n", "salah.yaml", {}),
                                         kepala, "", engine_reload(*f.engine)),
                          Contains("tidak_ada"));
        CHECK(read_text(adopted_file) == adopted_text);
        CHECK(adoption_cases(*f.engine) == 1);
    }
    SECTION("an adopted file broken by hand is refused by the next reload, at its line and column") {
        std::ofstream(adopted_file, std::ios::app) << "bobot_baru: 1\n";
        const auto errors = engine_reload(*f.engine)();
        REQUIRE_FALSE(errors.empty());
        CHECK_THAT(errors.front(), Contains("penetapan-skenario.yaml:"));
        CHECK(f.engine->definitions()->generation == generation + 1);  // the adopted generation keeps serving
    }
}

TEST_CASE("an adopted scenario file: mistakes are named with file, line and column", "[planning][adoption][files]") {
    CHECK_THROWS_WITH(ranking::parse_adopted_policy("nama: X\nbobot: {a: banyak}\n", "p.yaml"),
                      Contains("p.yaml:2:") && Contains("rule 'a'"));
    CHECK_THROWS_WITH(ranking::parse_adopted_policy("nama: X\nformasi: abk\n", "p.yaml"),
                      Contains("p.yaml:2:10: error: an adopted scenario's `formasi` is the list it froze"));
    CHECK_THROWS_WITH(ranking::parse_adopted_policy("nama: X\nsisa: {lainnya: pppk}\n", "p.yaml"),
                      Contains("p.yaml:2:") && Contains("`lainnya` is alih_daya or dirumahkan"));
    CHECK_THROWS_WITH(ranking::parse_adopted_policy("keterangan: tanpa nama\n", "p.yaml"), Contains("needs `nama`"));
    CHECK_THROWS_WITH(ranking::parse_adopted_policy("nama: X\nmin_masa_kerja: 99\n", "p.yaml"),
                      Contains("p.yaml:2:17: error: `min_masa_kerja`"));
    CHECK_THROWS_WITH(ranking::parse_adopted_policy("nama: X\ndiputuskan: ya\n", "p.yaml"),
                      Contains("p.yaml:2:1: error: unknown key 'diputuskan'"));
    const auto ok = ranking::parse_adopted_policy(
        "nama: X\nditetapkan: {oleh: a, pada: '2025-01-01T00:00:00+07:00'}\nformasi:\n  - {id: f, jenis: pppk, jumlah: 2}\n",
        "p.yaml");
    REQUIRE(ok.changes.formasi);
    CHECK(ok.changes.formasi->at(0).jumlah == 2);
    CHECK(ok.oleh == "a");
}
