// The audit chain: a real engine writes cases and advances to a real
// database (a SQLite file, or PostgreSQL in the postgresql.* run); the test
// then tampers with it directly in SQL (as someone with access to the
// database could) and checks that verification finds the first event that
// was touched, through the engine and through `tata audit verify`.
#include "store/audit_chain.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <tata/engine.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;

namespace {

const char* const audit_workflow = R"(id: audit_contoh
version: 1
title: Contoh alur untuk audit
start: periksa
states:
  periksa:
    kind: task
    title: Periksa berkas
    role: officer
    on_enter:
      - action: counter.increment
    outcomes:
      lanjut: tinjau
      tolak:
        form:
          alasan: {type: text, required: true}
        to: ditolak
  tinjau:
    kind: task
    title: Tinjau berkas
    role: [officer, bkad]
    outcomes:
      setuju: selesai
      ulang: periksa
  selesai:
    kind: end
    result: verified
  ditolak:
    kind: end
    result: rejected
)";

// A database with several cases in different states; the engine is closed.
struct AuditedDatabase {
    TempDir dir;
    fs::path workflow;
    std::string database;
    std::int64_t events = 0;  // rows in the chain, counted through the case histories

    AuditedDatabase() {
        workflow = dir.write("workflows/audit_contoh.yaml", audit_workflow);
        database = test_database(dir);
        auto engine = open();
        const Actor ani{"ani", "officer"}, budi{"budi", "bkad"};
        std::vector<CaseId> ids;
        for (int i = 0; i < 5; ++i) {
            const auto created = engine->create_case("audit_contoh", i % 2 ? "64.71" : "62.03",
                                                     {{"nama", "Pegawai " + std::to_string(i)}, {"nik", i}}, ani);
            ids.push_back(created.record.id);
        }
        engine->fire(ids[0], "lanjut", nlohmann::json::object(), ani);
        engine->fire(ids[0], "setuju", nlohmann::json::object(), budi);
        engine->fire(ids[1], "tolak", {{"alasan", "berkas tidak lengkap"}}, ani);
        engine->fire(ids[2], "lanjut", nlohmann::json::object(), ani);
        engine->fire(ids[2], "ulang", nlohmann::json::object(), budi);
        const std::int64_t version = engine->get_case(ids[3]).version;
        engine->fire(ids[3], "lanjut", nlohmann::json::object(), ani, version);
        // A refused advance writes nothing to the chain.
        CHECK_THROWS_AS(engine->fire(ids[3], "setuju", nlohmann::json::object(), budi, version), Conflict);
        engine->fire(ids[3], "setuju", nlohmann::json::object(), budi);

        for (CaseId id : ids) events += static_cast<std::int64_t>(engine->history(id).size());
        const AuditReport report = engine->verify_audit();
        INFO(report.problem);
        REQUIRE(report.intact);
        REQUIRE(report.events_checked == events);
        REQUIRE(events >= 12);  // 5 created + 7 fired, at least
    }

    std::unique_ptr<Engine> open() const {
        return std::make_unique<Engine>(
            engine_options(dir, {workflow}, std::make_shared<FixedClock>(at("2025-03-14T09:00:00+08:00"))));
    }

    AuditReport verify() const { return open()->verify_audit(); }

    // Runs SQL on the closed database, as an intruder would.
    void tamper(const std::string& sql) const { sql_exec(database, sql); }

    std::string column(std::int64_t seq, const std::string& name) const {
        return sql_text(database, "SELECT " + name + " FROM events WHERE seq = " + std::to_string(seq));
    }

    std::int64_t count(const std::string& sql) const { return sql_integer(database, sql); }

    ProcessResult cli(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args = {"audit",     "verify",
                                         "--db",      database,
                                         "--workflows", workflow.string(),
                                         "--rules",   fixture_rules().string(),
                                         "--plugins", core_plugin_dir().string() + ":" + test_plugin_dir("counter").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_tata(args, dir.path());
    }
};

// Swaps every column but seq between two event rows (through a copy: an
// UPDATE reading its own table would see the row it already changed).
std::string swap_events_sql(std::int64_t a, std::int64_t b) {
    const std::string cols[] = {"case_id", "at", "actor", "role", "type", "from_state", "to_state", "payload",
                                "prev_hash", "hash"};
    const std::string sa = std::to_string(a), sb = std::to_string(b);
    std::string sql = "CREATE TEMP TABLE salinan AS SELECT * FROM events WHERE seq IN (" + sa + ", " + sb + ");" +
                      "UPDATE events SET ";
    for (std::size_t i = 0; i < std::size(cols); ++i) {
        const auto& c = cols[i];
        sql += (i ? ", " : "") + c + " = (SELECT " + c + " FROM salinan s WHERE s.seq = (CASE events.seq WHEN " + sa +
               " THEN " + sb + " ELSE " + sa + " END))";
    }
    return sql + " WHERE seq IN (" + sa + ", " + sb + ");";
}

}  // namespace

TEST_CASE("an untouched audit chain verifies, counting every event", "[store][audit]") {
    AuditedDatabase db;
    CHECK(db.count("SELECT count(*) FROM events") == db.events);
    CHECK(db.count("SELECT max(seq) FROM events") == db.events);
    CHECK(db.count("SELECT seq FROM audit_head WHERE id = 1") == db.events);
    // The first link hangs off the genesis hash; every other off its predecessor.
    CHECK(db.column(1, "prev_hash") == std::string(64, '0'));
    CHECK(db.count("SELECT count(*) FROM events a JOIN events b ON b.seq = a.seq + 1 WHERE b.prev_hash <> a.hash") == 0);

    const AuditReport report = db.verify();
    CHECK(report.intact);
    CHECK(report.events_checked == db.events);
    CHECK_FALSE(report.first_bad_seq.has_value());
    CHECK(report.problem.empty());

    SECTION("it stays intact as more advances are appended after a reopen") {
        auto engine = db.open();
        const auto created = engine->create_case("audit_contoh", "62.03", {{"nama", "Baru"}}, {"ani", "officer"});
        engine->fire(created.record.id, "lanjut", nlohmann::json::object(), {"ani", "officer"});
        const auto added = static_cast<std::int64_t>(engine->history(created.record.id).size());
        const AuditReport again = engine->verify_audit();
        CHECK(again.intact);
        CHECK(again.events_checked == db.events + added);
    }
    SECTION("an empty database verifies with nothing to check") {
        TempDir empty;
        const fs::path workflow = empty.write("workflows/audit_contoh.yaml", audit_workflow);
        Engine engine(engine_options(empty, {workflow}, std::make_shared<FixedClock>(at("2025-03-14T09:00:00Z"))));
        const AuditReport nothing = engine.verify_audit();
        CHECK(nothing.intact);
        CHECK(nothing.events_checked == 0);
    }
}

TEST_CASE("an edited event is found", "[store][audit]") {
    AuditedDatabase db;
    const std::int64_t victim = db.events / 2;

    SECTION("its payload") {
        const std::string payload = db.column(victim, "payload");
        db.tamper(on_postgresql()
                      ? "UPDATE events SET payload = (payload::jsonb || '{\"diubah\": 1}')::text WHERE seq = " + std::to_string(victim)
                      : "UPDATE events SET payload = json_set(payload, '$.diubah', 1) WHERE seq = " + std::to_string(victim));
        REQUIRE(db.column(victim, "payload") != payload);
    }
    SECTION("its actor") {
        db.tamper("UPDATE events SET actor = 'penyusup' WHERE seq = " + std::to_string(victim));
    }
    SECTION("its time") {
        db.tamper("UPDATE events SET at = at - 86400 WHERE seq = " + std::to_string(victim));
    }
    SECTION("its target state") {
        db.tamper("UPDATE events SET to_state = 'dirusak' WHERE seq = " + std::to_string(victim));
    }
    SECTION("a whitespace-only change to its payload text") {
        db.tamper("UPDATE events SET payload = payload || ' ' WHERE seq = " + std::to_string(victim));
    }

    const AuditReport report = db.verify();
    INFO(report.problem);
    CHECK_FALSE(report.intact);
    REQUIRE(report.first_bad_seq.has_value());
    CHECK(*report.first_bad_seq == victim);
    CHECK(report.events_checked == victim - 1);
    CHECK_THAT(report.problem, Contains("edited"));
}

TEST_CASE("an event whose payload is no longer JSON is reported, not thrown", "[store][audit]") {
    AuditedDatabase db;
    db.tamper("UPDATE events SET payload = '{rusak' WHERE seq = 3");
    AuditReport report;
    REQUIRE_NOTHROW(report = db.verify());
    CHECK_FALSE(report.intact);
    REQUIRE(report.first_bad_seq.has_value());
    CHECK(*report.first_bad_seq == 3);
}

TEST_CASE("a deleted event is found at the event after it", "[store][audit]") {
    AuditedDatabase db;
    const std::int64_t victim = db.events / 2;
    db.tamper("DELETE FROM events WHERE seq = " + std::to_string(victim));

    const AuditReport report = db.verify();
    INFO(report.problem);
    CHECK_FALSE(report.intact);
    REQUIRE(report.first_bad_seq.has_value());
    CHECK(*report.first_bad_seq == victim + 1);
    CHECK(report.events_checked == victim - 1);
    CHECK_THAT(report.problem, Contains("deleted"));

    SECTION("also when the later events are renumbered to close the gap") {
        db.tamper("UPDATE events SET seq = -seq WHERE seq > " + std::to_string(victim) +
                  "; UPDATE events SET seq = -seq - 1 WHERE seq < 0");
        db.tamper("UPDATE audit_head SET seq = seq - 1");
        const AuditReport renumbered = db.verify();
        INFO(renumbered.problem);
        CHECK_FALSE(renumbered.intact);
        REQUIRE(renumbered.first_bad_seq.has_value());
        CHECK(*renumbered.first_bad_seq == victim);
    }
}

TEST_CASE("the first event deleted is found", "[store][audit]") {
    AuditedDatabase db;
    db.tamper("DELETE FROM events WHERE seq = 1");
    const AuditReport report = db.verify();
    CHECK_FALSE(report.intact);
    REQUIRE(report.first_bad_seq.has_value());
    CHECK(*report.first_bad_seq == 2);
    CHECK(report.events_checked == 0);
}

TEST_CASE("swapped events are found at the first swapped position", "[store][audit]") {
    AuditedDatabase db;
    const std::int64_t first = 4, second = db.events - 3;
    const std::string hash_first = db.column(first, "hash"), hash_second = db.column(second, "hash");

    SECTION("rows swapped whole (every column but seq)") {
        db.tamper(swap_events_sql(first, second));
        REQUIRE(db.column(first, "hash") == hash_second);
        REQUIRE(db.column(second, "hash") == hash_first);
    }
    SECTION("seq numbers exchanged") {
        db.tamper("UPDATE events SET seq = -1 WHERE seq = " + std::to_string(first) + ";" +
                  "UPDATE events SET seq = " + std::to_string(first) + " WHERE seq = " + std::to_string(second) + ";" +
                  "UPDATE events SET seq = " + std::to_string(second) + " WHERE seq = -1");
        REQUIRE(db.column(first, "hash") == hash_second);
    }
    SECTION("neighbours swapped") {
        const std::string hash_next = db.column(first + 1, "hash");
        db.tamper(swap_events_sql(first, first + 1));
        REQUIRE(db.column(first, "hash") == hash_next);
        REQUIRE(db.column(first + 1, "hash") == hash_first);
    }

    const AuditReport report = db.verify();
    INFO(report.problem);
    CHECK_FALSE(report.intact);
    REQUIRE(report.first_bad_seq.has_value());
    CHECK(*report.first_bad_seq == first);
    CHECK(report.events_checked == first - 1);
}

TEST_CASE("events removed from the end are found through the recorded head", "[store][audit]") {
    AuditedDatabase db;

    SECTION("the last event") {
        db.tamper("DELETE FROM events WHERE seq = " + std::to_string(db.events));
        const AuditReport report = db.verify();
        INFO(report.problem);
        CHECK_FALSE(report.intact);
        REQUIRE(report.first_bad_seq.has_value());
        CHECK(*report.first_bad_seq == db.events);
        CHECK(report.events_checked == db.events - 1);
        CHECK_THAT(report.problem, Contains("removed from the end"));
    }
    SECTION("the last three events") {
        db.tamper("DELETE FROM events WHERE seq > " + std::to_string(db.events - 3));
        const AuditReport report = db.verify();
        CHECK_FALSE(report.intact);
        REQUIRE(report.first_bad_seq.has_value());
        CHECK(*report.first_bad_seq == db.events - 2);
    }
    SECTION("every event") {
        db.tamper("DELETE FROM events");
        const AuditReport report = db.verify();
        CHECK_FALSE(report.intact);
        REQUIRE(report.first_bad_seq.has_value());
        CHECK(*report.first_bad_seq == 1);
    }
    SECTION("the recorded head itself") {
        db.tamper("DELETE FROM audit_head");
        const AuditReport report = db.verify();
        CHECK_FALSE(report.intact);
    }
}

TEST_CASE("a forged event appended after the head is found", "[store][audit]") {
    AuditedDatabase db;
    const std::string last_hash = db.column(db.events, "hash");
    db.tamper("INSERT INTO events (seq, case_id, at, actor, role, type, from_state, to_state, payload, prev_hash, hash) "
              "VALUES (" + std::to_string(db.events + 1) + ", 1, 1741914000, 'penyusup', 'officer', 'fired', 'periksa', "
              "'selesai', '{}', '" + last_hash + "', '" + std::string(64, 'a') + "')");
    const AuditReport report = db.verify();
    CHECK_FALSE(report.intact);
    REQUIRE(report.first_bad_seq.has_value());
    CHECK(*report.first_bad_seq == db.events + 1);
}

TEST_CASE("tata audit verify exits 0 on an intact chain and 1 naming the first bad event", "[store][audit][cli]") {
    AuditedDatabase db;

    const ProcessResult intact = db.cli();
    INFO(intact.out << intact.err);
    CHECK(intact.exit_code == 0);
    CHECK_THAT(intact.out, Contains("intact"));
    CHECK_THAT(intact.out, Contains(std::to_string(db.events) + " event"));

    const ProcessResult intact_json = db.cli({"--json"});
    REQUIRE(intact_json.exit_code == 0);
    const auto parsed = nlohmann::json::parse(intact_json.out);
    CHECK(parsed["intact"] == true);
    CHECK(parsed["events_checked"] == db.events);
    CHECK(parsed["first_bad_event"].is_null());

    const std::int64_t victim = 7;
    db.tamper("UPDATE events SET actor = 'penyusup' WHERE seq = " + std::to_string(victim));

    const ProcessResult broken = db.cli();
    INFO(broken.out << broken.err);
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.out, Contains("BROKEN"));
    CHECK_THAT(broken.out, Contains("event " + std::to_string(victim)));
    CHECK_THAT(broken.out, Contains("edited"));

    const ProcessResult broken_json = db.cli({"--json"});
    CHECK(broken_json.exit_code == 1);
    const auto report = nlohmann::json::parse(broken_json.out);
    CHECK(report["intact"] == false);
    CHECK(report["first_bad_event"] == victim);
    CHECK(report["events_checked"] == victim - 1);

    SECTION("with the default definitions of the source tree too") {
        const ProcessResult plain = run_tata({"audit", "verify", "--db", db.database}, db.dir.path());
        INFO(plain.out << plain.err);
        CHECK(plain.exit_code == 1);
        CHECK_THAT(plain.out, Contains("event " + std::to_string(victim)));
    }
}

TEST_CASE("an anchor recorded outside the database catches a truncated or rebuilt chain", "[store][audit][anchor]") {
    AuditedDatabase db;
    const AuditReport before = db.verify();
    REQUIRE(before.head_seq == db.events);
    REQUIRE(before.head_hash == db.column(db.events, "hash"));
    const std::vector<AuditAnchor> anchors{{before.head_seq, before.head_hash}};
    CHECK(db.open()->verify_audit(anchors).intact);

    SECTION("the tail cut off and the head rewritten to match") {
        const std::int64_t last = db.events;
        db.tamper("DELETE FROM events WHERE seq = " + std::to_string(last) + "; UPDATE audit_head SET seq = " +
                  std::to_string(last - 1) + ", hash = (SELECT hash FROM events WHERE seq = " + std::to_string(last - 1) +
                  ")");
        // Without an anchor a consistent truncation is invisible from inside the file...
        CHECK(db.verify().intact);
        // ...with the anchor it is not.
        const AuditReport report = db.open()->verify_audit(anchors);
        CHECK_FALSE(report.intact);
        REQUIRE(report.first_bad_seq.has_value());
        CHECK(*report.first_bad_seq == last);
        CHECK_THAT(report.problem, Contains("anchored"));
    }
    SECTION("an event edited and every later hash recomputed") {
        // The intruder knows the hashing scheme and rebuilds the chain from event 3 on.
        std::vector<EventRecord> events;
        {
            auto engine = db.open();
            for (CaseId id = 1; id <= 5; ++id) {
                for (auto& e : engine->history(id)) events.push_back(e);
            }
        }
        std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
        std::string sql = "UPDATE events SET actor = 'penyusup' WHERE seq = 3;";
        events[2].actor = "penyusup";
        for (std::size_t i = 2; i < events.size(); ++i) {
            events[i].prev_hash = events[i - 1].hash;
            events[i].hash = audit_event_hash(events[i], events[i].payload.dump());
            sql += "UPDATE events SET prev_hash = '" + events[i].prev_hash + "', hash = '" + events[i].hash +
                   "' WHERE seq = " + std::to_string(events[i].seq) + ";";
        }
        sql += "UPDATE audit_head SET hash = '" + events.back().hash + "';";
        db.tamper(sql);
        CHECK(db.verify().intact);  // a consistent rebuild, as far as the file alone can tell
        const AuditReport report = db.open()->verify_audit(anchors);
        CHECK_FALSE(report.intact);
        REQUIRE(report.first_bad_seq.has_value());
        CHECK(*report.first_bad_seq == db.events);
        CHECK_THAT(report.problem, Contains("anchor"));
    }
    SECTION("through the CLI") {
        const std::string anchor = std::to_string(before.head_seq) + ":" + before.head_hash;
        const auto intact = db.cli({"--anchor", anchor});
        CHECK(intact.exit_code == 0);
        CHECK_THAT(intact.out, Contains("1 anchor(s) matched"));
        CHECK_THAT(intact.out, Contains("head: " + anchor));
        db.tamper("DELETE FROM events WHERE seq = " + std::to_string(db.events) + "; UPDATE audit_head SET seq = seq - 1, hash = (SELECT hash FROM events WHERE seq = " + std::to_string(db.events - 1) + ")");
        const auto broken = db.cli({"--anchor", anchor});
        CHECK(broken.exit_code == 1);
        CHECK_THAT(broken.out, Contains("BROKEN at event " + std::to_string(db.events)));
        const auto malformed = db.cli({"--anchor", "12:abc"});
        CHECK(malformed.exit_code == 2);
        CHECK_THAT(malformed.err, Contains("SEQ:HASH"));
    }
}
