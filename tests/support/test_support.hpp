// Helpers shared by the test suites: scratch folders, fixture paths, the
// real plugin folders of the build, and running the real `tata` binary.
#pragma once

#include <tata/engine.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tata::test {

namespace fs = std::filesystem;

// A fresh folder, removed with everything in it when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }
    // Writes `text` to path()/name (creating folders) and returns the path.
    fs::path write(const std::string& name, const std::string& text) const;
    // Runs `cleanup` when the folder is removed (a test's PostgreSQL
    // database is dropped with it).
    void on_remove(std::function<void()> cleanup) const { cleanups_.push_back(std::move(cleanup)); }

private:
    fs::path path_;
    mutable std::vector<std::function<void()>> cleanups_;
};

// Which store a suite runs on: PostgreSQL when TATA_TEST_STORE=postgresql
// (the postgresql.* variants ctest registers, tests/CMakeLists.txt), else
// SQLite. A test that checks what only one store does is tagged [sqlite]
// or [postgresql] and left out of the other's run.
bool on_postgresql();
// A fresh, empty database for one test: a SQLite file `name` in `dir`, or
// on PostgreSQL a new database on the test server (tests/postgresql/
// pg-cluster), dropped when `dir` is removed. Returns what --db takes.
std::string test_database(const TempDir& dir, const std::string& name = "tata.db");
// SQL straight on a test database of either store, as an intruder (or a
// check past the engine) would run it: statements, and the first column
// of a query's first row as text ("" for none or NULL).
void sql_exec(const std::string& database, const std::string& sql);
std::string sql_text(const std::string& database, const std::string& sql);
std::int64_t sql_integer(const std::string& database, const std::string& sql);

void write_file(const fs::path& file, const std::string& text);
std::string read_text(const fs::path& file);

fs::path source_dir();          // the project's top folder
fs::path fixture_rules();       // tests/data/rules: regencies with known calendars
fs::path core_plugin_dir();     // the folder the build puts shipped plugins in
fs::path test_plugin_dir(const std::string& name);  // one test plugin's folder

// An instant from ISO text; fails the test when it does not parse.
TimePoint at(const std::string& iso);

// Engine options on a database in `dir`, the fixture rules, the core and
// counter plugins, the given workflow files and a fixed clock.
EngineOptions engine_options(const TempDir& dir, std::vector<fs::path> workflows,
                             std::shared_ptr<const Clock> clock);

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the real `tata` binary with `args` in `cwd`, with extra environment.
ProcessResult run_tata(const std::vector<std::string>& args, const fs::path& cwd,
                       const std::map<std::string, std::string>& env = {});

}  // namespace tata::test
