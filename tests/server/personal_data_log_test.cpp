// The personal-data access log (issue 11, item 8; UU 27/2022), against the
// real server: every read of a worker's data by an official is recorded in a
// hash-chained log apart from the case history; the worker sees who looked
// and when; the regency's admin can search it by NIK or by reader; NIKs are
// never stored; an edited or deleted entry breaks the chain.
#include "server_fixture.hpp"

#include "privacy/personal_data_log.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const std::string kMine = "/api/v1/me/access-log";

json my_log(ServerFixture& f, const std::string& user) {
    const auto answer = f.get(kMine, f.token(user));
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    return answer.json();
}

// Every text stored in the log's tables, for looking for what must not be there.
std::string stored_text(ServerFixture& f) {
    SQLite::Database db((f.dir / "tata.db").string());
    std::string all;
    for (const char* table : {"privacy_access", "privacy_access_subjects", "privacy_access_heads"}) {
        SQLite::Statement q(db, std::string("SELECT * FROM ") + table);
        while (q.executeStep())
            for (int c = 0; c < q.getColumnCount(); ++c) all += q.getColumn(c).getString() + "|";
    }
    return all;
}

}  // namespace

TEST_CASE("personal data: a worker sees which officials read their file, and nobody else's reads",
          "[server][privacy]") {
    ServerFixture f;
    const CaseId mine = f.worker_case(kWorkerNik);
    const CaseId other = f.worker_case(kOtherWorkerNik);
    const std::string officer = f.token("officer");

    // Before anyone looked: nothing.
    CHECK(my_log(f, "worker")["total"] == 0);

    // The worker reading their own file is not an official's read.
    REQUIRE(f.get("/api/v1/cases/" + std::to_string(mine), f.token("worker")).status == 200);
    CHECK(my_log(f, "worker")["total"] == 0);

    // The officer opens the file, then by NIK, then its documents.
    REQUIRE(f.get("/api/v1/cases/" + std::to_string(mine), officer).status == 200);
    REQUIRE(f.get("/api/v1/workers/" + kWorkerNik, officer).status == 200);
    REQUIRE(f.get("/api/v1/cases/" + std::to_string(mine) + "/documents", officer).status == 200);
    // ...and another worker's file, which is not this worker's business.
    REQUIRE(f.get("/api/v1/cases/" + std::to_string(other), officer).status == 200);

    const json log = my_log(f, "worker");
    REQUIRE(log["total"] == 3);
    const json& newest = log["items"][0];
    CHECK(newest["action"] == "document_list");
    CHECK(newest["action_text"] == "melihat daftar dokumen");
    CHECK(log["items"][1]["action_text"] == "membuka berkas lewat NIK");
    CHECK(log["items"][2]["action_text"] == "membuka berkas");
    for (const auto& item : log["items"]) {
        CHECK(item["username"] == "officer");
        CHECK(item["role_text"] == "Petugas BKPSDM");
        CHECK(item["case_ids"] == json::array({mine}));
        CHECK(item["at"].get<std::string>().rfind("2025-06-10T", 0) == 0);
        // The worker's view has no internal routes or stated purposes.
        CHECK_FALSE(item.contains("route"));
        CHECK_FALSE(item.contains("purpose"));
    }

    // The other worker sees the one read of their own file only.
    const json theirs = my_log(f, "other_worker");
    REQUIRE(theirs["total"] == 1);
    CHECK(theirs["items"][0]["case_ids"] == json::array({other}));

    // A list naming both workers is one read of each; a worker sees only
    // their own case in it.
    REQUIRE(f.get("/api/v1/cases?workflow=verification&q=Pekerja", officer).status == 200);
    const json after_search = my_log(f, "worker");
    REQUIRE(after_search["total"] == 4);
    CHECK(after_search["items"][0]["action_text"] == "mencari nama atau NIK");
    CHECK(after_search["items"][0]["case_ids"] == json::array({mine}));
    CHECK(my_log(f, "other_worker")["total"] == 2);

    // The rekap reads every worker of the regency: each of them sees it.
    REQUIRE(f.get("/api/v1/reports/rekap?format=csv", officer).status == 200);
    const json after_rekap = my_log(f, "worker");
    REQUIRE(after_rekap["total"] == 5);
    CHECK(after_rekap["items"][0]["whole_regency"] == true);
    CHECK(after_rekap["items"][0]["action_text"] == "mengunduh rekap seluruh pekerja");
    CHECK(my_log(f, "other_worker")["total"] == 3);
}

TEST_CASE("personal data: the admin searches the log by NIK or by reader, with routes and purposes",
          "[server][privacy]") {
    ServerFixture f;
    const CaseId mine = f.worker_case(kWorkerNik);
    const std::string officer = f.token("officer"), admin = f.token("admin");

    HttpRequest read;
    read.path = "/api/v1/workers/" + kWorkerNik;
    read.token = officer;
    // A stated purpose is kept, with long digit runs (a NIK) masked.
    read.headers = {{"X-Access-Purpose", "Verifikasi ulang berkas " + kWorkerNik + " atas pengaduan"}};
    REQUIRE(f.send(read).status == 200);
    REQUIRE(f.get("/api/v1/cases/" + std::to_string(mine), f.token("worker")).status == 200);

    // By NIK: every read of the worker's data, the worker's own included.
    const auto by_nik = f.get("/api/v1/admin/access-log?nik=" + kWorkerNik, admin);
    INFO(by_nik.body);
    REQUIRE(by_nik.status == 200);
    REQUIRE(by_nik.json()["total"] == 2);
    const json officer_read = by_nik.json()["items"][1];
    CHECK(officer_read["username"] == "officer");
    CHECK(officer_read["route"] == "GET /api/v1/workers/{nik}");
    CHECK(officer_read["purpose"] == "Verifikasi ulang berkas **** atas pengaduan");
    CHECK(officer_read["workers_read"] == 1);
    CHECK(by_nik.json()["items"][0]["role"] == "worker");

    // By reader: what the officer read.
    const auto by_user = f.get("/api/v1/admin/access-log?user=officer", admin);
    REQUIRE(by_user.status == 200);
    REQUIRE(by_user.json()["total"] == 1);
    CHECK(by_user.json()["items"][0]["case_ids"] == json::array({mine}));

    // One of the two, well formed.
    CHECK(f.get("/api/v1/admin/access-log", admin).status == 400);
    CHECK(f.get("/api/v1/admin/access-log?nik=" + kWorkerNik + "&user=officer", admin).status == 400);
    const auto bad_nik = f.get("/api/v1/admin/access-log?nik=62030144", admin);
    CHECK(bad_nik.status == 400);
    CHECK_THAT(bad_nik.body, Contains("nik"));

    // Nobody else reads the log: not an officer, not a worker about
    // another, not a vendor.
    CHECK(f.get("/api/v1/admin/access-log?nik=" + kWorkerNik, officer).status == 403);
    CHECK(f.get("/api/v1/admin/access-log?nik=" + kWorkerNik, f.token("worker")).status == 403);
    CHECK(f.get(kMine, f.token("vendor_a")).status == 403);
    CHECK(f.get(kMine, officer).status == 403);
    // Nor an officer of another regency.
    CHECK(f.get("/api/v1/admin/access-log?user=officer", f.token("officer_64_71")).status == 403);

    // The NIK is stored nowhere in the log's tables, not even in the route.
    const std::string stored = stored_text(f);
    CHECK(stored.find(kWorkerNik) == std::string::npos);
    CHECK_THAT(stored, Contains("GET /api/v1/workers/{nik}"));
}

TEST_CASE("personal data: an edited, inserted or deleted entry breaks the log's chain",
          "[server][privacy]") {
    ServerFixture f;
    const CaseId mine = f.worker_case(kWorkerNik);
    const std::string officer = f.token("officer");
    for (int i = 0; i < 3; ++i) REQUIRE(f.get("/api/v1/cases/" + std::to_string(mine), officer).status == 200);

    auto& log = f.service().personal_data_log();
    const auto intact = log.verify();
    CHECK(intact.intact);
    CHECK(intact.entries_checked == 3);
    CHECK(intact.subjects_checked == 3);

    SQLite::Database db((f.dir / "tata.db").string(), SQLite::OPEN_READWRITE);
    SECTION("an entry edited: who read it") {
        db.exec("UPDATE privacy_access SET username = 'admin' WHERE seq = 2");
        const auto report = log.verify();
        CHECK_FALSE(report.intact);
        CHECK(report.bad_seq == 2);
        CHECK_THAT(report.problem, Contains("edited"));
    }
    SECTION("a worker taken out of an entry") {
        db.exec("DELETE FROM privacy_access_subjects WHERE access_id = (SELECT id FROM privacy_access WHERE seq = 1)");
        const auto report = log.verify();
        CHECK_FALSE(report.intact);
        CHECK(report.bad_seq == 1);
    }
    SECTION("the last entry deleted") {
        db.exec("DELETE FROM privacy_access_subjects WHERE access_id = (SELECT id FROM privacy_access WHERE seq = 3)");
        db.exec("DELETE FROM privacy_access WHERE seq = 3");
        const auto report = log.verify();
        CHECK_FALSE(report.intact);
        CHECK_THAT(report.problem, Contains("removed from the end"));
    }
    SECTION("an entry in the middle deleted") {
        db.exec("DELETE FROM privacy_access WHERE seq = 2");
        CHECK_FALSE(log.verify().intact);
    }
}
