// `decide:` in workflows (docs/workflows.md, "Decisions"): the engine looks
// the case data up in the regency's decision table, writes the outputs and
// data.keputusan.<table>, rolls them back with the rest of a failing step,
// parks the case on a value the table does not know, and refuses at load a
// workflow naming a table or an input that does not exist.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor atasan{"rina", "officer"};

// The supervisor rates; an auto state decides the predikat and branches on it.
const char* const kPenilaianYaml = R"y(id: penilaian
version: 1
title: Penilaian kinerja
start: nilai
states:
  nilai:
    kind: task
    title: Penilaian oleh atasan
    role: officer
    form:
      hasil_kerja: {type: choice, required: true, options: [di_bawah_ekspektasi, sesuai_ekspektasi, di_atas_ekspektasi]}
      perilaku_kerja: {type: choice, required: true, options: [di_bawah_ekspektasi, sesuai_ekspektasi, di_atas_ekspektasi]}
    outcomes:
      simpan: tetapkan
  tetapkan:
    kind: auto
    decide: [{table: predikat_kinerja}]
    next:
      - when: "predikat == 'sangat_baik'"
        to: istimewa
      - to: selesai
  istimewa: {kind: end, result: sangat_baik}
  selesai: {kind: end, result: dinilai}
)y";

// Other field names, mapped; decided in a task state after on_enter.
const char* const kPetakanYaml = R"y(id: penilaian_petakan
version: 1
title: Penilaian dengan nama lain
start: periksa
states:
  periksa:
    kind: task
    title: Periksa predikat
    role: officer
    on_enter:
      - action: core.set
        with: {diperiksa: true}
    decide:
      - table: predikat_kinerja
        inputs: {hasil_kerja: rating_hasil, perilaku_kerja: rating_perilaku}
        outputs: {predikat: predikat_akhir}
    outcomes:
      setuju: akhir
  akhir: {kind: end, result: selesai}
)y";

// on_enter marks the data, then the decision: a failure must undo both.
const char* const kGagalYaml = R"y(id: penilaian_gagal
version: 1
title: Penilaian yang gagal
start: tetapkan
states:
  tetapkan:
    kind: auto
    on_enter:
      - action: core.set
        with: {ditandai: true}
    decide: [{table: predikat_kinerja}]
    next: [{to: selesai}]
  selesai: {kind: end, result: dinilai}
)y";

// The decision succeeds, then the branch condition cannot be evaluated.
const char* const kSesudahnyaGagalYaml = R"y(id: gagal_sesudahnya
version: 1
title: Gagal sesudah keputusan
start: tetapkan
states:
  tetapkan:
    kind: auto
    decide: [{table: predikat_kinerja}]
    next:
      - when: "nil_value + 1 > 0"
        to: selesai
      - to: selesai
  selesai: {kind: end, result: dinilai}
)y";

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-06-02T09:00:00+07:00"));
    std::unique_ptr<Engine> engine;

    Fixture() {
        engine = std::make_unique<Engine>(engine_options(
            dir,
            {dir.write("wf/penilaian.yaml", kPenilaianYaml), dir.write("wf/petakan.yaml", kPetakanYaml),
             dir.write("wf/gagal.yaml", kGagalYaml), dir.write("wf/sesudahnya.yaml", kSesudahnyaGagalYaml)},
            clock));
    }
};

std::vector<std::string> types_of(const std::vector<EventRecord>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.type);
    return out;
}

std::string listing(const std::vector<Diagnostic>& errors) {
    std::ostringstream out;
    for (const auto& d : errors) out << d.to_string() << "\n";
    return out.str();
}

// The diagnostics of loading one workflow file with `rules`.
std::vector<Diagnostic> load_errors(const fs::path& workflow, const fs::path& rules) {
    DefinitionSources sources;
    sources.workflows = {workflow};
    sources.rules = {rules};
    sources.plugins = {core_plugin_dir()};
    try {
        load_definitions(sources);
    } catch (const ValidationError& e) {
        return e.diagnostics();
    }
    FAIL("the workflow was accepted but should have been refused");
    return {};
}

}  // namespace

TEST_CASE("a workflow decides the predikat from the supervisor's ratings and branches on it", "[runtime][decide]") {
    Fixture f;
    Engine& engine = *f.engine;

    const CaseId sangat_baik = engine.create_case("penilaian", "62.03", {{"nama", "Siti"}}, atasan).record.id;
    const AdvanceResult top = engine.fire(
        sangat_baik, "simpan", {{"hasil_kerja", "di_atas_ekspektasi"}, {"perilaku_kerja", "di_atas_ekspektasi"}}, atasan);
    REQUIRE_FALSE(top.incident);
    CHECK(top.record.status == CaseStatus::completed);
    CHECK(top.record.result == "sangat_baik");
    CHECK(top.record.data["predikat"] == "sangat_baik");
    CHECK(top.record.data["keputusan"]["predikat_kinerja"]["hasil"] == json{{"predikat", "sangat_baik"}});
    CHECK(types_of(engine.history(sangat_baik)) == std::vector<std::string>{"created", "fired", "auto"});

    const CaseId baik = engine.create_case("penilaian", "62.03", {{"nama", "Rudi"}}, atasan).record.id;
    const CaseRecord done =
        engine.fire(baik, "simpan", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "di_atas_ekspektasi"}}, atasan)
            .record;
    CHECK(done.result == "dinilai");
    CHECK(done.data["predikat"] == "baik");
    CHECK(done.data["keputusan"] ==
          json{{"predikat_kinerja",
                {{"tabel", "Predikat kinerja pegawai"},
                 {"baris", 2},
                 {"masukan", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "di_atas_ekspektasi"}}},
                 {"hasil", {{"predikat", "baik"}}},
                 {"label_masukan", {{"hasil_kerja", "Sesuai ekspektasi"}, {"perilaku_kerja", "Di atas ekspektasi"}}},
                 {"label_hasil", {{"predikat", "Baik"}}},
                 {"keterangan",
                  "Hasil kerja: Sesuai ekspektasi; Perilaku kerja: Di atas ekspektasi → Predikat kinerja: Baik (baris 2)"},
                 {"catatan", "Hasil kerja sesuai ekspektasi, perilaku kerja sesuai atau di atas ekspektasi"}}}});
    // What is stored is what was returned.
    CHECK(engine.get_case(baik).data == done.data);
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("decide maps table inputs and outputs to other data fields, in a task state after on_enter", "[runtime][decide]") {
    Fixture f;
    const AdvanceResult created = f.engine->create_case(
        "penilaian_petakan", "64.71",
        {{"rating_hasil", "di_bawah_ekspektasi"}, {"rating_perilaku", "di_bawah_ekspektasi"}}, atasan);
    REQUIRE_FALSE(created.incident);
    const CaseRecord& record = created.record;
    CHECK(record.state == "periksa");
    CHECK(record.open_tasks.size() == 1);
    CHECK(record.data["diperiksa"] == true);
    CHECK(record.data["predikat_akhir"] == "sangat_kurang");
    CHECK_FALSE(record.data.contains("predikat"));
    CHECK(record.data["keputusan"]["predikat_kinerja"]["masukan"] ==
          json{{"hasil_kerja", "di_bawah_ekspektasi"}, {"perilaku_kerja", "di_bawah_ekspektasi"}});
    CHECK(record.data["keputusan"]["predikat_kinerja"]["baris"] == 6);
}

TEST_CASE("a value the table does not know parks the case - its step's changes are undone, a retry decides",
          "[runtime][decide][incident]") {
    Fixture f;
    Engine& engine = *f.engine;
    const json data = {{"hasil_kerja", "luar_biasa"}, {"perilaku_kerja", "sesuai_ekspektasi"}};
    const AdvanceResult created = engine.create_case("penilaian_gagal", "62.03", data, atasan);
    REQUIRE(created.incident);
    CHECK(created.incident->state == "tetapkan");
    CHECK(created.incident->action == "decide: predikat_kinerja");
    CHECK(created.incident->message ==
          "tabel keputusan 'predikat_kinerja': nilai 'luar_biasa' untuk masukan 'hasil_kerja' tidak dikenal (pilihan: "
          "di_bawah_ekspektasi, sesuai_ekspektasi, di_atas_ekspektasi)");
    const CaseId id = created.record.id;
    CaseRecord parked = engine.get_case(id);
    CHECK(parked.status == CaseStatus::incident);
    CHECK(parked.data == data);  // on_enter's mark is gone with the step

    // The officer corrects the rating and retries: the step runs again.
    engine.update_data(id, {{"hasil_kerja", "sesuai_ekspektasi"}}, atasan);
    const AdvanceResult retried = engine.retry(id, atasan);
    REQUIRE_FALSE(retried.incident);
    CHECK(retried.record.status == CaseStatus::completed);
    CHECK(retried.record.data["ditandai"] == true);
    CHECK(retried.record.data["predikat"] == "baik");

    // A missing input names the data field.
    const AdvanceResult missing =
        engine.create_case("penilaian_gagal", "62.03", {{"hasil_kerja", "sesuai_ekspektasi"}}, atasan);
    REQUIRE(missing.incident);
    CHECK(missing.incident->message ==
          "tabel keputusan 'predikat_kinerja': data 'perilaku_kerja' (Perilaku kerja) belum diisi");
    CHECK(engine.get_case(missing.record.id).data == json{{"hasil_kerja", "sesuai_ekspektasi"}});
}

TEST_CASE("a decision is rolled back when a later part of its step fails", "[runtime][decide][incident]") {
    Fixture f;
    const json data = {{"hasil_kerja", "di_atas_ekspektasi"},
                       {"perilaku_kerja", "di_atas_ekspektasi"},
                       {"predikat", "lama"},
                       {"keputusan", {{"tabel_lain", {{"baris", 1}}}}}};
    const AdvanceResult created = f.engine->create_case("gagal_sesudahnya", "62.03", data, atasan);
    REQUIRE(created.incident);
    CHECK(created.incident->action == "when: nil_value + 1 > 0");
    CHECK(f.engine->get_case(created.record.id).data == data);
    CHECK(created.record.data == data);
}

TEST_CASE("a workflow naming an unknown table, input or output is refused at load, at its decide entry",
          "[runtime][decide][definitions]") {
    TempDir dir;
    const auto workflow = [&](const std::string& decide) {
        return dir.write("wf/uji.yaml", "id: uji\nversion: 1\ntitle: Uji\nstart: tetapkan\nstates:\n  tetapkan:\n"
                                        "    kind: auto\n    decide:\n" +
                                            decide + "    next: [{to: selesai}]\n  selesai: {kind: end, result: ok}\n");
    };
    const std::string table_file = (fixture_rules() / "nasional" / "keputusan" / "predikat_kinerja.yaml").string();

    SECTION("an unknown table") {
        const fs::path file = workflow("      - table: predikat_pegawai\n");
        const auto errors = load_errors(file, fixture_rules());
        INFO(listing(errors));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() == file.string() +
                                           ":9:9: error: unknown decision table 'predikat_pegawai' in state 'tetapkan': "
                                           "no rules/nasional/keputusan/predikat_pegawai.yaml and no regency names it "
                                           "in decision_tables");
    }
    SECTION("an input and an output the table does not have") {
        const fs::path file = workflow("      - {table: predikat_kinerja, inputs: {hasil: nilai_hasil}, outputs: {nilai: x}}\n");
        const auto errors = load_errors(file, fixture_rules());
        INFO(listing(errors));
        REQUIRE(errors.size() == 2);
        CHECK(errors[0].to_string() == file.string() + ":9:9: error: decision table 'predikat_kinerja' (" + table_file +
                                           ") has no input 'hasil' (inputs: hasil_kerja, perilaku_kerja)");
        CHECK(errors[1].to_string() == file.string() + ":9:9: error: decision table 'predikat_kinerja' (" + table_file +
                                           ") has no output 'nilai' (outputs: predikat)");
    }
    SECTION("the shape of decide itself") {
        const fs::path file = workflow("      - {table: predikat_kinerja, outputs: {predikat: keputusan}, tabel: x}\n"
                                       "      - predikat_kinerja\n");
        const auto errors = load_errors(file, fixture_rules());
        INFO(listing(errors));
        REQUIRE(errors.size() == 3);
        CHECK(errors[0].to_string() == file.string() +
                                           ":9:67: error: unknown key 'tabel' in a decision (expected one of: table, "
                                           "inputs, outputs)");
        CHECK(errors[1].to_string() == file.string() +
                                           ":9:55: error: data field 'keputusan' holds the explanations of decisions; "
                                           "choose another field");
        CHECK(errors[2].to_string() == file.string() + ":10:9: error: a decision must be a mapping");
    }
    SECTION("a table that does not load is reported once, not again by the workflows deciding with it") {
        TempDir rules;
        rules.write("nasional/hari-libur.yaml", read_text(fixture_rules() / "nasional" / "hari-libur.yaml"));
        std::string table = read_text(fixture_rules() / "nasional" / "keputusan" / "predikat_kinerja.yaml");
        table.replace(table.find("hit_policy: unique"), 18, "hit_policy: semua");
        const fs::path broken = rules.write("nasional/keputusan/predikat_kinerja.yaml", table);
        rules.write("62.03/regency.yaml", "code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n");
        const auto errors = load_errors(workflow("      - table: predikat_kinerja\n"), rules.path());
        INFO(listing(errors));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].where.file == broken.string());
        CHECK(errors[0].message == "unknown hit policy 'semua' (expected unique or first)");
    }
    SECTION("a table that one regency has and another lacks") {
        TempDir rules;
        rules.write("nasional/hari-libur.yaml", read_text(fixture_rules() / "nasional" / "hari-libur.yaml"));
        rules.write("62.03/regency.yaml", "code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n"
                                          "decision_tables: {predikat_kinerja: predikat.yaml}\n");
        rules.write("62.03/predikat.yaml", read_text(fixture_rules() / "nasional" / "keputusan" / "predikat_kinerja.yaml"));
        rules.write("64.71/regency.yaml", "code: \"64.71\"\nname: Kota Balikpapan\nzone: WITA\n");
        const fs::path file = workflow("      - table: predikat_kinerja\n");
        const auto errors = load_errors(file, rules.path());
        INFO(listing(errors));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() == file.string() +
                                           ":9:9: error: decision table 'predikat_kinerja' in state 'tetapkan' is not "
                                           "defined for regency 64.71 (no rules/nasional/keputusan/predikat_kinerja.yaml "
                                           "beside it and not in its decision_tables)");
    }
}
