// Prioritization: scorecards, the national order, formasi allocation,
// fallback outcomes, explanations, per-regency differences and `tata rank`.
#include "nik/area_registry.hpp"
#include "ranking/ranking.hpp"
#include "ranking/round.hpp"
#include "ranking_fixture.hpp"
#include "roster/worker_import.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <random>

using namespace tata;
using namespace tata::test;
using namespace tata::ranking;
using Catch::Matchers::Contains;

namespace {

const std::string reference = "2025-06-10";

nlohmann::json worker(const std::string& nik, const std::string& kategori, const std::string& sektor = "pendidikan",
                      double nilai = 80, const std::string& tmt = "2015-01-01", const std::string& hasil = "tidak_lulus",
                      const std::string& jabatan = "Guru Kelas", const std::string& pendidikan = "S1") {
    return {{"nik", nik},         {"nama", "Pekerja " + nik.substr(12)},
            {"opd", "Dinas Pendidikan"}, {"jabatan", jabatan},
            {"sektor", sektor},   {"tmt", tmt},
            {"kategori", kategori}, {"sumber_gaji", "apbd"},
            {"pendidikan", pendidikan}, {"nilai_kinerja", nilai},
            {"hasil_seleksi", hasil}, {"masa_kerja_tahun", nullptr}};
}

const char* simple_card = R"(rules:
  - {id: guru, label: Tenaga pendidikan, when: "sektor == 'pendidikan'", points: 10}
  - {id: kinerja, label: Nilai kinerja 80 ke atas, when: "(nilai_kinerja or 0) >= 80", points: 5}
  - {id: dasar, label: Terverifikasi, points: 1}
tie_breaks:
  - {field: nilai_kinerja, order: desc}
)";

Scorecard simple() { return Scorecard::parse(simple_card, "kartu.yaml"); }

RankingPolicy policy(bool outsourcing = false) {
    RankingPolicy p;
    p.offer_outsourcing = outsourcing;
    p.reference_date = reference;
    return p;
}

std::vector<std::string> niks(const Ranking& r) {
    std::vector<std::string> out;
    for (const auto& w : r.workers) out.push_back(w.nik());
    return out;
}

// The shipped plugins (core, kapuas), loaded once: what scorer rules call.
std::shared_ptr<const PluginSet> shipped_plugins() {
    static const auto plugins = [] {
        std::vector<Diagnostic> errors;
        auto set = PluginSet::load({core_plugin_dir()}, errors);
        for (const auto& e : errors) FAIL(e.to_string());
        return set;
    }();
    return plugins;
}

Scorecard regency_card(const std::string& code) {
    return Scorecard::load(source_dir() / "rules" / code / "prioritization.yaml", nullptr,
                           {shipped_plugins(), code, "{}"});
}

}  // namespace

TEST_CASE("scorecard mistakes are reported as FILE:LINE:COL", "[ranking][scorecard]") {
    const std::string text = "rules:\n"
                             "  - id: a\n"
                             "    label: A\n"
                             "    when: \"sektor == \"\n"
                             "    points: 1\n"
                             "  - id: b\n"
                             "    label: B\n"
                             "    points: banyak\n"
                             "tie_breaks:\n"
                             "  - {field: tmt, order: naik}\n"
                             "warna: merah\n";
    try {
        Scorecard::parse(text, "f.yaml");
        FAIL("expected a RulesFileError");
    } catch (const RulesFileError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Contains("f.yaml:4:11: error: in `when`"));
        CHECK_THAT(message, Contains("f.yaml:8:13: error: `points` must be a number"));
        CHECK_THAT(message, Contains("f.yaml:10:25: error: `order` must be asc or desc"));
        CHECK_THAT(message, Contains("f.yaml:11:1: error: unknown key 'warna'"));
    }
    CHECK_THROWS_WITH(Scorecard::parse("rules: [\n  {id: a\n", "g.yaml"), Contains("g.yaml:"));
    CHECK_THROWS_WITH(Scorecard::parse("rules: []\n", "h.yaml"), Contains("h.yaml:1:8: error: `rules` must be a non-empty list"));
    CHECK_THROWS_WITH(Scorecard::parse("rules:\n  - {id: a, label: A, points: 1}\n  - {id: a, label: B, points: 2}\n", "d.yaml"),
                      Contains("d.yaml:3:10: error: duplicate rule id 'a'"));
    CHECK_THROWS_AS(Scorecard::load("/tidak/ada.yaml"), RulesFileError);
}

TEST_CASE("every shipped regency has a scorecard that loads", "[ranking][scorecard]") {
    for (const char* code : {"62.03", "51.05", "64.71", "13.74", "63.08"}) {
        INFO(code);
        const auto card = regency_card(code);
        CHECK(card.rules().size() >= 6);
        CHECK(card.rules().size() <= 10);
        CHECK_FALSE(card.tie_breaks().empty());
        CHECK(card.native_conditions());  // the fast path docs/rules.md promises for the usual shape
        // Every rule evaluates on a worker with missing values without failing.
        nlohmann::json empty = worker("6203010101900001", "non_database");
        empty["nilai_kinerja"] = nullptr;
        empty["pendidikan"] = nullptr;
        CHECK_NOTHROW(card.score(empty));
    }
}

TEST_CASE("service years come from tmt up to the reference date", "[ranking]") {
    auto a = worker("6203010101900001", "non_database", "teknis", 70, "2020-06-11");
    auto b = worker("6203010101900002", "non_database", "teknis", 70, "2020-06-10");
    complete_record(a, reference);
    complete_record(b, reference);
    CHECK(a["masa_kerja_tahun"] == 4);
    CHECK(b["masa_kerja_tahun"] == 5);
    auto given = worker("6203010101900003", "non_database");
    given["masa_kerja_tahun"] = 1;
    complete_record(given, reference);
    CHECK(given["masa_kerja_tahun"] == 1);  // the index value wins
    CHECK(given["kelompok"] == "tidak termasuk prioritas");  // TASK 2: R5 is now PPG graduates only
    CHECK(b["kelompok"] == "R4");
}

TEST_CASE("the national order comes before points", "[ranking]") {
    std::vector<nlohmann::json> records = {
        worker("6203010101900005", "non_database", "pendidikan", 99, "2024-09-01"),  // < 2 years: not in the order
        worker("6203010101900004", "non_database", "teknis", 50, "2019-01-01"),      // R4
        worker("6203010101900003", "database_bkn", "teknis", 50),                   // R3
        worker("6203010101900002", "eks_thk2", "teknis", 50),                       // R2
        worker("6203010101900001", "database_bkn", "teknis", 40, "2015-01-01", "lulus_pppk"),
        worker("6203010101900009", "non_database", "teknis", 40, "2024-01-01", "lulus_cpns"),
    };
    const auto r = rank_records(records, simple(), {}, policy());
    REQUIRE(r.workers.size() == 6);
    CHECK(niks(r) == std::vector<std::string>{"6203010101900001", "6203010101900009", "6203010101900002",
                                              "6203010101900003", "6203010101900004", "6203010101900005"});
    CHECK(r.workers[0].group == "hasil seleksi nasional");
    CHECK(r.workers[0].outcome == "pppk");
    CHECK(r.workers[1].outcome == "cpns");
    CHECK_THAT(r.workers[1].explanation, Contains("lulus seleksi CPNS nasional"));
    CHECK(r.workers[2].group == "R2");
    CHECK(r.workers[3].group == "R3");
    CHECK(r.workers[4].group == "R4");
    CHECK(r.workers[5].group == "tidak termasuk prioritas");
    CHECK(r.workers[5].points > r.workers[2].points);  // more points, still last
    for (std::size_t i = 0; i < r.workers.size(); ++i) CHECK(r.workers[i].rank == i + 1);
}

TEST_CASE("R1 priority applicants and R5 PPG graduates take their places in the national order", "[ranking]") {
    auto flagged = [](nlohmann::json w, const char* column) {
        w[column] = "ya";
        return w;
    };
    std::vector<nlohmann::json> records = {
        worker("6203010101900007", "non_database", "pendidikan", 99, "2024-09-01"),                   // none
        flagged(worker("6203010101900006", "non_database", "pendidikan", 40, "2024-09-01"), "lulus_ppg"),  // R5
        worker("6203010101900005", "non_database", "teknis", 50, "2019-01-01"),                       // R4
        flagged(worker("6203010101900008", "non_database", "teknis", 50, "2019-01-01"), "lulus_ppg"),  // R4 before R5
        worker("6203010101900004", "database_bkn", "teknis", 50),                                     // R3
        worker("6203010101900003", "eks_thk2", "teknis", 50),                                         // R2
        flagged(worker("6203010101900002", "non_database", "teknis", 10, "2024-09-01"), "pelamar_prioritas"),  // R1
        flagged(worker("6203010101900001", "database_bkn", "teknis", 10, "2015-01-01", "lulus_pppk"), "pelamar_prioritas"),
    };
    records[0]["lulus_ppg"] = "tidak";
    const auto r = rank_records(records, simple(), {}, policy());
    REQUIRE(r.workers.size() == 8);
    std::vector<std::string> groups;
    for (const auto& w : r.workers) groups.push_back(w.group);
    CHECK(groups == std::vector<std::string>{"hasil seleksi nasional", "R1", "R2", "R3", "R4", "R4", "R5",
                                             "tidak termasuk prioritas"});
    CHECK(niks(r) == std::vector<std::string>{"6203010101900001", "6203010101900002", "6203010101900003",
                                              "6203010101900004", "6203010101900005", "6203010101900008",
                                              "6203010101900006", "6203010101900007"});
    CHECK_THAT(r.workers[1].explanation, Contains("kelompok R1 (pelamar prioritas)"));
    CHECK_THAT(r.workers[6].explanation, Contains("kelompok R5 (lulusan PPG)"));
    CHECK_THAT(r.workers[7].explanation, Contains("kelompok tidak termasuk prioritas"));
    CHECK(r.workers[1].record["pelamar_prioritas"] == "ya");
    // Outcomes still follow the category: the R1 non-database teacher is not
    // proposed as PPPK paruh waktu.
    CHECK(r.workers[1].outcome == "alih_daya");
}

TEST_CASE("a rule that fails names itself and the worker", "[ranking][scorecard]") {
    const auto card = Scorecard::parse("rules:\n"
                                       "  - {id: dasar, label: Dasar, points: 1}\n"
                                       "  - {id: rusak, label: Rusak, when: \"nilai_kinerja + nama > 0\", points: 1}\n",
                                       "rusak.yaml");
    try {
        card.score(worker("6203010101900001", "database_bkn"));
        FAIL("expected the rule to fail");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Contains("rusak.yaml: rule 'rusak' failed for NIK 6203010101900001"));
        CHECK_THAT(e.what(), Contains("attempt to add"));
    }
    // Expressions cannot write the record, not even a column they read.
    const auto writer = Scorecard::parse("rules:\n"
                                         "  - {id: tulis, label: T, when: \"(function() sektor = 'x' end)()\", points: 1}\n",
                                         "tulis.yaml");
    CHECK_THROWS_WITH(writer.score(worker("6203010101900001", "database_bkn")), Contains("read-only"));
    // Columns are reachable by name through _ENV too.
    const auto dynamic = Scorecard::parse("rules:\n"
                                          "  - {id: d, label: D, when: \"_ENV['kate' .. 'gori'] == 'eks_thk2'\", points: 2}\n",
                                          "d.yaml");
    CHECK(dynamic.score(worker("6203010101900001", "eks_thk2")) == 2);
    CHECK(dynamic.score(worker("6203010101900001", "database_bkn")) == 0);
}

TEST_CASE("within a group: points, then tie-breaks, then NIK", "[ranking]") {
    std::vector<nlohmann::json> records = {
        worker("6203010101900030", "database_bkn", "administrasi", 95),  // 1 + 5 = 6
        worker("6203010101900020", "database_bkn", "pendidikan", 85),    // 16
        worker("6203010101900010", "database_bkn", "pendidikan", 90),    // 16, better nilai
        worker("6203010101900041", "database_bkn", "pendidikan", 60),    // 11
        worker("6203010101900040", "database_bkn", "pendidikan", 60),    // 11, same nilai: NIK
    };
    const auto r = rank_records(records, simple(), {}, policy());
    CHECK(niks(r) == std::vector<std::string>{"6203010101900010", "6203010101900020", "6203010101900040",
                                              "6203010101900041", "6203010101900030"});
    CHECK(r.workers[0].points == 16);
    CHECK(r.workers[2].points == 11);
    CHECK(r.workers[4].points == 6);
}

TEST_CASE("formasi are filled in rank order on matching keys", "[ranking][formasi]") {
    const auto formasi = parse_formasi("formasi:\n"
                                       "  - {id: f1, jenis: pppk, jabatan: Guru Kelas, jumlah: 1}\n"
                                       "  - {id: f2, jenis: cpns, sektor: kesehatan, opd: Dinas Pendidikan, jumlah: 2}\n"
                                       "  - {id: f3, jenis: pppk, opd: RSUD, jumlah: 5}\n",
                                       "formasi.yaml");
    REQUIRE(formasi.size() == 3);
    std::vector<nlohmann::json> records = {
        worker("6203010101900001", "database_bkn", "pendidikan", 90),
        worker("6203010101900002", "database_bkn", "pendidikan", 70),
        worker("6203010101900003", "non_database", "kesehatan", 70, "2010-01-01", "tidak_lulus", "Perawat"),
    };
    const auto r = rank_records(records, simple(), formasi, policy());
    const auto* first = r.find("6203010101900001");
    const auto* second = r.find("6203010101900002");
    const auto* nurse = r.find("6203010101900003");
    REQUIRE((first && second && nurse));
    CHECK(first->formasi == "f1");
    CHECK(first->outcome == "pppk");
    CHECK_THAT(first->explanation, Contains("Mendapat formasi PPPK Guru Kelas karena"));
    CHECK_THAT(first->explanation, !Contains("f1"));  // the file's key is not for people
    CHECK(second->formasi.empty());  // f1 is full
    CHECK(second->outcome == "pppk_paruh_waktu");
    CHECK(nurse->formasi == "f2");
    CHECK(nurse->outcome == "cpns");
    CHECK(r.formasi_left.at("f1") == 0);
    CHECK(r.formasi_left.at("f2") == 1);
    CHECK(r.formasi_left.at("f3") == 5);

    CHECK_THROWS_WITH(parse_formasi("formasi:\n  - {id: x, jenis: honorer, jumlah: 1}\n", "e.yaml"),
                      Contains("e.yaml:2:20: error: `jenis` must be cpns, pppk or pppk_paruh_waktu"));
    CHECK_THROWS_WITH(parse_formasi("formasi:\n  - {id: x, jenis: pppk, jumlah: -3}\n", "e.yaml"),
                      Contains("e.yaml:2:34: error: `jumlah`"));
    CHECK_THROWS_WITH(parse_formasi("lowongan: []\n", "e.yaml"), Contains("e.yaml:1:1: error: expected `formasi:`"));
    CHECK(load_formasi(source_dir() / "rules" / "62.03" / "formasi-2025.yaml").size() >= 8);
}

TEST_CASE("workers without a formasi get the fallback outcomes", "[ranking][formasi]") {
    std::vector<nlohmann::json> records = {
        worker("6203010101900001", "eks_thk2", "teknis"),
        worker("6203010101900002", "database_bkn", "pendidikan"),
        worker("6203010101900003", "non_database", "teknis"),
        worker("6203010101900004", "non_database", "administrasi"),
        worker("6203010101900005", "non_database", "pendidikan"),
        worker("6203010101900006", "non_database", "kesehatan"),
    };
    const auto r = rank_records(records, simple(), {}, policy(false));
    CHECK(r.find("6203010101900001")->outcome == "pppk_paruh_waktu");
    CHECK_THAT(r.find("6203010101900001")->explanation, Contains("KepmenPANRB 16/2025"));
    CHECK(r.find("6203010101900002")->outcome == "pppk_paruh_waktu");
    CHECK(r.find("6203010101900003")->outcome == "alih_daya");
    CHECK(r.find("6203010101900004")->outcome == "alih_daya");
    CHECK(r.find("6203010101900005")->outcome == "dirumahkan");
    CHECK_THAT(r.find("6203010101900005")->explanation, Contains("dirumahkan"));
    CHECK(r.find("6203010101900006")->outcome == "dirumahkan");
    CHECK(r.by_outcome.at("pppk_paruh_waktu") == 2);
    CHECK(r.by_outcome.at("alih_daya") == 2);
    CHECK(r.by_outcome.at("dirumahkan") == 2);

    // A regency that offers outsourcing to those not accommodated (Padang Panjang).
    const auto offered = rank_records(records, simple(), {}, policy(true));
    CHECK(offered.find("6203010101900005")->outcome == "alih_daya");
    CHECK_THAT(offered.find("6203010101900005")->explanation, Contains("menawarkan alih daya"));
    CHECK(offered.find("6203010101900001")->outcome == "pppk_paruh_waktu");
}

TEST_CASE("the same workers in any order give the same ranking", "[ranking]") {
    std::vector<nlohmann::json> records;
    const char* kinds[] = {"eks_thk2", "database_bkn", "non_database"};
    const char* sectors[] = {"pendidikan", "kesehatan", "teknis", "administrasi"};
    for (int i = 0; i < 60; ++i) {
        const std::string nik = "62030101019" + std::string(i < 10 ? "0000" : "000") + std::to_string(i);
        records.push_back(worker(nik.substr(0, 16), kinds[i % 3], sectors[i % 4], 60 + (i * 7) % 40,
                                 std::to_string(2005 + i % 20) + "-03-01"));
    }
    const auto formasi = parse_formasi("formasi:\n  - {id: g, jenis: pppk, sektor: pendidikan, jumlah: 4}\n", "f.yaml");
    const auto card = regency_card("62.03");
    const auto first = ranking_json(rank_records(records, card, formasi, policy()));
    std::mt19937 shuffle(42);
    for (int round = 0; round < 3; ++round) {
        std::shuffle(records.begin(), records.end(), shuffle);
        CHECK(ranking_json(rank_records(records, card, formasi, policy())) == first);
    }
}

TEST_CASE("every explanation lists contributions that sum to the points", "[ranking]") {
    const auto card = regency_card("62.03");
    std::vector<nlohmann::json> records = {
        worker("6203010101900001", "database_bkn", "kesehatan", 88, "2008-01-01", "tidak_lulus", "Perawat", "D3"),
        worker("6203010101900002", "non_database", "teknis", 60, "2022-01-01", "belum_ikut", "Satpam", "SMA"),
        worker("6203010101900003", "eks_thk2", "pendidikan", 77, "2006-07-01", "tidak_lulus", "Guru Kelas", "S1"),
    };
    const auto r = rank_records(records, card, {}, policy());
    for (const auto& w : r.workers) {
        double sum = 0;
        for (const auto& c : w.contributions) {
            CHECK_FALSE(c.label.empty());
            sum += c.points;
        }
        CHECK(sum == w.points);
        CHECK_THAT(w.explanation, Contains("Peringkat " + std::to_string(w.rank)));
        const auto j = worker_json(w);
        CHECK(j["kontribusi"].size() == w.contributions.size());
    }
    // The nurse: kesehatan 15 + D3 6 + skill 5 + nilai ≥ 85 8 + service ≥ 5 3 + ≥ 10 2.
    CHECK(r.find("6203010101900001")->points == 39);
}

TEST_CASE("scorer rules call the regency plugin and explain with its reason", "[ranking][scorecard][scorer]") {
    const ScorerHost host{shipped_plugins(), "62.03", "{}"};
    const auto card = Scorecard::parse(R"(rules:
  - {id: guru, label: Tenaga pendidikan, when: "sektor == 'pendidikan'", points: 10}
  - id: keahlian
    label: Keahlian
    scorer: kapuas.keahlian
    args: {poin_memenuhi: 6}
)",
                                       "kartu.yaml", nullptr, host);
    CHECK(card.has_scorers());
    std::vector<Contribution> contributions;
    CHECK(card.score(worker("6203010101900001", "database_bkn"), &contributions) == 16);
    REQUIRE(contributions.size() == 2);
    CHECK(contributions[1].rule_id == "keahlian");
    CHECK(contributions[1].points == 6);
    CHECK_THAT(contributions[1].label, Contains("Keahlian: Guru Kelas berpendidikan S1, memenuhi kualifikasi minimal S1"));

    contributions.clear();  // below the qualification: no points, no contribution
    CHECK(card.score(worker("6203010101900002", "database_bkn", "pendidikan", 80, "2015-01-01", "tidak_lulus",
                            "Guru Kelas", "D2"),
                     &contributions) == 10);
    CHECK(contributions.size() == 1);

    // A scorer that fails names the rule and the worker.
    const auto broken = Scorecard::parse("rules:\n  - {id: k, label: K, scorer: kapuas.keahlian, args: {poin_memenuhi: x}}\n",
                                         "rusak.yaml", nullptr, host);
    CHECK_THROWS_WITH(broken.score(worker("6203010101900003", "database_bkn")),
                      Contains("rule 'k' failed for NIK 6203010101900003") && Contains("args.poin_memenuhi"));
}

TEST_CASE("scorer rule mistakes are reported as FILE:LINE:COL", "[ranking][scorecard][scorer]") {
    const ScorerHost host{shipped_plugins(), "62.03", "{}"};
    CHECK_THROWS_WITH(Scorecard::parse("rules:\n  - {id: k, label: K, scorer: kapuas.tidak_ada}\n", "a.yaml", nullptr, host),
                      Contains("a.yaml:2:31: error: unknown scorer 'kapuas.tidak_ada'"));
    CHECK_THROWS_WITH(Scorecard::parse("rules:\n  - {id: k, label: K, scorer: kapuas.keahlian, points: 3}\n", "b.yaml",
                                       nullptr, host),
                      Contains("b.yaml:2:56: error: a rule with `scorer` takes no `points`"));
    CHECK_THROWS_WITH(Scorecard::parse("rules:\n  - {id: k, label: K, scorer: kapuas.keahlian, args: [1]}\n", "c.yaml",
                                       nullptr, host),
                      Contains("c.yaml:2:54: error: `args` must be a mapping"));
    CHECK_THROWS_WITH(Scorecard::parse("rules:\n  - {id: k, label: K, when: 'true', points: 1, args: {a: 1}}\n", "d.yaml"),
                      Contains("`args` belongs to a rule with `scorer`"));
    // Without the plugin loaded, the rule cannot be used.
    CHECK_THROWS_WITH(Scorecard::parse("rules:\n  - {id: k, label: K, scorer: kapuas.keahlian}\n", "e.yaml"),
                      Contains("e.yaml:2:31: error: unknown scorer 'kapuas.keahlian'"));
}

TEST_CASE("Kapuas ranks teachers and health workers by their qualification", "[ranking][regency][scorer]") {
    std::vector<nlohmann::json> records = {
        worker("6203010101900001", "database_bkn", "pendidikan", 80, "2015-01-01", "tidak_lulus", "Guru Kelas", "D3"),
        worker("6203010101900002", "database_bkn", "pendidikan", 80, "2015-01-01", "tidak_lulus", "Guru Kelas", "S1"),
        worker("6203010101900003", "database_bkn", "kesehatan", 80, "2015-01-01", "tidak_lulus", "Perawat", "D3"),
    };
    const auto kapuas = rank_records(records, regency_card("62.03"), {}, policy());
    // The S1 teacher qualifies (+5); the nurse's D3 qualifies (+5); the D3 teacher does not, though D3 earns
    // the same general education points as the nurse.
    CHECK(niks(kapuas) == std::vector<std::string>{"6203010101900002", "6203010101900003", "6203010101900001"});
    const RankedWorker* teacher = kapuas.find("6203010101900002");
    REQUIRE(teacher != nullptr);
    const auto skill = std::find_if(teacher->contributions.begin(), teacher->contributions.end(),
                                    [](const Contribution& c) { return c.rule_id == "keahlian"; });
    REQUIRE(skill != teacher->contributions.end());
    CHECK(skill->points == 5);
    CHECK_THAT(skill->label, Contains("memenuhi kualifikasi minimal S1"));
}

TEST_CASE("Kapuas ranks by skill, Balikpapan by long service and performance", "[ranking][regency]") {
    // A young graduate teacher against a long-serving administrator, both in the BKN database.
    std::vector<nlohmann::json> records = {
        worker("6203010101900001", "database_bkn", "pendidikan", 80, "2022-01-03", "tidak_lulus", "Guru Kelas", "S1"),
        worker("6203010101900002", "database_bkn", "administrasi", 92, "2004-02-01", "tidak_lulus",
               "Pengadministrasi Umum", "SMA"),
    };
    const auto kapuas = rank_records(records, regency_card("62.03"), {}, policy());
    const auto balikpapan = rank_records(records, regency_card("64.71"), {}, policy());
    CHECK(niks(kapuas) == std::vector<std::string>{"6203010101900001", "6203010101900002"});
    CHECK(niks(balikpapan) == std::vector<std::string>{"6203010101900002", "6203010101900001"});
}


TEST_CASE("rank_regency ranks the verified workers of the engine's index", "[ranking][engine]") {
    EngineFixture f(40);
    REQUIRE(f.verified > 10);
    const auto formasi = load_formasi(source_dir() / "rules" / "62.03" / "formasi-2025.yaml");
    const auto r = rank_regency(*f.engine, "62.03", formasi);
    CHECK(r.regency_name == "Kabupaten Kapuas");
    CHECK(r.reference_date == "2025-06-10");
    CHECK(r.workers.size() == f.verified);
    std::size_t counted = 0;
    for (const auto& [outcome, count] : r.by_outcome) counted += count;
    CHECK(counted == f.verified);
    for (const auto& w : r.workers) {
        CHECK_FALSE(w.outcome.empty());
        CHECK(w.record["masa_kerja_tahun"].is_number());
    }
    CHECK(ranking_json(rank_regency(*f.engine, "62.03", formasi)) == ranking_json(r));
    CHECK_THROWS_AS(rank_regency(*f.engine, "99.99"), NotFound);
}

TEST_CASE("a ranking has a number that changes with its result, and the regency's own formasi", "[ranking][engine]") {
    EngineFixture f(40);
    REQUIRE(f.verified > 10);
    const Regency& kapuas = *f.engine->definitions()->find_regency("62.03");
    const auto formasi = regency_formasi(kapuas);
    CHECK(formasi.size() == load_formasi(source_dir() / "rules" / "62.03" / "formasi-2025.yaml").size());
    CHECK(regency_formasi(*f.engine->definitions()->find_regency("51.05")).empty());  // Klungkung names none

    const auto with_formasi = rank_regency(*f.engine, "62.03", formasi);
    const std::string number = ranking_number(with_formasi);
    CHECK_THAT(number, Catch::Matchers::StartsWith("PRK-62.03-"));
    CHECK(number.size() == std::string("PRK-62.03-").size() + 12);
    CHECK(ranking_number(rank_regency(*f.engine, "62.03", formasi)) == number);  // same input, same number
    CHECK(ranking_number(rank_regency(*f.engine, "62.03")) != number);           // other allocation

    std::size_t per_opd = 0;
    for (const auto& [opd, counts] : outcomes_by_opd(with_formasi))
        for (const auto& [outcome, n] : counts) per_opd += n;
    CHECK(per_opd == f.verified);
}

TEST_CASE("a ranking is proposed as the regency's prioritization round, one open round at a time",
          "[ranking][round]") {
    EngineFixture f(40);
    REQUIRE(f.verified > 10);
    const auto ranking = rank_regency(*f.engine, "62.03", regency_formasi(*f.engine->definitions()->find_regency("62.03")));
    const Actor officer{"rina", "officer"};
    RoundSnapshots snapshots(f.options.database);

    // A worker may not propose, and nothing is left behind.
    CHECK_THROWS_AS(propose_round(*f.engine, ranking, {"budi", "worker"}, snapshots), Forbidden);
    CaseFilter rounds;
    rounds.workflow_id = "prioritization";
    CHECK(f.engine->list_cases(rounds).empty());

    const auto first = propose_round(*f.engine, ranking, officer, snapshots);
    CHECK(first.created);
    CHECK(first.round.state == "persetujuan_kepala");
    CHECK(first.round.data["id_pemeringkatan"] == ranking_number(ranking));
    CHECK(first.round.data["jumlah_diperingkat"] == f.verified);
    std::size_t proposed = 0;
    for (const char* outcome : {"cpns", "pppk", "pppk_paruh_waktu", "alih_daya", "dirumahkan"})
        proposed += first.round.data["usulan_" + std::string(outcome)].get<std::size_t>();
    CHECK(proposed == f.verified);

    // While the Kepala BKPSDM decides, no second proposal.
    CHECK_THROWS_WITH(propose_round(*f.engine, ranking, officer, snapshots),
                      Catch::Contains("masih di tahap «Persetujuan usulan oleh Kepala BKPSDM»") && !Catch::Contains("_"));
    // Sent back: the next proposal goes into the same round.
    f.engine->fire(first.round.id, "kembalikan", {{"alasan_pengembalian", "Perbarui formasi"}}, {"kepala", "admin"});
    const auto again = propose_round(*f.engine, ranking, officer, snapshots);
    CHECK_FALSE(again.created);
    CHECK(again.round.id == first.round.id);
    CHECK(again.round.state == "persetujuan_kepala");
    CHECK(f.engine->list_cases(rounds).size() == 1);
}

TEST_CASE("an approved round keeps the ranking it was proposed with, and its announcement opens and closes the objections",
          "[ranking][round]") {
    EngineFixture f(40);
    REQUIRE(f.verified > 10);
    const auto ranking = rank_regency_own_formasi(*f.engine, "62.03");
    RoundSnapshots snapshots(f.options.database);
    const auto proposal = propose_round(*f.engine, ranking, {"rina", "officer"}, snapshots);

    // Frozen at the proposal: the counts, and every worker as ranked.
    const auto frozen = snapshots.summary(ranking_number(ranking));
    REQUIRE(frozen);
    CHECK(frozen->regency == "62.03");
    CHECK(frozen->workers == ranking.workers.size());
    CHECK(frozen->by_outcome == ranking.by_outcome);
    CHECK(frozen->per_opd == outcomes_by_opd(ranking));
    const RankedWorker last = ranking.workers[ranking.workers.size() - 1];
    CHECK(snapshots.worker(ranking_number(ranking), last.nik()) == worker_json(last));
    CHECK_FALSE(snapshots.worker(ranking_number(ranking), "6203010101000000"));
    CHECK_FALSE(snapshots.summary("PRK-62.03-000000000000"));

    // Not approved yet: no round to show.
    CHECK_FALSE(approved_round(*f.engine, "62.03"));
    f.engine->fire(proposal.round.id, "setujui", {{"nomor_persetujuan", "800/12/BKPSDM"}}, {"kepala", "admin"});
    auto approved = approved_round(*f.engine, "62.03");
    REQUIRE(approved);
    CHECK(approved->id == proposal.round.id);
    CHECK(round_ranking_number(*approved) == ranking_number(ranking));
    CHECK_FALSE(announcement_of(*approved, "2025-06-10"));

    f.engine->fire(proposal.round.id, "umumkan", {{"tanggal_pengumuman", "2025-06-10"}, {"batas_sanggah", "2025-06-17"}},
                   {"rina", "officer"});
    approved = approved_round(*f.engine, "62.03");
    REQUIRE(approved);
    const auto open = announcement_of(*approved, "2025-06-17");
    REQUIRE(open);
    CHECK(open->date == "2025-06-10");
    CHECK(open->deadline == "2025-06-17");
    CHECK(open->open_for_objections);
    CHECK_FALSE(announcement_of(*approved, "2025-06-18")->open_for_objections);

    // Freezing the same ranking again keeps what was frozen.
    CHECK(snapshots.freeze(ranking) == ranking_number(ranking));
    CHECK(snapshots.summary(ranking_number(ranking))->workers == ranking.workers.size());
    // Another regency has no approved round.
    CHECK_FALSE(approved_round(*f.engine, "63.08"));
}

TEST_CASE("tata rank: table, --json, --explain and exit codes", "[ranking][cli]") {
    EngineFixture f(30);
    REQUIRE(f.verified > 0);
    const std::string nik = f.a_verified_nik;
    f.engine.reset();
    const std::string db = (f.dir / "tata.db").string();
    const std::map<std::string, std::string> env = {{"TATA_NOW", "2025-06-10T09:00:00+07:00"}};
    const std::vector<std::string> base = {"rank", "--db", db, "--plugins", core_plugin_dir().string()};
    const auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return run_tata(args, f.dir.path(), env);
    };
    const std::string formasi = (source_dir() / "rules" / "62.03" / "formasi-2025.yaml").string();

    const auto table = run({"--regency", "62.03", "--formasi", formasi});
    INFO(table.err);
    REQUIRE(table.exit_code == 0);
    CHECK_THAT(table.out, Contains("Kabupaten Kapuas"));
    CHECK_THAT(table.out, Contains("Usulan:"));
    CHECK_THAT(table.out, Contains("Peringkat teratas"));

    const auto json = run({"--regency", "62.03", "--formasi", formasi, "--json"});
    REQUIRE(json.exit_code == 0);
    const auto parsed = nlohmann::json::parse(json.out);
    CHECK(parsed["jumlah"] == f.verified);
    CHECK(parsed["pekerja"].size() == f.verified);
    CHECK(parsed["pekerja"][0]["peringkat"] == 1);

    const auto explain = run({"--regency", "62.03", "--explain", nik});
    REQUIRE(explain.exit_code == 0);
    CHECK_THAT(explain.out, Contains("NIK " + nik));
    CHECK_THAT(explain.out, Contains("Kontribusi aturan:"));
    CHECK_THAT(explain.out, Contains("Alasan:"));
    const auto explain_json = run({"--regency", "62.03", "--explain", nik, "--json"});
    REQUIRE(explain_json.exit_code == 0);
    CHECK(nlohmann::json::parse(explain_json.out)["nik"] == nik);

    CHECK(run({"--regency", "62.03", "--explain", "6203019999990001"}).exit_code == 1);
    CHECK(run({}).exit_code == 2);                                      // no --regency
    CHECK(run({"--regency", "99.99"}).exit_code == 2);                  // unknown regency
    CHECK(run({"--regency", "62.03", "--urutan", "x"}).exit_code == 2); // unknown option
    const auto bad = f.dir.write("salah.yaml", "formasi:\n  - {id: x, jenis: honorer, jumlah: 1}\n");
    const auto bad_run = run({"--regency", "62.03", "--formasi", bad.string()});
    CHECK(bad_run.exit_code == 2);
    CHECK_THAT(bad_run.err, Contains("salah.yaml:2:"));

    // Without --formasi, the regency's own; --propose submits it as the round.
    CHECK(nlohmann::json::parse(run({"--regency", "62.03", "--json"}).out)["sisa_formasi"].size() >= 8);
    const auto proposed = run({"--regency", "62.03", "--propose", "--as", "rina:officer", "--json"});
    INFO(proposed.err);
    REQUIRE(proposed.exit_code == 0);
    const auto round = nlohmann::json::parse(proposed.out);
    CHECK(round["putaran_baru"] == true);
    CHECK(round["case"]["state"] == "persetujuan_kepala");
    CHECK(round["case"]["data"]["id_pemeringkatan"] == round["nomor_pemeringkatan"]);
    const auto busy = run({"--regency", "62.03", "--propose"});
    CHECK(busy.exit_code == 1);
    CHECK_THAT(busy.err, Contains("«Persetujuan usulan oleh Kepala BKPSDM»"));
    CHECK(run({"--regency", "62.03", "--propose", "--as", "budi:worker"}).exit_code == 1);
}
