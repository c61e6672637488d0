// Inboxes and case searches: open tasks across cases by role, assignee and
// due date; claiming and unclaiming; case filters on data fields, text and
// overdue tasks, with counts for paging.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};
const Actor other_officer{"sari", "officer"};

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
    on_due: periksa_ulang
    outcomes:
      setuju: konfirmasi
  periksa_ulang:
    kind: task
    title: Periksa ulang (terlambat)
    role: admin
    outcomes:
      setuju: konfirmasi
  konfirmasi:
    kind: task
    title: Konfirmasi kepala OPD
    role: opd_head
    outcomes:
      selesai: tutup
  tutup: {kind: end, result: done}
)";

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-03-03T10:00:00+07:00"));  // a Monday
    std::unique_ptr<Engine> engine;

    Fixture() { engine = std::make_unique<Engine>(engine_options(dir, {dir.write("wf/berkas.yaml", kFileYaml)}, clock)); }

    CaseId file(const std::string& nik, const std::string& nama, const std::string& opd,
                const std::string& regency = "62.03") {
        return engine->create_case("berkas", regency, {{"nik", nik}, {"nama", nama}, {"opd", opd}}, officer, nik)
            .record.id;
    }
};

}  // namespace

TEST_CASE("an inbox lists open tasks by role and due date, claims are exclusive and audited", "[runtime][inbox]") {
    Fixture f;
    const CaseId a = f.file("6203010101900001", "Siti Aminah", "Dinas Pendidikan");
    f.clock->set(at("2025-03-04T10:00:00+07:00"));
    const CaseId b = f.file("6203010101900002", "Ahmad Yani", "Dinas Kesehatan");
    const CaseId elsewhere = f.file("6471010101900003", "Made Sura", "Dinas Pendidikan", "64.71");
    f.engine->fire(b, "setuju", json::object(), officer);  // b waits for its OPD head now

    TaskFilter officers;
    officers.regency = "62.03";
    officers.roles = {"officer"};
    auto inbox = f.engine->list_tasks(officers);
    REQUIRE(inbox.size() == 1);
    CHECK(inbox[0].task.case_id == a);
    CHECK(inbox[0].case_key == "6203010101900001");
    CHECK(inbox[0].workflow_id == "berkas");
    CHECK(inbox[0].task.due_at.has_value());

    TaskFilter heads = officers;
    heads.roles = {"opd_head", "bkad"};
    REQUIRE(f.engine->list_tasks(heads).size() == 1);
    CHECK(f.engine->list_tasks(heads)[0].task.case_id == b);
    TaskFilter everyone;
    CHECK(f.engine->list_tasks(everyone).size() == 3);  // every regency, every role
    everyone.regency = "64.71";
    CHECK(f.engine->list_tasks(everyone)[0].task.case_id == elsewhere);

    // Claiming: only a role the task names, then exclusive to the claimant.
    const std::int64_t task = inbox[0].task.id;
    CHECK(f.engine->find_open_task(task)->case_id == a);
    const auto version = f.engine->get_case(a).version;
    CHECK_THROWS_AS(f.engine->claim_task(task, {"kadis", "opd_head"}), Forbidden);
    CHECK(f.engine->claim_task(task, officer).assignee == "budi");
    CHECK(f.engine->get_case(a).version == version + 1);
    CHECK(f.engine->claim_task(task, officer).assignee == "budi");  // again: nothing changes
    CHECK_THROWS_AS(f.engine->claim_task(task, other_officer), Conflict);
    CHECK_THROWS_AS(f.engine->fire(a, "setuju", json::object(), other_officer), Forbidden);
    TaskFilter mine = officers;
    mine.assignee = "budi";
    CHECK(f.engine->list_tasks(mine).size() == 1);
    mine.assignee = "";
    CHECK(f.engine->list_tasks(mine).empty());

    CHECK_THROWS_AS(f.engine->unclaim_task(task, other_officer), Forbidden);
    CHECK(f.engine->unclaim_task(task, officer).assignee.empty());
    CHECK(f.engine->list_tasks(mine).size() == 1);
    const auto history = f.engine->history(a);
    CHECK(history[history.size() - 2].type == "claimed");
    CHECK(history.back().type == "unclaimed");
    CHECK(history.back().payload["released"] == "budi");
    CHECK(f.engine->verify_audit({}).intact);

    // The claimant fires it; the task is gone from every inbox.
    f.engine->claim_task(task, other_officer);
    f.engine->fire(a, "setuju", json::object(), other_officer);
    CHECK(f.engine->list_tasks(officers).empty());
    CHECK_THROWS_AS(f.engine->claim_task(task, officer), NotFound);
    CHECK_FALSE(f.engine->find_open_task(task).has_value());

    // Overdue: due in 2 working days, so late from Thursday on.
    f.file("6203010101900004", "Rina Sari", "Dinas Pendidikan");
    officers.overdue_at = at("2025-03-06T12:00:00+07:00");
    CHECK(f.engine->list_tasks(officers).empty());
    officers.overdue_at = at("2025-03-07T12:00:00+07:00");
    CHECK(f.engine->list_tasks(officers).size() == 1);
    CHECK(f.engine->count_tasks(officers) == 1);
    officers.overdue_at.reset();
    CHECK(f.engine->count_tasks(officers) == 1);
    CHECK(f.engine->count_tasks(TaskFilter{}) == 4);  // both konfirmasi, both periksa
}

TEST_CASE("an inbox is filtered by state, the case's OPD and a text in its name or NIK", "[runtime][inbox]") {
    Fixture f;
    const CaseId siti = f.file("6203010101900001", "Siti Aminah", "Dinas Pendidikan");
    const CaseId ahmad = f.file("6203010101900002", "Ahmad Yani", "Dinas Kesehatan");
    const CaseId rina = f.file("6203010101900003", "Rina 100%_Sari", "Dinas Pendidikan");
    f.engine->fire(ahmad, "setuju", json::object(), officer);

    auto cases_of = [&](const TaskFilter& filter) {
        std::vector<CaseId> ids;
        for (const auto& listing : f.engine->list_tasks(filter)) ids.push_back(listing.task.case_id);
        CHECK(f.engine->count_tasks(filter) == ids.size());
        return ids;
    };
    TaskFilter all;
    all.regency = "62.03";
    TaskFilter state = all;
    state.state = "konfirmasi";
    CHECK(cases_of(state) == std::vector<CaseId>{ahmad});
    TaskFilter education = all;
    education.data_equals = {{"opd", "Dinas Pendidikan"}};
    CHECK(cases_of(education) == std::vector<CaseId>{siti, rina});
    TaskFilter by_name = all;
    by_name.search = "aminah";
    by_name.search_fields = {"nama"};
    CHECK(cases_of(by_name) == std::vector<CaseId>{siti});
    by_name.search = "6203010101900002";  // the NIK, the case key
    CHECK(cases_of(by_name) == std::vector<CaseId>{ahmad});
    by_name.search = "900002";  // digits find numbers by their start, not their middle
    CHECK(cases_of(by_name).empty());
    by_name.search = "0%_";     // LIKE's wildcards are plain text here
    CHECK(cases_of(by_name) == std::vector<CaseId>{rina});
    education.search = "0%_";
    education.search_fields = {"nama"};
    CHECK(cases_of(education) == std::vector<CaseId>{rina});
    education.state = "konfirmasi";
    CHECK(cases_of(education).empty());
}

TEST_CASE("cases are filtered by key, data fields, text and overdue tasks, and counted", "[runtime][inbox]") {
    Fixture f;
    f.file("6203010101900001", "Siti Aminah", "Dinas Pendidikan");
    f.file("6203010101900002", "Ahmad Yani", "Dinas Kesehatan");
    f.file("6203010101900003", "Siti Rahma", "Dinas Kesehatan");
    f.file("6471010101900004", "Siti Made", "Dinas Kesehatan", "64.71");

    CaseFilter filter;
    filter.regency = "62.03";
    CHECK(f.engine->count_cases(filter) == 3);
    filter.data_equals = {{"opd", "Dinas Kesehatan"}};
    CHECK(f.engine->count_cases(filter) == 2);
    filter.search = "siti";
    filter.search_fields = {"nama"};
    const auto found = f.engine->list_cases(filter);
    REQUIRE(found.size() == 1);
    CHECK(found[0].data["nama"] == "Siti Rahma");

    CaseFilter by_nik;
    by_nik.search = "6203010101900002";
    CHECK(f.engine->count_cases(by_nik) == 1);  // the key matches
    by_nik.search = "620301010190000";
    CHECK(f.engine->count_cases(by_nik) == 3);  // the three NIKs that start so
    by_nik.search = "900002";
    CHECK(f.engine->count_cases(by_nik) == 0);  // not the middle of one
    by_nik.search = "%";
    CHECK(f.engine->count_cases(by_nik) == 0);  // LIKE wildcards are literal
    CaseFilter by_key;
    by_key.key = "6203010101900003";
    CHECK(f.engine->list_cases(by_key).at(0).data["nama"] == "Siti Rahma");

    CaseFilter paged;
    paged.limit = 2;
    paged.offset = 2;
    CHECK(f.engine->list_cases(paged).size() == 2);
    CHECK(f.engine->count_cases(paged) == 4);

    CaseFilter overdue;
    overdue.overdue_at = at("2025-03-04T12:00:00+07:00");
    CHECK(f.engine->count_cases(overdue) == 0);
    overdue.overdue_at = at("2025-03-10T12:00:00+07:00");
    CHECK(f.engine->count_cases(overdue) == 4);

    CaseFilter injected;
    injected.data_equals = {{"nama') OR 1=1 --", "x"}};
    CHECK_THROWS_AS(f.engine->count_cases(injected), std::invalid_argument);
}

TEST_CASE("an inbox is ordered by deadline, or by when its tasks were opened, newest or oldest first", "[runtime][inbox]") {
    Fixture f;
    const CaseId monday = f.file("6203010101900001", "Siti Aminah", "Dinas Pendidikan");  // due Wednesday
    f.clock->set(at("2025-03-04T10:00:00+07:00"));
    const CaseId tuesday = f.file("6203010101900002", "Ahmad Yani", "Dinas Kesehatan");
    f.engine->fire(tuesday, "setuju", json::object(), officer);  // its OPD head's task has no deadline
    f.clock->set(at("2025-03-05T10:00:00+07:00"));
    const CaseId wednesday = f.file("6203010101900003", "Rina Wati", "Dinas Pendidikan");  // due Friday

    const auto order = [&](TaskOrder by, std::size_t limit = 10, std::size_t offset = 0) {
        TaskFilter filter;
        filter.regency = "62.03";
        filter.order = by;
        filter.limit = limit;
        filter.offset = offset;
        std::vector<CaseId> cases;
        for (const auto& listing : f.engine->list_tasks(filter)) cases.push_back(listing.task.case_id);
        return cases;
    };
    CHECK(order(TaskOrder::deadline) == std::vector<CaseId>{monday, wednesday, tuesday});  // undated last
    CHECK(order(TaskOrder::oldest) == std::vector<CaseId>{monday, tuesday, wednesday});
    CHECK(order(TaskOrder::newest) == std::vector<CaseId>{wednesday, tuesday, monday});
    CHECK(order(TaskOrder::newest, 1, 1) == std::vector<CaseId>{tuesday});  // pages follow the order

    // A search's page (the few cases drive) follows it too.
    TaskFilter search;
    search.regency = "62.03";
    search.search = "620301";  // the start of every NIK here
    search.order = TaskOrder::newest;
    const TaskPage page = f.engine->task_page(search, 100);
    REQUIRE(page.tasks.size() == 3);
    CHECK(page.tasks.front().task.case_id == wednesday);
    CHECK(page.tasks.back().task.case_id == monday);
}

TEST_CASE("an inbox can be narrowed to the tasks due within a window, the late ones left out", "[runtime][inbox]") {
    Fixture f;
    const CaseId late = f.file("6203010101900001", "Siti Aminah", "Dinas Pendidikan");  // due Wednesday 5 March
    f.clock->set(at("2025-03-06T10:00:00+07:00"));                                       // Thursday: late by now
    const CaseId soon = f.file("6203010101900002", "Ahmad Yani", "Dinas Kesehatan");      // due Monday 10 March
    f.clock->set(at("2025-03-12T10:00:00+07:00"));
    const CaseId later = f.file("6203010101900003", "Rina Wati", "Dinas Pendidikan");     // due Friday 14 March
    f.clock->set(at("2025-03-07T10:00:00+07:00"));

    TaskFilter window;
    window.regency = "62.03";
    window.due_after = at("2025-03-07T10:00:00+07:00");
    window.overdue_at = at("2025-03-11T10:00:00+07:00");
    std::vector<CaseId> found;
    for (const auto& listing : f.engine->list_tasks(window)) found.push_back(listing.task.case_id);
    CHECK(found == std::vector<CaseId>{soon});
    CHECK(f.engine->count_tasks(window) == 1);
    window.overdue_at.reset();  // everything not yet late
    found.clear();
    for (const auto& listing : f.engine->list_tasks(window)) found.push_back(listing.task.case_id);
    CHECK(found == std::vector<CaseId>{soon, later});
    CHECK(std::find(found.begin(), found.end(), late) == found.end());
}
