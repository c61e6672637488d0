// `tata decide` with the real binary: the shipped predikat table, labels and
// the row, --json as a case keeps it, a regency's own table, every refusal
// with its exit code; and `tata validate` reporting a table's mistakes.
//
// Exit codes: 0 decided, 1 refused, 2 usage.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

namespace {

using tata::test::ProcessResult;
using tata::test::TempDir;
using Catch::Matchers::Contains;
using Json = nlohmann::json;

std::string describe(const std::vector<std::string>& args, const ProcessResult& r) {
    std::ostringstream out;
    out << "tata";
    for (const auto& a : args) out << " " << a;
    out << "\n-> exit " << r.exit_code << "\n-- stdout:\n" << r.out << "-- stderr:\n" << r.err;
    return out.str();
}

struct Session {
    TempDir dir;
    std::string last;

    ProcessResult run(const std::vector<std::string>& args) {
        ProcessResult r = tata::test::run_tata(args, dir.path(), {{"TATA_NOW", "2025-06-02T09:00:00+07:00"}});
        last = describe(args, r);
        return r;
    }

    // A copy of the shipped rules to change.
    std::filesystem::path copy_rules() {
        std::filesystem::copy(tata::test::source_dir() / "rules", dir / "rules", std::filesystem::copy_options::recursive);
        return dir / "rules";
    }
};

}  // namespace

#define RUN(name, ...)                             \
    const ProcessResult name = s.run(__VA_ARGS__); \
    INFO(s.last)

TEST_CASE("tata decide prints the outputs with their labels and the row that matched", "[cli][decide]") {
    Session s;
    RUN(r, {"decide", "--regency", "62.03", "predikat_kinerja", "hasil_kerja=sesuai_ekspektasi",
            "perilaku_kerja=di_atas_ekspektasi"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Contains("Predikat kinerja pegawai (predikat_kinerja, Kabupaten Kapuas)\n"
                               "  Hasil kerja: Sesuai ekspektasi (sesuai_ekspektasi)\n"
                               "  Perilaku kerja: Di atas ekspektasi (di_atas_ekspektasi)\n"
                               "→ Predikat kinerja: Baik (baik)\n"
                               "baris 2: Hasil kerja sesuai ekspektasi, perilaku kerja sesuai atau di atas ekspektasi\n"));
    CHECK_THAT(r.out, Contains("rules/nasional/keputusan/predikat_kinerja.yaml"));

    RUN(json, {"decide", "--json", "--regency", "64.71", "predikat_kinerja", "hasil_kerja=di_bawah_ekspektasi",
               "perilaku_kerja=di_bawah_ekspektasi"});
    CHECK(json.exit_code == 0);
    const Json record = Json::parse(json.out);
    CHECK(record["tabel"] == "Predikat kinerja pegawai");
    CHECK(record["baris"] == 6);
    CHECK(record["hasil"] == Json{{"predikat", "sangat_kurang"}});
    CHECK(record["masukan"] == Json{{"hasil_kerja", "di_bawah_ekspektasi"}, {"perilaku_kerja", "di_bawah_ekspektasi"}});
    CHECK(record["keterangan"] ==
          "Hasil kerja: Di bawah ekspektasi; Perilaku kerja: Di bawah ekspektasi → Predikat kinerja: Sangat Kurang (baris 6)");
}

TEST_CASE("tata decide refuses what it cannot decide, with exit codes", "[cli][decide][errors]") {
    Session s;
    SECTION("a value the table does not know: 1") {
        RUN(r, {"decide", "--regency", "62.03", "predikat_kinerja", "hasil_kerja=luar_biasa", "perilaku_kerja=sesuai_ekspektasi"});
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Contains("tata decide: tabel keputusan 'predikat_kinerja': nilai 'luar_biasa' untuk masukan "
                                   "'hasil_kerja' tidak dikenal"));
    }
    SECTION("an input left out: 1") {
        RUN(r, {"decide", "--regency", "62.03", "predikat_kinerja", "hasil_kerja=sesuai_ekspektasi"});
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains("masukan 'perilaku_kerja' (Perilaku kerja) belum diisi"));
    }
    SECTION("an unknown table, input, regency, or a word that is not name=value: 2") {
        RUN(table, {"decide", "--regency", "62.03", "predikat_pegawai", "a=b"});
        CHECK(table.exit_code == 2);
        CHECK_THAT(table.err, Contains("tabel keputusan 'predikat_pegawai' tidak ada untuk Kabupaten Kapuas (tersedia: "
                                       "predikat_kinerja)"));
        RUN(input, {"decide", "--regency", "62.03", "predikat_kinerja", "hasil=baik"});
        CHECK(input.exit_code == 2);
        CHECK_THAT(input.err, Contains("tabel 'predikat_kinerja' tidak punya masukan 'hasil' (masukan: hasil_kerja, "
                                       "perilaku_kerja)"));
        RUN(regency, {"decide", "--regency", "99.99", "predikat_kinerja"});
        CHECK(regency.exit_code == 2);
        CHECK_THAT(regency.err, Contains("kabupaten/kota '99.99' tidak dikenal"));
        RUN(word, {"decide", "--regency", "62.03", "predikat_kinerja", "sesuai_ekspektasi"});
        CHECK(word.exit_code == 2);
        CHECK_THAT(word.err, Contains("'sesuai_ekspektasi' bukan nama=nilai"));
        RUN(twice, {"decide", "--regency", "62.03", "predikat_kinerja", "hasil_kerja=baik", "hasil_kerja=baik"});
        CHECK(twice.exit_code == 2);
        CHECK_THAT(twice.err, Contains("masukan 'hasil_kerja' disebut dua kali"));
        RUN(nothing, {"decide", "--regency", "62.03"});
        CHECK(nothing.exit_code == 2);
        RUN(no_regency, {"decide", "predikat_kinerja"});
        CHECK(no_regency.exit_code == 2);
        CHECK_THAT(no_regency.err, Contains("--regency CODE wajib diisi"));
    }
}

TEST_CASE("tata decide uses a regency's own table, numbers included", "[cli][decide]") {
    Session s;
    const auto rules = s.copy_rules();
    tata::test::write_file(rules / "62.03" / "keputusan" / "tunjangan.yaml", R"y(id: tunjangan
title: Tunjangan masa kerja
inputs:
  masa_kerja: {label: Masa kerja (tahun), type: number, min: 0, max: 40}
outputs:
  persen: {label: Persen tunjangan}
rows:
  - {when: {masa_kerja: "< 5"}, then: {persen: 5}, note: Kurang dari lima tahun}
  - {when: {masa_kerja: ">= 5"}, then: {persen: 7.5}}
)y");
    std::string regency = tata::test::read_text(rules / "62.03" / "regency.yaml");
    regency += "decision_tables:\n  tunjangan: keputusan/tunjangan.yaml\n";
    tata::test::write_file(rules / "62.03" / "regency.yaml", regency);

    RUN(r, {"decide", "--rules", "rules", "--regency", "62.03", "tunjangan", "masa_kerja=12"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("  Masa kerja (tahun): 12\n→ Persen tunjangan: 7.5\nbaris 2\n"));
    RUN(text, {"decide", "--rules", "rules", "--regency", "62.03", "tunjangan", "masa_kerja=dua belas"});
    CHECK(text.exit_code == 1);
    CHECK_THAT(text.err, Contains("masukan 'masa_kerja' harus angka, bukan \"dua belas\""));
    RUN(outside, {"decide", "--rules", "rules", "--regency", "62.03", "tunjangan", "masa_kerja=41"});
    CHECK(outside.exit_code == 1);
    CHECK_THAT(outside.err, Contains("masukan 'masa_kerja' = 41 di luar rentang [0..40]"));
    RUN(elsewhere, {"decide", "--rules", "rules", "--regency", "64.71", "tunjangan", "masa_kerja=12"});
    CHECK(elsewhere.exit_code == 2);
}

TEST_CASE("tata validate reports a decision table's mistakes at FILE:LINE:COL", "[cli][decide][validate]") {
    Session s;
    const auto rules = s.copy_rules();
    const auto table = rules / "nasional" / "keputusan" / "predikat_kinerja.yaml";
    std::string text = tata::test::read_text(table);
    // Drop the last row (below and below: sangat kurang): a gap.
    text = text.substr(0, text.rfind("  - when:"));
    tata::test::write_file(table, text);
    RUN(r, {"validate", "--rules", "rules"});
    CHECK(r.exit_code == 1);
    const std::string rows_key = "rules/nasional/keputusan/predikat_kinerja.yaml:" +
                                 std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(text.find("\nrows:")) + 1, '\n')) +
                                 ":1: error: no row matches hasil_kerja = di_bawah_ekspektasi, perilaku_kerja = "
                                 "di_bawah_ekspektasi\n";
    CHECK_THAT(r.err, Contains(rows_key));
    CHECK_THAT(r.err, Contains("1 error(s)"));
}
