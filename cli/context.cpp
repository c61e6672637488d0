#include "context.hpp"

#include <tata/json_limits.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tata::cli {
namespace {

namespace fs = std::filesystem;

fs::path executable_dir() {
    std::error_code ec;
    const fs::path exe = fs::canonical("/proc/self/exe", ec);
    return ec ? fs::current_path() : exe.parent_path();
}

// A build tree holds plugins/ beside the binary; an installed tata uses the
// installed folders. TATA_HOME overrides both for workflows and rules.
bool running_from_build_tree() { return fs::is_directory(executable_dir() / "plugins"); }

fs::path definitions_home() {
    if (const char* home = std::getenv("TATA_HOME"); home && *home) return home;
    return running_from_build_tree() ? fs::path(TATA_SOURCE_DIR) : fs::path(TATA_INSTALLED_DATA_DIR);
}

fs::path plugins_home() {
    return running_from_build_tree() ? executable_dir() / "plugins" : fs::path(TATA_INSTALLED_PLUGIN_DIR);
}

std::vector<fs::path> paths_option(const Arguments& args, const std::string& name, const fs::path& fallback) {
    const auto value = args.value(name);
    if (!value) return {fallback};
    std::vector<fs::path> paths;
    std::stringstream list(*value);
    for (std::string item; std::getline(list, item, ':');) {
        if (!item.empty()) paths.emplace_back(item);
    }
    return paths;
}

}  // namespace

std::set<std::string> global_options() { return {"db", "workflows", "rules", "plugins"}; }
std::set<std::string> global_switches() { return {"json"}; }

DefinitionSources Context::sources() const {
    DefinitionSources sources;
    const fs::path home = definitions_home();
    sources.workflows = paths_option(args, "workflows", home / "workflows");
    sources.rules = paths_option(args, "rules", home / "rules");
    sources.plugins = paths_option(args, "plugins", plugins_home());
    return sources;
}

std::filesystem::path Context::examples_dir() const { return definitions_home() / "examples"; }

std::filesystem::path Context::web_dir() const { return definitions_home() / "web" / "dist"; }

std::unique_ptr<Engine> Context::open_engine() const { return open_engine(clock_from_environment()); }

std::unique_ptr<Engine> Context::open_engine(std::shared_ptr<const Clock> clock) const {
    EngineOptions options;
    options.database = database();
    options.sources = sources();
    options.clock = std::move(clock);
    return std::make_unique<Engine>(std::move(options));
}

std::string Context::regency() const {
    const auto code = args.value("regency");
    if (!code) throw UsageError("needs --regency CODE (for example --regency 62.03)");
    return *code;
}

Actor Context::actor() const {
    const std::string text = args.value_or("as", "cli:officer");
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        throw UsageError("--as wants USER:ROLE, for example --as siti:opd_head");
    return {text.substr(0, colon), text.substr(colon + 1)};
}

nlohmann::json json_option(const Context& context, const std::string& name) {
    const auto value = context.args.value(name);
    if (!value) return nlohmann::json::object();
    std::string text = *value;
    std::string source = "--" + name;
    if (!text.empty() && text[0] == '@') {
        std::ifstream in(text.substr(1));
        if (!in) throw UsageError("--" + name + ": cannot read " + text.substr(1));
        std::ostringstream buffer;
        buffer << in.rdbuf();
        source = text.substr(1);
        text = buffer.str();
    }
    if (const auto deep = find_excess_nesting(text))
        throw UsageError(source + ": JSON " + deep->message + " (at byte " + std::to_string(deep->byte) + ")");
    try {
        auto parsed = nlohmann::json::parse(text);
        if (!parsed.is_object()) throw UsageError(source + ": must be a JSON object");
        return parsed;
    } catch (const nlohmann::json::parse_error& e) {
        throw UsageError(source + ": invalid JSON at byte " + std::to_string(e.byte) + ": " + e.what());
    }
}

}  // namespace tata::cli
