// Advancing cases through every kind of state, on a real SQLite file with the
// real core and counter plugins: auto chains, tasks, wait states, end states,
// guards, forms, roles, versions, refusals that write nothing, and batches.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};
const Actor opd_head{"sari", "opd_head"};
const Actor bkad{"rina", "bkad"};

// Every kind of state: two chained auto states (with on_enter and actions),
// a task with a form and two roles, a wait state with a role event and a
// system-only event, and two end states.
const char* const kFlowYaml = R"(id: alur
version: 1
title: Alur uji
start: mulai
states:
  mulai:
    kind: auto
    on_enter:
      - counter.increment
    actions:
      - action: counter.increment
        with: {by: 10}
    next:
      - to: hitung
  hitung:
    kind: auto
    actions:
      - counter.describe_call
    next:
      - to: periksa
  periksa:
    kind: task
    title: Periksa berkas
    role: [officer, opd_head]
    form:
      catatan: {type: text}
    outcomes:
      setuju:
        form:
          nilai: {type: integer, required: true, min: 0, max: 100}
        to: tunggu
      tolak: ditolak
  tunggu:
    kind: wait
    title: Menunggu konfirmasi
    events:
      lanjut:
        role: officer
        to: selesai
      sistem: selesai
  selesai:
    kind: end
    result: verified
  ditolak:
    kind: end
    result: rejected
)";

// Guards on an auto state and on an outcome, in order, with a default.
const char* const kBranchYaml = R"(id: cabang
version: 1
title: Cabang
start: masuk
states:
  masuk:
    kind: task
    title: Masukkan nilai
    role: officer
    outcomes:
      kirim:
        form:
          nilai: {type: number, required: true}
        to: pilih
      putuskan:
        form:
          setuju: {type: boolean, required: true}
        next:
          - when: "input.setuju"
            to: baik
          - to: kurang
  pilih:
    kind: auto
    next:
      - when: "nilai >= 90"
        to: sangat_baik
      - when: "data.nilai >= 70"
        to: baik
      - to: kurang
  sangat_baik: {kind: end, result: a}
  baik: {kind: end, result: b}
  kurang: {kind: end, result: c}
)";

// A form with every field type and constraint.
const char* const kFormYaml = R"(id: formulir
version: 1
title: Formulir
start: isi
states:
  isi:
    kind: task
    title: Isi formulir
    role: officer
    form:
      catatan: {type: text}
    outcomes:
      kirim:
        form:
          nama: {type: string, required: true}
          jumlah: {type: integer, required: true, min: 1, max: 10}
          skor: {type: number, min: 0}
          setuju: {type: boolean}
          tanggal: {type: date}
          jenis: {type: choice, options: [a, b]}
          berkas: {type: document}
        to: selesai
      batal: selesai
  selesai: {kind: end, result: done}
)";

// Refusal rules: what a form's own limits cannot say.
const char* const kRefuseYaml = R"Y(id: umumkan
version: 1
title: Pengumuman
start: pengumuman
states:
  pengumuman:
    kind: task
    title: Umumkan hasil
    role: officer
    outcomes:
      umumkan:
        form:
          tanggal_pengumuman: {type: date, required: true}
          batas_sanggah: {type: date, required: true}
        refuse:
          - when: "date(input.batas_sanggah) < date(now)"
            field: batas_sanggah
            message: Batas akhir masa sanggah tidak boleh sebelum hari ini.
          - when: "input.batas_sanggah < input.tanggal_pengumuman"
            field: batas_sanggah
            message: Batas akhir masa sanggah tidak boleh sebelum tanggal pengumuman.
          - when: "data.terkunci == true"
            message: Hasil sedang dikunci oleh BKPSDM.
        to: masa_sanggah
  masa_sanggah: {kind: end, result: diumumkan}
)Y";

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-03-28T10:00:00+08:00"));
    std::unique_ptr<Engine> engine;

    Fixture() {
        const auto flow = dir.write("wf/alur.yaml", kFlowYaml);
        const auto branch = dir.write("wf/cabang.yaml", kBranchYaml);
        const auto form = dir.write("wf/formulir.yaml", kFormYaml);
        const auto refuse = dir.write("wf/umumkan.yaml", kRefuseYaml);
        engine = std::make_unique<Engine>(engine_options(dir, {flow, branch, form, refuse}, clock));
    }
};

std::vector<std::string> types_of(const std::vector<EventRecord>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.type);
    return out;
}

// Everything a refused request must leave as it was.
struct Snapshot {
    CaseRecord record;
    std::vector<EventRecord> events;
};

Snapshot snapshot(Engine& engine, CaseId id) { return {engine.get_case(id), engine.history(id)}; }

void require_unchanged(Engine& engine, CaseId id, const Snapshot& before) {
    const CaseRecord now = engine.get_case(id);
    CHECK(now.version == before.record.version);
    CHECK(now.state == before.record.state);
    CHECK(now.status == before.record.status);
    CHECK(now.data == before.record.data);
    CHECK(now.updated_at == before.record.updated_at);
    REQUIRE(now.open_tasks.size() == before.record.open_tasks.size());
    for (std::size_t i = 0; i < now.open_tasks.size(); ++i) CHECK(now.open_tasks[i].id == before.record.open_tasks[i].id);
    const auto events = engine.history(id);
    REQUIRE(events.size() == before.events.size());
    for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].hash == before.events[i].hash);
}

const FieldError* error_for(const std::vector<FieldError>& errors, const std::string& field) {
    const auto it = std::find_if(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
    return it == errors.end() ? nullptr : &*it;
}

std::size_t errors_for(const std::vector<FieldError>& errors, const std::string& field) {
    return static_cast<std::size_t>(
        std::count_if(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; }));
}

}  // namespace

TEST_CASE("a case advances through auto, task, wait and end states", "[runtime][advance]") {
    Fixture f;
    Engine& engine = *f.engine;

    const AdvanceResult created = engine.create_case("alur", "64.71", {{"nama", "Siti"}}, officer);
    REQUIRE_FALSE(created.incident);
    const CaseRecord& c = created.record;
    CHECK(c.id > 0);
    CHECK(c.workflow_id == "alur");
    CHECK(c.workflow_version == 1);
    CHECK(c.regency == "64.71");
    CHECK(c.state == "periksa");  // mulai -> hitung -> periksa in one step
    CHECK(c.status == CaseStatus::active);
    CHECK(c.result.empty());
    CHECK(c.version == 1);
    CHECK(c.created_at == at("2025-03-28T10:00:00+08:00"));
    CHECK(c.data["nama"] == "Siti");
    CHECK(c.data["count"] == 11);  // on_enter +1, then actions +10

    // The task is open with the state's roles and title, no deadline.
    REQUIRE(c.open_tasks.size() == 1);
    const TaskRecord& task = c.open_tasks[0];
    CHECK(task.state == "periksa");
    CHECK(task.title == "Periksa berkas");
    CHECK(task.roles == std::vector<std::string>{"officer", "opd_head"});
    CHECK(task.assignee.empty());
    CHECK(task.opened_at == at("2025-03-28T10:00:00+08:00"));
    CHECK_FALSE(task.due_at.has_value());
    CHECK(task.case_id == c.id);

    // What the store hands back equals what create returned.
    const CaseRecord stored = engine.get_case(c.id);
    CHECK(stored.state == "periksa");
    CHECK(stored.data == c.data);
    CHECK(stored.version == 1);
    REQUIRE(stored.open_tasks.size() == 1);
    CHECK(stored.open_tasks[0].id == task.id);
    CHECK(stored.open_tasks[0].roles == task.roles);
    CHECK(stored.open_tasks[0].title == "Periksa berkas");

    // Task outcome: to the wait state.
    f.clock->set(at("2025-03-28T11:00:00+08:00"));
    const AdvanceResult fired = engine.fire(c.id, "setuju", {{"nilai", 80}, {"catatan", "lengkap"}}, opd_head, 1);
    REQUIRE_FALSE(fired.incident);
    CHECK(fired.record.state == "tunggu");
    CHECK(fired.record.status == CaseStatus::active);
    CHECK(fired.record.version == 2);
    CHECK(fired.record.updated_at == at("2025-03-28T11:00:00+08:00"));
    CHECK(fired.record.open_tasks.empty());
    CHECK(fired.record.data["nilai"] == 80);
    CHECK(fired.record.data["catatan"] == "lengkap");
    CHECK(engine.get_case(c.id).open_tasks.empty());

    // Wait-state event with a role: to the end state.
    const AdvanceResult ended = engine.fire(c.id, "lanjut", json::object(), officer, 2);
    REQUIRE_FALSE(ended.incident);
    CHECK(ended.record.state == "selesai");
    CHECK(ended.record.status == CaseStatus::completed);
    CHECK(ended.record.result == "verified");
    CHECK(ended.record.version == 3);
    CHECK(ended.record.open_tasks.empty());

    const CaseRecord done = engine.get_case(c.id);
    CHECK(done.status == CaseStatus::completed);
    CHECK(done.result == "verified");
    CHECK(done.version == 3);

    // A completed case accepts nothing, and nothing is written.
    const Snapshot before = snapshot(engine, c.id);
    CHECK_THROWS_AS(engine.fire(c.id, "lanjut", json::object(), officer), InvalidTransition);
    CHECK_THROWS_AS(engine.fire(c.id, "sistem", json::object(), Actor::system()), InvalidTransition);
    CHECK_THROWS_AS(engine.fire(c.id, "setuju", {{"nilai", 1}}, officer), InvalidTransition);
    CHECK_THROWS_AS(engine.retry(c.id, officer), InvalidTransition);
    require_unchanged(engine, c.id, before);

    // The history, in order.
    const auto events = engine.history(c.id);
    REQUIRE(types_of(events) == std::vector<std::string>{"created", "auto", "auto", "fired", "fired"});
    CHECK(events[0].from_state.empty());
    CHECK(events[0].to_state == "mulai");
    CHECK(events[0].actor == "budi");
    CHECK(events[0].role == "officer");
    CHECK(events[0].payload["workflow"] == "alur");
    CHECK(events[0].payload["version"] == 1);
    CHECK(events[0].payload["data"] == json{{"nama", "Siti"}});
    CHECK(events[1].from_state == "mulai");
    CHECK(events[1].to_state == "hitung");
    CHECK(events[1].actor == "system");
    CHECK(events[2].from_state == "hitung");
    CHECK(events[2].to_state == "periksa");
    CHECK(events[3].from_state == "periksa");
    CHECK(events[3].to_state == "tunggu");
    CHECK(events[3].actor == "sari");
    CHECK(events[3].role == "opd_head");
    CHECK(events[3].payload["outcome"] == "setuju");
    CHECK(events[3].payload["input"] == json{{"nilai", 80}, {"catatan", "lengkap"}});
    CHECK(events[3].at == at("2025-03-28T11:00:00+08:00"));
    CHECK(events[4].from_state == "tunggu");
    CHECK(events[4].to_state == "selesai");
    CHECK(events[4].payload["outcome"] == "lanjut");
    for (std::size_t i = 0; i < events.size(); ++i) {
        CHECK(events[i].case_id == c.id);
        if (i > 0) {
            CHECK(events[i].seq > events[i - 1].seq);
            CHECK(events[i].prev_hash == events[i - 1].hash);
        }
    }
    const AuditReport audit = engine.verify_audit();
    CHECK(audit.intact);
    CHECK(audit.events_checked == static_cast<std::int64_t>(events.size()));
}

TEST_CASE("the version goes up by exactly one per fired outcome", "[runtime][advance]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    CHECK(engine.get_case(id).version == 1);
    CHECK(engine.fire(id, "setuju", {{"nilai", 1}}, officer).record.version == 2);
    CHECK(engine.get_case(id).version == 2);
    CHECK(engine.fire(id, "sistem", json::object(), Actor::system()).record.version == 3);
    CHECK(engine.get_case(id).version == 3);
    CHECK(engine.get_case(id).result == "verified");

    // The other outcome of the task leads to the other end.
    const CaseId other = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const auto rejected = engine.fire(other, "tolak", json::object(), officer, 1).record;
    CHECK(rejected.state == "ditolak");
    CHECK(rejected.result == "rejected");
    CHECK(rejected.status == CaseStatus::completed);
    CHECK(rejected.version == 2);
}

TEST_CASE("plugin actions get the case, state, regency, now in the regency's offset and its settings",
          "[runtime][advance]") {
    Fixture f;
    Engine& engine = *f.engine;

    const CaseRecord wita = engine.create_case("alur", "64.71", json::object(), officer).record;
    CHECK(wita.data["seen"] == json{{"case_id", std::to_string(wita.id)},
                                    {"workflow", "alur"},
                                    {"state", "hitung"},
                                    {"regency", "64.71"},
                                    {"now", "2025-03-28T10:00:00+08:00"},
                                    {"umk", 3701508}});

    const CaseRecord wib = engine.create_case("alur", "62.03", json::object(), officer).record;
    CHECK(wib.id != wita.id);
    CHECK(wib.data["seen"] == json{{"case_id", std::to_string(wib.id)},
                                   {"workflow", "alur"},
                                   {"state", "hitung"},
                                   {"regency", "62.03"},
                                   {"now", "2025-03-28T09:00:00+07:00"},
                                   {"umk", 3473710}});
}

TEST_CASE("guards choose the first branch that holds, else the default", "[runtime][advance][guards]") {
    Fixture f;
    Engine& engine = *f.engine;
    auto run = [&](const std::string& outcome, const json& input) {
        const CaseId id = engine.create_case("cabang", "64.71", json::object(), officer).record.id;
        const AdvanceResult result = engine.fire(id, outcome, input, officer);
        REQUIRE_FALSE(result.incident);
        CHECK(result.record.status == CaseStatus::completed);
        return result.record;
    };

    // 95 satisfies both guards: the first in order wins.
    CHECK(run("kirim", {{"nilai", 95}}).result == "a");
    CHECK(run("kirim", {{"nilai", 90}}).result == "a");
    CHECK(run("kirim", {{"nilai", 89.5}}).result == "b");
    CHECK(run("kirim", {{"nilai", 70}}).result == "b");
    CHECK(run("kirim", {{"nilai", 10}}).result == "c");  // default

    // Branches of an outcome see the input.
    CHECK(run("putuskan", {{"setuju", true}}).result == "b");
    CHECK(run("putuskan", {{"setuju", false}}).result == "c");

    // The auto state's branch is recorded as an auto event.
    const CaseId id = engine.create_case("cabang", "64.71", json::object(), officer).record.id;
    engine.fire(id, "kirim", {{"nilai", 75}}, officer);
    const auto events = engine.history(id);
    REQUIRE(types_of(events) == std::vector<std::string>{"created", "fired", "auto"});
    CHECK(events[1].to_state == "pilih");
    CHECK(events[2].from_state == "pilih");
    CHECK(events[2].to_state == "baik");
}

TEST_CASE("accepted input is merged into the case data at the top level", "[runtime][advance][forms]") {
    Fixture f;
    Engine& engine = *f.engine;
    const json initial = {{"nama", "lama"}, {"tetap", 1}, {"catatan", {{"bersarang", true}}}, {"skor", 5}};
    const CaseId id = engine.create_case("formulir", "64.71", initial, officer).record.id;
    const CaseRecord after =
        engine.fire(id, "kirim", {{"nama", "baru"}, {"jumlah", 3.0}, {"catatan", "teks"}, {"skor", nullptr}}, officer)
            .record;
    CHECK(after.state == "selesai");
    CHECK(after.data == json{{"nama", "baru"}, {"tetap", 1}, {"catatan", "teks"}, {"skor", nullptr}, {"jumlah", 3.0}});
    CHECK(engine.get_case(id).data == after.data);
}

TEST_CASE("input that does not fit the form is refused field by field, and nothing is written",
          "[runtime][advance][forms]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("formulir", "64.71", {{"nama", "awal"}}, officer).record.id;
    const Snapshot before = snapshot(engine, id);

    auto refused = [&](const json& input) -> std::vector<FieldError> {
        try {
            engine.fire(id, "kirim", input, officer, 1);
        } catch (const InvalidInput& e) {
            return e.errors();
        }
        FAIL("input accepted: " << input.dump());
        return {};
    };

    SECTION("every kind of mistake at once, one error per field") {
        const auto errors = refused({{"asing", 1},
                                     {"jumlah", "tiga"},
                                     {"skor", -0.5},
                                     {"setuju", "ya"},
                                     {"tanggal", "2025-02-30"},
                                     {"jenis", "c"},
                                     {"berkas", 17}});
        // nama is missing (required).
        REQUIRE(errors.size() == 8);
        for (const char* field : {"asing", "jumlah", "skor", "setuju", "tanggal", "jenis", "berkas", "nama"}) {
            INFO(field);
            CHECK(errors_for(errors, field) == 1);
        }
        CHECK_THAT(error_for(errors, "asing")->message, Catch::Contains("tidak diminta"));
        CHECK(error_for(errors, "jumlah")->message == "harus bilangan bulat");
        CHECK(error_for(errors, "skor")->message == "harus paling sedikit 0");
        CHECK(error_for(errors, "setuju")->message == "harus ya atau tidak");
        CHECK(error_for(errors, "tanggal")->message == "harus tanggal yang sah (TTTT-BB-HH)");
        CHECK(error_for(errors, "jenis")->message == "harus salah satu dari: a, b");
        CHECK(error_for(errors, "berkas")->message == "harus berupa teks");
        CHECK(error_for(errors, "nama")->message == "wajib diisi");
    }
    SECTION("unknown field alone") {
        const auto errors = refused({{"nama", "x"}, {"jumlah", 1}, {"nilai", 3}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "nilai");
    }
    SECTION("a field of another outcome is unknown here") {
        // catatan belongs to the state's form (allowed); nothing else leaks in.
        const auto errors = refused({{"nama", "x"}, {"jumlah", 1}, {"catatan", 3}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "catatan");
        CHECK(errors[0].message == "harus berupa teks");
    }
    SECTION("numbers out of range, not whole, or of the wrong type") {
        auto errors = refused({{"nama", "x"}, {"jumlah", 11}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "jumlah");
        CHECK(errors[0].message == "harus antara 1 dan 10");
        errors = refused({{"nama", "x"}, {"jumlah", 0}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].message == "harus antara 1 dan 10");
        errors = refused({{"nama", "x"}, {"jumlah", 3.5}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].message == "harus bilangan bulat");
        errors = refused({{"nama", "x"}, {"jumlah", 2}, {"skor", "1"}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "skor");
        CHECK(errors[0].message == "harus berupa angka");
    }
    SECTION("malformed and impossible dates") {
        for (const char* bad : {"2025-13-01", "28-03-2025", "2025-3-28", "2025-03-28T10:00:00Z", "kemarin", ""}) {
            INFO(bad);
            const auto errors = refused({{"nama", "x"}, {"jumlah", 1}, {"tanggal", bad}});
            REQUIRE(errors.size() == 1);
            CHECK(errors[0].field == "tanggal");
        }
        const auto errors = refused({{"nama", "x"}, {"jumlah", 1}, {"tanggal", 20250328}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "tanggal");
    }
    SECTION("required fields: missing, empty string") {
        auto errors = refused({{"jumlah", 1}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "nama");
        CHECK(errors[0].message == "wajib diisi");
        errors = refused({{"nama", ""}, {"jumlah", 1}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "nama");
        CHECK(errors[0].message == "wajib diisi");
    }
    SECTION("a required field sent as null is one error, not two") {
        const auto errors = refused({{"nama", nullptr}, {"jumlah", 1}});
        CHECK(errors_for(errors, "nama") == 1);
        CHECK(errors.size() == 1);
    }
    SECTION("input that is not an object") {
        const auto errors = refused(json::array({1, 2}));
        REQUIRE(errors.size() == 1);
    }
    SECTION("a choice that is not a string") {
        const auto errors = refused({{"nama", "x"}, {"jumlah", 1}, {"jenis", 1}});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "jenis");
    }

    require_unchanged(engine, id, before);
    CHECK(engine.get_case(id).data == json{{"nama", "awal"}});

    // The same case still takes valid input afterwards.
    const auto ok = engine.fire(id, "kirim",
                                {{"nama", "x"},
                                 {"jumlah", 10},
                                 {"skor", 0},
                                 {"setuju", false},
                                 {"tanggal", "2024-02-29"},
                                 {"jenis", "b"},
                                 {"berkas", "dok-1"}},
                                officer, 1);
    CHECK(ok.record.state == "selesai");
    CHECK(ok.record.version == 2);
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("a decision a refusal rule matches is refused with the YAML's reasons, and nothing is written",
          "[runtime][advance][forms]") {
    Fixture f;
    Engine& engine = *f.engine;
    const auto refused = [&](CaseId id, const json& input) -> std::vector<FieldError> {
        try {
            engine.fire(id, "umumkan", input, officer, 1);
        } catch (const InvalidInput& e) {
            return e.errors();
        }
        FAIL("the decision was applied: " << input.dump());
        return {};
    };
    const CaseId id = engine.create_case("umumkan", "64.71", json::object(), officer).record.id;
    const Snapshot before = snapshot(engine, id);

    // Today is 2025-03-28: a deadline the day before breaks two rules, each
    // reason at the field, in the YAML's order and words.
    auto errors = refused(id, {{"tanggal_pengumuman", "2025-03-28"}, {"batas_sanggah", "2025-03-27"}});
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "batas_sanggah");
    CHECK(errors[0].message == "Batas akhir masa sanggah tidak boleh sebelum hari ini.");
    CHECK(errors[1].message == "Batas akhir masa sanggah tidak boleh sebelum tanggal pengumuman.");
    // After today but before the announcement: one.
    errors = refused(id, {{"tanggal_pengumuman", "2025-04-10"}, {"batas_sanggah", "2025-04-01"}});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "Batas akhir masa sanggah tidak boleh sebelum tanggal pengumuman.");
    // The form's own checks come first: a missing date is not compared.
    errors = refused(id, {{"tanggal_pengumuman", "2025-03-28"}});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "batas_sanggah");
    CHECK(errors[0].message != "Batas akhir masa sanggah tidak boleh sebelum hari ini.");
    require_unchanged(engine, id, before);

    // A rule on the case's data speaks of the decision as a whole.
    const CaseId locked = engine.create_case("umumkan", "64.71", {{"terkunci", true}}, officer).record.id;
    errors = refused(locked, {{"tanggal_pengumuman", "2025-03-28"}, {"batas_sanggah", "2025-04-10"}});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field.empty());
    CHECK(errors[0].message == "Hasil sedang dikunci oleh BKPSDM.");

    // Input no rule refuses is applied.
    const CaseRecord after =
        engine.fire(id, "umumkan", {{"tanggal_pengumuman", "2025-03-28"}, {"batas_sanggah", "2025-04-10"}}, officer, 1)
            .record;
    CHECK(after.state == "masa_sanggah");
    CHECK(after.version == 2);
}

TEST_CASE("a caller's admit check sees the case as loaded to fire, first, and its refusal writes nothing",
          "[runtime][advance]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const Snapshot before = snapshot(engine, id);
    std::vector<std::int64_t> seen;
    const auto refuse = [&](const CaseRecord& record) {
        seen.push_back(record.version);
        CHECK(record.id == id);
        CHECK(record.state == "periksa");
        REQUIRE(record.open_tasks.size() == 1);
        throw Forbidden("not yours");
    };
    // Before the engine's own checks: a stale version or a bad input is
    // not reached.
    CHECK_THROWS_AS(engine.fire(id, "setuju", {{"nilai", 1}}, officer, std::nullopt, refuse), Forbidden);
    CHECK_THROWS_AS(engine.fire(id, "setuju", {{"nilai", 500}}, officer, 7, refuse), Forbidden);
    CHECK(seen == std::vector<std::int64_t>{1, 1});
    require_unchanged(engine, id, before);

    const auto accept = [&](const CaseRecord& record) { seen.push_back(record.version); };
    CHECK(engine.fire(id, "setuju", {{"nilai", 1}}, officer, 1, accept).record.version == 2);
    CHECK(seen.back() == 1);
    CHECK(engine.get_case(id).state == "tunggu");
}

TEST_CASE("an outcome the state does not have is an invalid transition", "[runtime][advance]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const Snapshot before = snapshot(engine, id);
    CHECK_THROWS_AS(engine.fire(id, "tidak_ada", json::object(), officer), InvalidTransition);
    // An event of a later state is not an outcome of this one.
    CHECK_THROWS_AS(engine.fire(id, "lanjut", json::object(), officer), InvalidTransition);
    CHECK_THROWS_AS(engine.fire(id, "lanjut", json::object(), Actor::system()), InvalidTransition);
    try {
        engine.fire(id, "tidak_ada", json::object(), officer);
    } catch (const InvalidTransition& e) {
        CHECK_THAT(e.what(), Catch::Contains("setuju") && Catch::Contains("tolak"));
    }
    require_unchanged(engine, id, before);
}

TEST_CASE("task outcomes need one of the task's roles", "[runtime][advance][roles]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const Snapshot before = snapshot(engine, id);
    CHECK_THROWS_AS(engine.fire(id, "setuju", {{"nilai", 1}}, bkad), Forbidden);
    CHECK_THROWS_AS(engine.fire(id, "setuju", {{"nilai", 1}}, Actor{"budi", ""}), Forbidden);
    // The system does not do people's tasks.
    CHECK_THROWS_AS(engine.fire(id, "setuju", {{"nilai", 1}}, Actor::system()), Forbidden);
    // Role is checked before the form: bad input from the wrong role is Forbidden.
    CHECK_THROWS_AS(engine.fire(id, "setuju", {{"asing", 1}}, bkad), Forbidden);
    require_unchanged(engine, id, before);
    // Either listed role may act.
    CHECK(engine.fire(id, "setuju", {{"nilai", 1}}, officer).record.state == "tunggu");
}

TEST_CASE("wait-state events: listed roles or the system - short-form events only the system",
          "[runtime][advance][roles]") {
    Fixture f;
    Engine& engine = *f.engine;
    auto waiting = [&] {
        const CaseId id = engine.create_case("alur", "64.71", json::object(), officer).record.id;
        REQUIRE(engine.fire(id, "setuju", {{"nilai", 1}}, officer).record.state == "tunggu");
        return id;
    };

    const CaseId id = waiting();
    const Snapshot before = snapshot(engine, id);
    // `sistem` lists no role: only the system may send it.
    CHECK_THROWS_AS(engine.fire(id, "sistem", json::object(), officer), Forbidden);
    CHECK_THROWS_AS(engine.fire(id, "sistem", json::object(), opd_head), Forbidden);
    CHECK_THROWS_AS(engine.fire(id, "sistem", json::object(), Actor{"admin", "admin"}), Forbidden);
    // `lanjut` lists officer only.
    CHECK_THROWS_AS(engine.fire(id, "lanjut", json::object(), opd_head), Forbidden);
    // Events take no input beyond their (empty) form.
    CHECK_THROWS_AS(engine.fire(id, "lanjut", {{"nilai", 2}}, officer), InvalidInput);
    require_unchanged(engine, id, before);

    const auto by_system = engine.fire(id, "sistem", json::object(), Actor::system());
    CHECK(by_system.record.result == "verified");
    CHECK(engine.history(id).back().actor == "system");

    // The system may send any event of a wait state, including role events.
    const CaseId second = waiting();
    CHECK(engine.fire(second, "lanjut", json::object(), Actor::system()).record.status == CaseStatus::completed);
    const CaseId third = waiting();
    CHECK(engine.fire(third, "lanjut", json::object(), officer).record.status == CaseStatus::completed);
}

TEST_CASE("a stale expected version is a conflict and nothing is written", "[runtime][advance]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    engine.fire(id, "setuju", {{"nilai", 1}}, officer, 1);
    const Snapshot before = snapshot(engine, id);
    REQUIRE(before.record.version == 2);

    for (const std::int64_t stale : {std::int64_t{1}, std::int64_t{3}, std::int64_t{0}}) {
        INFO(stale);
        try {
            engine.fire(id, "lanjut", json::object(), officer, stale);
            FAIL("a stale version was accepted");
        } catch (const Conflict& e) {
            CHECK(e.current_version() == 2);
        }
    }
    // The conflict wins over every other refusal: the caller must reload first.
    CHECK_THROWS_AS(engine.fire(id, "tidak_ada", json::object(), bkad, 1), Conflict);
    require_unchanged(engine, id, before);

    CHECK(engine.fire(id, "lanjut", json::object(), officer, 2).record.version == 3);
    CHECK_THROWS_AS(engine.fire(id, "lanjut", json::object(), officer, 2), Conflict);
}

TEST_CASE("unknown cases, workflows and regencies are not found, and nothing is created", "[runtime][advance]") {
    Fixture f;
    Engine& engine = *f.engine;
    CHECK_THROWS_AS(engine.fire(424242, "setuju", json::object(), officer), NotFound);
    CHECK_THROWS_AS(engine.retry(424242, officer), NotFound);
    CHECK_THROWS_AS(engine.get_case(424242), NotFound);
    CHECK_THROWS_AS(engine.create_case("tidak_ada", "64.71", json::object(), officer), NotFound);
    CHECK_THROWS_AS(engine.create_case("alur", "99.99", json::object(), officer), NotFound);
    CHECK_THROWS_AS(engine.create_case("alur", "", json::object(), officer), NotFound);
    CHECK_THROWS_AS(engine.create_case("alur", "64.71", json::array(), officer), InvalidInput);
    CHECK(engine.list_cases(CaseFilter{}).empty());
    CHECK(engine.verify_audit().events_checked == 0);
    CHECK(engine.history(424242).empty());

    // The id sequence is not disturbed by the refusals.
    const CaseId first = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    CHECK(engine.list_cases(CaseFilter{}).size() == 1);
    CHECK(engine.get_case(first).version == 1);
}

TEST_CASE("batch: advances share one transaction, a refused one fails alone", "[runtime][advance][batch]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId a = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const CaseId b = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const CaseId c = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const Snapshot c_before = snapshot(engine, c);

    CaseId created = 0;
    int refusals = 0;
    engine.batch([&] {
        engine.fire(a, "setuju", {{"nilai", 1}}, officer, 1);
        try {
            engine.fire(b, "setuju", {{"nilai", 2}}, officer, 7);  // stale
        } catch (const Conflict&) {
            ++refusals;
        }
        try {
            engine.fire(c, "setuju", {{"nilai", 1000}}, officer, 1);  // out of range
        } catch (const InvalidInput&) {
            ++refusals;
        }
        engine.fire(b, "tolak", json::object(), officer, 1);
        created = engine.create_case("alur", "62.03", json::object(), officer).record.id;
        engine.fire(a, "lanjut", json::object(), officer, 2);
    });
    CHECK(refusals == 2);

    CHECK(engine.get_case(a).state == "selesai");
    CHECK(engine.get_case(a).version == 3);
    CHECK(engine.get_case(b).result == "rejected");
    CHECK(engine.get_case(b).version == 2);
    require_unchanged(engine, c, c_before);
    CHECK(engine.get_case(created).state == "periksa");
    CHECK(engine.list_cases(CaseFilter{}).size() == 4);
    CHECK(types_of(engine.history(a)) == std::vector<std::string>{"created", "auto", "auto", "fired", "fired"});
    const AuditReport audit = engine.verify_audit();
    CHECK(audit.intact);
}

TEST_CASE("batch: an exception escaping the work rolls everything back", "[runtime][advance][batch]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId a = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const CaseId b = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    const Snapshot a_before = snapshot(engine, a);
    const Snapshot b_before = snapshot(engine, b);
    const std::int64_t events_before = engine.verify_audit().events_checked;

    CHECK_THROWS_WITH(engine.batch([&] {
        engine.fire(a, "setuju", {{"nilai", 1}}, officer, 1);
        engine.fire(b, "tolak", json::object(), officer, 1);
        engine.create_case("alur", "64.71", json::object(), officer);
        throw std::runtime_error("listrik padam");
    }),
                      "listrik padam");

    require_unchanged(engine, a, a_before);
    require_unchanged(engine, b, b_before);
    CHECK(engine.list_cases(CaseFilter{}).size() == 2);
    AuditReport audit = engine.verify_audit();
    CHECK(audit.intact);
    CHECK(audit.events_checked == events_before);

    // A refusal escaping the batch rolls back too.
    CHECK_THROWS_AS(engine.batch([&] {
        engine.fire(a, "setuju", {{"nilai", 1}}, officer, 1);
        engine.fire(b, "setuju", {{"nilai", 1}}, officer, 5);
    }),
                    Conflict);
    require_unchanged(engine, a, a_before);

    // The engine (and the audit chain) carry on normally afterwards.
    CHECK(engine.fire(a, "setuju", {{"nilai", 1}}, officer, 1).record.version == 2);
    const CaseId c = engine.create_case("alur", "64.71", json::object(), officer).record.id;
    CHECK(c > b);
    audit = engine.verify_audit();
    CHECK(audit.intact);
    CHECK(audit.events_checked == events_before + 1 + 3);
}

namespace {

json complete_worker() {
    return {{"nik", "6203010101900001"},
            {"nama", "Ahmad Fauzi"},
            {"opd", "Dinas Pendidikan"},
            {"jabatan", "Guru honorer"},
            {"tmt", "2019-07-01"},
            {"sumber_gaji", "apbd"},
            {"dokumen", {"ktp", "sk", "bukti_gaji", "ijazah"}}};
}

EngineOptions shipped_options(const TempDir& dir, std::shared_ptr<const Clock> clock) {
    EngineOptions options;
    options.database = dir / "tata.db";
    options.sources.workflows = {source_dir() / "workflows" / "verification.yaml"};
    options.sources.rules = {source_dir() / "rules"};
    options.sources.plugins = {core_plugin_dir()};
    options.clock = std::move(clock);
    return options;
}

}  // namespace

TEST_CASE("the shipped verification workflow verifies a complete worker file", "[runtime][advance][shipped]") {
    TempDir dir;
    auto clock = std::make_shared<FixedClock>(at("2025-05-05T09:00:00+07:00"));
    Engine engine(shipped_options(dir, clock));

    const AdvanceResult created = engine.create_case("verification", "62.03", complete_worker(), officer);
    REQUIRE_FALSE(created.incident);
    CHECK(created.record.state == "konfirmasi_opd");
    CHECK(created.record.data["checks"]["failed"] == 0);
    CHECK(created.record.data["checks"]["reasons"] == json::array());
    CHECK(created.record.data["masa_kerja_tahun"] == 5);
    CHECK(created.record.data["masa_kerja_bulan"] == 10);
    for (const char* check : {"data_wajib", "dokumen", "masa_kerja", "sumber_gaji"}) {
        INFO(check);
        CHECK(created.record.data["checks"][check]["ok"] == true);
    }
    REQUIRE(created.record.open_tasks.size() == 1);
    CHECK(created.record.open_tasks[0].roles == std::vector<std::string>{"opd_head"});
    CHECK(created.record.open_tasks[0].title == "Konfirmasi SPTJM oleh kepala OPD");
    REQUIRE(created.record.open_tasks[0].due_at.has_value());
    CHECK(*created.record.open_tasks[0].due_at > clock->now());

    const CaseId id = created.record.id;
    CHECK_THROWS_AS(engine.fire(id, "setuju", {{"nomor_sptjm", "800/1"}}, bkad), Forbidden);
    CHECK_THROWS_AS(engine.fire(id, "setuju", json::object(), opd_head), InvalidInput);

    auto step = engine.fire(id, "setuju", {{"nomor_sptjm", "800/12/DISDIK"}, {"catatan", "Sesuai"}}, opd_head, 1);
    CHECK(step.record.state == "validasi_bkad");
    REQUIRE(step.record.open_tasks.size() == 1);
    CHECK(step.record.open_tasks[0].roles == std::vector<std::string>{"bkad"});

    step = engine.fire(id, "valid", {{"catatan_bkad", "Slip gaji sesuai"}}, bkad, 2);
    CHECK(step.record.state == "terverifikasi");
    CHECK(step.record.status == CaseStatus::completed);
    CHECK(step.record.result == "verified");
    CHECK(step.record.version == 3);
    CHECK(step.record.data["nomor_sptjm"] == "800/12/DISDIK");
    CHECK(types_of(engine.history(id)) == std::vector<std::string>{"created", "auto", "fired", "fired"});
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("the shipped verification workflow returns an incomplete worker file", "[runtime][advance][shipped]") {
    TempDir dir;
    auto clock = std::make_shared<FixedClock>(at("2025-05-05T09:00:00+07:00"));
    Engine engine(shipped_options(dir, clock));

    json worker = complete_worker();
    worker.erase("jabatan");
    worker["dokumen"] = {"ktp"};
    const AdvanceResult created = engine.create_case("verification", "62.03", worker, officer);
    REQUIRE_FALSE(created.incident);
    const CaseRecord& c = created.record;
    CHECK(c.state == "dikembalikan");
    CHECK(c.status == CaseStatus::active);
    // A task in the OPD head's (and the officer's) inbox, due in 20 working days.
    REQUIRE(c.open_tasks.size() == 1);
    CHECK(c.open_tasks[0].roles == std::vector<std::string>{"opd_head", "officer"});
    CHECK(c.open_tasks[0].due_at.has_value());
    CHECK(c.data["checks"]["failed"] == 2);
    CHECK(c.data["checks"]["data_wajib"]["ok"] == false);
    CHECK_THAT(c.data["checks"]["data_wajib"]["pesan"].get<std::string>(), Catch::Contains("jabatan"));
    CHECK(c.data["checks"]["dokumen"]["ok"] == false);
    const std::string documents = c.data["checks"]["dokumen"]["pesan"].get<std::string>();
    CHECK_THAT(documents, Catch::Contains("sk") && Catch::Contains("bukti_gaji") && Catch::Contains("ijazah"));
    CHECK(c.data["checks"]["reasons"].size() == 2);

    // Only the officer or the OPD head may resubmit; the deadline is still ahead.
    CHECK_THROWS_AS(engine.fire(c.id, "ajukan_ulang", json::object(), bkad), Forbidden);
    clock->set(at("2025-05-06T09:00:00+07:00"));
    CHECK(engine.run_due_timers().fired == 0);

    // Resubmitted unchanged: checked again, returned again.
    const auto again = engine.fire(c.id, "ajukan_ulang", {{"catatan_perbaikan", "belum lengkap"}}, opd_head, 1);
    CHECK(again.record.state == "dikembalikan");
    CHECK(again.record.version == 2);
    CHECK(again.record.data["checks"]["failed"] == 2);

    // Nobody corrects it within 20 working days: it closes as returned.
    clock->set(at("2025-08-01T09:00:00+07:00"));
    const TimerRunResult timers = engine.run_due_timers();
    CHECK(timers.fired == 1);
    CHECK(timers.incidents == 0);
    const CaseRecord closed = engine.get_case(c.id);
    CHECK(closed.state == "kedaluwarsa");
    CHECK(closed.result == "returned");
    CHECK(closed.status == CaseStatus::completed);
    CHECK(types_of(engine.history(c.id)) ==
          std::vector<std::string>{"created", "auto", "fired", "auto", "escalated"});
    CHECK(engine.verify_audit().intact);
}
