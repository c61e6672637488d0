// A process killed with SIGKILL in the middle of a stream of advances loses
// no advance it acknowledged and leaves a consistent database with an intact
// audit chain. The stream runs in a separate program (tata_advance_stream)
// that prints "ack ID VERSION STATE" after each committed call.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <tata/engine.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

using namespace tata;
using namespace tata::test;

namespace {

const char* const stream_workflow = R"(id: arus
version: 1
title: Arus uji crash
start: terima
states:
  terima:
    kind: task
    title: Terima berkas
    role: officer
    on_enter:
      - action: core.stamp
        with: {field: diterima_pada}
    outcomes:
      lanjut:
        form:
          catatan: {type: text}
        to: periksa
  periksa:
    kind: task
    title: Periksa berkas
    role: officer
    on_enter:
      - action: core.set
        with: {diperiksa: true}
    due: 5 working days
    on_due: terima
    outcomes:
      selesai: tutup
  tutup:
    kind: end
    result: verified
)";

struct Ack {
    std::int64_t version = 0;
    std::string state;
};

// What one run of the stream acknowledged before it died.
struct StreamRun {
    std::map<CaseId, Ack> acked;  // the last acknowledgement of each case
    int lines = 0;                // ack lines read, including those read after the kill
    int status = 0;               // from waitpid
    std::string err;
};

// Kills and reaps the child if the test gives up on it early.
struct ChildGuard {
    pid_t pid = 0;
    bool reaped = false;
    ~ChildGuard() {
        if (pid > 0 && !reaped) {
            ::kill(pid, SIGKILL);
            int status = 0;
            ::waitpid(pid, &status, 0);
        }
    }
};

// Starts the stream, kills it `delay_us` microseconds after the
// `kill_after`th ack, then reads what the pipe still holds: every line in it
// was printed after a commit, so it counts.
StreamRun run_and_kill(const TempDir& dir, const fs::path& workflow, int kill_after, int delay_us) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const std::string err_file = (dir / "stream.err").string();

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

    const std::vector<std::string> words = {TATA_ADVANCE_STREAM,         test_database(dir),
                                            workflow.string(),           fixture_rules().string(),
                                            core_plugin_dir().string(),  "1000000"};
    std::vector<char*> argv;
    for (const auto& w : words) argv.push_back(const_cast<char*>(w.c_str()));
    argv.push_back(nullptr);

    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, TATA_ADVANCE_STREAM, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    REQUIRE(spawned == 0);
    ChildGuard guard{pid};

    StreamRun run;
    std::string pending;
    bool killed = false, eof = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!eof) {
        if (!killed && std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            killed = true;
            FAIL_CHECK("the stream did not acknowledge " << kill_after << " advances within 60 s");
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, 1000);
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        char buffer[4096];
        const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            eof = true;
            break;
        }
        pending.append(buffer, static_cast<std::size_t>(got));
        for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
            const std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            std::istringstream in(line);
            std::string word;
            in >> word;
            if (word == "ready") continue;
            REQUIRE(word == "ack");
            CaseId id = 0;
            Ack ack;
            in >> id >> ack.version >> ack.state;
            REQUIRE(in);
            run.acked[id] = ack;
            ++run.lines;
            if (!killed && run.lines >= kill_after) {
                if (delay_us > 0) ::usleep(static_cast<useconds_t>(delay_us));
                REQUIRE(::kill(pid, SIGKILL) == 0);
                killed = true;
            }
        }
    }
    ::close(fds[0]);
    REQUIRE(::waitpid(pid, &run.status, 0) == pid);
    guard.reaped = true;
    run.err = read_text(err_file);
    // A partial line at EOF was cut by the kill mid-write: it does not count.
    return run;
}

}  // namespace

TEST_CASE("a stream of advances killed with SIGKILL loses no acknowledged advance", "[store][crash]") {
    TempDir dir;
    const fs::path workflow = dir.write("workflows/arus.yaml", stream_workflow);
    auto options = engine_options(dir, {workflow}, std::make_shared<FixedClock>(at("2025-03-14T09:00:00+08:00")));
    options.sources.plugins = {core_plugin_dir()};

    std::map<CaseId, Ack> all_acked;
    std::int64_t acked_calls = 0;  // each acknowledged call wrote at least one event
    // Where to kill: after so many acks, then after a pause, so that the kill
    // lands at a different point of a transaction (or a checkpoint) each time.
    const int kill_points[] = {300, 1117, 2401};
    const int delays_us[] = {0, 1300, 3700};
    for (int round = 0; round < 3; ++round) {
        INFO("round " << round + 1 << ", kill " << delays_us[round] << " us after " << kill_points[round] << " acks");
        const StreamRun run = run_and_kill(dir, workflow, kill_points[round], delays_us[round]);
        INFO("stream stderr: " << run.err);
        REQUIRE(WIFSIGNALED(run.status));
        CHECK(WTERMSIG(run.status) == SIGKILL);
        REQUIRE(run.lines >= kill_points[round]);
        acked_calls += run.lines;
        for (const auto& [id, ack] : run.acked) {
            CHECK(all_acked.count(id) == 0);  // every run makes new cases
            all_acked[id] = ack;
        }

        // The database opens (on SQLite after WAL recovery) and is sound.
        if (!on_postgresql()) {
            const fs::path wal = dir / "tata.db-wal";
            CHECK(fs::exists(wal));
            if (fs::exists(wal)) CHECK(fs::file_size(wal) > 0);
            CHECK(sql_text(test_database(dir), "PRAGMA integrity_check") == "ok");
        }
        Engine engine(options);
        const AuditReport audit = engine.verify_audit();
        INFO(audit.problem);
        REQUIRE(audit.intact);

        // Every acknowledged advance is there.
        int missing = 0, behind = 0;
        for (const auto& [id, ack] : all_acked) {
            CaseRecord record;
            try {
                record = engine.get_case(id);
            } catch (const NotFound&) {
                ++missing;
                continue;
            }
            if (record.version < ack.version) {
                ++behind;
                continue;
            }
            if (record.version == ack.version) CHECK(record.state == ack.state);
            if (ack.state == "periksa") {
                CHECK(record.state == "periksa");
                CHECK(record.data.value("diperiksa", false));
            }
            CHECK(record.data.contains("diterima_pada"));
        }
        CHECK(missing == 0);
        CHECK(behind == 0);

        // Every case in the store, acknowledged or not, was written whole:
        // its state, its open task and its events agree.
        CaseFilter filter;
        filter.limit = 100000;
        const auto cases = engine.list_cases(filter);
        CHECK(cases.size() >= all_acked.size());
        std::int64_t events = 0;
        int inconsistent = 0;
        for (const auto& record : cases) {
            const auto loaded = engine.get_case(record.id);
            const auto history = engine.history(record.id);
            events += static_cast<std::int64_t>(history.size());
            const bool whole = !history.empty() && history.front().type == "created" &&
                               history.back().to_state == loaded.state && loaded.open_tasks.size() == 1 &&
                               loaded.open_tasks[0].state == loaded.state &&
                               (loaded.state == "terima" || loaded.state == "periksa");
            if (!whole) {
                ++inconsistent;
                UNSCOPED_INFO("case " << record.id << " in state " << loaded.state << " with " << history.size()
                                      << " events and " << loaded.open_tasks.size() << " open tasks");
            }
        }
        CHECK(inconsistent == 0);
        CHECK(audit.events_checked == events);
        CHECK(events >= acked_calls);
    }
    CHECK(all_acked.size() >= 800);

    // The database stays usable after the crashes.
    Engine engine(options);
    const auto created = engine.create_case("arus", "62.03", {{"nama", "Sesudah"}}, {"ani", "officer"});
    engine.fire(created.record.id, "lanjut", nlohmann::json::object(), {"ani", "officer"});
    CHECK(engine.verify_audit().intact);
}
