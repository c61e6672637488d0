// The host side of the plugin boundary: loads plugin libraries with
// Boost.DLL, checks their ABI, collects their actions and scorers and calls
// them so that nothing thrown or returned by a plugin can break the engine.
#pragma once

#include "tata/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tata {

struct LoadedPlugin {
    std::string name;
    std::string version;
    std::filesystem::path path;
    std::vector<std::string> actions;  // full names: plugin.action
    std::vector<std::string> scorers;  // full names: plugin.scorer
    std::vector<std::string> channels; // full names: plugin.channel
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

// One field of the worker handed to a scorer (the host side of the ABI's
// tata_field): a flat record, so a ranking builds no JSON per worker.
struct ScorerField {
    const char* name = nullptr;
    enum Kind { Null = 0, Text = 1, Number = 2 } kind = Null;
    std::string_view text;
    double number = 0;
};

struct ScorerInvocation {
    std::string_view regency;
    const ScorerField* fields = nullptr;
    std::size_t field_count = 0;
    const std::string* args_json = nullptr;              // dumped once per rule
    const std::string* regency_settings_json = nullptr;  // dumped once per ranking
};

struct ScoreOutcome {
    bool ok = false;
    double points = 0;
    std::string reason;  // when ok: why (Bahasa Indonesia); else the error
};

// A notification for a channel (the host side of the ABI's tata_message).
struct ChannelMessage {
    std::string regency;
    std::string recipient;
    std::string email;
    std::string phone;
    std::string subject;
    std::string body;
};

struct DeliveryOutcome {
    bool ok = false;
    std::string error;  // why not, when !ok
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

    bool has_scorer(const std::string& full_name) const { return scorers_.count(full_name) != 0; }
    std::vector<std::string> scorer_names() const;

    // Calls the scorer; never throws for anything the plugin does.
    ScoreOutcome score(const std::string& full_name, const ScorerInvocation& call) const;

    bool has_channel(const std::string& full_name) const { return channels_.count(full_name) != 0; }
    std::vector<std::string> channel_names() const;

    // Hands the message to the channel; never throws for anything the plugin does.
    DeliveryOutcome deliver(const std::string& full_name, const ChannelMessage& message) const;

    struct Action;
    struct Scorer;
    struct Channel;

private:
    std::vector<LoadedPlugin> plugins_;
    std::map<std::string, std::shared_ptr<const Action>> actions_;
    std::map<std::string, std::shared_ptr<const Scorer>> scorers_;
    std::map<std::string, std::shared_ptr<const Channel>> channels_;
};

}  // namespace tata
