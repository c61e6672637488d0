// Durable case advances per second, beside raw SQLite on the same disk.
//
//   build/bench/bench_advance [--advances N] [--dir PATH] [--postgresql URI]
//
// With --postgresql, the engine's advances on that (empty) PostgreSQL
// database too; bench/pg_bench.sh starts a durable server and measures
// pgbench's simple-update on it beside them.
//
// Baselines: one-row INSERT commits (one transaction each) and batched
// INSERTs. Engine: one fire per transaction, and 1,000 fires per
// transaction (Engine::batch), with synchronous=NORMAL and =FULL. Every
// engine advance loads the case, checks role and form, closes and opens a
// task, appends a hash-chained audit event and updates the case.
#include "bench_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_of(const std::function<void()>& work) {
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void remove_db(const fs::path& db) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}

SQLite::Database open_baseline(const fs::path& db, bool full) {
    remove_db(db);
    SQLite::Database handle(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    handle.exec("PRAGMA journal_mode=WAL");
    handle.exec(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    handle.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, case_id INTEGER, payload TEXT)");
    return handle;
}

double raw_commits_per_second(const fs::path& db, int count, bool full) {
    auto handle = open_baseline(db, full);
    SQLite::Statement insert(handle, "INSERT INTO t (case_id, payload) VALUES (?, ?)");
    const double took = seconds_of([&] {
        for (int i = 0; i < count; ++i) {
            handle.exec("BEGIN");
            insert.reset();
            insert.bind(1, i);
            insert.bind(2, "{\"outcome\":\"ulang\",\"input\":{}}");
            insert.exec();
            handle.exec("COMMIT");
        }
    });
    return count / took;
}

double raw_batched_rows_per_second(const fs::path& db, int count) {
    auto handle = open_baseline(db, false);
    SQLite::Statement insert(handle, "INSERT INTO t (case_id, payload) VALUES (?, ?)");
    const double took = seconds_of([&] {
        handle.exec("BEGIN");
        for (int i = 0; i < count; ++i) {
            insert.reset();
            insert.bind(1, i);
            insert.bind(2, "{\"outcome\":\"ulang\",\"input\":{}}");
            insert.exec();
            if (i % 1000 == 999) {
                handle.exec("COMMIT");
                handle.exec("BEGIN");
            }
        }
        handle.exec("COMMIT");
    });
    return count / took;
}

constexpr const char* loop_workflow = R"(id: bench_loop
version: 1
title: Tugas berulang untuk pengukuran
start: kerja
states:
  kerja:
    kind: task
    role: officer
    title: Kerjakan
    form:
      catatan: {type: text}
    outcomes:
      ulang: kerja
      selesai: tamat
    due: 5 working days
    on_due: kerja_terlambat
  kerja_terlambat:
    kind: task
    role: officer
    title: Terlambat
    outcomes:
      ulang: kerja
  tamat:
    kind: end
    result: done
)";

struct EngineRun {
    double one_per_transaction = 0;
    double batched = 0;
};

EngineRun engine_advances_per_second(const fs::path& dir, int count, bool full, const std::string& postgresql = "") {
    const fs::path db = postgresql.empty() ? dir / (full ? "engine-full.db" : "engine.db") : fs::path(postgresql);
    if (postgresql.empty()) remove_db(db);
    tata::EngineOptions options = tata::bench::engine_options(db, {dir / "bench_loop.yaml"});
    options.synchronous_full = full;
    tata::Engine engine(options);
    const tata::Actor officer{"bench", "officer"};
    // A few cases, advanced round-robin, so each advance loads a real case.
    std::vector<tata::CaseId> cases;
    for (int i = 0; i < 64; ++i) cases.push_back(engine.create_case("bench_loop", "62.03", {{"i", i}}, officer).record.id);
    const nlohmann::json input = {{"catatan", "ok"}};

    EngineRun run;
    run.one_per_transaction = count / seconds_of([&] {
        for (int i = 0; i < count; ++i) engine.fire(cases[i % cases.size()], "ulang", input, officer);
    });
    const int batched_count = count * 10;
    run.batched = batched_count / seconds_of([&] {
        for (int done = 0; done < batched_count; done += 1000) {
            engine.batch([&] {
                for (int i = done; i < done + 1000; ++i) engine.fire(cases[i % cases.size()], "ulang", input, officer);
            });
        }
    });
    if (!engine.verify_audit().intact) {
        std::fprintf(stderr, "audit chain broken after the benchmark\n");
        std::exit(1);
    }
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    int advances = 5000;
    fs::path dir = fs::temp_directory_path() / ("tata-bench-" + std::to_string(::getpid()));
    std::string postgresql;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--advances") advances = std::atoi(argv[i + 1]);
        else if (option == "--dir") dir = argv[i + 1];
        else if (option == "--postgresql") postgresql = argv[i + 1];
    }
    fs::create_directories(dir);
    std::ofstream(dir / "bench_loop.yaml") << loop_workflow;

    std::printf("Durable advances (%d one-per-transaction, %d batched), database in %s\n\n", advances, advances * 10,
                dir.c_str());
    const double raw_commits = raw_commits_per_second(dir / "raw.db", advances, false);
    const double raw_rows = raw_batched_rows_per_second(dir / "raw.db", advances * 10);
    const double raw_commits_full = raw_commits_per_second(dir / "raw-full.db", advances, true);
    const EngineRun normal = engine_advances_per_second(dir, advances, false);
    const EngineRun full = engine_advances_per_second(dir, advances, true);

    std::printf("%-48s %12s %10s %10s\n", "measure", "per second", "target", "vs base");
    std::printf("%-48s %12.0f %10s %10s\n", "baseline: raw 1-row commits (NORMAL)", raw_commits, "", "1.00");
    std::printf("%-48s %12.0f %10s %10s\n", "baseline: raw batched inserts (NORMAL)", raw_rows, "", "1.00");
    std::printf("%-48s %12.0f %10s %10s\n", "baseline: raw 1-row commits (FULL)", raw_commits_full, "", "1.00");
    std::printf("%-48s %12.0f %10s %10.2f\n", "engine: 1 advance per transaction (NORMAL)", normal.one_per_transaction,
                ">= 2000", normal.one_per_transaction / raw_commits);
    std::printf("%-48s %12.0f %10s %10.2f\n", "engine: batched advances (NORMAL)", normal.batched, ">= 20000",
                normal.batched / raw_rows);
    std::printf("%-48s %12.0f %10s %10.2f\n", "engine: 1 advance per transaction (FULL)", full.one_per_transaction, "",
                full.one_per_transaction / raw_commits_full);
    std::printf("%-48s %12.0f %10s %10.2f\n", "engine: batched advances (FULL)", full.batched, "",
                full.batched / raw_rows);
    if (!postgresql.empty()) {
        const EngineRun on_postgresql = engine_advances_per_second(dir, advances, true, postgresql);
        std::printf("%-48s %12.0f %10s %10.2f\n", "engine on PostgreSQL: 1 advance per transaction",
                    on_postgresql.one_per_transaction, "", on_postgresql.one_per_transaction / raw_commits_full);
        std::printf("%-48s %12.0f %10s %10.2f\n", "engine on PostgreSQL: batched advances", on_postgresql.batched, "",
                    on_postgresql.batched / raw_rows);
        std::printf("(PostgreSQL's against SQLite's FULL baselines; pgbench's on the same server: bench/pg_bench.sh)\n");
    }
    const bool met = normal.one_per_transaction >= 2000 && normal.batched >= 20000;
    std::printf("\nbudget %s\n", met ? "met" : "NOT met");
    fs::remove_all(dir);
    return met ? 0 : 1;
}
