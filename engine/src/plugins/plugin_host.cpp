// Loads plugin libraries and calls their actions. The library is copied to a
// private path before loading, so a reload of a rebuilt library really loads
// the new code beside the old (dlopen would otherwise hand back the handle it
// already has for that path), and libraries are never unloaded.
#define BOOST_DLL_USE_STD_FS
#include "tata/plugin_host.hpp"

#include "support/files.hpp"
#include "tata/plugin.hpp"

#include <boost/dll/shared_library.hpp>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <deque>
#include <mutex>
#include <regex>

namespace tata {

struct PluginSet::Action {
    std::string plugin;
    std::string description;
    tata_action_fn fn = nullptr;
};

struct PluginSet::Scorer {
    std::string plugin;
    std::string description;
    tata_scorer_fn fn = nullptr;
};

struct PluginSet::Channel {
    std::string plugin;
    std::string description;
    tata_channel_fn fn = nullptr;
};

namespace {

namespace fs = std::filesystem;

// Kept for the life of the process: objects a plugin created (and the code
// of its actions) must never outlive its library.
std::vector<boost::dll::shared_library>& loaded_libraries() {
    static auto* libraries = new std::vector<boost::dll::shared_library>();
    return *libraries;
}
std::mutex loaded_libraries_mutex;

const std::regex& plugin_name_pattern() {
    static const std::regex pattern("^[a-z][a-z0-9_]*$");
    return pattern;
}

// A private copy of the library, removed from the file system once mapped.
fs::path private_copy(const fs::path& library) {
    static std::atomic<unsigned> counter{0};
    const fs::path folder = fs::temp_directory_path() / ("tata-plugins-" + std::to_string(::getpid()));
    fs::create_directories(folder);
    const fs::path copy = folder / (std::to_string(counter++) + "-" + library.filename().string());
    fs::copy_file(library, copy, fs::copy_options::overwrite_existing);
    return copy;
}

// What the registrar callbacks need while a plugin registers.
struct Registration {
    std::string plugin;
    std::map<std::string, std::shared_ptr<const PluginSet::Action>>* actions;
    std::map<std::string, std::shared_ptr<const PluginSet::Scorer>>* scorers;
    std::map<std::string, std::shared_ptr<const PluginSet::Channel>>* channels;
    LoadedPlugin* loaded;
    std::vector<std::string> problems;
};

// Registers an action or a scorer (`what`) in `table`; refuses bad and
// duplicate names.
template <class Entry, class Fn>
int register_entry(Registration& reg, const char* what, std::map<std::string, std::shared_ptr<const Entry>>& table,
                   std::vector<std::string>& names, const char* name, const char* description, Fn fn) {
    const std::string short_name = name ? name : "";
    if (!std::regex_match(short_name, plugin_name_pattern())) {
        reg.problems.push_back(std::string(what) + " name '" + short_name + "' must match [a-z][a-z0-9_]*");
        return 1;
    }
    if (fn == nullptr) {
        reg.problems.push_back(std::string(what) + " '" + short_name + "' has no function");
        return 1;
    }
    const std::string full = reg.plugin + "." + short_name;
    if (table.count(full)) {
        reg.problems.push_back(std::string(what) + " '" + full + "' is registered twice");
        return 1;
    }
    auto entry = std::make_shared<Entry>();
    entry->plugin = reg.plugin;
    entry->description = description ? description : "";
    entry->fn = fn;
    table.emplace(full, std::move(entry));
    names.push_back(full);
    return 0;
}

int register_action(void* host, const char* name, const char* description, tata_action_fn fn) {
    auto& reg = *static_cast<Registration*>(host);
    return register_entry(reg, "action", *reg.actions, reg.loaded->actions, name, description, fn);
}

int register_scorer(void* host, const char* name, const char* description, tata_scorer_fn fn) {
    auto& reg = *static_cast<Registration*>(host);
    return register_entry(reg, "scorer", *reg.scorers, reg.loaded->scorers, name, description, fn);
}

int register_channel(void* host, const char* name, const char* description, tata_channel_fn fn) {
    auto& reg = *static_cast<Registration*>(host);
    return register_entry(reg, "channel", *reg.channels, reg.loaded->channels, name, description, fn);
}

std::vector<fs::path> library_files(const std::vector<fs::path>& locations, std::vector<Diagnostic>& errors) {
    std::vector<fs::path> files;
    for (const auto& location : locations) {
        if (fs::is_directory(location)) {
            for (const auto& entry : sorted_entries(location)) {
                if (fs::is_regular_file(entry) && entry.extension() == ".so") files.push_back(entry);
            }
        } else if (fs::is_regular_file(location)) {
            files.push_back(location);
        } else {
            errors.push_back({{location.string(), 0, 0}, "no such plugin library or folder"});
        }
    }
    return files;
}

}  // namespace

std::shared_ptr<const PluginSet> PluginSet::load(const std::vector<fs::path>& locations,
                                                 std::vector<Diagnostic>& errors) {
    auto set = std::make_shared<PluginSet>();
    for (const auto& file : library_files(locations, errors)) {
        const std::string where = file.string();
        auto refuse = [&](const std::string& message) { errors.push_back({{where, 0, 0}, message}); };

        boost::dll::shared_library library;
        try {
            const fs::path copy = private_copy(file);
            library.load(copy, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
            fs::remove(copy);
        } catch (const std::exception& e) {
            refuse(std::string("cannot load plugin library: ") + e.what());
            continue;
        }
        if (!library.has("tata_plugin_descriptor")) {
            refuse("not a Tata plugin: it exports no tata_plugin_descriptor (use TATA_PLUGIN in the plugin)");
            continue;
        }
        const auto describe = library.get_alias<const tata_plugin_descriptor*()>("tata_plugin_descriptor");
        const tata_plugin_descriptor* descriptor = describe();
        if (descriptor == nullptr) {
            refuse("the plugin's descriptor is null");
            continue;
        }
        // The first three fields are stable across ABI versions: safe to read.
        const std::string name = descriptor->name ? descriptor->name : "";
        // Version 4 only appended add_channel to the registrar: a version-3
        // plugin reads the same structs it was built with.
        if (descriptor->abi_version < TATA_PLUGIN_ABI_OLDEST || descriptor->abi_version > TATA_PLUGIN_ABI_VERSION) {
            refuse("plugin '" + name + "' was built for plugin ABI version " + std::to_string(descriptor->abi_version) +
                   ", but this engine provides ABI version " + std::to_string(TATA_PLUGIN_ABI_VERSION) +
                   " (and loads versions " + std::to_string(TATA_PLUGIN_ABI_OLDEST) + " to " +
                   std::to_string(TATA_PLUGIN_ABI_VERSION) + "): rebuild it against the installed Tata SDK");
            continue;
        }
        if (!std::regex_match(name, plugin_name_pattern())) {
            refuse("plugin name '" + name + "' must match [a-z][a-z0-9_]*");
            continue;
        }
        const auto duplicate = std::find_if(set->plugins_.begin(), set->plugins_.end(),
                                            [&](const LoadedPlugin& p) { return p.name == name; });
        if (duplicate != set->plugins_.end()) {
            refuse("plugin '" + name + "' is already loaded from " + duplicate->path.string());
            continue;
        }
        LoadedPlugin loaded{name, descriptor->version ? descriptor->version : "", file, {}, {}, {}};
        Registration registration{name, &set->actions_, &set->scorers_, &set->channels_, &loaded, {}};
        tata_registrar registrar{&registration, &register_action, &register_scorer, &register_channel};
        const int status = descriptor->register_plugin ? descriptor->register_plugin(&registrar) : -1;
        for (const auto& problem : registration.problems) refuse("plugin '" + name + "': " + problem);
        if (status != 0 && registration.problems.empty())
            refuse("plugin '" + name + "' failed to register (status " + std::to_string(status) + ")");
        if (status != 0 || !registration.problems.empty()) {
            for (const auto& action : loaded.actions) set->actions_.erase(action);
            for (const auto& scorer : loaded.scorers) set->scorers_.erase(scorer);
            for (const auto& channel : loaded.channels) set->channels_.erase(channel);
            continue;
        }
        set->plugins_.push_back(std::move(loaded));
        std::lock_guard lock(loaded_libraries_mutex);
        loaded_libraries().push_back(std::move(library));
    }
    return set;
}

std::vector<std::string> PluginSet::action_names() const {
    std::vector<std::string> names;
    for (const auto& [name, action] : actions_) names.push_back(name);
    return names;
}

std::vector<std::string> PluginSet::scorer_names() const {
    std::vector<std::string> names;
    for (const auto& [name, scorer] : scorers_) names.push_back(name);
    return names;
}

std::vector<std::string> PluginSet::channel_names() const {
    std::vector<std::string> names;
    for (const auto& [name, channel] : channels_) names.push_back(name);
    return names;
}

namespace {

struct ResponseSink {
    bool answered = false;
    bool ok = false;
    std::string text;
};

void sink_patch(void* host, const char* json, size_t size) {
    auto& sink = *static_cast<ResponseSink*>(host);
    sink.answered = true;
    sink.ok = true;
    sink.text.assign(json ? json : "", json ? size : 0);
}

void sink_error(void* host, const char* message, size_t size) {
    auto& sink = *static_cast<ResponseSink*>(host);
    sink.answered = true;
    sink.ok = false;
    sink.text.assign(message ? message : "", message ? size : 0);
}

std::string dump_or_empty(const nlohmann::json* value) { return value ? value->dump() : "{}"; }

// Serves the case data to an action field by field: only what it reads is
// serialized. The texts live until the call returns; a failure to serialize
// (say, invalid UTF-8 in a field) cannot throw into the plugin, so it is kept
// here and fails the action afterwards.
struct DataSource {
    const nlohmann::json* data = nullptr;
    std::deque<std::string> texts;
    std::string error;

    const char* keep(std::string text, size_t* size) {
        texts.push_back(std::move(text));
        if (size) *size = texts.back().size();
        return texts.back().c_str();
    }
};

const char* data_field(void* host, const char* name, size_t name_size, size_t* size) noexcept {
    auto& source = *static_cast<DataSource*>(host);
    if (size) *size = 0;
    if (source.data == nullptr || name == nullptr || !source.data->is_object()) return nullptr;
    try {
        const auto it = source.data->find(std::string_view(name, name_size));
        if (it == source.data->end()) return nullptr;
        return source.keep(it->dump(), size);
    } catch (const std::exception& e) {
        source.error = std::string("cannot pass field '") + std::string(name, name_size) + "': " + e.what();
    } catch (...) {
        source.error = "cannot pass field '" + std::string(name, name_size) + "'";
    }
    return nullptr;
}

const char* data_whole(void* host, size_t* size) noexcept {
    auto& source = *static_cast<DataSource*>(host);
    try {
        return source.keep(dump_or_empty(source.data), size);
    } catch (const std::exception& e) {
        source.error = std::string("cannot pass the case data: ") + e.what();
    } catch (...) {
        source.error = "cannot pass the case data";
    }
    if (size) *size = 0;
    return nullptr;
}

}  // namespace

ActionOutcome PluginSet::invoke(const std::string& full_name, const ActionInvocation& call) const {
    const auto it = actions_.find(full_name);
    if (it == actions_.end()) return {false, nullptr, "no loaded plugin provides action '" + full_name + "'"};

    static const std::string empty_object = "{}";
    DataSource data{call.data, {}, {}};
    const std::string input = dump_or_empty(call.input);
    const std::string& args = call.args_json ? *call.args_json : empty_object;
    const std::string& regency = call.regency_settings_json ? *call.regency_settings_json : empty_object;
    const tata_action_request request{call.case_id.c_str(),
                                      call.workflow_id.c_str(),
                                      call.state.c_str(),
                                      call.regency.c_str(),
                                      call.now.c_str(),
                                      tata_case_data{&data, &data_field, &data_whole},
                                      input.c_str(),
                                      args.c_str(),
                                      regency.c_str()};
    ResponseSink sink;
    tata_action_response response{&sink, &sink_patch, &sink_error};
    int status = 0;
    try {
        status = it->second->fn(&request, &response);
    } catch (const std::exception& e) {  // a plugin not written with the SDK helpers
        return {false, nullptr, full_name + " threw: " + e.what()};
    } catch (...) {
        return {false, nullptr, full_name + " threw an unknown exception"};
    }
    if (!data.error.empty()) return {false, nullptr, full_name + ": " + data.error};
    if (!sink.answered) return {false, nullptr, full_name + " returned status " + std::to_string(status) + " without an answer"};
    if (!sink.ok) return {false, nullptr, full_name + ": " + sink.text};
    if (status != 0) return {false, nullptr, full_name + " returned status " + std::to_string(status)};
    auto patch = nlohmann::json::parse(sink.text, nullptr, false);
    if (patch.is_discarded() || !patch.is_object())
        return {false, nullptr, full_name + " returned a patch that is not a JSON object"};
    return {true, std::move(patch), {}};
}

namespace {

struct ScoreSink {
    bool answered = false;
    bool ok = false;
    double points = 0;
    std::string text;
};

void sink_score(void* host, double points, const char* reason, size_t size) {
    auto& sink = *static_cast<ScoreSink*>(host);
    sink.answered = true;
    sink.ok = true;
    sink.points = points;
    sink.text.assign(reason ? reason : "", reason ? size : 0);
}

void sink_score_error(void* host, const char* message, size_t size) {
    auto& sink = *static_cast<ScoreSink*>(host);
    sink.answered = true;
    sink.ok = false;
    sink.text.assign(message ? message : "", message ? size : 0);
}

}  // namespace

ScoreOutcome PluginSet::score(const std::string& full_name, const ScorerInvocation& call) const {
    const auto it = scorers_.find(full_name);
    if (it == scorers_.end()) return {false, 0, "no loaded plugin provides scorer '" + full_name + "'"};

    // Reused per thread: a ranking calls this millions of times.
    thread_local std::vector<tata_field> fields;
    fields.resize(call.field_count);
    for (std::size_t i = 0; i < call.field_count; ++i) {
        const ScorerField& from = call.fields[i];
        fields[i] = tata_field{from.name, static_cast<int>(from.kind), from.text.data(), from.text.size(), from.number};
    }
    static const std::string empty_object = "{}";
    const std::string regency(call.regency);
    const tata_scorer_request request{regency.c_str(), fields.data(), fields.size(),
                                      (call.args_json ? *call.args_json : empty_object).c_str(),
                                      (call.regency_settings_json ? *call.regency_settings_json : empty_object).c_str()};
    ScoreSink sink;
    tata_scorer_response response{&sink, &sink_score, &sink_score_error};
    int status = 0;
    try {
        status = it->second->fn(&request, &response);
    } catch (const std::exception& e) {
        return {false, 0, full_name + " threw: " + e.what()};
    } catch (...) {
        return {false, 0, full_name + " threw an unknown exception"};
    }
    if (!sink.answered) return {false, 0, full_name + " returned status " + std::to_string(status) + " without an answer"};
    if (!sink.ok) return {false, 0, full_name + ": " + sink.text};
    if (status != 0) return {false, 0, full_name + " returned status " + std::to_string(status)};
    if (!std::isfinite(sink.points)) return {false, 0, full_name + " returned points that are not a finite number"};
    return {true, sink.points, std::move(sink.text)};
}

namespace {

struct DeliverySink {
    bool answered = false;
    bool ok = false;
    std::string error;
};

void sink_sent(void* host) {
    auto& sink = *static_cast<DeliverySink*>(host);
    sink.answered = true;
    sink.ok = true;
}

void sink_delivery_error(void* host, const char* message, size_t size) {
    auto& sink = *static_cast<DeliverySink*>(host);
    sink.answered = true;
    sink.ok = false;
    sink.error.assign(message ? message : "", message ? size : 0);
}

}  // namespace

DeliveryOutcome PluginSet::deliver(const std::string& full_name, const ChannelMessage& message) const {
    const auto it = channels_.find(full_name);
    if (it == channels_.end()) return {false, "no loaded plugin provides channel '" + full_name + "'"};
    const tata_message request{message.regency.c_str(), message.recipient.c_str(), message.email.c_str(),
                               message.phone.c_str(),   message.subject.c_str(),   message.body.c_str()};
    DeliverySink sink;
    tata_channel_response response{&sink, &sink_sent, &sink_delivery_error};
    int status = 0;
    try {
        status = it->second->fn(&request, &response);
    } catch (const std::exception& e) {
        return {false, full_name + " threw: " + e.what()};
    } catch (...) {
        return {false, full_name + " threw an unknown exception"};
    }
    if (!sink.answered) return {false, full_name + " returned status " + std::to_string(status) + " without an answer"};
    if (!sink.ok) return {false, sink.error};
    if (status != 0) return {false, full_name + " returned status " + std::to_string(status)};
    return {true, {}};
}

}  // namespace tata
