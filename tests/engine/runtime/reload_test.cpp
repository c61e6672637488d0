// Reloading definitions while cases are in flight: version pinning, removed
// files, changed-in-place versions, invalid generations refused whole, and
// reopening an engine on the same database file.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};

const char* const kPinV1 = R"(id: pin
version: 1
title: Pin versi 1
start: satu
states:
  satu:
    kind: task
    title: Langkah satu v1
    role: officer
    outcomes:
      lanjut: dua
  dua:
    kind: task
    title: Langkah dua v1
    role: officer
    due: 1 working day
    on_due: terlambat
    outcomes:
      lanjut: selesai
  terlambat: {kind: end, result: v1_late}
  selesai: {kind: end, result: v1_done}
)";

const char* const kPinV2 = R"(id: pin
version: 2
title: Pin versi 2
start: awal
states:
  awal:
    kind: task
    title: Awal v2
    role: officer
    outcomes:
      lanjut: akhir
  akhir: {kind: end, result: v2_done}
)";

const char* const kOther = R"(id: lain
version: 1
title: Alur lain
start: mulai
states:
  mulai:
    kind: task
    title: Mulai
    role: officer
    outcomes:
      lanjut: selesai
  selesai: {kind: end, result: done}
)";

// Line 11, column 15: the target of `lanjut` does not exist.
const char* const kBroken = R"(id: rusak
version: 1
title: Rusak
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      lanjut: tidak_ada
)";

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-03-28T10:00:00+08:00"));
    EngineOptions options;
    std::unique_ptr<Engine> engine;

    Fixture() {
        dir.write("wf/pin.v1.yaml", kPinV1);
        dir.write("wf/lain.yaml", kOther);
        options = engine_options(dir, {dir / "wf"}, clock);
        engine = std::make_unique<Engine>(options);
    }
    void reopen() {
        engine.reset();
        engine = std::make_unique<Engine>(options);
    }
};

std::vector<std::string> types_of(const std::vector<EventRecord>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.type);
    return out;
}

}  // namespace

TEST_CASE("cases stay on the version they started with - new cases start on the newest", "[runtime][reload]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseRecord old_case = engine.create_case("pin", "64.71", json::object(), officer).record;
    CHECK(old_case.workflow_version == 1);
    CHECK(old_case.state == "satu");
    const int generation = engine.definitions()->generation;

    f.dir.write("wf/pin.v2.yaml", kPinV2);
    engine.reload();
    CHECK(engine.definitions()->latest("pin")->version == 2);
    CHECK(engine.definitions()->find("pin", 1) != nullptr);
    CHECK(engine.definitions()->generation != generation);

    const CaseRecord new_case = engine.create_case("pin", "64.71", json::object(), officer).record;
    CHECK(new_case.workflow_version == 2);
    CHECK(new_case.state == "awal");
    CHECK(new_case.open_tasks.at(0).title == "Awal v2");

    // The old case goes on through v1's states.
    const CaseRecord reloaded_old = engine.get_case(old_case.id);
    CHECK(reloaded_old.workflow_version == 1);
    CHECK(engine.workflow_of(reloaded_old)->version == 1);
    CHECK(engine.workflow_of(reloaded_old)->title == "Pin versi 1");
    auto step = engine.fire(old_case.id, "lanjut", json::object(), officer, 1).record;
    CHECK(step.state == "dua");
    CHECK(step.workflow_version == 1);
    REQUIRE(step.open_tasks.size() == 1);
    CHECK(step.open_tasks[0].title == "Langkah dua v1");
    step = engine.fire(old_case.id, "lanjut", json::object(), officer, 2).record;
    CHECK(step.state == "selesai");
    CHECK(step.result == "v1_done");

    const CaseRecord new_done = engine.fire(new_case.id, "lanjut", json::object(), officer, 1).record;
    CHECK(new_done.result == "v2_done");
    CHECK(engine.history(new_case.id).front().payload["version"] == 2);
    CHECK(engine.history(old_case.id).front().payload["version"] == 1);
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("a case goes on after its version's file was removed, across reloads and reopening",
          "[runtime][reload]") {
    Fixture f;
    const CaseId id = f.engine->create_case("pin", "64.71", json::object(), officer).record.id;
    const CaseId unused_workflow_case = f.engine->create_case("lain", "64.71", json::object(), officer).record.id;

    fs::remove(f.dir / "wf" / "pin.v1.yaml");
    f.engine->reload();
    CHECK(f.engine->definitions()->find("pin", 1) == nullptr);
    CHECK(f.engine->definitions()->latest("pin") == nullptr);
    // No new case can start on a workflow that is no longer loaded ...
    CHECK_THROWS_AS(f.engine->create_case("pin", "64.71", json::object(), officer), NotFound);
    // ... but the case in flight continues on the definition kept in the database.
    const auto pinned = f.engine->workflow_of(f.engine->get_case(id));
    REQUIRE(pinned);
    CHECK(pinned->version == 1);
    CHECK(pinned->title == "Pin versi 1");
    CHECK(pinned->source_text == kPinV1);
    // Asked by id and version (the words a page shows for that case), the
    // same definition; a version nothing ran on is unknown.
    const auto by_version = f.engine->find_workflow("pin", 1);
    REQUIRE(by_version);
    CHECK(by_version->title == "Pin versi 1");
    CHECK(f.engine->find_workflow("pin", 7) == nullptr);
    CHECK(f.engine->find_workflow("tidak_ada", 1) == nullptr);
    CHECK(f.engine->fire(id, "lanjut", json::object(), officer, 1).record.state == "dua");

    // Reopened without the file: still there, deadline and all.
    f.reopen();
    CaseRecord record = f.engine->get_case(id);
    CHECK(record.state == "dua");
    CHECK(record.version == 2);
    REQUIRE(record.open_tasks.size() == 1);
    CHECK(record.open_tasks[0].due_at == at("2025-04-05T00:00:00+08:00"));  // end of Fri 4 April (WITA)
    f.clock->set(at("2025-04-05T00:00:00+08:00"));
    const TimerRunResult run = f.engine->run_due_timers();
    CHECK(run.fired == 1);
    CHECK(run.incidents == 0);
    record = f.engine->get_case(id);
    CHECK(record.state == "terlambat");
    CHECK(record.result == "v1_late");
    CHECK(types_of(f.engine->history(id)) == std::vector<std::string>{"created", "fired", "escalated"});

    // Adding v2 later does not move it; new cases take v2.
    f.dir.write("wf/pin.v2.yaml", kPinV2);
    f.engine->reload();
    CHECK(f.engine->create_case("pin", "64.71", json::object(), officer).record.workflow_version == 2);
    CHECK(f.engine->get_case(unused_workflow_case).state == "mulai");
    CHECK(f.engine->verify_audit().intact);
}

TEST_CASE("changing a version in place while cases use it is refused - the old generation keeps running",
          "[runtime][reload]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("pin", "64.71", json::object(), officer).record.id;
    const auto before = engine.definitions();

    // Even a comment is a change.
    f.dir.write("wf/pin.v1.yaml", std::string(kPinV1) + "# catatan\n");
    try {
        engine.reload();
        FAIL("a changed pinned version was accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        const Diagnostic& d = e.diagnostics()[0];
        CHECK_THAT(d.message, Catch::Contains("workflow 'pin' version 1 differs from the definition cases already run on"));
        CHECK_THAT(d.where.file, Catch::EndsWith("pin.v1.yaml"));
        CHECK_THAT(e.what(), Catch::Contains("pin.v1.yaml") && Catch::Contains("error: workflow 'pin' version 1"));
    }
    CHECK(engine.definitions() == before);
    CHECK(engine.definitions()->find("pin", 1)->source_text == kPinV1);

    // The engine keeps serving: new cases, old cases.
    const CaseId second = engine.create_case("pin", "64.71", json::object(), officer).record.id;
    CHECK(engine.get_case(second).workflow_version == 1);
    CHECK(engine.fire(id, "lanjut", json::object(), officer).record.state == "dua");

    // Restarting with the changed file is refused the same way.
    CHECK_THROWS_AS(f.reopen(), ValidationError);

    // Bumping the version is the way: v2 loads beside the (restored) v1.
    f.dir.write("wf/pin.v1.yaml", kPinV1);
    f.dir.write("wf/pin.v2.yaml", std::string(kPinV2));
    f.reopen();
    CHECK(f.engine->definitions()->latest("pin")->version == 2);
    CHECK(f.engine->get_case(id).state == "dua");
    CHECK(f.engine->verify_audit().intact);
}

TEST_CASE("changing a version that no case uses yet is allowed", "[runtime][reload]") {
    Fixture f;
    Engine& engine = *f.engine;
    engine.create_case("lain", "64.71", json::object(), officer);  // pins lain@1 only
    std::string changed = kPinV1;
    changed.replace(changed.find("Langkah satu v1"), 15, "Langkah satu v1b");
    f.dir.write("wf/pin.v1.yaml", changed);
    REQUIRE_NOTHROW(engine.reload());
    const CaseRecord record = engine.create_case("pin", "64.71", json::object(), officer).record;
    CHECK(record.open_tasks.at(0).title == "Langkah satu v1b");
}

TEST_CASE("an invalid generation is refused whole and the old one keeps serving", "[runtime][reload]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("pin", "64.71", json::object(), officer).record.id;
    const auto before = engine.definitions();

    // A valid new version together with a broken file: neither is taken.
    f.dir.write("wf/pin.v2.yaml", kPinV2);
    const fs::path broken = f.dir.write("wf/rusak.yaml", kBroken);
    try {
        engine.reload();
        FAIL("an invalid generation was accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        const Diagnostic& d = e.diagnostics()[0];
        CHECK(fs::path(d.where.file).filename() == "rusak.yaml");
        CHECK(d.where.line == 11);
        CHECK(d.where.column == 15);
        CHECK(d.message == "state 'a' goes to unknown state 'tidak_ada'");
        CHECK_THAT(e.what(), Catch::EndsWith("rusak.yaml:11:15: error: state 'a' goes to unknown state 'tidak_ada'"));
    }
    CHECK(engine.definitions() == before);
    CHECK(engine.definitions()->latest("pin")->version == 1);
    CHECK(engine.definitions()->latest("rusak") == nullptr);
    CHECK(engine.create_case("pin", "64.71", json::object(), officer).record.workflow_version == 1);
    CHECK_THROWS_AS(engine.create_case("rusak", "64.71", json::object(), officer), NotFound);
    CHECK(engine.fire(id, "lanjut", json::object(), officer).record.state == "dua");

    // A YAML syntax error is refused with its position as well.
    f.dir.write("wf/rusak.yaml", "id: rusak\nversion: [1\n");
    try {
        engine.reload();
        FAIL("a file with a YAML syntax error was accepted");
    } catch (const ValidationError& e) {
        REQUIRE_FALSE(e.diagnostics().empty());
        CHECK(fs::path(e.diagnostics()[0].where.file).filename() == "rusak.yaml");
        CHECK(e.diagnostics()[0].where.line > 0);
        CHECK(e.diagnostics()[0].where.column > 0);
    }
    CHECK(engine.definitions() == before);

    // Broken rules (an unknown zone) are refused too.
    {
        TempDir rules;
        fs::copy(fixture_rules(), rules.path(), fs::copy_options::recursive);
        EngineOptions options = f.options;
        options.sources.rules = {rules.path()};
        options.database = f.dir / "second.db";
        fs::remove(broken);
        fs::remove(f.dir / "wf" / "pin.v2.yaml");
        Engine second(options);
        write_file(rules / "64.71" / "regency.yaml", "code: \"64.71\"\nname: Kota Balikpapan\nzone: MARS\n");
        CHECK_THROWS_AS(second.reload(), ValidationError);
        CHECK(second.create_case("pin", "64.71", json::object(), officer).record.regency == "64.71");
    }

    // Once fixed, the reload goes through.
    f.dir.write("wf/pin.v2.yaml", kPinV2);
    engine.reload();
    CHECK(engine.definitions() != before);
    CHECK(engine.definitions()->latest("pin")->version == 2);
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("reopening an engine on the same database keeps everything", "[runtime][reload]") {
    Fixture f;
    CaseId a = 0, b = 0;
    std::vector<EventRecord> a_history;
    {
        Engine& engine = *f.engine;
        a = engine.create_case("pin", "64.71", {{"nama", "Siti"}, {"umur", 30}}, officer).record.id;
        b = engine.create_case("lain", "62.03", json::object(), officer).record.id;
        engine.fire(a, "lanjut", json::object(), officer, 1);
        a_history = engine.history(a);
    }
    const CaseRecord a_before = f.engine->get_case(a);
    f.reopen();
    Engine& engine = *f.engine;

    const CaseRecord a_after = engine.get_case(a);
    CHECK(a_after.state == "dua");
    CHECK(a_after.version == 2);
    CHECK(a_after.data == json{{"nama", "Siti"}, {"umur", 30}});
    CHECK(a_after.workflow_version == 1);
    CHECK(a_after.created_at == a_before.created_at);
    CHECK(a_after.updated_at == a_before.updated_at);
    REQUIRE(a_after.open_tasks.size() == 1);
    CHECK(a_after.open_tasks[0].id == a_before.open_tasks[0].id);
    CHECK(a_after.open_tasks[0].due_at == a_before.open_tasks[0].due_at);
    CHECK(a_after.open_tasks[0].roles == std::vector<std::string>{"officer"});
    const auto history = engine.history(a);
    REQUIRE(history.size() == a_history.size());
    for (std::size_t i = 0; i < history.size(); ++i) {
        CHECK(history[i].seq == a_history[i].seq);
        CHECK(history[i].hash == a_history[i].hash);
        CHECK(history[i].payload == a_history[i].payload);
    }
    CHECK(engine.get_case(b).regency == "62.03");
    CHECK(engine.list_cases(CaseFilter{}).size() == 2);

    // It goes on: versions, ids and the audit chain continue.
    CHECK_THROWS_AS(engine.fire(a, "lanjut", json::object(), officer, 1), Conflict);
    CHECK(engine.fire(a, "lanjut", json::object(), officer, 2).record.result == "v1_done");
    const CaseId c = engine.create_case("lain", "64.71", json::object(), officer).record.id;
    CHECK(c > b);
    const AuditReport audit = engine.verify_audit();
    CHECK(audit.intact);
    CHECK(audit.events_checked == 5);  // a: created, fired, fired; b: created; c: created
}

TEST_CASE("two engines on one database file see and build on each other's commits", "[runtime][reload]") {
    // The CLI (`tata case advance`, `tata timers run`) and a running server
    // share one database file: each must see what the other committed and
    // be able to write after it.
    Fixture f;
    Engine second(f.options);
    Engine& first = *f.engine;

    const CaseId a = first.create_case("pin", "64.71", json::object(), officer).record.id;
    CHECK(first.get_case(a).version == 1);  // the first engine has read the case

    // The other engine creates a case and moves both into `dua`, whose
    // deadline is the end of Fri 4 April.
    const CaseId b = second.create_case("pin", "64.71", json::object(), officer).record.id;
    second.fire(b, "lanjut", json::object(), officer, 1);
    CHECK(second.fire(a, "lanjut", json::object(), officer, 1).record.version == 2);

    // The first engine fires the deadlines the other engine set ...
    f.clock->set(at("2025-04-05T00:00:00+08:00"));
    TimerRunResult run;
    CHECK_NOTHROW(run = first.run_due_timers());
    CHECK(run.fired == 2);
    // ... and sees the other engine's cases and events.
    CHECK(first.list_cases(CaseFilter{}).size() == 2);
    CHECK(first.history(b).size() >= 2);
    CHECK(first.get_case(a).version >= 2);
    CHECK(first.get_case(b).version >= 2);

    // Each writes on top of the other's commits.
    CaseId c = 0;
    CHECK_NOTHROW(c = second.create_case("lain", "64.71", json::object(), officer).record.id);
    REQUIRE(c != 0);
    CHECK_NOTHROW(first.fire(c, "lanjut", json::object(), officer, 1));
    CHECK(second.get_case(c).result == "done");
    CHECK_NOTHROW(second.create_case("lain", "62.03", json::object(), officer));
    CHECK_NOTHROW(first.create_case("lain", "62.03", json::object(), officer));
    CHECK(first.list_cases(CaseFilter{}).size() == 5);
    CHECK(second.list_cases(CaseFilter{}).size() == 5);
    const AuditReport audit = first.verify_audit();
    CHECK(audit.intact);
    CHECK(second.verify_audit().intact);
}

TEST_CASE("a definition pin undone by a rolled-back batch is written again by the next case", "[runtime][reload]") {
    Fixture f;
    Engine& engine = *f.engine;
    // The store skips pinning a definition it already stored; a rollback
    // must make it forget, or later cases would run on a definition the
    // database does not hold.
    CHECK_THROWS_AS(engine.batch([&] {
        engine.create_case("pin", "64.71", json::object(), officer);
        throw std::runtime_error("the batch fails after the case was created");
    }),
                    std::runtime_error);
    const CaseRecord created = engine.create_case("pin", "64.71", json::object(), officer).record;

    // With v1's file gone, the case can only go on from the pinned copy.
    fs::remove(f.dir / "wf" / "pin.v1.yaml");
    f.dir.write("wf/pin.v2.yaml", kPinV2);
    f.reopen();
    const CaseRecord reopened = f.engine->get_case(created.id);
    CHECK(f.engine->workflow_of(reopened)->version == 1);
    CHECK(f.engine->fire(created.id, "lanjut", json::object(), officer, 1).record.state == "dua");
}
