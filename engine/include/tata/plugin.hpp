// The Tata plugin SDK: the only header a plugin includes.
//
// A plugin is a shared library with exactly one exported entry point,
// `tata_plugin_descriptor`, made with TATA_PLUGIN(...). It returns a plain
// descriptor; the host checks `abi_version` before it touches anything else,
// then calls `register_plugin` with a Registrar through which the plugin names
// its actions (steps of a workflow), scorers (rules of a prioritization
// scorecard) and channels (ways to deliver a notification: a WhatsApp
// gateway, an SMS provider). Everything that crosses the boundary is plain data (C structs,
// NUL-terminated UTF-8 JSON text), and no exception ever crosses it: the
// helpers below catch inside the plugin and report errors as text.
//
// An action reads the case data field by field (ctx.data.value("nama", ...)):
// the host serializes only the fields the action asks for, not the whole
// case for every call, and the action answers with a merge patch of what it
// changes.
//
//   #include <tata/plugin.hpp>
//
//   static tata::sdk::Patch greet(const tata::sdk::ActionContext& ctx) {
//       return {{"greeting", "Halo " + ctx.data.value("nama", "?")}};
//   }
//   static int register_all(tata_registrar* r) noexcept {
//       return tata::sdk::add_action<greet>(r, "greet", "Sets data.greeting");
//   }
//   TATA_PLUGIN("hello", "1.0.0", register_all)
//
// Workflows then name the action `hello.greet`.
#pragma once

#include <cstddef>
#include <cstdint>

// ---------------------------------------------------------------------------
// The ABI: C layout only. Bump TATA_PLUGIN_ABI_VERSION whenever any struct or
// function signature below changes; the host refuses other versions.
// ---------------------------------------------------------------------------
//
// Version 2 added scorers (plugin functions a prioritization scorecard calls);
// version 3 reads the case data through tata_case_data, field by field,
// instead of one JSON text per call; version 4 added channels, as one more
// member at the END of tata_registrar, which a version-3 plugin never reads:
// the host still loads those (TATA_PLUGIN_ABI_OLDEST).
#define TATA_PLUGIN_ABI_VERSION 4u
#define TATA_PLUGIN_ABI_OLDEST 3u

extern "C" {

// The case data so far, read on demand. Each function returns JSON text
// (NUL-terminated UTF-8, its length in *size) that stays valid until the
// action returns; the host serializes only what is asked for.
struct tata_case_data {
    void* host;
    // data[name] (name is `name_size` bytes, not NUL-terminated), or NULL
    // when the case has no such field.
    const char* (*field)(void* host, const char* name, size_t name_size, size_t* size);
    // The whole data object, for the rare action that needs all of it.
    const char* (*whole)(void* host, size_t* size);
};

// What an action is given. All strings are NUL-terminated UTF-8; the JSON
// texts are objects. Valid only during the call.
struct tata_action_request {
    const char* case_id;        // decimal case id
    const char* workflow_id;
    const char* state;          // the state whose actions run
    const char* regency;        // e.g. "62.03"
    const char* now;            // ISO 8601 instant of the engine's clock
    tata_case_data data;        // the case data so far
    const char* input_json;     // the input of the event that led here ({} if none)
    const char* args_json;      // the `with:` arguments written in the workflow ({} if none)
    const char* regency_json;   // the regency's settings from rules/<code>/ ({} if none)
};

// How an action answers: exactly one of the two callbacks, once. The host
// copies the text before the callback returns.
struct tata_action_response {
    void* host;
    // A JSON merge patch (RFC 7386) applied to the case data.
    void (*set_patch)(void* host, const char* json, size_t size);
    // A failure: the step is rolled back and an incident is opened on the case.
    void (*set_error)(void* host, const char* message, size_t size);
};

// Returns 0 when it answered through the response; anything else is a failure.
typedef int (*tata_action_fn)(const tata_action_request* request,
                              tata_action_response* response);

// One field of the record a scorer is given. `kind` says which member holds
// the value; `text` is NUL-terminated and also sized (it may hold NULs).
enum tata_value_kind { TATA_VALUE_NULL = 0, TATA_VALUE_TEXT = 1, TATA_VALUE_NUMBER = 2 };
struct tata_field {
    const char* name;
    int kind;              // a tata_value_kind
    const char* text;      // TATA_VALUE_TEXT
    size_t text_size;
    double number;         // TATA_VALUE_NUMBER (integers are exact up to 2^53)
};

// What a scorer is given: one worker of a ranking, as flat fields (no JSON,
// because a ranking calls it millions of times). Valid only during the call.
struct tata_scorer_request {
    const char* regency;
    const tata_field* fields;
    size_t field_count;
    const char* args_json;      // the scorecard rule's `args:` ({} if none)
    const char* regency_json;   // the regency's settings ({} if none)
};

// How a scorer answers: exactly one of the two callbacks, once.
struct tata_scorer_response {
    void* host;
    // The points the worker earns under this rule (0: the rule does not
    // apply) and why, in Bahasa Indonesia, for the worker's explanation.
    void (*set_score)(void* host, double points, const char* reason, size_t reason_size);
    // A failure: the ranking stops and names the rule and the worker.
    void (*set_error)(void* host, const char* message, size_t size);
};

typedef int (*tata_scorer_fn)(const tata_scorer_request* request,
                              tata_scorer_response* response);

// A notification to deliver (ABI 4): what the regency's notifications.yaml
// made of an event, for one person. All strings are NUL-terminated UTF-8,
// "" when absent, valid only during the call.
struct tata_message {
    const char* regency;
    const char* recipient;  // the person's user name
    const char* email;      // their e-mail address ("" when they gave none)
    const char* phone;      // their phone number, digits with a leading + ("" when none)
    const char* subject;    // one line, Bahasa Indonesia
    const char* body;       // plain text, Bahasa Indonesia
};

// How a channel answers: exactly one of the two callbacks, once.
struct tata_channel_response {
    void* host;
    // Delivered (handed to the gateway, which accepted it).
    void (*set_sent)(void* host);
    // Not delivered: the host tries again later (the outbox's back-off) and
    // shows the message to the regency's admin after the last try.
    void (*set_error)(void* host, const char* message, size_t size);
};

typedef int (*tata_channel_fn)(const tata_message* message, tata_channel_response* response);

// Handed to the plugin's register function. Returns 0 when registered, non-0
// when refused (for example a duplicate name); the host records why.
struct tata_registrar {
    void* host;
    int (*add_action)(void* host, const char* name, const char* description, tata_action_fn fn);
    int (*add_scorer)(void* host, const char* name, const char* description, tata_scorer_fn fn);
    // ABI 4: keep it last (a version-3 plugin is handed the same registrar).
    int (*add_channel)(void* host, const char* name, const char* description, tata_channel_fn fn);
};

struct tata_plugin_descriptor {
    // Must stay the first three fields in every ABI version, so a host can
    // always read them to explain a mismatch.
    uint32_t abi_version;
    const char* name;      // [a-z][a-z0-9_]*, the prefix of its actions in workflows
    const char* version;   // the plugin's own version, shown to admins
    int (*register_plugin)(tata_registrar* registrar);
};

}  // extern "C"

// ---------------------------------------------------------------------------
// C++ conveniences, compiled into the plugin (header-only). They keep
// exceptions on the plugin's side of the boundary.
// ---------------------------------------------------------------------------
#include <boost/dll/alias.hpp>
#include <nlohmann/json.hpp>

#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tata::sdk {

using Json = nlohmann::json;
// A JSON merge patch for the case data: keys set, null deletes.
using Patch = nlohmann::json;

// The case data as an action sees it: fields are fetched from the host and
// parsed on first use, then kept for the rest of the call. Reads like a
// const nlohmann::json object.
class CaseData {
public:
    explicit CaseData(const tata_case_data& source) : source_(source) {}
    CaseData(const CaseData&) = delete;
    CaseData& operator=(const CaseData&) = delete;

    // data[name], or nullptr when the case has no such field.
    const Json* find(std::string_view name) const {
        if (whole_) {
            const auto it = whole_->find(name);
            return it == whole_->end() ? nullptr : &*it;
        }
        auto it = fields_.find(name);
        if (it == fields_.end()) {
            std::size_t size = 0;
            const char* text = source_.field ? source_.field(source_.host, name.data(), name.size(), &size) : nullptr;
            std::optional<Json> value;
            if (text != nullptr) value = parse_value(std::string_view(text, size));
            it = fields_.emplace(std::string(name), std::move(value)).first;
        }
        return it->second ? &*it->second : nullptr;
    }
    bool contains(std::string_view name) const { return find(name) != nullptr; }
    // data[name], or null when the case has no such field.
    const Json& operator[](std::string_view name) const {
        static const Json null_value;
        const Json* value = find(name);
        return value ? *value : null_value;
    }
    // data[name] converted to T, or `fallback` when the field is absent (as
    // nlohmann::json::value: a field of another type throws).
    template <typename T>
    T value(std::string_view name, const T& fallback) const {
        const Json* v = find(name);
        return v ? v->get<T>() : fallback;
    }
    std::string value(std::string_view name, const char* fallback) const {
        return value<std::string>(name, std::string(fallback));
    }
    // The whole data object: serialized in full by the host, so prefer the
    // field accessors above.
    const Json& all() const {
        if (!whole_) {
            std::size_t size = 0;
            const char* text = source_.whole ? source_.whole(source_.host, &size) : nullptr;
            whole_ = text ? Json::parse(text, text + size) : Json::object();
        }
        return *whole_;
    }

private:
    // Most fields are plain strings and numbers: read those directly, and
    // leave the rest (escapes, fractions, objects, lists) to the parser.
    static Json parse_value(std::string_view text) {
        if (text.size() >= 2 && text.front() == '"' && text.back() == '"' &&
            text.find('\\', 1) == std::string_view::npos)
            return std::string(text.substr(1, text.size() - 2));
        if (text == "true") return true;
        if (text == "false") return false;
        if (text == "null") return nullptr;
        const bool negative = !text.empty() && text.front() == '-';
        const std::string_view digits = text.substr(negative ? 1 : 0);
        if (!digits.empty() && digits.size() <= 18 && digits.find_first_not_of("0123456789") == std::string_view::npos &&
            (digits.size() == 1 || digits.front() != '0')) {
            std::int64_t magnitude = 0;
            for (const char c : digits) magnitude = magnitude * 10 + (c - '0');
            if (negative) return -magnitude;
            return static_cast<std::uint64_t>(magnitude);  // as the parser: non-negative is unsigned
        }
        return Json::parse(text);
    }

    const tata_case_data& source_;
    mutable std::map<std::string, std::optional<Json>, std::less<>> fields_;
    mutable std::optional<Json> whole_;
};

struct ActionContext {
    std::string case_id;
    std::string workflow_id;
    std::string state;
    std::string regency;
    std::string now;
    CaseData data;
    Json input;
    const Json& args;              // the same for every call: parsed once, shared
    const Json& regency_settings;
};

// Thrown inside an action to fail it with a message for the officer.
struct ActionFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A read-only view of the worker a scorer is given. Lookups scan the few
// fields by name; nothing is copied.
class Record {
public:
    Record(const tata_field* fields, size_t count) : fields_(fields), count_(count) {}

    // The text of a field; nullopt when it is absent, null or a number.
    std::optional<std::string_view> text(std::string_view name) const {
        const tata_field* field = find(name);
        if (field == nullptr || field->kind != TATA_VALUE_TEXT) return std::nullopt;
        return std::string_view(field->text, field->text_size);
    }
    // The number of a field; nullopt when it is absent, null or a text.
    std::optional<double> number(std::string_view name) const {
        const tata_field* field = find(name);
        if (field == nullptr || field->kind != TATA_VALUE_NUMBER) return std::nullopt;
        return field->number;
    }
    std::string_view text_or(std::string_view name, std::string_view fallback) const {
        return text(name).value_or(fallback);
    }

private:
    const tata_field* find(std::string_view name) const {
        for (size_t i = 0; i < count_; ++i)
            if (fields_[i].name != nullptr && name == fields_[i].name) return &fields_[i];
        return nullptr;
    }
    const tata_field* fields_;
    size_t count_;
};

struct ScorerContext {
    std::string_view regency;
    Record worker;
    const Json& args;              // the rule's `args:`: parsed once, shared
    const Json& regency_settings;
};

struct Score {
    double points = 0;
    std::string reason;  // Bahasa Indonesia; may be empty when points == 0
};

// A notification as a channel sees it.
struct Message {
    std::string_view regency;
    std::string_view recipient;
    std::string_view email;
    std::string_view phone;
    std::string_view subject;
    std::string_view body;
};

// Thrown inside a channel when the message could not be delivered (the
// gateway is down, refused it, the person has no number): the host tries
// again later.
struct DeliveryFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace detail {

inline Json parse_object(const char* text) {
    if (text == nullptr || *text == '\0' || std::string_view(text) == "{}") return Json::object();
    return Json::parse(text);
}

// The action's arguments and the regency's settings repeat call after call
// (one text per workflow step and regency), but actions alternate: keep a
// parse of each text seen (per thread) instead of parsing it for every case.
class ConstantTexts {
public:
    // Call once per action call, before `get`: references from earlier calls
    // die here, never while an action still holds them.
    void trim() {
        if (parsed_.size() > 1024) parsed_.clear();  // many reloads: start over
    }
    const Json& get(const char* text) {
        const std::string_view key(text ? text : "");
        auto it = parsed_.find(key);
        if (it == parsed_.end()) it = parsed_.emplace(std::string(key), parse_object(text)).first;
        return it->second;
    }

private:
    std::map<std::string, Json, std::less<>> parsed_;
};

inline ConstantTexts& constant_texts() {
    thread_local ConstantTexts texts;
    return texts;
}

inline void fail(tata_action_response* response, const std::string& message) {
    response->set_error(response->host, message.data(), message.size());
}

template <Patch (*Fn)(const ActionContext&)>
int call_action(const tata_action_request* request, tata_action_response* response) noexcept {
    try {
        ConstantTexts& constants = constant_texts();
        constants.trim();
        ActionContext ctx{request->case_id,    request->workflow_id, request->state,
                          request->regency,    request->now,         CaseData(request->data),
                          parse_object(request->input_json), constants.get(request->args_json),
                          constants.get(request->regency_json)};
        const std::string patch = Fn(ctx).dump();
        response->set_patch(response->host, patch.data(), patch.size());
        return 0;
    } catch (const std::exception& e) {
        fail(response, e.what());
    } catch (...) {
        fail(response, "unknown exception in plugin action");
    }
    return 0;
}

template <Score (*Fn)(const ScorerContext&)>
int call_scorer(const tata_scorer_request* request, tata_scorer_response* response) noexcept {
    try {
        ConstantTexts& constants = constant_texts();
        constants.trim();
        const ScorerContext ctx{request->regency ? request->regency : "",
                                Record(request->fields, request->field_count), constants.get(request->args_json),
                                constants.get(request->regency_json)};
        const Score score = Fn(ctx);
        response->set_score(response->host, score.points, score.reason.data(), score.reason.size());
        return 0;
    } catch (const std::exception& e) {
        response->set_error(response->host, e.what(), std::strlen(e.what()));
    } catch (...) {
        static const char message[] = "unknown exception in plugin scorer";
        response->set_error(response->host, message, sizeof message - 1);
    }
    return 0;
}

template <void (*Fn)(const Message&)>
int call_channel(const tata_message* message, tata_channel_response* response) noexcept {
    auto text = [](const char* s) { return std::string_view(s ? s : ""); };
    try {
        Fn(Message{text(message->regency), text(message->recipient), text(message->email), text(message->phone),
                   text(message->subject), text(message->body)});
        response->set_sent(response->host);
    } catch (const std::exception& e) {
        response->set_error(response->host, e.what(), std::strlen(e.what()));
    } catch (...) {
        static const char failure[] = "unknown exception in plugin channel";
        response->set_error(response->host, failure, sizeof failure - 1);
    }
    return 0;
}

}  // namespace detail

// Registers `fn` under `name` (the workflow writes `<plugin>.<name>`).
// The function is wrapped so that nothing it throws leaves the plugin.
template <Patch (*Fn)(const ActionContext&)>
int add_action(tata_registrar* registrar, const char* name, const char* description) noexcept {
    return registrar->add_action(registrar->host, name, description, &detail::call_action<Fn>);
}

// Registers a scorer under `name` (a scorecard rule writes
// `scorer: <plugin>.<name>`). Wrapped like actions: nothing thrown leaves.
template <Score (*Fn)(const ScorerContext&)>
int add_scorer(tata_registrar* registrar, const char* name, const char* description) noexcept {
    return registrar->add_scorer(registrar->host, name, description, &detail::call_scorer<Fn>);
}

// Registers a channel under `name` (notifications.yaml writes
// `channels: [<plugin>.<name>]`). `Fn` returns when the message is delivered
// and throws (DeliveryFailure) when not; nothing it throws leaves the plugin.
template <void (*Fn)(const Message&)>
int add_channel(tata_registrar* registrar, const char* name, const char* description) noexcept {
    return registrar->add_channel(registrar->host, name, description, &detail::call_channel<Fn>);
}

}  // namespace tata::sdk

// Defines the plugin's single exported entry point.
#define TATA_PLUGIN(NAME, VERSION, REGISTER_FN)                                           \
    namespace {                                                                            \
    int tata_plugin_register_trampoline(tata_registrar* registrar) {                       \
        try {                                                                              \
            return REGISTER_FN(registrar);                                                 \
        } catch (...) {                                                                    \
            return -1;                                                                     \
        }                                                                                  \
    }                                                                                      \
    const tata_plugin_descriptor tata_plugin_descriptor_instance{                          \
        TATA_PLUGIN_ABI_VERSION, NAME, VERSION, &tata_plugin_register_trampoline};         \
    const tata_plugin_descriptor* tata_plugin_descriptor_get() {                           \
        return &tata_plugin_descriptor_instance;                                           \
    }                                                                                      \
    }                                                                                      \
    BOOST_DLL_ALIAS(tata_plugin_descriptor_get, tata_plugin_descriptor)
