// Withdrawing a case and finding an operation's events: what undoing a
// roster import stands on. A withdrawn case keeps its history, loses its
// tasks, timers and business key, and nothing fires on it again; the
// events of an operation are found by it, in chain order; a data update
// records what it replaced.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const char* const kFileYaml = R"(id: berkas
version: 1
title: Berkas
start: periksa
states:
  periksa:
    kind: task
    title: Periksa berkas
    role: officer
    due: 2 working days
    on_due: tinjau
    outcomes:
      setuju: selesai
  tinjau:
    kind: task
    title: Tinjau
    role: officer
    outcomes:
      setuju: selesai
  selesai: {kind: end, result: verified}
)";

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-03-28T10:00:00+07:00"));
    std::unique_ptr<Engine> engine;
    Actor importer{"ani", "officer", "impor-7"};
    Actor officer{"budi", "officer"};

    Fixture() { engine = std::make_unique<Engine>(engine_options(dir, {dir.write("wf/berkas.yaml", kFileYaml)}, clock)); }
};

}  // namespace

TEST_CASE("a withdrawn case closes its tasks, releases its key and takes nothing more", "[runtime][withdraw]") {
    Fixture f;
    const CaseRecord created = f.engine->create_case("berkas", "62.03", {{"nama", "Siti"}}, f.importer, "6203014101900001").record;
    REQUIRE(created.open_tasks.size() == 1);

    const CaseRecord withdrawn = f.engine->withdraw_case(created.id, "impor salah berkas", f.officer, created.version);
    CHECK(withdrawn.status == CaseStatus::withdrawn);
    CHECK(withdrawn.key.empty());
    CHECK(withdrawn.open_tasks.empty());
    CHECK(withdrawn.version == created.version + 1);
    const CaseRecord reread = f.engine->get_case(created.id);
    CHECK(reread.status == CaseStatus::withdrawn);
    CHECK(reread.open_tasks.empty());
    CHECK(reread.data["nama"] == "Siti");  // the record stays

    const auto history = f.engine->history(created.id);
    REQUIRE(history.back().type == "withdrawn");
    CHECK(history.back().actor == "budi");
    CHECK(history.back().payload["reason"] == "impor salah berkas");
    CHECK(history.back().payload["key"] == "6203014101900001");

    // The key is free: the worker can be imported again as a new case.
    CHECK_FALSE(f.engine->find_case_by_key("62.03", "berkas", "6203014101900001"));
    const CaseRecord again = f.engine->create_case("berkas", "62.03", {{"nama", "Siti"}}, f.officer, "6203014101900001").record;
    CHECK(again.id != created.id);

    // Nothing moves it again: no decision, no data change, no second withdrawal, no escalation.
    CHECK_THROWS_AS(f.engine->fire(created.id, "setuju", json::object(), f.officer), InvalidTransition);
    CHECK_THROWS_AS(f.engine->update_data(created.id, {{"nama", "X"}}, f.officer), InvalidTransition);
    CHECK_THROWS_AS(f.engine->withdraw_case(created.id, "lagi", f.officer), InvalidTransition);
    f.clock->set(at("2025-04-10T10:00:00+07:00"));
    f.engine->run_due_timers();
    CHECK(f.engine->get_case(created.id).state == "periksa");
    CHECK(f.engine->get_case(created.id).status == CaseStatus::withdrawn);
    CHECK(f.engine->verify_audit({}).intact);
}

TEST_CASE("withdrawing needs a reason and the version the caller saw", "[runtime][withdraw]") {
    Fixture f;
    const CaseRecord created = f.engine->create_case("berkas", "62.03", json::object(), f.officer).record;
    CHECK_THROWS_AS(f.engine->withdraw_case(created.id, "", f.officer), InvalidInput);
    CHECK_THROWS_AS(f.engine->withdraw_case(created.id, "salah", f.officer, created.version + 5), Conflict);
    const CaseRecord done = f.engine->fire(created.id, "setuju", json::object(), f.officer).record;
    REQUIRE(done.status == CaseStatus::completed);
    CHECK_THROWS_AS(f.engine->withdraw_case(created.id, "salah", f.officer), InvalidTransition);
    CHECK(f.engine->get_case(created.id).status == CaseStatus::completed);
}

TEST_CASE("an operation's events are found by it, and an update records what it replaced", "[runtime][withdraw]") {
    Fixture f;
    const CaseId a = f.engine->create_case("berkas", "62.03", {{"nama", "Siti"}, {"opd", "Dinas Kesehatan"}}, f.importer, "1").record.id;
    const CaseId b = f.engine->create_case("berkas", "62.03", {{"nama", "Rudi"}}, f.officer, "2").record.id;
    f.engine->update_data(b, {{"nama", "Rudi Hartono"}, {"jabatan", "Guru"}}, f.importer);
    f.engine->update_data(a, {{"nama", "Siti Aminah"}}, f.officer);  // not the operation's

    const auto events = f.engine->events_of_operation("impor-7");
    REQUIRE(events.size() == 2);
    CHECK(events[0].case_id == a);
    CHECK(events[0].type == "created");
    CHECK(events[1].case_id == b);
    CHECK(events[1].type == "data_updated");
    CHECK(events[0].seq < events[1].seq);
    // The operation is in the payload, which the chain's hash covers.
    CHECK(events[1].payload["operation"] == "impor-7");
    CHECK(events[1].payload["before"] == json({{"nama", "Rudi"}, {"jabatan", nullptr}}));
    CHECK(events[1].payload["patch"] == json({{"nama", "Rudi Hartono"}, {"jabatan", "Guru"}}));
    CHECK(f.engine->events_of_operation("impor-8").empty());
    CHECK(f.engine->verify_audit({}).intact);
}

TEST_CASE("counts over the case index leave withdrawn cases out", "[runtime][withdraw]") {
    TempDir dir;
    const std::string yaml = std::string(kFileYaml) + "index:\n  nama: text\n";
    Engine engine(engine_options(dir, {dir.write("wf/berkas.yaml", yaml)}, std::make_shared<FixedClock>(at("2025-03-28T10:00:00+07:00"))));
    const Actor officer{"budi", "officer"};
    const CaseId kept = engine.create_case("berkas", "62.03", {{"nama", "Siti"}}, officer).record.id;
    const CaseId gone = engine.create_case("berkas", "62.03", {{"nama", "Rudi"}}, officer).record.id;
    engine.withdraw_case(gone, "salah impor", officer);
    std::vector<CaseId> seen;
    IndexQuery query;
    query.workflow_id = "berkas";
    query.columns = {"nama"};
    engine.scan_index(query, [&](const IndexRow& row) { seen.push_back(row.case_id()); });
    CHECK(seen == std::vector<CaseId>{kept});
    query.status = CaseStatus::withdrawn;
    seen.clear();
    engine.scan_index(query, [&](const IndexRow& row) { seen.push_back(row.case_id()); });
    CHECK(seen == std::vector<CaseId>{gone});
}
