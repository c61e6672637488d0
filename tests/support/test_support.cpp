#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tata::test {

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "tata-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    for (auto& cleanup : cleanups_) cleanup();
    std::error_code ec;
    fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    write_file(file, text);
    return file;
}

void write_file(const fs::path& file, const std::string& text) {
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

fs::path source_dir() { return TATA_SOURCE_DIR; }
fs::path fixture_rules() { return fs::path(TATA_TEST_DATA_DIR) / "rules"; }
fs::path core_plugin_dir() { return TATA_BUILD_PLUGIN_DIR; }
fs::path test_plugin_dir(const std::string& name) { return fs::path(TATA_TEST_PLUGIN_DIR) / name; }

TimePoint at(const std::string& iso) {
    const auto parsed = parse_iso8601(iso);
    if (!parsed) FAIL("not an ISO 8601 instant: " << iso);
    return *parsed;
}

EngineOptions engine_options(const TempDir& dir, std::vector<fs::path> workflows, std::shared_ptr<const Clock> clock) {
    EngineOptions options;
    options.database = test_database(dir);
    options.sources.workflows = std::move(workflows);
    options.sources.rules = {fixture_rules()};
    options.sources.plugins = {core_plugin_dir(), test_plugin_dir("counter")};
    options.clock = std::move(clock);
    return options;
}

namespace {

std::string shell_quote(const std::string& word) {
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

ProcessResult run_tata(const std::vector<std::string>& args, const fs::path& cwd,
                       const std::map<std::string, std::string>& env) {
    TempDir capture;
    std::string command = "cd " + shell_quote(cwd.string()) + " && env";
    for (const auto& [key, value] : env) command += " " + shell_quote(key + "=" + value);
    command += " " + shell_quote(TATA_BINARY);
    for (const auto& arg : args) command += " " + shell_quote(arg);
    command += " > " + shell_quote((capture / "out").string()) + " 2> " + shell_quote((capture / "err").string()) +
               " < /dev/null";
    const int status = std::system(command.c_str());
    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_text(capture / "out");
    result.err = read_text(capture / "err");
    return result;
}

}  // namespace tata::test
