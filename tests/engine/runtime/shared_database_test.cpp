// Two engines on one database, as two `tata serve` nodes share a
// PostgreSQL database (on SQLite, two processes one file): a due timer
// fires once however many nodes run their timers at the same moment, a
// case one node changed is refused to the other at the version it saw,
// and their writers, side by side, extend one audit chain.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <tata/errors.hpp>

#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};
const Actor opd_head{"sari", "opd_head"};

// An overdue confirmation is asked again, with a new deadline: the case
// stays in its state, so only the timer's claim keeps a second node from
// firing the same deadline again (a state check would not).
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
    on_due: konfirmasi
    outcomes:
      setuju: selesai
  selesai: {kind: end, result: done}
)";

struct TwoNodes {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-03-03T09:00:00+07:00"));  // a Monday
    EngineOptions options = engine_options(dir, {dir.write("wf/tenggat.yaml", kDeadlineYaml)}, clock);
    std::unique_ptr<Engine> first = std::make_unique<Engine>(options);
    std::unique_ptr<Engine> second = std::make_unique<Engine>(options);
};

std::size_t count_events(Engine& engine, CaseId id, const std::string& type) {
    std::size_t found = 0;
    for (const auto& event : engine.history(id)) found += event.type == type;
    return found;
}

}  // namespace

TEST_CASE("a due timer fires once when two nodes run their timers at the same moment", "[runtime][nodes]") {
    TwoNodes nodes;
    constexpr int kCases = 40;
    std::vector<CaseId> ids;
    for (int i = 0; i < kCases; ++i)
        ids.push_back(nodes.first->create_case("tenggat", "64.71", json::object(), officer).record.id);

    nodes.clock->set(at("2025-03-10T09:00:00+07:00"));  // two working days are long past
    TimerRunResult on_first;
    TimerRunResult on_second;
    std::thread a([&] { on_first = nodes.first->run_due_timers(); });
    std::thread b([&] { on_second = nodes.second->run_due_timers(); });
    a.join();
    b.join();

    CHECK(on_first.errors.empty());
    CHECK(on_second.errors.empty());
    CHECK(on_first.fired + on_second.fired == kCases);
    // Whatever one node found already fired, the other fired.
    CHECK(on_first.taken + on_second.taken <= kCases);
    for (const CaseId id : ids) {
        CHECK(count_events(*nodes.first, id, "escalated") == 1);
        CHECK(nodes.second->get_case(id).open_tasks.size() == 1);
    }
    CHECK(nodes.first->run_due_timers().fired == 0);
    CHECK(nodes.second->run_due_timers().fired == 0);
    const AuditReport audit = nodes.second->verify_audit();
    CHECK(audit.intact);
}

TEST_CASE("a case one node changed is refused to the other at the version it saw", "[runtime][nodes]") {
    TwoNodes nodes;
    const CaseRecord created = nodes.first->create_case("tenggat", "64.71", json::object(), officer).record;
    const std::int64_t seen = nodes.second->get_case(created.id).version;

    nodes.first->fire(created.id, "setuju", json::object(), opd_head, seen);
    try {
        nodes.second->fire(created.id, "setuju", json::object(), opd_head, seen);
        FAIL("the second node advanced a case from a version that was gone");
    } catch (const Conflict& conflict) {
        CHECK(conflict.current_version() == seen + 1);
    }
    CHECK(nodes.second->get_case(created.id).result == "done");
    CHECK(count_events(*nodes.second, created.id, "fired") == 1);
}

TEST_CASE("writers on two nodes at once extend one audit chain", "[runtime][nodes]") {
    TwoNodes nodes;
    constexpr int kEach = 30;
    const auto create_many = [](Engine& engine, std::vector<CaseId>& made) {
        for (int i = 0; i < kEach; ++i) {
            const CaseId id = engine.create_case("tenggat", "64.71", json::object(), officer).record.id;
            engine.fire(id, "setuju", json::object(), opd_head);
            made.push_back(id);
        }
    };
    std::vector<CaseId> by_first;
    std::vector<CaseId> by_second;
    std::thread a([&] { create_many(*nodes.first, by_first); });
    std::thread b([&] { create_many(*nodes.second, by_second); });
    a.join();
    b.join();

    std::int64_t events = 0;
    for (const auto* made : {&by_first, &by_second})
        for (const CaseId id : *made) {
            CHECK(nodes.first->get_case(id).result == "done");
            events += static_cast<std::int64_t>(nodes.first->history(id).size());
        }
    for (Engine* engine : {nodes.first.get(), nodes.second.get()}) {
        const AuditReport audit = engine->verify_audit();
        CHECK(audit.intact);
        CHECK(audit.events_checked == events);
        CHECK(audit.head_seq == events);
    }
}

TEST_CASE("a node whose connection the database server dropped connects again for its next advance",
          "[runtime][nodes][postgresql]") {
    TwoNodes nodes;
    const CaseId before = nodes.first->create_case("tenggat", "64.71", json::object(), officer).record.id;
    // As a restart or failover of the server would: every other session of
    // this database ends.
    sql_exec(nodes.options.database.string(),
             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
             "pg_backend_pid()");
    const CaseId after = nodes.first->create_case("tenggat", "64.71", json::object(), officer).record.id;
    nodes.second->fire(before, "setuju", json::object(), opd_head);
    CHECK(nodes.first->get_case(before).result == "done");
    CHECK(nodes.second->get_case(after).open_tasks.size() == 1);
    CHECK(nodes.first->verify_audit().intact);
}
