// Upgrading a database made before cases could be withdrawn (schema 7):
// the status check is widened in place, the cases already there keep
// their rows, and a case from before the upgrade can be withdrawn.
#include "support/test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
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
    outcomes:
      setuju: selesai
  selesai: {kind: end, result: verified}
)";

// Takes the database back to what schema 7 made: the old status check,
// no operation index, no inbox index by opening time.
void back_to_schema_7(const fs::path& database) {
    SQLite::Database db(database.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(db);
    const int schema_version = db.execAndGet("PRAGMA schema_version").getInt();
    db.exec("PRAGMA writable_schema = ON");
    db.exec("UPDATE sqlite_schema SET sql = replace(sql, ' OR status = ''withdrawn''', '') WHERE name = 'cases'");
    db.exec("PRAGMA schema_version = " + std::to_string(schema_version + 1));
    db.exec("PRAGMA writable_schema = OFF");
    db.exec("DROP TABLE operation_events");
    db.exec("DROP INDEX open_tasks_by_opened");
    db.exec("PRAGMA user_version = 7");
    transaction.commit();
}

std::string cases_sql(const fs::path& database) {
    SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT sql FROM sqlite_schema WHERE name = 'cases'").getString();
}

}  // namespace

TEST_CASE("a schema-7 database is upgraded in place and its cases can be withdrawn", "[store][migration][sqlite]") {
    TempDir dir;
    const auto clock = std::make_shared<FixedClock>(at("2025-03-28T10:00:00+07:00"));
    const EngineOptions options = engine_options(dir, {dir.write("wf/berkas.yaml", kFileYaml)}, clock);
    const Actor officer{"budi", "officer"};
    CaseId old_case = 0;
    {
        Engine engine(options);
        old_case = engine.create_case("berkas", "62.03", {{"nama", "Siti"}}, officer, "6203014101900001").record.id;
    }
    back_to_schema_7(options.database);
    REQUIRE_THAT(cases_sql(options.database), !Contains("withdrawn"));

    Engine engine(options);
    CHECK_THAT(cases_sql(options.database), Contains("OR status = 'withdrawn'"));
    const CaseRecord withdrawn = engine.withdraw_case(old_case, "impor salah berkas", officer);
    CHECK(withdrawn.status == CaseStatus::withdrawn);
    CHECK(engine.get_case(old_case).data["nama"] == "Siti");
    CHECK(engine.verify_audit({}).intact);
    {
        SQLite::Database db(options.database.string(), SQLite::OPEN_READONLY);
        CHECK(db.execAndGet("PRAGMA user_version").getInt() >= 9);
        CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
    }
    // The check still refuses a status it does not know.
    SQLite::Database db(options.database.string(), SQLite::OPEN_READWRITE);
    CHECK_THROWS(db.exec("UPDATE cases SET status = 'gone' WHERE id = " + std::to_string(old_case)));
}
