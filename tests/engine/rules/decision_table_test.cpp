// Decision tables (docs/rules.md, "Decision tables"): the shipped predikat
// matrix on every cell, hit policies, numeric intervals and their
// boundaries, every load-time mistake at its FILE:LINE:COL, and a regency's
// own tables over the national ones.
#include "support/test_support.hpp"

#include "rules/decision_table_parser.hpp"

#include <tata/decision_table.hpp>
#include <tata/definitions.hpp>

#include <catch2/catch.hpp>

#include <sstream>

namespace {

using namespace tata;
using tata::test::TempDir;
using nlohmann::json;

std::string listing(const std::vector<Diagnostic>& errors) {
    std::ostringstream out;
    for (const auto& d : errors) out << d.to_string() << "\n";
    return out.str();
}

std::vector<Diagnostic> table_errors(const std::string& yaml) {
    std::vector<Diagnostic> errors;
    const auto table = parse_decision_table(yaml, "tabel.yaml", errors);
    CHECK((table == nullptr) == !errors.empty());
    return errors;
}

std::shared_ptr<const DecisionTable> valid_table(const std::string& yaml) {
    std::vector<Diagnostic> errors;
    auto table = parse_decision_table(yaml, "tabel.yaml", errors);
    INFO("diagnostics:\n" << listing(errors));
    REQUIRE(errors.empty());
    REQUIRE(table);
    return table;
}

// The one diagnostic of a table, as "FILE:LINE:COL: error: message".
std::string single_error(const std::string& yaml) {
    const auto errors = table_errors(yaml);
    INFO("diagnostics:\n" << listing(errors));
    REQUIRE(errors.size() == 1);
    return errors.front().to_string();
}

std::string at(int line, int column, const std::string& message) {
    return "tabel.yaml:" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + message;
}

// Two inputs of three values and one output; rows are appended from line 10.
constexpr const char* kGridHead = R"y(id: contoh
title: Contoh
hit_policy: unique
inputs:
  hasil: {label: Hasil, values: [rendah, sedang, tinggi]}
  perilaku: {label: Perilaku, values: [rendah, sedang, tinggi]}
outputs:
  nilai: {label: Nilai, values: [a, b, c]}
rows:
)y";

std::string grid(const std::string& rows, const std::string& policy = "unique") {
    std::string head = kGridHead;
    head.replace(head.find("unique"), 6, policy);
    return head + rows;
}

// One numeric input 0..100; rows are appended from line 8.
constexpr const char* kScoreHead = R"y(id: kategori_nilai
title: Kategori nilai
inputs:
  nilai: {label: Nilai, type: number, min: 0, max: 100}
outputs:
  kategori: {label: Kategori, values: [kurang, cukup, baik, sangat_baik], labels: {sangat_baik: Sangat baik}}
rows:
)y";

constexpr const char* kScoreRows = R"y(  - when: {nilai: "< 60"}
    then: {kategori: kurang}
  - when: {nilai: "[60..75)"}
    then: {kategori: cukup}
  - when: {nilai: "[75..90)"}
    then: {kategori: baik}
  - when: {nilai: ">= 90"}
    then: {kategori: sangat_baik}
)y";

std::shared_ptr<const DecisionTable> shipped_predikat_table() {
    std::vector<Diagnostic> errors;
    auto table = load_decision_table_file(tata::test::source_dir() / "rules" / "nasional" / "keputusan" /
                                              "predikat_kinerja.yaml",
                                          errors, ExpectedTableId{"predikat_kinerja", "its file name"});
    INFO("diagnostics:\n" << listing(errors));
    REQUIRE(errors.empty());
    REQUIRE(table);
    return table;
}

}  // namespace

// ---------------------------------------------------------------------------
// The shipped table

TEST_CASE("the shipped predikat table decides all nine cells of PermenPANRB 6/2022", "[rules][decision]") {
    const auto table = shipped_predikat_table();
    CHECK(table->id == "predikat_kinerja");
    CHECK(table->hit_policy == HitPolicy::unique);
    struct Cell {
        const char* hasil;
        const char* perilaku;
        const char* predikat;
    };
    const Cell cells[] = {
        {"di_bawah_ekspektasi", "di_bawah_ekspektasi", "sangat_kurang"},
        {"di_bawah_ekspektasi", "sesuai_ekspektasi", "butuh_perbaikan"},
        {"di_bawah_ekspektasi", "di_atas_ekspektasi", "butuh_perbaikan"},
        {"sesuai_ekspektasi", "di_bawah_ekspektasi", "kurang"},
        {"sesuai_ekspektasi", "sesuai_ekspektasi", "baik"},
        {"sesuai_ekspektasi", "di_atas_ekspektasi", "baik"},
        {"di_atas_ekspektasi", "di_bawah_ekspektasi", "kurang"},
        {"di_atas_ekspektasi", "sesuai_ekspektasi", "baik"},
        {"di_atas_ekspektasi", "di_atas_ekspektasi", "sangat_baik"},
    };
    for (const auto& cell : cells) {
        INFO(cell.hasil << " / " << cell.perilaku);
        const DecisionResult result = table->decide({{"hasil_kerja", cell.hasil}, {"perilaku_kerja", cell.perilaku}});
        CHECK(result.outputs == json{{"predikat", cell.predikat}});
        CHECK(result.row >= 1);
        CHECK(result.row <= table->rows.size());
        CHECK_FALSE(result.note.empty());
    }

    const DecisionResult baik = table->decide({{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "di_atas_ekspektasi"}});
    CHECK(baik.row == 2);
    CHECK(baik.explanation ==
          "Hasil kerja: Sesuai ekspektasi; Perilaku kerja: Di atas ekspektasi → Predikat kinerja: Baik (baris 2)");
    CHECK(baik.record(table->title) ==
          json{{"tabel", "Predikat kinerja pegawai"},
               {"baris", 2},
               {"masukan", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "di_atas_ekspektasi"}}},
               {"hasil", {{"predikat", "baik"}}},
               {"label_masukan", {{"hasil_kerja", "Sesuai ekspektasi"}, {"perilaku_kerja", "Di atas ekspektasi"}}},
               {"label_hasil", {{"predikat", "Baik"}}},
               {"keterangan", baik.explanation},
               {"catatan", "Hasil kerja sesuai ekspektasi, perilaku kerja sesuai atau di atas ekspektasi"}});
}

TEST_CASE("labels of values for pages and rankings, the value itself when there is none", "[rules][decision]") {
    const auto table = shipped_predikat_table();
    CHECK(table->output_label("predikat", "sangat_baik") == "Sangat Baik");
    CHECK(table->output_label("predikat", "kurang") == "Kurang/Misconduct");
    CHECK(table->input_label("hasil_kerja", "di_atas_ekspektasi") == "Di atas ekspektasi");
    CHECK(table->output_label("predikat", "tidak_ada") == "tidak_ada");
    CHECK(table->output_label("tidak_ada", "baik") == "baik");
    REQUIRE(table->find_output("predikat"));
    CHECK(table->find_output("predikat")->label == "Predikat kinerja");
    REQUIRE(table->find_input("perilaku_kerja"));
    CHECK(table->find_input("perilaku_kerja")->label == "Perilaku kerja");
    CHECK(table->find_input("predikat") == nullptr);
}

TEST_CASE("decide refuses a missing input, an unknown value and a value of the wrong type", "[rules][decision]") {
    const auto table = shipped_predikat_table();
    const auto refusal = [&](const json& inputs) -> std::string {
        try {
            table->decide(inputs);
        } catch (const DecisionError& e) {
            return e.what();
        }
        return "no refusal";
    };
    CHECK(refusal({{"hasil_kerja", "sesuai_ekspektasi"}}) ==
          "tabel keputusan 'predikat_kinerja': masukan 'perilaku_kerja' (Perilaku kerja) belum diisi");
    CHECK(refusal({{"hasil_kerja", "luar_biasa"}, {"perilaku_kerja", "sesuai_ekspektasi"}}) ==
          "tabel keputusan 'predikat_kinerja': nilai 'luar_biasa' untuk masukan 'hasil_kerja' tidak dikenal (pilihan: "
          "di_bawah_ekspektasi, sesuai_ekspektasi, di_atas_ekspektasi)");
    CHECK(refusal({{"hasil_kerja", 3}, {"perilaku_kerja", "sesuai_ekspektasi"}}) ==
          "tabel keputusan 'predikat_kinerja': nilai 3 untuk masukan 'hasil_kerja' tidak dikenal (pilihan: "
          "di_bawah_ekspektasi, sesuai_ekspektasi, di_atas_ekspektasi)");
    CHECK(refusal(json::array()) == "tabel keputusan 'predikat_kinerja': masukan 'hasil_kerja' (Hasil kerja) belum diisi");
}

// ---------------------------------------------------------------------------
// Hit policies

TEST_CASE("hit policy first takes the first row that matches - unique refuses the same rows", "[rules][decision]") {
    const std::string rows = R"y(  - when: {hasil: tinggi}
    then: {nilai: a}
  - when: {perilaku: tinggi}
    then: {nilai: b}
  - then: {nilai: c}
)y";
    const auto table = valid_table(grid(rows, "first"));
    CHECK(table->hit_policy == HitPolicy::first);
    CHECK(table->decide({{"hasil", "tinggi"}, {"perilaku", "tinggi"}}).row == 1);
    CHECK(table->decide({{"hasil", "tinggi"}, {"perilaku", "rendah"}}).outputs == json{{"nilai", "a"}});
    CHECK(table->decide({{"hasil", "sedang"}, {"perilaku", "tinggi"}}).row == 2);
    const DecisionResult rest = table->decide({{"hasil", "rendah"}, {"perilaku", "sedang"}});
    CHECK(rest.row == 3);
    CHECK(rest.outputs == json{{"nilai", "c"}});
    CHECK(rest.explanation == "Hasil: rendah; Perilaku: sedang → Nilai: c (baris 3)");
    CHECK_FALSE(rest.record("Contoh").contains("catatan"));

    const auto errors = table_errors(grid(rows));
    INFO(listing(errors));
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].to_string() ==
          at(12, 5, "rows 1 and 2 both match hasil = tinggi, perilaku = tinggi (hit policy unique allows one row per combination)"));
    CHECK(errors[1].to_string() ==
          at(14, 5, "rows 1 and 3 both match hasil = tinggi, perilaku = rendah (hit policy unique allows one row per combination)"));
    CHECK(errors[2].to_string() ==
          at(14, 5, "rows 2 and 3 both match hasil = rendah, perilaku = tinggi (hit policy unique allows one row per combination)"));
}

TEST_CASE("a condition may list values, or leave an input open with - or by leaving it out", "[rules][decision]") {
    const auto table = valid_table(grid(R"y(  - when: {hasil: [sedang, tinggi], perilaku: "-"}
    then: {nilai: a}
  - when: {hasil: rendah, perilaku: [rendah]}
    then: {nilai: b}
  - when: {hasil: rendah, perilaku: [sedang, tinggi, sedang]}
    then: {nilai: c}
)y"));
    CHECK(table->decide({{"hasil", "sedang"}, {"perilaku", "rendah"}}).row == 1);
    CHECK(table->decide({{"hasil", "tinggi"}, {"perilaku", "tinggi"}}).row == 1);
    CHECK(table->decide({{"hasil", "rendah"}, {"perilaku", "rendah"}}).row == 2);
    CHECK(table->decide({{"hasil", "rendah"}, {"perilaku", "tinggi"}}).outputs == json{{"nilai", "c"}});
    CHECK(table->row_matches(0, {{"hasil", "tinggi"}, {"perilaku", "rendah"}}));
    CHECK_FALSE(table->row_matches(1, {{"hasil", "tinggi"}, {"perilaku", "rendah"}}));
}

// ---------------------------------------------------------------------------
// Numeric inputs

TEST_CASE("numeric intervals decide on both sides of every boundary", "[rules][decision][numeric]") {
    const auto table = valid_table(std::string(kScoreHead) + kScoreRows);
    const std::pair<double, const char*> cases[] = {
        {0, "kurang"},   {59.99, "kurang"}, {60, "cukup"},  {74.999, "cukup"},     {75, "baik"},
        {89.5, "baik"},  {90, "sangat_baik"}, {100, "sangat_baik"}};
    for (const auto& [score, expected] : cases) {
        INFO("nilai " << score);
        CHECK(table->decide({{"nilai", score}}).outputs == json{{"kategori", expected}});
    }
    CHECK(table->decide({{"nilai", 75}}).explanation == "Nilai: 75 → Kategori: baik (baris 3)");
    CHECK(table->decide({{"nilai", 92.5}}).explanation == "Nilai: 92.5 → Kategori: Sangat baik (baris 4)");
    CHECK(table->decide({{"nilai", 60}}).inputs == json{{"nilai", 60}});

    const auto refusal = [&](const json& inputs) -> std::string {
        try {
            table->decide(inputs);
        } catch (const DecisionError& e) {
            return e.what();
        }
        return "no refusal";
    };
    CHECK(refusal({{"nilai", 100.5}}) == "tabel keputusan 'kategori_nilai': masukan 'nilai' = 100.5 di luar rentang [0..100]");
    CHECK(refusal({{"nilai", -1}}) == "tabel keputusan 'kategori_nilai': masukan 'nilai' = -1 di luar rentang [0..100]");
    CHECK(refusal({{"nilai", "85"}}) == "tabel keputusan 'kategori_nilai': masukan 'nilai' harus angka, bukan \"85\"");
}

TEST_CASE("numeric conditions: a number, comparisons and intervals with open and closed ends", "[rules][decision][numeric]") {
    const auto table = valid_table(R"y(id: tunjangan
title: Tunjangan masa kerja
hit_policy: first
inputs:
  masa_kerja: {label: Masa kerja (tahun), type: number}
  status: {label: Status, values: [pppk, pppk_paruh_waktu]}
outputs:
  persen: {label: Persen tunjangan}
  golongan: {label: Golongan}
rows:
  - when: {masa_kerja: 0}
    then: {persen: 0, golongan: baru}
  - when: {masa_kerja: "<= 2", status: pppk_paruh_waktu}
    then: {persen: 2.5, golongan: awal}
  - when: {masa_kerja: "(0..5]"}
    then: {persen: 5, golongan: awal}
  - when: {masa_kerja: "> 5"}
    then: {persen: 10, golongan: "007"}
  - then: {persen: -1, golongan: tidak_sah}
)y");
    const auto decide = [&](double years, const char* status) {
        return table->decide({{"masa_kerja", years}, {"status", status}});
    };
    CHECK(decide(0, "pppk").outputs == json{{"persen", 0}, {"golongan", "baru"}});
    CHECK(decide(2, "pppk_paruh_waktu").outputs == json{{"persen", 2.5}, {"golongan", "awal"}});
    CHECK(decide(2, "pppk").outputs == json{{"persen", 5}, {"golongan", "awal"}});
    CHECK(decide(5, "pppk").row == 3);
    CHECK(decide(5.01, "pppk").outputs == json{{"persen", 10}, {"golongan", "007"}});
    CHECK(decide(-3, "pppk").row == 5);
    CHECK(decide(2.5, "pppk_paruh_waktu").explanation ==
          "Masa kerja (tahun): 2.5; Status: pppk_paruh_waktu → Persen tunjangan: 5; Golongan: awal (baris 3)");

    NumericRange range;
    CHECK(range.to_string() == "-");
    range.low = NumericBound{75, true};
    CHECK(range.to_string() == ">= 75");
    range.high = NumericBound{85, false};
    CHECK(range.to_string() == "[75..85)");
    CHECK(range.contains(75));
    CHECK_FALSE(range.contains(85));
    CHECK(decision_value_text(json(85.0)) == "85");
    CHECK(decision_value_text(json(0.5)) == "0.5");
}

TEST_CASE("gaps on numeric inputs are found at boundaries and between them", "[rules][decision][numeric][errors]") {
    SECTION("one boundary left out") {
        CHECK(single_error(std::string(kScoreHead) + R"y(  - when: {nilai: "< 75"}
    then: {kategori: kurang}
  - when: {nilai: "(75..100]"}
    then: {kategori: baik}
)y") == at(7, 1, "no row matches nilai = 75"));
    }
    SECTION("a stretch between two intervals") {
        CHECK(single_error(std::string(kScoreHead) + R"y(  - when: {nilai: "[0..75]"}
    then: {kategori: kurang}
  - when: {nilai: "[80..100]"}
    then: {kategori: baik}
)y") == at(7, 1, "no row matches nilai in (75..80)"));
    }
    SECTION("below and above when the input has no min and max") {
        const auto errors = table_errors(R"y(id: tanpa_batas
title: Tanpa batas
inputs:
  x: {label: X, type: number}
outputs:
  y: {label: Y}
rows:
  - when: {x: "[1..2]"}
    then: {y: 1}
)y");
        INFO(listing(errors));
        REQUIRE(errors.size() == 2);
        CHECK(errors[0].to_string() == at(7, 1, "no row matches x < 1"));
        CHECK(errors[1].to_string() == at(7, 1, "no row matches x > 2"));
    }
}

// ---------------------------------------------------------------------------
// Mistakes, each at its place

TEST_CASE("a gap: a combination no row matches, at the rows key", "[rules][decision][errors]") {
    CHECK(single_error(grid(R"y(  - when: {hasil: tinggi}
    then: {nilai: a}
  - when: {hasil: sedang, perilaku: [sedang, tinggi]}
    then: {nilai: b}
  - when: {hasil: rendah}
    then: {nilai: c}
)y")) == at(9, 1, "no row matches hasil = sedang, perilaku = rendah"));
}

TEST_CASE("gaps are listed up to five, then counted", "[rules][decision][errors]") {
    const auto errors = table_errors(grid(R"y(  - when: {hasil: tinggi, perilaku: tinggi}
    then: {nilai: a}
)y"));
    INFO(listing(errors));
    REQUIRE(errors.size() == 6);
    CHECK(errors[0].to_string() == at(9, 1, "no row matches hasil = rendah, perilaku = rendah"));
    CHECK(errors[4].to_string() == at(9, 1, "no row matches hasil = sedang, perilaku = sedang"));
    CHECK(errors[5].to_string() == at(9, 1, "and 3 more combinations match no row"));
}

TEST_CASE("an overlap under hit policy unique, at the later row", "[rules][decision][errors]") {
    CHECK(single_error(grid(R"y(  - when: {hasil: [rendah, sedang]}
    then: {nilai: a}
  - when: {hasil: tinggi}
    then: {nilai: b}
  - when: {hasil: sedang, perilaku: tinggi}
    then: {nilai: c}
)y")) == at(14, 5,
             "rows 1 and 3 both match hasil = sedang, perilaku = tinggi (hit policy unique allows one row per combination)"));
}

TEST_CASE("a row that can never be chosen under hit policy first", "[rules][decision][errors]") {
    CHECK(single_error(grid(R"y(  - when: {hasil: tinggi}
    then: {nilai: a}
  - then: {nilai: b}
  - when: {hasil: sedang, perilaku: rendah}
    then: {nilai: c}
)y",
                            "first")) ==
          at(13, 5, "row 3 can never be chosen: the rows before it match every combination it matches (hit policy first)"));
}

TEST_CASE("an unknown input in a row", "[rules][decision][errors]") {
    CHECK(single_error(grid(R"y(  - when: {hasil: tinggi, sikap: baik}
    then: {nilai: a}
  - then: {nilai: b}
)y",
                            "first")) == at(10, 27, "unknown input 'sikap' in 'when' (inputs: hasil, perilaku)"));
}

TEST_CASE("a value that is not one of the input's values", "[rules][decision][errors]") {
    CHECK(single_error(grid(R"y(  - when: {hasil: [tinggi, sangat_tinggi]}
    then: {nilai: a}
  - then: {nilai: b}
)y",
                            "first")) ==
          at(10, 28, "'sangat_tinggi' is not a value of input 'hasil' (values: rendah, sedang, tinggi)"));
}

TEST_CASE("a bad numeric condition, an empty interval and one outside the input's range", "[rules][decision][errors]") {
    const auto errors = table_errors(std::string(kScoreHead) + R"y(  - when: {nilai: "[75..85"}
    then: {kategori: kurang}
  - when: {nilai: "[85..75]"}
    then: {kategori: cukup}
  - when: {nilai: ">= 120"}
    then: {kategori: baik}
  - when: {nilai: "< 0"}
    then: {kategori: baik}
  - when: {nilai: [60, 70]}
    then: {kategori: baik}
)y");
    INFO(listing(errors));
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].to_string() ==
          at(8, 19, "'[75..85' is not a numeric condition on input 'nilai' (expected a number, a comparison like \">= 85\" "
                    "or an interval like \"[75..85)\", in quotes)"));
    CHECK(errors[1].to_string() == at(10, 19, "interval '[85..75]' of input 'nilai' holds no number"));
    CHECK(errors[2].to_string() == at(12, 19, "condition '>= 120' is outside the range of input 'nilai' [0..100]"));
    CHECK(errors[3].to_string() == at(14, 19, "condition '< 0' is outside the range of input 'nilai' [0..100]"));
    CHECK(errors[4].to_string() ==
          at(16, 19, "'...' is not a numeric condition on input 'nilai' (expected a number, a comparison like \">= 85\" "
                     "or an interval like \"[75..85)\", in quotes)"));
}

TEST_CASE("outputs: every one set, and from its values when it lists them", "[rules][decision][errors]") {
    const auto errors = table_errors(std::string(kScoreHead) + R"y(  - when: {nilai: "< 60"}
    then: {}
  - when: {nilai: ">= 60"}
    then: {kategori: luar_biasa, bonus: 1}
)y");
    INFO(listing(errors));
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].to_string() == at(9, 11, "row 1 does not set output 'kategori'"));
    CHECK(errors[1].to_string() ==
          at(11, 22, "'luar_biasa' is not a value of output 'kategori' (values: kurang, cukup, baik, sangat_baik)"));
    CHECK(errors[2].to_string() == at(11, 34, "unknown output 'bonus' in 'then' (outputs: kategori)"));
}

TEST_CASE("unknown keys, a bad hit policy and bad names, all in one pass", "[rules][decision][errors]") {
    const auto errors = table_errors(R"y(id: Contoh-Tabel
title: Contoh
hit_policy: any
catatan: tidak dikenal
inputs:
  hasil: {label: Hasil, values: [rendah, Tinggi], warna: merah}
  nilai: {label: Nilai, type: angka}
outputs:
  keluaran: {label: Keluaran, labels: {a: A}}
rows:
  - when: {hasil: rendah}
    then: {keluaran: a}
    catatan: x
  - when: {nilai: 5}
    then: {keluaran: b}
)y");
    INFO(listing(errors));
    REQUIRE(errors.size() == 8);
    CHECK(errors[0].to_string() ==
          at(4, 1, "unknown key 'catatan' in the decision table (expected one of: id, title, description, hit_policy, inputs, outputs, rows)"));
    CHECK(errors[1].to_string() == at(1, 5, "decision table id 'Contoh-Tabel' must match [a-z][a-z0-9_]*"));
    CHECK(errors[2].to_string() == at(3, 13, "unknown hit policy 'any' (expected unique or first)"));
    CHECK(errors[3].to_string() ==
          at(6, 51, "unknown key 'warna' in input 'hasil' (expected one of: label, type, values, labels, min, max)"));
    CHECK(errors[4].to_string() == at(6, 42, "value 'Tinggi' of input 'hasil' must match [a-z][a-z0-9_]*"));
    CHECK(errors[5].to_string() ==
          at(7, 31, "unknown input type 'angka' (the one type is number; an input with 'values' needs no type)"));
    CHECK(errors[6].to_string() == at(9, 39, "'labels' of output 'keluaran' needs 'values'"));
    CHECK(errors[7].to_string() == at(13, 5, "unknown key 'catatan' in row 1 (expected one of: when, then, note)"));
}

TEST_CASE("limits: rows, inputs, values, outputs and combinations to check", "[rules][decision][errors][limits]") {
    SECTION("more than 1000 rows") {
        std::string rows;
        for (int i = 0; i < 1001; ++i) rows += "  - then: {kategori: kurang}\n";
        CHECK(single_error(std::string(kScoreHead) + rows) == at(7, 1, "'rows' has 1001 rows; at most 1000 are allowed"));
    }
    SECTION("more than 16 inputs") {
        std::string yaml = "id: besar\ntitle: Besar\ninputs:\n";
        for (int i = 0; i < 17; ++i) yaml += "  m" + std::to_string(i) + ": {label: M, type: number}\n";
        yaml += "outputs:\n  y: {label: Y}\nrows:\n  - then: {y: 1}\n";
        CHECK(single_error(yaml) == at(3, 1, "'inputs' has 17 inputs; at most 16 are allowed"));
    }
    SECTION("more than 200 values of an input") {
        std::string values;
        for (int i = 0; i < 201; ++i) values += (i ? ", v" : "v") + std::to_string(i);
        CHECK(single_error("id: besar\ntitle: Besar\ninputs:\n  x:\n    label: X\n    values: [" + values +
                           "]\noutputs:\n  y: {label: Y}\nrows:\n  - then: {y: 1}\n") ==
              at(6, 13, "'values' of input 'x' has 201 values; at most 200 are allowed"));
    }
    SECTION("more than 8 outputs") {
        std::string yaml = "id: besar\ntitle: Besar\ninputs:\n  x: {label: X, type: number}\noutputs:\n";
        for (int i = 0; i < 9; ++i) yaml += "  y" + std::to_string(i) + ": {label: Y}\n";
        yaml += "rows:\n  - then: {y0: 1}\n";
        CHECK(single_error(yaml) == at(5, 1, "'outputs' has 9 outputs; at most 8 are allowed"));
    }
    SECTION("too many combinations to check") {
        std::string values;
        for (int i = 0; i < 200; ++i) values += (i ? ", v" : "v") + std::to_string(i);
        std::string yaml = "id: besar\ntitle: Besar\ninputs:\n";
        for (const char* name : {"a", "b", "c"}) yaml += "  " + std::string(name) + ": {label: X, values: [" + values + "]}\n";
        yaml += "outputs:\n  y: {label: Y}\nrows:\n  - then: {y: 1}\n";
        CHECK(single_error(yaml) ==
              at(3, 1, "the table is too large to check: its inputs make more than 1000000 combinations of values (each "
                       "value, and for a numeric input each boundary its rows use and each stretch between two)"));
    }
}

TEST_CASE("a table of a million combinations and a thousand rows is checked whole", "[rules][decision][limits]") {
    // 200 x 200 x 25 values; rows 1..999 each pick one value of a, the last
    // matches everything: hit policy first, no gap, no hidden row.
    std::string values;
    for (int i = 0; i < 200; ++i) values += (i ? ", v" : "v") + std::to_string(i);
    std::string yaml = "id: besar\ntitle: Besar\nhit_policy: first\ninputs:\n  a: {label: A, values: [" + values +
                       "]}\n  b: {label: B, values: [" + values + "]}\n  c: {label: C, values: [" +
                       values.substr(0, values.find(", v25")) + "]}\noutputs:\n  y: {label: Y}\nrows:\n";
    for (int i = 0; i < 199; ++i) yaml += "  - {when: {a: v" + std::to_string(i) + "}, then: {y: " + std::to_string(i) + "}}\n";
    for (int i = 0; i < 800; ++i)
        yaml += "  - {when: {a: v199, b: v" + std::to_string(i / 4) + ", c: [v" + std::to_string(i % 4) + "]}, then: {y: 0}}\n";
    yaml += "  - then: {y: -1}\n";
    // How long the check takes is a benchmark's business, not this test's.
    const auto table = valid_table(yaml);
    CHECK(table->rows.size() == 1000);
    CHECK(table->decide({{"a", "v199"}, {"b", "v199"}, {"c", "v24"}}).row == 1000);
}

TEST_CASE("overlapping pairs of a thousand rows are named up to twenty, then counted", "[rules][decision][limits]") {
    // Rows alternate between two halves of 200 values: every two rows of a
    // half overlap (249,500 pairs), no row of one half meets the other.
    std::string low, high;
    for (int i = 0; i < 100; ++i) {
        low += (i ? ", v" : "v") + std::to_string(i);
        high += (i ? ", v" : "v") + std::to_string(i + 100);
    }
    std::string yaml = "id: besar\ntitle: Besar\ninputs:\n  a: {label: A, values: [" + low + ", " + high +
                       "]}\noutputs:\n  y: {label: Y}\nrows:\n";
    for (int i = 0; i < 1000; ++i) yaml += "  - {when: {a: [" + (i % 2 ? high : low) + "]}, then: {y: 1}}\n";
    const auto errors = table_errors(yaml);
    REQUIRE(errors.size() == 21);
    CHECK(errors[0].to_string() ==
          at(10, 5, "rows 1 and 3 both match a = v0 (hit policy unique allows one row per combination)"));
    CHECK(errors[20].to_string() == at(7, 1, "and 249480 more pairs of rows match the same combination"));
}

TEST_CASE("a table file that is not UTF-8 is refused at the byte", "[rules][decision][errors][limits]") {
    // Columns count bytes: the é of "Café" takes two.
    CHECK(single_error("id: contoh\ntitle: Caf\xc3\xa9 \xff\n") == at(2, 14, "the file is not UTF-8 text here"));
}

// ---------------------------------------------------------------------------
// National defaults and a regency's own tables

namespace {

constexpr const char* kHolidays = "title: Hari libur uji\nholidays:\n  - {date: 2025-03-31, name: Idul Fitri, kind: libur}\n";

// Kapuas' own predikat table: "sesuai" results with "di atas" behaviour
// count as sangat baik here.
constexpr const char* kKapuasPredikat = R"y(id: predikat_kinerja
title: Predikat kinerja (Kapuas)
hit_policy: first
inputs:
  hasil_kerja: {label: Hasil kerja, values: [di_bawah_ekspektasi, sesuai_ekspektasi, di_atas_ekspektasi]}
  perilaku_kerja: {label: Perilaku kerja, values: [di_bawah_ekspektasi, sesuai_ekspektasi, di_atas_ekspektasi]}
outputs:
  predikat: {label: Predikat kinerja, values: [sangat_baik, baik, kurang]}
rows:
  - when: {hasil_kerja: [sesuai_ekspektasi, di_atas_ekspektasi], perilaku_kerja: di_atas_ekspektasi}
    then: {predikat: sangat_baik}
  - when: {hasil_kerja: [sesuai_ekspektasi, di_atas_ekspektasi], perilaku_kerja: sesuai_ekspektasi}
    then: {predikat: baik}
  - then: {predikat: kurang}
)y";

constexpr const char* kTunjangan = R"y(id: tunjangan
title: Tunjangan
inputs:
  masa_kerja: {label: Masa kerja, type: number, min: 0}
outputs:
  persen: {label: Persen}
rows:
  - {when: {masa_kerja: "< 5"}, then: {persen: 5}}
  - {when: {masa_kerja: ">= 5"}, then: {persen: 10}}
)y";

struct RulesWithTables {
    TempDir dir;
    std::filesystem::path rules = dir / "rules";

    explicit RulesWithTables(const std::string& kapuas_extra = "") {
        dir.write("rules/nasional/hari-libur.yaml", kHolidays);
        dir.write("rules/nasional/keputusan/predikat_kinerja.yaml",
                  tata::test::read_text(tata::test::source_dir() / "rules/nasional/keputusan/predikat_kinerja.yaml"));
        dir.write("rules/62.03/regency.yaml", "code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n" + kapuas_extra);
        dir.write("rules/64.71/regency.yaml", "code: \"64.71\"\nname: Kota Balikpapan\nzone: WITA\n");
    }
    std::string kapuas_file() const { return (rules / "62.03" / "regency.yaml").string(); }

    std::vector<Diagnostic> errors() const {
        try {
            DefinitionSources sources;
            sources.rules = {rules};
            load_definitions(sources);
        } catch (const ValidationError& e) {
            return e.diagnostics();
        }
        FAIL("the rules were accepted but should have been refused");
        return {};
    }
};

std::shared_ptr<const DefinitionSet> load_rules(const std::filesystem::path& rules) {
    DefinitionSources sources;
    sources.rules = {rules};
    try {
        return load_definitions(sources);
    } catch (const ValidationError& e) {
        FAIL("rules refused:\n" << e.what());
    }
    return nullptr;
}

}  // namespace

TEST_CASE("every regency decides with the national tables unless it names its own", "[rules][decision][regency]") {
    RulesWithTables tree("decision_tables:\n  predikat_kinerja: keputusan/predikat.yaml\n  tunjangan: tunjangan.yaml\n");
    tree.dir.write("rules/62.03/keputusan/predikat.yaml", kKapuasPredikat);
    tree.dir.write("rules/62.03/tunjangan.yaml", kTunjangan);
    const auto set = load_rules(tree.rules);
    REQUIRE(set);
    const Regency* kapuas = set->find_regency("62.03");
    const Regency* balikpapan = set->find_regency("64.71");
    REQUIRE(kapuas);
    REQUIRE(balikpapan);

    const DecisionTable* national = balikpapan->find_decision_table("predikat_kinerja");
    const DecisionTable* own = kapuas->find_decision_table("predikat_kinerja");
    REQUIRE(national);
    REQUIRE(own);
    CHECK(national->title == "Predikat kinerja pegawai");
    CHECK(national->where.file == (tree.rules / "nasional" / "keputusan" / "predikat_kinerja.yaml").string());
    CHECK(own->title == "Predikat kinerja (Kapuas)");
    CHECK(own->where.file == (tree.rules / "62.03" / "keputusan" / "predikat.yaml").string());
    const json cell = {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "di_atas_ekspektasi"}};
    CHECK(national->decide(cell).outputs == json{{"predikat", "baik"}});
    CHECK(own->decide(cell).outputs == json{{"predikat", "sangat_baik"}});

    // A table only Kapuas has.
    REQUIRE(kapuas->find_decision_table("tunjangan"));
    CHECK(kapuas->find_decision_table("tunjangan")->decide({{"masa_kerja", 5}}).outputs == json{{"persen", 10}});
    CHECK(balikpapan->find_decision_table("tunjangan") == nullptr);
    CHECK(balikpapan->decision_tables.size() == 1);
}

TEST_CASE("the shipped regencies decide with the national predikat table", "[rules][decision][regency]") {
    const auto set = load_rules(tata::test::source_dir() / "rules");
    REQUIRE(set);
    REQUIRE_FALSE(set->regencies.empty());
    for (const auto& [code, regency] : set->regencies) {
        INFO(code);
        const DecisionTable* table = regency.find_decision_table("predikat_kinerja");
        REQUIRE(table);
        CHECK(table->decide({{"hasil_kerja", "di_atas_ekspektasi"}, {"perilaku_kerja", "di_atas_ekspektasi"}}).outputs ==
              json{{"predikat", "sangat_baik"}});
    }
}

TEST_CASE("mistakes in a regency's decision_tables and in table files", "[rules][decision][regency][errors]") {
    SECTION("the id differs from the key") {
        RulesWithTables tree("decision_tables:\n  predikat_kinerja: predikat.yaml\n");
        std::string other = kKapuasPredikat;
        other.replace(0, std::string("id: predikat_kinerja").size(), "id: predikat_lain");
        tree.dir.write("rules/62.03/predikat.yaml", other);
        const auto errors = tree.errors();
        INFO(listing(errors));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() == (tree.rules / "62.03" / "predikat.yaml").string() +
                                           ":1:5: error: decision table id 'predikat_lain' does not match its key "
                                           "'predikat_kinerja' in decision_tables of " +
                                           tree.kapuas_file());
    }
    SECTION("a file that does not exist, one outside the folder, a bad id") {
        RulesWithTables tree("decision_tables:\n  predikat_kinerja: tidak_ada.yaml\n  tunjangan: ../64.71/regency.yaml\n"
                             "  Tunjangan: tunjangan.yaml\n");
        const auto errors = tree.errors();
        INFO(listing(errors));
        REQUIRE(errors.size() == 3);
        CHECK(errors[0].to_string() == tree.kapuas_file() +
                                           ":5:21: error: decision table file 'tidak_ada.yaml' does not exist (" +
                                           (tree.rules / "62.03" / "tidak_ada.yaml").string() + ")");
        CHECK(errors[1].to_string() == tree.kapuas_file() +
                                           ":6:14: error: decision table file '../64.71/regency.yaml' must be a .yaml "
                                           "file inside rules/62.03/ (a relative path, without '..')");
        CHECK(errors[2].to_string() == tree.kapuas_file() +
                                           ":7:3: error: decision table id 'Tunjangan' must match [a-z][a-z0-9_]*");
    }
    SECTION("a national table whose id is not its file name") {
        RulesWithTables tree;
        tree.dir.write("rules/nasional/keputusan/tunjangan_pppk.yaml", kTunjangan);
        const auto errors = tree.errors();
        INFO(listing(errors));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() == (tree.rules / "nasional" / "keputusan" / "tunjangan_pppk.yaml").string() +
                                           ":1:5: error: decision table id 'tunjangan' does not match its file name "
                                           "'tunjangan_pppk.yaml'");
    }
    SECTION("a mistake in a regency's own table is that file's error") {
        RulesWithTables tree("decision_tables:\n  tunjangan: tunjangan.yaml\n");
        std::string broken = kTunjangan;
        broken.replace(broken.find("\"< 5\""), 5, "\"< 4\"");
        tree.dir.write("rules/62.03/tunjangan.yaml", broken);
        const auto errors = tree.errors();
        INFO(listing(errors));
        REQUIRE(errors.size() == 2);
        const std::string file = (tree.rules / "62.03" / "tunjangan.yaml").string();
        CHECK(errors[0].to_string() == file + ":7:1: error: no row matches masa_kerja = 4");
        CHECK(errors[1].to_string() == file + ":7:1: error: no row matches masa_kerja in (4..5)");
    }
}
