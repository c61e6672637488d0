// The personal-data access log (issue 11, item 8; UU 27/2022), against the
// real server: every read of a worker's data by an official is recorded in a
// hash-chained log apart from the case history; the worker sees who looked
// and when; the regency's admin can search it by NIK or by reader; NIKs are
// never stored; an edited or deleted entry breaks the chain.
#include "server_fixture.hpp"

#include "privacy/personal_data_log.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

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

// Where the log of `database` keeps its tables: on SQLite a file of its
// own, on PostgreSQL the database itself.
std::string log_database(const std::string& database) {
    return on_postgresql() ? database : server::privacy::access_log_path(database).string();
}
std::string log_database(ServerFixture& f) { return log_database(f.service().config().database.string()); }

// Every text stored in the log's tables, for looking for what must not be there.
std::string stored_text(ServerFixture& f) {
    std::string all;
    for (const std::string table : {"privacy_access", "privacy_access_subjects", "privacy_access_heads"}) {
        if (on_postgresql()) {
            all += sql_text(log_database(f), "SELECT string_agg(t::text, '|') FROM " + table + " t") + "|";
            continue;
        }
        SQLite::Database db(log_database(f));
        SQLite::Statement q(db, "SELECT * FROM " + table);
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

    const std::string db = log_database(f);
    SECTION("an entry edited: who read it") {
        sql_exec(db, "UPDATE privacy_access SET username = 'admin' WHERE seq = 2");
        const auto report = log.verify();
        CHECK_FALSE(report.intact);
        CHECK(report.bad_seq == 2);
        CHECK_THAT(report.problem, Contains("edited"));
    }
    SECTION("a worker taken out of an entry") {
        sql_exec(db, "DELETE FROM privacy_access_subjects WHERE access_id = (SELECT id FROM privacy_access WHERE seq = 1)");
        const auto report = log.verify();
        CHECK_FALSE(report.intact);
        CHECK(report.bad_seq == 1);
    }
    SECTION("the last entry deleted") {
        sql_exec(db, "DELETE FROM privacy_access_subjects WHERE access_id = (SELECT id FROM privacy_access WHERE seq = 3)");
        sql_exec(db, "DELETE FROM privacy_access WHERE seq = 3");
        const auto report = log.verify();
        CHECK_FALSE(report.intact);
        CHECK_THAT(report.problem, Contains("removed from the end"));
    }
    SECTION("an entry in the middle deleted") {
        sql_exec(db, "DELETE FROM privacy_access WHERE seq = 2");
        CHECK_FALSE(log.verify().intact);
    }
}

TEST_CASE("personal data: listing and searching cases leaves the database file unwritten",
          "[server][privacy][sqlite]") {
    // The log has a file of its own so that the reads it records do not
    // empty the engine's page cache: any commit to tata.db by another
    // connection moves its data_version.
    ServerFixture f;
    f.worker_case(kWorkerNik);
    const std::string officer = f.token("officer");
    SQLite::Database db((f.dir / "tata.db").string());
    auto data_version = [&] {
        SQLite::Statement q(db, "PRAGMA data_version");
        q.executeStep();
        return q.getColumn(0).getInt64();
    };
    const std::int64_t before = data_version();
    REQUIRE(f.get("/api/v1/cases?q=" + kWorkerNik.substr(0, 8), officer).status == 200);
    REQUIRE(f.get("/api/v1/tasks?per_page=5", officer).status == 200);
    CHECK(data_version() == before);
    CHECK(f.service().personal_data_log().verify().entries_checked >= 1);  // the search was recorded, elsewhere
}

namespace {

server::privacy::AccessEvent read_by(const std::string& username, CaseId id) {
    server::privacy::AccessEvent e;
    e.regency = "kapuas";
    e.at = TimePoint{std::chrono::seconds{1'780'000'000 + id}};
    e.user_id = 7;
    e.username = username;
    e.role = "case_officer";
    e.action = server::privacy::action::kCaseRead;
    e.route = "GET /api/v1/cases/{id}";
    e.subjects.push_back({id, "00112233445566778899aabbccddeeff"});
    return e;
}

// Puts the log's tables into the database the way versions before the log
// had its own file kept them.
void copy_log_into_database(const std::filesystem::path& database) {
    SQLite::Database db(database.string(), SQLite::OPEN_READWRITE);
    db.exec("ATTACH DATABASE '" + server::privacy::access_log_path(database).string() + "' AS log");
    for (const char* table : {"privacy_schema", "privacy_access", "privacy_access_subjects", "privacy_access_heads"})
        db.exec(std::string("CREATE TABLE main.") + table + " AS SELECT * FROM log." + table);
    db.exec("DETACH DATABASE log");
}

bool database_holds_log(const std::filesystem::path& database) {
    SQLite::Database db(database.string());
    SQLite::Statement q(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'privacy_%'");
    q.executeStep();
    return q.getColumn(0).getInt() > 0;
}

}  // namespace

TEST_CASE("personal data: a log an earlier version kept in the database moves to its own file, whole and once",
          "[server][privacy][sqlite]") {
    TempDir dir;
    const auto database = dir / "tata.db";
    SQLite::Database(database.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE).exec("CREATE TABLE cases (id)");
    {
        server::privacy::PersonalDataLog log(database);
        log.record(read_by("petugas.a", 11));
        log.record(read_by("petugas.b", 12));
    }
    copy_log_into_database(database);

    SECTION("the earlier layout: the rows move, the chain still holds, the database keeps none") {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(server::privacy::access_log_path(database).string() + suffix);
        {
            server::privacy::PersonalDataLog log(database);
            const auto report = log.verify();
            CHECK(report.intact);
            CHECK(report.entries_checked == 2);
            CHECK(report.subjects_checked == 2);
            std::size_t total = 0;
            const auto entries = log.entries_by("kapuas", "petugas.b", 0, 10, total);
            REQUIRE(total == 1);
            CHECK(entries[0].case_ids == std::vector<CaseId>{12});
            log.record(read_by("petugas.a", 13));  // the chain goes on from the moved head
            CHECK(log.verify().intact);
        }
        CHECK_FALSE(database_holds_log(database));
        server::privacy::PersonalDataLog again(database);
        CHECK(again.verify().entries_checked == 3);

        // `tata audit access` reads the moved log, and finds an edit in it.
        const auto audit = [&] { return run_tata({"audit", "access", "--db", database.string(), "--json"}, dir.path()); };
        const ProcessResult intact = audit();
        INFO(intact.out << intact.err);
        CHECK(intact.exit_code == 0);
        CHECK(nlohmann::json::parse(intact.out)["entries_checked"] == 3);
        SQLite::Database(server::privacy::access_log_path(database).string(), SQLite::OPEN_READWRITE)
            .exec("UPDATE privacy_access SET username = 'orang.lain' WHERE seq = 2");
        const ProcessResult broken = audit();
        INFO(broken.out << broken.err);
        CHECK(broken.exit_code == 1);
        CHECK(nlohmann::json::parse(broken.out)["intact"] == false);
    }
    SECTION("stopped after the copy, before the drop: nothing is copied twice") {
        server::privacy::PersonalDataLog log(database);
        CHECK(log.verify().intact);
        CHECK(log.verify().entries_checked == 2);
        CHECK_FALSE(database_holds_log(database));
    }
}

// Reads from many threads at once share their commits (PersonalDataLog::
// record): each regency's chain must still hold every entry once, in one
// unbroken sequence, and each call must return only once its entry is there.
TEST_CASE("personal data: concurrent reads share commits and every one is chained once",
          "[server][privacy]") {
    TempDir dir;
    const std::string database = test_database(dir);
    server::privacy::PersonalDataLog log(database);
    constexpr int kThreads = 12;
    constexpr int kReadsEach = 40;
    const char* const regencies[] = {"62.03", "62.11"};
    std::atomic<int> unrecorded{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < kThreads; ++t)
        readers.emplace_back([&, t] {
            for (int i = 0; i < kReadsEach; ++i) try {
                server::privacy::AccessEvent event;
                event.regency = regencies[(t + i) % 2];
                event.username = "pembaca" + std::to_string(t);
                event.role = "officer";
                event.action = server::privacy::action::kCaseRead;
                event.route = "GET /api/v1/cases/{id}";
                const std::string nik = "62030100000" + std::to_string(10000 + t * kReadsEach + i);
                event.subjects.push_back({t * kReadsEach + i + 1, log.nik_mac(nik)});
                log.record(event);
                // Returned: the entry is committed, visible to another connection.
                if (sql_integer(log_database(database), "SELECT count(*) FROM privacy_access_subjects WHERE nik_mac = '" +
                                                            log.nik_mac(nik) + "'") != 1)
                    ++unrecorded;
            } catch (...) {
                ++failed;
            }
        });
    for (auto& reader : readers) reader.join();
    CHECK(failed == 0);
    CHECK(unrecorded == 0);

    const auto report = log.verify();
    CHECK(report.intact);
    CHECK(report.entries_checked == kThreads * kReadsEach);
    CHECK(report.subjects_checked == kThreads * kReadsEach);
    CHECK(report.regencies == 2);
    for (const std::string regency : regencies) {
        const auto of_regency = [&](const std::string& what) {
            return sql_integer(log_database(database),
                               "SELECT " + what + " FROM privacy_access WHERE regency = '" + regency + "'");
        };
        const std::int64_t entries = of_regency("count(*)");
        CHECK(entries == kThreads * kReadsEach / 2);
        CHECK(of_regency("min(seq)") == 1);
        CHECK(of_regency("max(seq)") == entries);
        CHECK(of_regency("count(DISTINCT seq)") == entries);
    }
}

// An entry that cannot be stored (its chain's head row deleted, so its seq
// is taken) fails its own read; the reads that shared its commit are kept.
TEST_CASE("personal data: an entry that cannot be stored fails alone, not the reads sharing its commit",
          "[server][privacy]") {
    TempDir dir;
    const std::string database = test_database(dir);
    server::privacy::PersonalDataLog log(database);
    const auto event_for = [&](const std::string& regency, int n) {
        server::privacy::AccessEvent event;
        event.regency = regency;
        event.username = "pembaca";
        event.role = "officer";
        event.action = server::privacy::action::kCaseRead;
        event.route = "GET /api/v1/cases/{id}";
        event.subjects.push_back({n, log.nik_mac("6203010000" + std::to_string(100000 + n))});
        return event;
    };
    log.record(event_for("62.11", 1));
    sql_exec(log_database(database), "DELETE FROM privacy_access_heads WHERE regency = '62.11'");
    std::atomic<int> kept_failed{0}, broken_stored{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 8; ++t)
        readers.emplace_back([&, t] {
            for (int i = 0; i < 30; ++i) {
                const bool broken = t == 0;
                try {
                    log.record(event_for(broken ? "62.11" : "62.03", 100 * t + i + 2));
                    if (broken) ++broken_stored;
                } catch (...) {
                    if (!broken) ++kept_failed;
                }
            }
        });
    for (auto& reader : readers) reader.join();
    CHECK(kept_failed == 0);
    CHECK(broken_stored == 0);
    CHECK(sql_integer(log_database(database), "SELECT count(*) FROM privacy_access WHERE regency = '62.03'") == 7 * 30);
}
