// Lists and searches over HTTP: every search path keeps its scope (regency,
// OPD, vendor, worker), a cursor pages through a list while cases are added,
// counts per state, the deadline order, and the refusals of bad parameters.
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

std::set<CaseId> ids_of(const json& page) {
    std::set<CaseId> ids;
    for (const auto& item : page["items"]) ids.insert(item["id"].get<CaseId>());
    return ids;
}

// A verification file in another regency with the same name as one in Kapuas.
CaseId balikpapan_case(ServerFixture& f, const std::string& nik, const std::string& nama) {
    return f.engine()
        .create_case("verification", "64.71", {{"nik", nik}, {"nama", nama}, {"opd", kOpd}}, {"import", "officer"}, nik)
        .record.id;
}

}  // namespace

TEST_CASE("a search by name or NIK keeps every caller's scope", "[server][scope][search]") {
    ServerFixture f;
    const CaseId own = f.worker_case(kWorkerNik);                       // "Pekerja 0160", kOpd
    const CaseId other = f.worker_case(kOtherWorkerNik, kOtherOpd);    // "Pekerja 0002"
    const CaseId contract_a = f.contract_case(kVendorA);
    const CaseId contract_b = f.contract_case(kVendorB);
    const CaseId elsewhere = balikpapan_case(f, "6471010101900003", "Pekerja 0160");
    const auto search = [&](const std::string& who, const std::string& query) {
        const auto answer = f.get("/api/v1/cases?q=" + query, f.token(who));
        REQUIRE(answer.status == 200);
        return ids_of(answer.json());
    };

    // The officer finds both Kapuas files by name, by part of it, by NIK
    // prefix, in any case; never Balikpapan's namesake.
    CHECK(search("officer", "pekerja") == std::set<CaseId>{own, other});
    CHECK(search("officer", "PEKERJA%200160") == std::set<CaseId>{own});
    CHECK(search("officer", "620301") == std::set<CaseId>{own, other});
    CHECK(search("officer_64_71", "pekerja") == std::set<CaseId>{elsewhere});
    // Contracts by number and vendor name, for the officer.
    CHECK(search("officer", "kapuas-bersih") == std::set<CaseId>{contract_a});

    // The OPD head: their OPD's files only, by any search.
    CHECK(search("opd_head", "pekerja") == std::set<CaseId>{own});
    CHECK(search("opd_head", "0002").empty());
    // The worker: their own file only.
    CHECK(search("worker", "pekerja") == std::set<CaseId>{own});
    CHECK(search("worker", "0002").empty());
    // A vendor: its own contracts only, not a worker's file.
    CHECK(search("vendor_a", "penyedia") == std::set<CaseId>{contract_a});
    CHECK(search("vendor_b", "penyedia") == std::set<CaseId>{contract_b});
    CHECK(search("vendor_a", "pekerja").empty());

    // The inbox search holds the same lines.
    const auto inbox = f.get("/api/v1/tasks?q=pekerja", f.token("opd_head")).json();
    for (const auto& item : inbox["items"]) CHECK(item["case_id"] == own);
    // Balikpapan's officer: its own returned file's task, never Kapuas' namesakes.
    const auto balikpapan = f.get("/api/v1/tasks?q=pekerja", f.token("officer_64_71")).json();
    CHECK(balikpapan["total"] == 1);
    for (const auto& item : balikpapan["items"]) CHECK(item["case_id"] == elsewhere);
}

TEST_CASE("a cursor pages a list without skipping or repeating while files are imported", "[server][search][paging]") {
    ServerFixture f;
    std::vector<CaseId> created;
    for (int i = 0; i < 12; ++i) created.push_back(f.worker_case("62030101019" + std::to_string(10000 + i)));
    const std::string officer = f.token("officer");
    std::vector<CaseId> seen;
    std::string path = "/api/v1/cases?workflow=verification&per_page=5";
    for (int pages = 0; pages < 10; ++pages) {
        const auto page = f.get(path, officer).json();
        for (const auto& item : page["items"]) seen.push_back(item["id"].get<CaseId>());
        if (page["next_after"].is_null()) break;
        path = "/api/v1/cases?workflow=verification&per_page=5&after=" + std::to_string(page["next_after"].get<CaseId>());
        created.push_back(f.worker_case("62030101018" + std::to_string(10000 + pages)));  // an import meanwhile
    }
    CHECK(seen == created);
    CHECK(f.get("/api/v1/cases?workflow=verification&per_page=5", officer).json()["total_exact"] == true);
}

TEST_CASE("a list counts its states, sorts by deadline and refuses bad parameters", "[server][search]") {
    ServerFixture f;
    const CaseId first = f.worker_case(kWorkerNik);
    const CaseId second = f.worker_case(kOtherWorkerNik, kOtherOpd);
    const CaseId contract = f.contract_case(kVendorA);
    const std::string officer = f.token("officer");

    const auto counted = f.get("/api/v1/cases?workflow=verification&states=true&state=nowhere", officer).json();
    REQUIRE(counted["states"].size() == 1);  // the filter's own state is set aside for the counts
    CHECK(counted["states"][0]["state"] == "konfirmasi_opd");
    CHECK(counted["states"][0]["title"] == "Konfirmasi SPTJM oleh kepala OPD");
    CHECK(counted["states"][0]["count"] == 2);
    CHECK(counted["total"] == 0);

    // Both files are due on the same day: newest first; the contract waits
    // on a timer, not a task, so it comes last.
    const auto queue = f.get("/api/v1/cases?sort=deadline", officer).json();
    REQUIRE(queue["items"].size() == 3);
    CHECK(queue["items"][0]["id"] == second);
    CHECK(queue["items"][1]["id"] == first);
    CHECK(queue["items"][2]["id"] == contract);
    CHECK(queue["next_after"].is_null());

    const auto refused = [&](const std::string& query, const std::string& field) {
        const auto answer = f.get("/api/v1/cases?" + query, officer);
        CHECK(answer.status == 400);
        CHECK(answer.json()["errors"][0]["field"] == field);
    };
    refused("sort=name", "sort");
    refused("page=21&per_page=50", "page");  // past the 1,000th case: by cursor
    CHECK(f.get("/api/v1/cases?page=20&per_page=50", officer).status == 200);
    refused("sort=deadline&after=3", "after");
    refused("sort=deadline&after=x:3", "after");
    refused("sort=deadline&after=:0", "after");
    refused("sort=deadline&after=" + std::string(30, '1') + ":3", "after");
    refused("after=0", "after");
    refused("after=abc", "after");
    refused("q=" + std::string(201, 'a'), "q");
    CHECK(f.get("/api/v1/cases?q=" + std::string(200, 'a'), officer).status == 200);
    CHECK(f.get("/api/v1/tasks?q=" + std::string(201, 'a'), officer).status == 400);
}

TEST_CASE("a cursor pages the deadline order without skipping or repeating while files come in",
          "[server][search][paging]") {
    ServerFixture f;
    for (int i = 0; i < 7; ++i) f.worker_case("62030101017" + std::to_string(10000 + i));
    f.contract_case(kVendorA);  // waits on a timer: no due date, last
    const std::string officer = f.token("officer");
    std::vector<CaseId> expected;
    const json all = f.get("/api/v1/cases?sort=deadline&per_page=200", officer).json();
    for (const auto& item : all["items"])
        expected.push_back(item["id"].get<CaseId>());
    REQUIRE(expected.size() == 8);

    std::vector<CaseId> seen;
    std::string path = "/api/v1/cases?sort=deadline&per_page=3";
    for (int pages = 0; pages < 10; ++pages) {
        const auto page = f.get(path, officer).json();
        for (const auto& item : page["items"]) seen.push_back(item["id"].get<CaseId>());
        if (page["next_after"].is_null()) break;
        REQUIRE(page["next_after"].is_string());
        path = "/api/v1/cases?sort=deadline&per_page=3&after=" + page["next_after"].get<std::string>();
        // A new file is due as late as the others and is newer: it sorts
        // before the pages already read, so it shifts nothing after them.
        f.worker_case("62030101016" + std::to_string(10000 + pages));
    }
    CHECK(seen == expected);
}

TEST_CASE("an inbox search over a large inbox pages on and calls its total a lower bound", "[server][search][inbox]") {
    // The plan's thresholds made small (2,000 matches, 3,000 tasks on a
    // server): more than 20 matches are walked, a count checks 30 tasks.
    ServerFixture f([](server::ServerConfig& config) { config.list_tuning = ListTuning{20, 30}; });
    // 63 files awaiting the OPD head, every third a Siti: 21 matches.
    for (int i = 0; i < 63; ++i)
        f.worker_case("62030101019" + std::to_string(10000 + i), kOpd, (i % 3 == 0 ? "Siti " : "Budi ") + std::to_string(i));
    const std::string head = f.token("opd_head");
    const auto first = f.get("/api/v1/tasks?q=siti&per_page=5", head).json();
    if (on_postgresql()) {
        // PostgreSQL counts an inbox search exactly: the budget of tasks
        // checked is SQLite's (its search walks the inbox).
        CHECK(first["total_exact"] == true);
        CHECK(first["total"] == 21);
    } else {
        CHECK(first["total_exact"] == false);
        CHECK(first["total"].get<std::size_t>() >= 6);   // this page, and more
        CHECK(first["total"].get<std::size_t>() <= 21);  // never more than there are
    }
    REQUIRE(first["items"].size() == 5);
    for (const auto& item : first["items"]) CHECK(item["case"]["nama"].get<std::string>().rfind("Siti ", 0) == 0);
    // The last page holds the last Siti, whatever the count said.
    const auto last = f.get("/api/v1/tasks?q=siti&per_page=5&page=5", head).json();
    REQUIRE(last["items"].size() == 1);
    CHECK(last["items"][0]["case"]["nama"] == "Siti 60");
    CHECK(f.get("/api/v1/tasks?q=siti&per_page=5&page=6", head).json()["items"].empty());
    // A narrow search is counted exactly.
    const auto two = f.get("/api/v1/tasks?q=siti%206", head).json();
    CHECK(two["total"] == 2);
    CHECK(two["total_exact"] == true);
}

TEST_CASE("an inbox sorts by deadline or by when tasks came in, and refuses another order", "[server][inbox]") {
    ServerFixture f;
    const CaseId first = f.worker_case(kWorkerNik);
    f.clock().set(at("2025-06-11T09:00:00+07:00"));
    const CaseId second = f.worker_case(kOtherWorkerNik);
    const std::string head = f.token("opd_head");
    const auto cases = [&](const std::string& query) {
        const json page = f.get("/api/v1/tasks" + query, head).json();
        std::vector<CaseId> out;
        for (const auto& item : page["items"]) out.push_back(item["case_id"]);
        return out;
    };
    CHECK(cases("") == std::vector<CaseId>{first, second});  // the nearest deadline first
    CHECK(cases("?urut=tenggat") == std::vector<CaseId>{first, second});
    CHECK(cases("?urut=terbaru") == std::vector<CaseId>{second, first});
    CHECK(cases("?urut=terlama") == std::vector<CaseId>{first, second});
    CHECK(cases("?urut=terbaru&per_page=1&page=2") == std::vector<CaseId>{first});
    const auto refused = f.get("/api/v1/tasks?urut=nama", head);
    CHECK(refused.status == 400);
    CHECK(refused.json()["errors"][0]["field"] == "urut");
}
