// The Kapuas regency plugin's skill scorer (kapuas.keahlian), loaded from the
// shipped library with Boost.DLL and called through the plugin host.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <tata/plugin_host.hpp>

#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;

namespace {

struct Worker {
    std::string sektor, jabatan, pendidikan, lulus_ppg;
};

class Scorer {
public:
    Scorer() {
        std::vector<Diagnostic> errors;
        plugins_ = PluginSet::load({core_plugin_dir()}, errors);
        for (const auto& e : errors) FAIL(e.to_string());
        REQUIRE(plugins_->has_scorer("kapuas.keahlian"));
    }

    ScoreOutcome score(const Worker& worker, const nlohmann::json& args = nlohmann::json::object()) const {
        const std::string args_text = args.dump(), settings = "{}";
        std::vector<ScorerField> fields;
        for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"sektor", worker.sektor},
                                          {"jabatan", worker.jabatan},
                                          {"pendidikan", worker.pendidikan},
                                          {"lulus_ppg", worker.lulus_ppg}}) {
            if (value.empty()) fields.push_back({name, ScorerField::Null, {}, 0});
            else fields.push_back({name, ScorerField::Text, value, 0});
        }
        fields.push_back({"nilai_kinerja", ScorerField::Number, {}, 88});
        return plugins_->score("kapuas.keahlian", {"62.03", fields.data(), fields.size(), &args_text, &settings});
    }

private:
    std::shared_ptr<const PluginSet> plugins_;
};

ScoreOutcome expect_ok(const ScoreOutcome& outcome) {
    INFO(outcome.reason);
    REQUIRE(outcome.ok);
    return outcome;
}

}  // namespace

TEST_CASE("kapuas.keahlian: teachers need S1/D4, health workers D3, school staff SMA", "[plugins][kapuas]") {
    const Scorer scorer;

    auto teacher = expect_ok(scorer.score({"pendidikan", "Guru Kelas", "S1", ""}));
    CHECK(teacher.points == 10);
    CHECK_THAT(teacher.reason, Contains("Guru Kelas berpendidikan S1, memenuhi kualifikasi minimal S1"));

    auto applied = expect_ok(scorer.score({"pendidikan", "Guru Mapel", "D4", ""}));
    CHECK(applied.points == 10);  // D4 is the same level as S1

    auto under = expect_ok(scorer.score({"pendidikan", "Guru Kelas", "D2", ""}));
    CHECK(under.points == 0);
    CHECK_THAT(under.reason, Contains("di bawah kualifikasi minimal S1"));

    auto nurse = expect_ok(scorer.score({"kesehatan", "Perawat", "S1", ""}));
    CHECK(nurse.points == 12);  // one level above D3
    CHECK_THAT(nurse.reason, Contains("1 jenjang di atasnya"));

    auto midwife_sma = expect_ok(scorer.score({"kesehatan", "Bidan", "SMA", ""}));
    CHECK(midwife_sma.points == 0);

    auto staff = expect_ok(scorer.score({"pendidikan", "Tenaga Kependidikan", "SMA", ""}));
    CHECK(staff.points == 10);

    auto unknown_level = expect_ok(scorer.score({"kesehatan", "Perawat", "", ""}));
    CHECK(unknown_level.points == 0);
    CHECK_THAT(unknown_level.reason, Contains("tidak tercatat"));
}

TEST_CASE("kapuas.keahlian: only teachers earn the PPG certificate points", "[plugins][kapuas]") {
    const Scorer scorer;
    CHECK(expect_ok(scorer.score({"pendidikan", "Guru Kelas", "S2", "ya"})).points == 17);  // 10 + 2 + 5
    CHECK(expect_ok(scorer.score({"pendidikan", "Guru Kelas", "S2", "tidak"})).points == 12);
    CHECK(expect_ok(scorer.score({"kesehatan", "Perawat", "D3", "ya"})).points == 10);
}

TEST_CASE("kapuas.keahlian: other sectors are not scored", "[plugins][kapuas]") {
    const Scorer scorer;
    for (const char* sector : {"teknis", "administrasi", ""}) {
        const auto outcome = expect_ok(scorer.score({sector, "Pengemudi", "S1", ""}));
        CHECK(outcome.points == 0);
        CHECK(outcome.reason.empty());
    }
}

TEST_CASE("kapuas.keahlian: the scorecard's args override requirements and points", "[plugins][kapuas]") {
    const Scorer scorer;
    const nlohmann::json args = {{"kualifikasi_minimum", {{"perawat", "S1"}}},  // matched ignoring case
                                 {"poin_memenuhi", 6},
                                 {"poin_per_jenjang_di_atas", 4},
                                 {"poin_sertifikat_pendidik", 9},
                                 {"poin_maksimum", 15}};
    CHECK(expect_ok(scorer.score({"kesehatan", "Perawat", "D3", ""}, args)).points == 0);
    CHECK(expect_ok(scorer.score({"kesehatan", "Perawat", "S2", ""}, args)).points == 10);
    CHECK(expect_ok(scorer.score({"pendidikan", "Guru Kelas", "S3", "ya"}, args)).points == 15);  // 6+8+9 capped

    const nlohmann::json by_sector = {{"kualifikasi_minimum_sektor", {{"kesehatan", "D4"}}}};
    CHECK(expect_ok(scorer.score({"kesehatan", "Tenaga Kesehatan Lainnya", "D3", ""}, by_sector)).points == 0);
}

TEST_CASE("kapuas.keahlian: a mistake in the scorecard's args is an error naming it", "[plugins][kapuas]") {
    const Scorer scorer;
    const auto wrong_points = scorer.score({"pendidikan", "Guru Kelas", "S1", ""}, {{"poin_memenuhi", "sepuluh"}});
    CHECK_FALSE(wrong_points.ok);
    CHECK_THAT(wrong_points.reason, Contains("args.poin_memenuhi"));

    const auto wrong_level = scorer.score({"pendidikan", "Guru Kelas", "S1", ""},
                                          {{"kualifikasi_minimum", {{"Guru Kelas", "S4"}}}});
    CHECK_FALSE(wrong_level.ok);
    CHECK_THAT(wrong_level.reason, Contains("'S4'"));
}
