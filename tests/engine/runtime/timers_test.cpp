// Deadlines and waits on a fixed clock: working days counted in the regency's
// calendar (weekends, national holidays, cuti bersama, local holidays, its
// time zone), escalation when overdue, wait-state timers, stale timers.
#include "support/test_support.hpp"

#include "store/store.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};
const Actor opd_head{"sari", "opd_head"};

const char* const kDeadlineYaml = R"(id: tenggat
version: 1
title: Tenggat
start: konfirmasi
states:
  konfirmasi:
    kind: task
    title: Konfirmasi kepala OPD
    role: opd_head
    due: 2 working days
    on_due: eskalasi
    outcomes:
      setuju: selesai
  eskalasi:
    kind: task
    title: Eskalasi ke BKPSDM
    role: officer
    outcomes:
      buka_kembali: konfirmasi
      tutup: ditutup
  selesai: {kind: end, result: done}
  ditutup: {kind: end, result: closed}
)";

const char* const kWaitYaml = R"(id: tunggu
version: 1
title: Tunggu
start: tunggu
states:
  tunggu:
    kind: wait
    title: Menunggu perbaikan
    timer: 3 days
    on_timer: habis
    events:
      masuk:
        role: officer
        to: diterima
  habis:
    kind: end
    on_enter:
      - action: core.stamp
        with: {field: ditutup_pada}
    result: expired
  diterima: {kind: end, result: received}
)";

// A wait of working days whose timer leads into an auto state that fails.
const char* const kFailingTimerYaml = R"(id: tunggu_gagal
version: 1
title: Tunggu lalu gagal
start: tunggu
states:
  tunggu:
    kind: wait
    title: Menunggu
    timer: 1 hari kerja
    on_timer: proses
  proses:
    kind: auto
    actions:
      - faulty.throw
    next:
      - to: selesai
  selesai: {kind: end, result: done}
)";

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock;
    std::unique_ptr<Engine> engine;

    EngineOptions options;

    explicit Fixture(const std::string& now) : clock(std::make_shared<FixedClock>(at(now))) {
        options = engine_options(dir,
                                 {dir.write("wf/tenggat.yaml", kDeadlineYaml), dir.write("wf/tunggu.yaml", kWaitYaml),
                                  dir.write("wf/tunggu_gagal.yaml", kFailingTimerYaml)},
                                 clock);
        options.sources.plugins.push_back(test_plugin_dir("faulty"));
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

TimePoint due_of(const CaseRecord& record) {
    REQUIRE(record.open_tasks.size() == 1);
    REQUIRE(record.open_tasks[0].due_at.has_value());
    return *record.open_tasks[0].due_at;
}

}  // namespace

TEST_CASE("a deadline of 2 working days skips the weekend, national and local holidays (WITA)",
          "[runtime][timers]") {
    // Friday 28 March 2025, 10:00 WITA. Skipped: Sat 29, Sun 30, Mon 31 and
    // Tue 1 April (national), Wed 2 (cuti bersama), Thu 3 (local holiday of
    // 64.71). Working days: Fri 4 (1), Mon 7 (2). Due at the end of Mon 7.
    Fixture f("2025-03-28T10:00:00+08:00");
    Engine& engine = *f.engine;

    const CaseRecord created = engine.create_case("tenggat", "64.71", json::object(), officer).record;
    const CaseId id = created.id;
    CHECK(due_of(created) == at("2025-04-08T00:00:00+08:00"));
    CHECK(due_of(engine.get_case(id)) == at("2025-04-08T00:00:00+08:00"));
    CHECK(created.open_tasks[0].opened_at == at("2025-03-28T10:00:00+08:00"));

    // Not yet due: nothing happens, nothing is written.
    for (const char* now : {"2025-03-28T10:00:00+08:00", "2025-04-03T12:00:00+08:00", "2025-04-04T23:59:59+08:00",
                            "2025-04-07T23:59:59+08:00"}) {
        INFO(now);
        f.clock->set(at(now));
        const TimerRunResult run = engine.run_due_timers();
        CHECK(run.fired == 0);
        CHECK(run.incidents == 0);
        CHECK(run.stale == 0);
        const CaseRecord still = engine.get_case(id);
        CHECK(still.state == "konfirmasi");
        CHECK(still.version == 1);
        CHECK(still.open_tasks.size() == 1);
    }
    CHECK(engine.history(id).size() == 1);

    // Due: escalated to on_due, exactly once.
    f.clock->set(at("2025-04-08T00:00:00+08:00"));
    const TimerRunResult run = engine.run_due_timers();
    CHECK(run.fired == 1);
    CHECK(run.incidents == 0);
    CHECK(run.stale == 0);

    const CaseRecord escalated = engine.get_case(id);
    CHECK(escalated.state == "eskalasi");
    CHECK(escalated.status == CaseStatus::active);
    CHECK(escalated.version == 2);
    CHECK(escalated.updated_at == at("2025-04-08T00:00:00+08:00"));
    REQUIRE(escalated.open_tasks.size() == 1);  // the old task is closed, the new one open
    CHECK(escalated.open_tasks[0].state == "eskalasi");
    CHECK(escalated.open_tasks[0].title == "Eskalasi ke BKPSDM");
    CHECK(escalated.open_tasks[0].roles == std::vector<std::string>{"officer"});
    CHECK(escalated.open_tasks[0].id != created.open_tasks[0].id);
    // The escalation task keeps the deadline that was missed: it is late from
    // the start (the dashboard counts it), and has no timer of its own.
    REQUIRE(escalated.open_tasks[0].due_at.has_value());
    CHECK(*escalated.open_tasks[0].due_at == at("2025-04-08T00:00:00+08:00"));
    TaskFilter late;
    late.regency = "64.71";
    late.overdue_at = at("2025-04-08T00:00:01+08:00");
    CHECK(engine.count_tasks(late) == 1);

    const auto events = engine.history(id);
    REQUIRE(types_of(events) == std::vector<std::string>{"created", "escalated"});
    CHECK(events[1].from_state == "konfirmasi");
    CHECK(events[1].to_state == "eskalasi");
    CHECK(events[1].actor == "system");
    CHECK(events[1].role == "system");
    CHECK(events[1].at == at("2025-04-08T00:00:00+08:00"));
    CHECK(events[1].payload["due_at"] == "2025-04-08T00:00:00+08:00");

    // Running again, now or much later, fires nothing more.
    CHECK(engine.run_due_timers().fired == 0);
    f.clock->set(at("2025-06-01T00:00:00+08:00"));
    const TimerRunResult later = engine.run_due_timers();
    CHECK(later.fired == 0);
    CHECK(later.stale == 0);
    CHECK(engine.get_case(id).version == 2);
    CHECK(engine.history(id).size() == 2);

    // The old task's outcome is gone with it.
    CHECK_THROWS_AS(engine.fire(id, "setuju", json::object(), opd_head), InvalidTransition);

    // Reopening the confirmation opens a new task with a new deadline,
    // counted from now (Sun 1 June -> Mon 2, Tue 3 -> end of Tue 3).
    const CaseRecord reopened = engine.fire(id, "buka_kembali", json::object(), officer, 2).record;
    CHECK(reopened.state == "konfirmasi");
    CHECK(due_of(reopened) == at("2025-06-04T00:00:00+08:00"));
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("a task opened on a weekend or holiday counts from the next working day", "[runtime][timers]") {
    for (const char* opened : {"2025-03-29T08:00:00+08:00", "2025-03-30T23:59:00+08:00", "2025-04-01T09:00:00+08:00",
                               "2025-04-03T16:00:00+08:00"}) {
        INFO(opened);
        Fixture f(opened);
        const CaseRecord created = f.engine->create_case("tenggat", "64.71", json::object(), officer).record;
        CHECK(due_of(created) == at("2025-04-08T00:00:00+08:00"));
    }
    // Opened on the first working day after: Fri 4 April -> Mon 7 (1), Tue 8 (2).
    Fixture f("2025-04-04T08:00:00+08:00");
    CHECK(due_of(f.engine->create_case("tenggat", "64.71", json::object(), officer).record) ==
          at("2025-04-09T00:00:00+08:00"));
}

TEST_CASE("the same deadline in the WIB regency 62.03: no local holiday, UTC+7", "[runtime][timers]") {
    // The same instant is Friday 28 March 09:00 WIB. Skipped: 29, 30 (weekend),
    // 31, 1 and 2 April (national). Working days: Thu 3 (1), Fri 4 (2).
    Fixture f("2025-03-28T10:00:00+08:00");
    Engine& engine = *f.engine;
    const CaseId wita = engine.create_case("tenggat", "64.71", json::object(), officer).record.id;
    const CaseRecord wib = engine.create_case("tenggat", "62.03", json::object(), officer).record;
    CHECK(due_of(wib) == at("2025-04-05T00:00:00+07:00"));
    CHECK(due_of(engine.get_case(wita)) == at("2025-04-08T00:00:00+08:00"));

    f.clock->set(at("2025-04-04T23:59:59+07:00"));
    CHECK(engine.run_due_timers().fired == 0);

    // Midnight in Kapuas: only the WIB case escalates.
    f.clock->set(at("2025-04-05T00:00:00+07:00"));
    const TimerRunResult run = engine.run_due_timers();
    CHECK(run.fired == 1);
    CHECK(engine.get_case(wib.id).state == "eskalasi");
    CHECK(engine.get_case(wita).state == "konfirmasi");
    const auto events = engine.history(wib.id);
    REQUIRE(events.size() == 2);
    CHECK(events[1].type == "escalated");
    CHECK(events[1].payload["due_at"] == "2025-04-05T00:00:00+07:00");

    f.clock->set(at("2025-04-08T00:00:00+08:00"));
    CHECK(engine.run_due_timers().fired == 1);
    CHECK(engine.get_case(wita).state == "eskalasi");
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("the local date is taken in the regency's time zone", "[runtime][timers]") {
    // 23:30 WIB on Thursday 27 March is 00:30 WITA on Friday 28 March.
    Fixture f("2025-03-27T23:30:00+07:00");
    Engine& engine = *f.engine;
    // WIB counts from Thursday: Fri 28 (1), Thu 3 April (2).
    CHECK(due_of(engine.create_case("tenggat", "62.03", json::object(), officer).record) ==
          at("2025-04-04T00:00:00+07:00"));
    // WITA counts from Friday: Fri 4 (1), Mon 7 (2).
    CHECK(due_of(engine.create_case("tenggat", "64.71", json::object(), officer).record) ==
          at("2025-04-08T00:00:00+08:00"));
}

TEST_CASE("finishing a task before its deadline cancels the escalation", "[runtime][timers]") {
    Fixture f("2025-03-28T10:00:00+08:00");
    Engine& engine = *f.engine;
    const CaseId done = engine.create_case("tenggat", "64.71", json::object(), officer).record.id;
    const CaseId open = engine.create_case("tenggat", "64.71", json::object(), officer).record.id;
    f.clock->set(at("2025-04-07T15:00:00+08:00"));
    CHECK(engine.fire(done, "setuju", json::object(), opd_head, 1).record.result == "done");

    f.clock->set(at("2025-04-09T00:00:00+08:00"));
    const TimerRunResult run = engine.run_due_timers();
    CHECK(run.fired == 1);  // only the open one
    CHECK(run.stale == 0);  // the finished task's timer was cancelled, not left behind
    CHECK(engine.get_case(done).version == 2);
    CHECK(engine.get_case(done).state == "selesai");
    CHECK(engine.get_case(open).state == "eskalasi");
    CHECK(types_of(engine.history(done)) == std::vector<std::string>{"created", "fired"});
}

TEST_CASE("a wait-state timer moves the case to on_timer - an event first cancels it", "[runtime][timers]") {
    Fixture f("2025-03-28T10:00:00+08:00");
    Engine& engine = *f.engine;
    const CaseRecord waiting = engine.create_case("tunggu", "64.71", json::object(), officer).record;
    CHECK(waiting.state == "tunggu");
    CHECK(waiting.status == CaseStatus::active);
    CHECK(waiting.open_tasks.empty());
    const CaseId answered = engine.create_case("tunggu", "64.71", json::object(), officer).record.id;

    // `3 days` are calendar days: exactly 72 hours, holidays included.
    f.clock->set(at("2025-03-31T09:59:59+08:00"));
    CHECK(engine.run_due_timers().fired == 0);
    CHECK(engine.fire(answered, "masuk", json::object(), officer, 1).record.result == "received");

    f.clock->set(at("2025-03-31T10:00:00+08:00"));
    const TimerRunResult run = engine.run_due_timers();
    CHECK(run.fired == 1);
    CHECK(run.stale == 0);
    CHECK(run.incidents == 0);

    const CaseRecord expired = engine.get_case(waiting.id);
    CHECK(expired.state == "habis");
    CHECK(expired.status == CaseStatus::completed);
    CHECK(expired.result == "expired");
    CHECK(expired.version == 2);
    CHECK(expired.data["ditutup_pada"] == "2025-03-31T10:00:00+08:00");  // on_enter ran with the timer's now
    const auto events = engine.history(waiting.id);
    REQUIRE(types_of(events) == std::vector<std::string>{"created", "timer"});
    CHECK(events[1].from_state == "tunggu");
    CHECK(events[1].to_state == "habis");
    CHECK(events[1].actor == "system");
    CHECK(events[1].payload["due_at"] == "2025-03-31T10:00:00+08:00");

    // The answered case was not touched by the timer run.
    CHECK(engine.get_case(answered).version == 2);
    CHECK(engine.get_case(answered).result == "received");

    // Once the timer fired, the events are no longer accepted.
    CHECK_THROWS_AS(engine.fire(waiting.id, "masuk", json::object(), officer), InvalidTransition);
    CHECK(engine.run_due_timers().fired == 0);
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("a timer whose case has moved on is dropped as stale", "[runtime][timers]") {
    Fixture f("2025-03-28T10:00:00+08:00");
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("tenggat", "64.71", json::object(), officer).record.id;
    const CaseId finished = engine.create_case("tunggu", "64.71", json::object(), officer).record.id;
    engine.fire(finished, "masuk", json::object(), officer);

    // The engine cancels a state's timers when the case leaves it, so a
    // left-behind timer (as an older engine or an interrupted migration
    // could leave) is planted directly in the database, engine closed.
    f.engine.reset();
    {
        auto store = open_store(f.options.database.string());
        store->add_timer({0, id, 0, "eskalasi", "due", at("2025-03-29T00:00:00+08:00")});    // not its state
        store->add_timer({0, finished, 0, "tunggu", "wait", at("2025-03-29T00:00:00+08:00")});  // case closed
    }
    f.reopen();
    Engine& reopened = *f.engine;

    f.clock->set(at("2025-03-30T00:00:00+08:00"));
    const TimerRunResult run = reopened.run_due_timers();
    CHECK(run.fired == 0);
    CHECK(run.stale == 2);
    CHECK(run.incidents == 0);
    const CaseRecord unchanged = reopened.get_case(id);
    CHECK(unchanged.state == "konfirmasi");
    CHECK(unchanged.version == 1);
    CHECK(reopened.history(id).size() == 1);
    CHECK(reopened.get_case(finished).version == 2);

    // Dropped for good; the case's own deadline still fires when due.
    CHECK(reopened.run_due_timers().stale == 0);
    f.clock->set(at("2025-04-08T00:00:00+08:00"));
    const TimerRunResult due = reopened.run_due_timers();
    CHECK(due.fired == 1);
    CHECK(due.stale == 0);
    CHECK(reopened.get_case(id).state == "eskalasi");
    CHECK(reopened.verify_audit().intact);
}

TEST_CASE("a timer that leads into a failing step parks the case with an incident", "[runtime][timers]") {
    Fixture f("2025-04-04T10:00:00+08:00");  // Friday
    Engine& engine = *f.engine;
    const CaseId id = engine.create_case("tunggu_gagal", "64.71", json::object(), officer).record.id;
    const CaseId other = engine.create_case("tenggat", "64.71", json::object(), officer).record.id;

    // `1 hari kerja` from Friday: Monday 7 April; due at its end.
    f.clock->set(at("2025-04-07T23:59:59+08:00"));
    CHECK(engine.run_due_timers().fired == 0);
    f.clock->set(at("2025-04-08T00:00:00+08:00"));
    const TimerRunResult run = engine.run_due_timers();
    CHECK(run.fired == 1);
    CHECK(run.incidents == 1);

    const CaseRecord parked = engine.get_case(id);
    CHECK(parked.state == "proses");
    CHECK(parked.status == CaseStatus::incident);
    CHECK(parked.version == 2);
    CHECK(types_of(engine.history(id)) == std::vector<std::string>{"created", "timer", "incident"});
    const auto incidents = engine.incidents(id);
    REQUIRE(incidents.size() == 1);
    CHECK(incidents[0].action == "faulty.throw");
    CHECK(incidents[0].state == "proses");
    CHECK(incidents[0].open);

    // Other cases are untouched; the timer does not fire twice.
    CHECK(engine.get_case(other).state == "konfirmasi");
    CHECK(engine.run_due_timers().fired == 0);
    CHECK(engine.verify_audit().intact);
}

TEST_CASE("a timer run fires the timers due when it starts, not ones it sets itself", "[runtime][timers]") {
    // A deadline of `0 hours` falls due the instant its task opens. If a
    // timer run kept picking up timers that it set itself, a cycle of such
    // tasks would never let `tata timers run` finish (here the cycle is cut
    // after 50 rounds by a guard, so the test ends either way). Refusing
    // zero-length deadlines at load time would be an acceptable fix too.
    TempDir dir;
    const fs::path file = dir.write("wf/nol.yaml", R"(id: nol
version: 1
title: Tenggat nol
start: tugas
states:
  tugas:
    kind: task
    title: Tugas
    role: officer
    due: 0 hours
    on_due: hitung
    outcomes:
      selesai: selesai
  hitung:
    kind: auto
    actions:
      - counter.increment
    next:
      - when: "count >= 50"
        to: selesai
      - to: tugas
  selesai: {kind: end, result: done}
)");
    auto clock = std::make_shared<FixedClock>(at("2025-03-28T10:00:00+08:00"));
    std::unique_ptr<Engine> engine;
    try {
        engine = std::make_unique<Engine>(engine_options(dir, {file}, clock));
    } catch (const ValidationError& e) {
        CHECK_THAT(e.what(), Catch::Contains("0 hours"));
        return;  // refused at load time: no such cycle can run
    }
    const CaseRecord created = engine->create_case("nol", "64.71", json::object(), officer).record;
    CHECK(due_of(created) == at("2025-03-28T10:00:00+08:00"));

    const TimerRunResult first = engine->run_due_timers();
    CHECK(first.fired == 1);
    CaseRecord record = engine->get_case(created.id);
    CHECK(record.state == "tugas");
    CHECK(record.data["count"] == 1);
    CHECK(record.version == 2);

    // The next run fires the deadline the first one set.
    const TimerRunResult second = engine->run_due_timers();
    CHECK(second.fired == 1);
    record = engine->get_case(created.id);
    CHECK(record.data["count"] == 2);
    CHECK(engine->verify_audit().intact);
}
