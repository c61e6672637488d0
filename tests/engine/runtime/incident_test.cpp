// Failures inside a step become incidents: a plugin that throws, fails,
// throws past the SDK, answers garbage or nothing; a guard that cannot be
// evaluated; an automatic loop that runs past the step limit. The case parks,
// the failing step's data changes are discarded, other cases go on, a retry
// re-runs the state, and the audit chain stays intact throughout.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};

// One auto state per way a plugin can fail; each first marks the data
// (on_enter and a first action) so the test can see the step rolled back.
const char* const kFaultyYaml = R"(id: gagal
version: 1
title: Langkah yang gagal
start: mulai
states:
  mulai:
    kind: task
    title: Mulai
    role: officer
    form:
      catatan: {type: text}
    outcomes:
      lempar: s_throw
      tolak: s_fail
      mentah: s_raw
      patch_buruk: s_patch
      diam: s_silent
      rapuh: s_flaky
      aman: selesai
  s_throw:
    kind: auto
    on_enter:
      - action: core.set
        with: {ditandai: true}
    actions:
      - counter.increment
      - faulty.throw
    next: [{to: selesai}]
  s_fail:
    kind: auto
    on_enter:
      - action: core.set
        with: {ditandai: true}
    actions:
      - counter.increment
      - action: faulty.fail
        with: {reason: uji}
    next: [{to: selesai}]
  s_raw:
    kind: auto
    on_enter:
      - action: core.set
        with: {ditandai: true}
    actions:
      - counter.increment
      - faulty.raw_throw
    next: [{to: selesai}]
  s_patch:
    kind: auto
    on_enter:
      - action: core.set
        with: {ditandai: true}
    actions:
      - counter.increment
      - faulty.bad_patch
    next: [{to: selesai}]
  s_silent:
    kind: auto
    on_enter:
      - action: core.set
        with: {ditandai: true}
    actions:
      - counter.increment
      - faulty.silent
    next: [{to: selesai}]
  s_flaky:
    kind: auto
    actions:
      - counter.increment
      - faulty.flaky
    next: [{to: selesai}]
  selesai: {kind: end, result: done}
)";

// Fails while creating, after one auto state that succeeded.
const char* const kChainYaml = R"(id: rantai
version: 1
title: Rantai
start: pertama
states:
  pertama:
    kind: auto
    actions:
      - counter.increment
    next: [{to: kedua}]
  kedua:
    kind: auto
    on_enter:
      - action: counter.increment
        with: {by: 100}
    actions:
      - faulty.throw
    next: [{to: selesai}]
  selesai: {kind: end, result: done}
)";

// Guards that cannot be evaluated: in an auto state, and on an outcome.
const char* const kGuardYaml = R"(id: penjaga
version: 1
title: Penjaga
start: mulai
states:
  mulai:
    kind: task
    title: Mulai
    role: officer
    form:
      catatan: {type: text}
    outcomes:
      jalan: cek
      putuskan:
        next:
          - when: "nil_value + 1 > 0"
            to: selesai
          - to: selesai
  cek:
    kind: auto
    on_enter:
      - counter.increment
    next:
      - when: "nil_value + 1 > 0"
        to: selesai
      - to: selesai
  selesai: {kind: end, result: done}
)";

// A loop with an exit that holds only for huge counts.
const char* const kLoopYaml = R"(id: putaran
version: 1
title: Putaran
start: a
states:
  a:
    kind: auto
    actions:
      - counter.increment
    next:
      - when: "count > 1000000"
        to: selesai
      - to: b
  b:
    kind: auto
    next:
      - to: a
  selesai: {kind: end, result: done}
)";

// The regency must provide a setting the check reads; then faulty.flaky runs.
const char* const kRepairYaml = R"(id: perbaikan
version: 1
title: Perbaikan
start: kerja
states:
  kerja:
    kind: auto
    actions:
      - action: core.check_field
        with: {check: ambang, field: jumlah, min_setting: ambang_uji}
      - faulty.flaky
    next:
      - when: "checks.failed == 0"
        to: lolos
      - to: gugur
  lolos: {kind: end, result: passed}
  gugur: {kind: end, result: failed}
)";

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-03-28T10:00:00+08:00"));
    EngineOptions options;
    std::unique_ptr<Engine> engine;

    explicit Fixture(int step_limit = 64) {
        options = engine_options(dir,
                                 {dir.write("wf/gagal.yaml", kFaultyYaml), dir.write("wf/rantai.yaml", kChainYaml),
                                  dir.write("wf/penjaga.yaml", kGuardYaml), dir.write("wf/putaran.yaml", kLoopYaml)},
                                 clock);
        options.sources.plugins.push_back(test_plugin_dir("faulty"));
        options.automatic_step_limit = step_limit;
        engine = std::make_unique<Engine>(options);
    }
};

std::vector<std::string> types_of(const std::vector<EventRecord>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.type);
    return out;
}

// The audit chain verifies and covers every event of every case.
void require_audit_intact(Engine& engine) {
    std::int64_t total = 0;
    for (const auto& c : engine.list_cases(CaseFilter{})) total += static_cast<std::int64_t>(engine.history(c.id).size());
    const AuditReport audit = engine.verify_audit();
    CHECK(audit.intact);
    CHECK_FALSE(audit.first_bad_seq.has_value());
    CHECK(audit.events_checked == total);
}

CaseFilter with_status(CaseStatus status) {
    CaseFilter filter;
    filter.status = status;
    return filter;
}

struct PluginFailure {
    const char* outcome;
    const char* state;
    const char* action;
    const char* message;
};

}  // namespace

TEST_CASE("a failing plugin action parks the case with an incident - other cases go on", "[runtime][incident]") {
    Fixture f;
    Engine& engine = *f.engine;
    const std::vector<PluginFailure> failures = {
        {"lempar", "s_throw", "faulty.throw", "faulty.throw: database BKN tidak dapat dihubungi"},
        {"tolak", "s_fail", "faulty.fail", "faulty.fail: ditolak oleh plugin: uji"},
        {"mentah", "s_raw", "faulty.raw_throw", "faulty.raw_throw threw: raw exception"},
        {"patch_buruk", "s_patch", "faulty.bad_patch", "faulty.bad_patch returned a patch that is not a JSON object"},
        {"diam", "s_silent", "faulty.silent", "faulty.silent returned status 0 without an answer"},
    };

    for (const auto& failure : failures) {
        INFO(failure.action);
        f.clock->set(f.clock->now() + std::chrono::minutes(5));
        const CaseId id = engine.create_case("gagal", "64.71", {{"nama", "Siti"}}, officer).record.id;
        const CaseId bystander = engine.create_case("gagal", "64.71", {{"nama", "Rudi"}}, officer).record.id;

        const AdvanceResult result = engine.fire(id, failure.outcome, {{"catatan", "kirim"}}, officer, 1);
        REQUIRE(result.incident.has_value());
        CHECK(result.incident->case_id == id);
        CHECK(result.incident->state == failure.state);
        CHECK(result.incident->action == failure.action);
        CHECK(result.incident->message == failure.message);
        CHECK(result.incident->open);
        CHECK(result.incident->opened_at == f.clock->now());

        // Parked in the failing state; the step's own changes are gone, the
        // accepted input is kept.
        const CaseRecord parked = engine.get_case(id);
        CHECK(parked.state == failure.state);
        CHECK(parked.status == CaseStatus::incident);
        CHECK(parked.version == 2);
        CHECK(parked.result.empty());
        CHECK(parked.open_tasks.empty());
        CHECK(parked.data == json{{"nama", "Siti"}, {"catatan", "kirim"}});
        CHECK(result.record.status == CaseStatus::incident);
        CHECK(result.record.data == parked.data);

        const auto incidents = engine.incidents(id);
        REQUIRE(incidents.size() == 1);
        CHECK(incidents[0].id == result.incident->id);
        CHECK(incidents[0].state == failure.state);
        CHECK(incidents[0].action == failure.action);
        CHECK(incidents[0].message == failure.message);
        CHECK(incidents[0].open);

        const auto events = engine.history(id);
        REQUIRE(types_of(events) == std::vector<std::string>{"created", "fired", "incident"});
        CHECK(events[1].to_state == failure.state);
        CHECK(events[2].from_state == failure.state);
        CHECK(events[2].to_state == failure.state);
        CHECK(events[2].actor == "system");
        CHECK(events[2].payload["action"] == failure.action);
        CHECK(events[2].payload["message"] == failure.message);
        CHECK(events[2].payload["incident"] == result.incident->id);

        // A case with an open incident accepts nothing; nothing is written.
        CHECK_THROWS_AS(engine.fire(id, "aman", json::object(), officer), InvalidTransition);
        CHECK_THROWS_AS(engine.fire(id, failure.outcome, json::object(), officer, 2), InvalidTransition);
        CHECK_THROWS_AS(engine.fire(id, "apa_saja", json::object(), Actor::system()), InvalidTransition);
        try {
            engine.fire(id, "aman", json::object(), officer);
        } catch (const InvalidTransition& e) {
            CHECK_THAT(e.what(), Catch::Contains("incident"));
        }
        CHECK(engine.get_case(id).version == 2);
        CHECK(engine.history(id).size() == 3);

        // The other case was not touched and still advances.
        const CaseRecord untouched = engine.get_case(bystander);
        CHECK(untouched.state == "mulai");
        CHECK(untouched.version == 1);
        CHECK(untouched.status == CaseStatus::active);
        CHECK(engine.incidents(bystander).empty());
        const CaseRecord done = engine.fire(bystander, "aman", json::object(), officer, 1).record;
        CHECK(done.status == CaseStatus::completed);
        CHECK(done.result == "done");

        // A fresh case on the same workflow after the failure is fine too.
        const CaseId after = engine.create_case("gagal", "64.71", json::object(), officer).record.id;
        CHECK(engine.fire(after, "aman", json::object(), officer).record.status == CaseStatus::completed);
    }
    require_audit_intact(engine);
}

TEST_CASE("a failure while creating parks the new case - earlier auto steps keep their changes",
          "[runtime][incident]") {
    Fixture f;
    Engine& engine = *f.engine;
    const AdvanceResult created = engine.create_case("rantai", "64.71", {{"nama", "Siti"}}, officer);
    REQUIRE(created.incident.has_value());
    CHECK(created.incident->state == "kedua");
    CHECK(created.incident->action == "faulty.throw");
    const CaseRecord parked = engine.get_case(created.record.id);
    CHECK(parked.state == "kedua");
    CHECK(parked.status == CaseStatus::incident);
    CHECK(parked.version == 1);
    // `pertama` completed (count 1); `kedua`'s on_enter (+100) was rolled back.
    CHECK(parked.data == json{{"nama", "Siti"}, {"count", 1}});
    const auto events = engine.history(parked.id);
    REQUIRE(types_of(events) == std::vector<std::string>{"created", "auto", "incident"});
    CHECK(events[1].from_state == "pertama");
    CHECK(events[1].to_state == "kedua");
    CHECK(engine.list_cases(CaseFilter{}).size() == 1);
    require_audit_intact(engine);
}

TEST_CASE("retry re-runs the state - while the cause persists it fails again", "[runtime][incident][retry]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("gagal", "64.71", {{"flaky_broken", true}}, officer).record.id;
    CHECK_THROWS_AS(engine.retry(id, officer), InvalidTransition);  // nothing to retry yet

    const AdvanceResult first = engine.fire(id, "rapuh", json::object(), officer, 1);
    REQUIRE(first.incident.has_value());
    CHECK(first.incident->message == "faulty.flaky: layanan sementara tidak tersedia");

    f.clock->set(at("2025-03-28T11:00:00+08:00"));
    const AdvanceResult second = engine.retry(id, Actor{"ani", "admin"});
    REQUIRE(second.incident.has_value());
    CHECK(second.incident->id != first.incident->id);
    CHECK(second.incident->state == "s_flaky");
    CHECK(second.incident->opened_at == at("2025-03-28T11:00:00+08:00"));
    CHECK(second.record.status == CaseStatus::incident);
    CHECK(second.record.version == 3);
    CHECK(second.record.data == json{{"flaky_broken", true}});  // the increment was rolled back again

    const auto incidents = engine.incidents(id);
    REQUIRE(incidents.size() == 2);
    CHECK_FALSE(incidents[0].open);  // resolved by the retry
    CHECK(incidents[1].open);
    CHECK(incidents[1].id == second.incident->id);

    const auto events = engine.history(id);
    REQUIRE(types_of(events) == std::vector<std::string>{"created", "fired", "incident", "retried", "incident"});
    CHECK(events[3].actor == "ani");
    CHECK(events[3].role == "admin");
    CHECK(events[3].from_state == "s_flaky");
    CHECK(events[3].to_state == "s_flaky");
    CHECK(events[3].at == at("2025-03-28T11:00:00+08:00"));
    require_audit_intact(engine);
}

TEST_CASE("an incident resolved by hand sends the case on to a state the parked one leads to", "[runtime][incident]") {
    Fixture f;
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("gagal", "64.71", {{"flaky_broken", true}}, officer).record.id;
    CHECK_THROWS_AS(engine.resolve_incident(id, "selesai", "dicek manual", officer), InvalidTransition);  // no incident
    REQUIRE(engine.fire(id, "rapuh", json::object(), officer).incident.has_value());
    const auto before = engine.get_case(id);

    CHECK_THROWS_AS(engine.resolve_incident(id, "mulai", "dicek manual", officer), InvalidTransition);  // not a target
    CHECK_THROWS_AS(engine.resolve_incident(id, "selesai", "", officer), InvalidInput);                 // no note
    CHECK(engine.get_case(id).version == before.version);

    const auto resolved = engine.resolve_incident(id, "selesai", "Layanan dicek lewat telepon; data benar", Actor{"ani", "admin"});
    CHECK_FALSE(resolved.incident.has_value());
    CHECK(resolved.record.status == CaseStatus::completed);
    CHECK(resolved.record.result == "done");
    CHECK_FALSE(resolved.record.data.contains("count"));  // the failed step's work was not redone
    for (const auto& incident : engine.incidents(id)) CHECK_FALSE(incident.open);
    const auto events = engine.history(id);
    REQUIRE(types_of(events).back() == "resolved");
    CHECK(events.back().payload["note"] == "Layanan dicek lewat telepon; data benar");
    CHECK(events.back().from_state == "s_flaky");
    CHECK(events.back().to_state == "selesai");
    require_audit_intact(engine);
}

TEST_CASE("retry succeeds once the cause is fixed by redeploying the rules", "[runtime][incident][retry]") {
    TempDir dir;
    const fs::path rules = dir / "rules";
    fs::copy(fixture_rules(), rules, fs::copy_options::recursive);
    auto clock = std::make_shared<FixedClock>(at("2025-03-28T10:00:00+08:00"));
    EngineOptions options = engine_options(dir, {dir.write("wf/perbaikan.yaml", kRepairYaml)}, clock);
    options.sources.rules = {rules};
    options.sources.plugins.push_back(test_plugin_dir("faulty"));
    Engine engine(options);

    const json data = {{"jumlah", 5}, {"flaky_broken", false}};
    const AdvanceResult created = engine.create_case("perbaikan", "64.71", data, officer);
    REQUIRE(created.incident.has_value());
    CHECK(created.incident->action == "core.check_field");
    CHECK(created.incident->message == "core.check_field: the regency has no numeric setting 'ambang_uji'");
    const CaseId id = created.record.id;
    CHECK(engine.get_case(id).data == data);

    // Retrying without a fix fails the same way.
    const AdvanceResult unchanged = engine.retry(id, officer);
    REQUIRE(unchanged.incident.has_value());
    CHECK(unchanged.incident->message == created.incident->message);

    // The regency gets the setting; the rules are reloaded; the retry passes
    // the check and runs faulty.flaky (which works: flaky_broken is false).
    std::string regency = read_text(rules / "64.71" / "regency.yaml");
    const auto settings = regency.find("settings:\n");
    REQUIRE(settings != std::string::npos);
    regency.insert(settings + std::string("settings:\n").size(), "  ambang_uji: 3\n");
    write_file(rules / "64.71" / "regency.yaml", regency);
    engine.reload();

    clock->set(at("2025-03-28T12:00:00+08:00"));
    const AdvanceResult fixed = engine.retry(id, officer);
    REQUIRE_FALSE(fixed.incident.has_value());
    CHECK(fixed.record.status == CaseStatus::completed);
    CHECK(fixed.record.state == "lolos");
    CHECK(fixed.record.result == "passed");
    CHECK(fixed.record.version == 3);
    CHECK(fixed.record.data["flaky_done"] == true);
    CHECK(fixed.record.data["checks"]["ambang"]["ok"] == true);
    CHECK(fixed.record.data["checks"]["failed"] == 0);
    CHECK(engine.get_case(id).status == CaseStatus::completed);

    const auto incidents = engine.incidents(id);
    REQUIRE(incidents.size() == 2);
    CHECK_FALSE(incidents[0].open);
    CHECK_FALSE(incidents[1].open);
    CHECK(types_of(engine.history(id)) ==
          std::vector<std::string>{"created", "incident", "retried", "incident", "retried", "auto"});
    CHECK_THROWS_AS(engine.retry(id, officer), InvalidTransition);  // completed: nothing to retry

    // With the setting in place, a new case that misses the bound takes the other branch.
    const CaseRecord low = engine.create_case("perbaikan", "64.71", {{"jumlah", 1}, {"flaky_broken", false}}, officer).record;
    CHECK(low.result == "failed");
    require_audit_intact(engine);
}

TEST_CASE("a guard that fails at run time opens an incident", "[runtime][incident][guards]") {
    Fixture f;
    Engine& engine = *f.engine;

    SECTION("in an automatic state") {
        const CaseId id = engine.create_case("penjaga", "64.71", {{"nama", "Siti"}}, officer).record.id;
        const AdvanceResult result = engine.fire(id, "jalan", {{"catatan", "x"}}, officer, 1);
        REQUIRE(result.incident.has_value());
        CHECK(result.incident->state == "cek");
        CHECK(result.incident->action == "when: nil_value + 1 > 0");
        CHECK_THAT(result.incident->message, Catch::StartsWith("condition 'nil_value + 1 > 0' failed: "));
        const CaseRecord parked = engine.get_case(id);
        CHECK(parked.state == "cek");
        CHECK(parked.status == CaseStatus::incident);
        CHECK(parked.version == 2);
        CHECK(parked.data == json{{"nama", "Siti"}, {"catatan", "x"}});  // on_enter's increment rolled back
        CHECK(types_of(engine.history(id)) == std::vector<std::string>{"created", "fired", "incident"});

        // The definition is still broken: a retry fails again.
        const AdvanceResult again = engine.retry(id, officer);
        REQUIRE(again.incident.has_value());
        CHECK(again.incident->action == "when: nil_value + 1 > 0");
        CHECK(engine.get_case(id).data == parked.data);
    }
    SECTION("in an outcome's branches: the officer's decision is not applied") {
        const CaseId id = engine.create_case("penjaga", "64.71", {{"nama", "Siti"}}, officer).record.id;
        const AdvanceResult result = engine.fire(id, "putuskan", {{"catatan", "keputusan"}}, officer, 1);
        REQUIRE(result.incident.has_value());
        CHECK(result.incident->state == "mulai");
        CHECK(result.incident->action == "when: nil_value + 1 > 0");
        const CaseRecord parked = engine.get_case(id);
        CHECK(parked.state == "mulai");
        CHECK(parked.status == CaseStatus::incident);
        CHECK(parked.version == 2);
        CHECK(parked.data == json{{"nama", "Siti"}});
        CHECK(parked.open_tasks.empty());
        CHECK(types_of(engine.history(id)) == std::vector<std::string>{"created", "incident"});
        CHECK_THROWS_AS(engine.fire(id, "jalan", json::object(), officer), InvalidTransition);

        // A retry re-enters the task: a new task opens and the case is active.
        const AdvanceResult retried = engine.retry(id, officer);
        REQUIRE_FALSE(retried.incident.has_value());
        CHECK(retried.record.status == CaseStatus::active);
        CHECK(retried.record.state == "mulai");
        CHECK(retried.record.version == 3);
        REQUIRE(retried.record.open_tasks.size() == 1);
        CHECK(retried.record.open_tasks[0].state == "mulai");
        CHECK(engine.incidents(id).at(0).open == false);
        CHECK(types_of(engine.history(id)) == std::vector<std::string>{"created", "incident", "retried"});
    }
    // Another case on the same engine is unaffected.
    const CaseId other = engine.create_case("gagal", "64.71", json::object(), officer).record.id;
    CHECK(engine.fire(other, "aman", json::object(), officer).record.result == "done");
    require_audit_intact(engine);
}

TEST_CASE("an automatic loop that does not exit within the step limit opens an incident", "[runtime][incident]") {
    const int limit = GENERATE(64, 7);
    INFO("limit " << limit);
    Fixture f(limit);
    Engine& engine = *f.engine;

    const AdvanceResult created = engine.create_case("putaran", "64.71", json::object(), officer);
    REQUIRE(created.incident.has_value());
    CHECK(created.incident->message ==
          "automatic steps exceeded the limit of " + std::to_string(limit) + " in one advance (a loop in the workflow?)");
    const CaseRecord parked = engine.get_case(created.record.id);
    CHECK(parked.status == CaseStatus::incident);
    CHECK(parked.state == (limit % 2 == 0 ? "a" : "b"));  // the state it was about to enter
    CHECK(parked.state == created.incident->state);

    const auto events = engine.history(parked.id);
    REQUIRE(events.size() == static_cast<std::size_t>(limit) + 2);
    CHECK(events.front().type == "created");
    CHECK(events.back().type == "incident");
    CHECK_THAT(events.back().payload["message"].get<std::string>(), Catch::Contains(std::to_string(limit)));
    for (std::size_t i = 1; i + 1 < events.size(); ++i) CHECK(events[i].type == "auto");

    // A loop that does exit within the limit completes: from 999990, the
    // 11th pass through `a` exceeds 1000000 (21 automatic moves).
    if (limit >= 21) {
        const CaseRecord done = engine.create_case("putaran", "64.71", {{"count", 999990}}, officer).record;
        CHECK(done.status == CaseStatus::completed);
        CHECK(done.data["count"] == 1000001);
        CHECK(engine.history(done.id).size() == 1 + 21);
    }

    // Other cases are unaffected.
    const CaseId other = engine.create_case("gagal", "64.71", json::object(), officer).record.id;
    CHECK(engine.fire(other, "aman", json::object(), officer).record.result == "done");
    require_audit_intact(engine);
}

TEST_CASE("the audit chain stays intact through incidents, retries and reopening", "[runtime][incident]") {
    Fixture f;
    {
        Engine& engine = *f.engine;
        const CaseId a = engine.create_case("gagal", "64.71", json::object(), officer).record.id;
        engine.fire(a, "lempar", json::object(), officer);
        engine.retry(a, officer);
        engine.create_case("rantai", "64.71", json::object(), officer);
        engine.create_case("putaran", "64.71", json::object(), officer);
        const CaseId b = engine.create_case("penjaga", "64.71", json::object(), officer).record.id;
        engine.fire(b, "putuskan", json::object(), officer);
        engine.retry(b, officer);
        engine.fire(b, "jalan", json::object(), officer);
        const CaseId c = engine.create_case("gagal", "64.71", json::object(), officer).record.id;
        engine.fire(c, "aman", json::object(), officer);
        require_audit_intact(engine);
        CHECK(engine.list_cases(with_status(CaseStatus::incident)).size() == 4);
    }
    f.engine.reset();
    f.engine = std::make_unique<Engine>(f.options);
    require_audit_intact(*f.engine);
    CHECK(f.engine->list_cases(with_status(CaseStatus::incident)).size() == 4);
    CHECK(f.engine->list_cases(with_status(CaseStatus::completed)).size() == 1);
}
