// The host side of the plugin boundary: loads plugin libraries with
// Boost.DLL, checks their ABI, collects their actions and calls them so that
// nothing thrown or returned by a plugin can break the engine.
#pragma once

#include "tata/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tata {

struct LoadedPlugin {
    std::string name;
    std::string version;
    std::filesystem::path path;
    std::vector<std::string> actions;  // full names: plugin.action
};

struct ActionInvocation {
    std::string case_id;
    std::string workflow_id;
    std::string state;
    std::string regency;
    std::string now;
    const nlohmann::json* data = nullptr;
    const nlohmann::json* input = nullptr;
    // Constant per workflow and regency: passed as the JSON text dumped once
    // at load, not re-serialized on every call.
    const std::string* args_json = nullptr;
    const std::string* regency_settings_json = nullptr;
};

struct ActionOutcome {
    bool ok = false;
    nlohmann::json patch;  // merge patch for the case data, when ok
    std::string error;     // why not, when !ok
};

// One generation of loaded plugins. Libraries are never unloaded during the
// process (DESIGN.md: whatever a library created must not outlive it), so
// an old generation stays callable while cases still run on it.
class PluginSet {
public:
    // Loads every plugin library (lib*.so) found in the given directories or
    // files. Problems (not a plugin, ABI mismatch, duplicate names, a
    // register function that fails) are appended to `errors`.
    static std::shared_ptr<const PluginSet> load(const std::vector<std::filesystem::path>& locations,
                                                 std::vector<Diagnostic>& errors);

    const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
    bool has_action(const std::string& full_name) const { return actions_.count(full_name) != 0; }
    std::vector<std::string> action_names() const;

    // Calls the action; never throws for anything the plugin does.
    ActionOutcome invoke(const std::string& full_name, const ActionInvocation& call) const;

    struct Action;

private:
    std::vector<LoadedPlugin> plugins_;
    std::map<std::string, std::shared_ptr<const Action>> actions_;
};

}  // namespace tata
