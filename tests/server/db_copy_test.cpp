// `tata db copy` (issue 14): a single-machine deployment served by a real
// server on its SQLite file moves into an empty PostgreSQL database with the
// real `tata` binary, and a server on the target then serves it as it was:
// the same cases, audit head, users and passwords, documents and access
// log, its indexes rebuilt, its ids going on after the copied ones. A copy
// that cannot finish leaves the target empty; a used target is refused.
#include "server_fixture.hpp"

#include "cluster/database_copy.hpp"
#include "privacy/personal_data_log.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// The definitions the fixture's server runs on, for the CLI.
std::vector<std::string> definitions() {
    return {"--workflows", (source_dir() / "workflows").string(), "--rules", (source_dir() / "rules").string(),
            "--plugins", core_plugin_dir().string()};
}

ProcessResult copy(const fs::path& from, const std::string& to, const fs::path& cwd, bool as_json = true) {
    std::vector<std::string> args = {"db", "copy", "--from", from.string(), "--to", to};
    if (as_json) args.push_back("--json");
    for (auto& arg : definitions()) args.push_back(std::move(arg));
    return run_tata(args, cwd);
}

json audit_verify(const std::string& database, const fs::path& cwd) {
    std::vector<std::string> args = {"audit", "verify", "--db", database, "--json"};
    for (auto& arg : definitions()) args.push_back(std::move(arg));
    const ProcessResult verified = run_tata(args, cwd);
    INFO(verified.err);
    REQUIRE(verified.exit_code == 0);
    return json::parse(verified.out);
}

std::int64_t rows(const std::string& database, const std::string& table) {
    return sql_integer(database, "SELECT count(*) FROM " + table);
}

struct SourceDeployment {
    CaseId siti = 0;
    CaseId budi = 0;
    std::string document_url;
    std::string document = "%PDF-1.4\nijazah Siti\n%%EOF\n";
    json reads_of_siti;  // the admin's search of the access log by Siti's NIK
    std::string decision_answer;  // kept for its Idempotency-Key
};

const std::string kDecisionKey = "keputusan-siti-1";
const json kDecision = {{"input", {{"nomor_sptjm", "800/1/2025"}}}};

const std::string kReadsOfSiti = "/api/v1/admin/access-log?nik=" + kWorkerNik;

// A regency served from its SQLite file: two workers' files, an upload,
// an officer's reads (the access log), a decision (events, a closed task).
SourceDeployment serve_a_regency(const fs::path& file) {
    ServerFixture f([&](server::ServerConfig& config) { config.database = file; });
    SourceDeployment made;
    made.siti = f.worker_case(kWorkerNik, kOpd, "Siti Rahmawati");
    made.budi = f.worker_case(kOtherWorkerNik, kOtherOpd, "Budi Santoso");
    const auto uploaded = f.send({"POST", "/api/v1/cases/" + std::to_string(made.siti) + "/documents?name=ijazah.pdf",
                                  made.document, "application/pdf", f.token("worker"), {}});
    REQUIRE(uploaded.status == 201);
    made.document_url = uploaded.json()["url"];
    const std::string officer = f.token("officer");
    REQUIRE(f.get("/api/v1/cases/" + std::to_string(made.siti), officer).status == 200);
    REQUIRE(f.get("/api/v1/cases/" + std::to_string(made.budi), officer).status == 200);
    const auto decided = f.post_json("/api/v1/cases/" + std::to_string(made.siti) + "/outcomes/setuju", kDecision,
                                     f.token("opd_head"), {{"Idempotency-Key", kDecisionKey}});
    INFO(decided.body);
    REQUIRE(decided.status == 200);
    made.decision_answer = decided.body;
    made.reads_of_siti = f.get(kReadsOfSiti, f.token("admin")).json();
    f.stop_serving();
    return made;
}

}  // namespace

TEST_CASE("db copy moves a served SQLite deployment into PostgreSQL, where a server serves it as it was",
          "[server][cluster][postgresql]") {
    TempDir place;
    const fs::path source = place / "sumber.db";
    const std::string target = test_database(place, "sasaran");
    const SourceDeployment made = serve_a_regency(source);
    // A timer gone (as a fired one is): the highest id SQLite ever gave is
    // now above the rows' highest, and must not be given again.
    sql_exec(source.string(), "DELETE FROM timers WHERE id = (SELECT max(id) FROM timers)");
    const json source_head = audit_verify(source.string(), place.path());

    const ProcessResult copied = copy(source, target, place.path());
    INFO(copied.err);
    REQUIRE(copied.exit_code == 0);
    const json report = json::parse(copied.out);
    CHECK(report["same_head"] == true);
    CHECK(report["same_access_log"] == true);
    CHECK(report["head"] == source_head["head"]);
    CHECK(report["documents"] == 1);
    CHECK(report["access_key_copied"] == true);
    CHECK(report["access_entries"].get<int>() >= 2);  // the officer's two reads at least

    // Counts and contents, table by table, as the source holds them.
    for (const std::string table : {"cases", "tasks", "timers", "events", "incidents", "server_users", "server_sessions",
                                    "server_documents", "server_idempotency"}) {
        INFO(table);
        CHECK(report["tables"][table] == rows(source.string(), table));
        CHECK(rows(target, table) == rows(source.string(), table));
    }
    CHECK(rows(target, "events") > 0);
    const std::string case_row = "SELECT state || '|' || status || '|' || data || '|' || version FROM cases WHERE id = " +
                                 std::to_string(made.siti);
    CHECK(sql_text(target, case_row) == sql_text(source.string(), case_row));
    const std::string password = "SELECT password_hash FROM server_users WHERE username = 'officer'";
    CHECK(sql_text(target, password) == sql_text(source.string(), password));
    // The target's own derived tables were built from the copied rows.
    CHECK(rows(target, "case_deadlines") == rows(source.string(), "cases"));
    CHECK(rows(target, "case_search") == rows(source.string(), "cases"));
    // `tata audit verify` on the target ends at the same head.
    CHECK(audit_verify(target, place.path())["head"] == source_head["head"]);

    // A server on the target: the same users log in with the same
    // passwords, and find what they left.
    ServerFixture after([&](server::ServerConfig& config) { config.database = target; });
    const std::string officer = after.token("officer");
    // Before anyone reads on the target: the admin finds the officer's
    // reads of Siti's file by her NIK, as on the source (NIKs are kept as
    // MACs under the log's key, which came along), and Siti sees them.
    const auto by_nik = after.get(kReadsOfSiti, after.token("admin"));
    INFO(by_nik.body);
    REQUIRE(by_nik.status == 200);
    REQUIRE_FALSE(made.reads_of_siti["items"].empty());
    CHECK(by_nik.json()["items"] == made.reads_of_siti["items"]);
    CHECK(after.get("/api/v1/me/access-log", after.token("worker")).json()["total"].get<int>() >= 1);
    const auto siti = after.get("/api/v1/cases/" + std::to_string(made.siti), officer);
    REQUIRE(siti.status == 200);
    CHECK(siti.json()["data"]["nama"] == "Siti Rahmawati");
    const auto found = after.get("/api/v1/cases?q=Rahmawati", officer).json();  // the text index, rebuilt
    REQUIRE(found["items"].size() == 1);
    CHECK(found["items"][0]["id"] == made.siti);
    const auto document = after.get(made.document_url, after.token("worker"));
    REQUIRE(document.status == 200);
    CHECK(document.body == made.document);
    // The decision sent again with its Idempotency-Key gets the answer kept
    // on the source (stored as text there, as bytes here), not a second run.
    const auto replayed = after.post_json("/api/v1/cases/" + std::to_string(made.siti) + "/outcomes/setuju", kDecision,
                                          after.token("opd_head"), {{"Idempotency-Key", kDecisionKey}});
    CHECK(replayed.status == 200);
    CHECK(replayed.body == made.decision_answer);
    // New ids go on after the copied ones, a timer's after the highest the
    // source ever gave (its deleted ones too).
    const std::int64_t timers_given = sql_integer(source.string(), "SELECT seq FROM sqlite_sequence WHERE name = 'timers'");
    REQUIRE(timers_given > sql_integer(source.string(), "SELECT coalesce(max(id), 0) FROM timers"));
    const CaseId next = after.worker_case("6203010101900003", kOpd, "Citra Lestari");
    CHECK(next > made.budi);
    CHECK(sql_integer(target, "SELECT max(id) FROM timers") > timers_given);
    CHECK(after.engine().verify_audit().intact);

    // The target is in use now: a second copy is refused and changes nothing.
    const std::int64_t cases_now = rows(target, "cases");
    const ProcessResult again = copy(source, target, place.path(), false);
    CHECK(again.exit_code != 0);
    CHECK_THAT(again.err, Contains("not empty"));
    CHECK(rows(target, "cases") == cases_now);
}

TEST_CASE("db copy: a damaged document stops the copy and the target stays empty", "[server][cluster][postgresql]") {
    TempDir place;
    const fs::path source = place / "sumber.db";
    const std::string target = test_database(place, "sasaran");
    serve_a_regency(source);
    const std::string sha = sql_text(source.string(), "SELECT sha256 FROM server_documents");
    write_file(fs::path(source.string() + ".dokumen") / sha.substr(0, 2) / sha, "%PDF-1.4 diganti\n");

    const ProcessResult copied = copy(source, target, place.path(), false);
    CHECK(copied.exit_code != 0);
    CHECK_THAT(copied.err, Contains("ijazah.pdf"));
    CHECK_THAT(copied.err, Contains("damaged"));
    for (const std::string table : {"cases", "events", "server_users", "document_blobs", "privacy_access"}) {
        INFO(table);
        CHECK(rows(target, table) == 0);
    }
    // Once the file is whole again (here: the right bytes), the same target takes the copy.
    write_file(fs::path(source.string() + ".dokumen") / sha.substr(0, 2) / sha, "%PDF-1.4\nijazah Siti\n%%EOF\n");
    CHECK(copy(source, target, place.path()).exit_code == 0);
}

TEST_CASE("db copy knows every table a deployment keeps: copied, or one the target makes itself", "[server][cluster][sqlite]") {
    // Every group of tables the server opens, on a fresh SQLite deployment.
    TempDir place;
    const fs::path file = place / "tata.db";
    serve_a_regency(file);
    for (const fs::path& database : {file, server::privacy::access_log_path(file)}) {
        const std::string names = sql_text(database.string(), "SELECT group_concat(name, ' ') FROM sqlite_schema WHERE type = 'table'");
        std::istringstream list(names);
        for (std::string table; list >> table;) {
            INFO(database.string() << ": " << table);
            const auto& copied = server::copied_table_names();
            CHECK((std::find(copied.begin(), copied.end(), table) != copied.end() || server::derived_or_local_table(table)));
        }
    }
    // ...and nothing it copies is among those it leaves.
    for (const auto& table : server::copied_table_names()) CHECK_FALSE(server::derived_or_local_table(table));
}

TEST_CASE("db copy: a value the target's column cannot hold is named by table, row and column, and nothing is written",
          "[server][cluster][postgresql]") {
    TempDir place;
    const fs::path source = place / "sumber.db";
    const std::string target = test_database(place, "sasaran");
    serve_a_regency(source);
    // SQLite keeps text in an INTEGER column; PostgreSQL's BIGINT would not,
    // and the copy must not turn it into 0.
    sql_exec(source.string(), "UPDATE server_users SET disabled = 'tidak' WHERE username = 'officer'");
    const std::string row = sql_text(source.string(), "SELECT count(*) FROM server_users WHERE id <= "
                                                      "(SELECT id FROM server_users WHERE username = 'officer')");

    const ProcessResult copied = copy(source, target, place.path(), false);
    CHECK(copied.exit_code != 0);
    CHECK_THAT(copied.err, Contains("table server_users, row " + row + " (by id), column disabled holds text"));
    for (const std::string table : {"cases", "events", "server_users"}) {
        INFO(table);
        CHECK(rows(target, table) == 0);
    }
}
