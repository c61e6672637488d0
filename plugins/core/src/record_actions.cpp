#include "record_actions.hpp"

#include <string>

namespace tata::core {
namespace {

// Histories are bounded like any case data: a loop that went wrong must not
// grow one case without end (a year has at most 12 monthly check-ins, a
// target is revised a few times).
constexpr std::size_t kLongestHistory = 100;

std::string required_name(const sdk::ActionContext& ctx, const char* key, const char* action) {
    const auto it = ctx.args.find(key);
    if (it == ctx.args.end() || !it->is_string() || it->get<std::string>().empty())
        throw sdk::ActionFailure(std::string(action) + " needs with." + key);
    return it->get<std::string>();
}

}  // namespace

sdk::Patch append(const sdk::ActionContext& ctx) {
    const std::string list = required_name(ctx, "list", "core.append");
    const auto fields = ctx.args.find("fields");
    if (fields == ctx.args.end() || !fields->is_array() || fields->empty())
        throw sdk::ActionFailure("core.append needs with.fields, a list of field names");
    sdk::Json entry = sdk::Json::object();
    for (const auto& field : *fields) {
        if (!field.is_string()) throw sdk::ActionFailure("core.append: with.fields must list field names");
        if (const sdk::Json* value = ctx.data.find(field.get<std::string>()); value && !value->is_null())
            entry[field.get<std::string>()] = *value;
    }
    if (const auto number = ctx.args.find("number"); number != ctx.args.end() && number->is_string())
        if (const sdk::Json* value = ctx.data.find(number->get<std::string>())) entry["periode"] = *value;
    if (const auto stamp = ctx.args.find("stamp"); stamp != ctx.args.end() && stamp->is_string())
        entry[stamp->get<std::string>()] = ctx.now;
    if (const auto mark = ctx.args.find("mark"); mark != ctx.args.end() && mark->is_object())
        for (const auto& [key, value] : mark->items()) entry[key] = value;

    const sdk::Json* before = ctx.data.find(list);
    sdk::Json history = before && before->is_array() ? *before : sdk::Json::array();
    if (history.size() >= kLongestHistory)
        throw sdk::ActionFailure("data." + list + " already holds " + std::to_string(kLongestHistory) + " entries");
    history.push_back(std::move(entry));
    return {{list, std::move(history)}};
}

sdk::Patch increment(const sdk::ActionContext& ctx) {
    const std::string field = required_name(ctx, "field", "core.increment");
    const auto by = ctx.args.find("by");
    if (by != ctx.args.end() && !by->is_number_integer()) throw sdk::ActionFailure("core.increment: with.by must be a whole number");
    const std::int64_t step = by != ctx.args.end() ? by->get<std::int64_t>() : 1;
    const sdk::Json* value = ctx.data.find(field);
    if (value && !value->is_null() && !value->is_number_integer())
        throw sdk::ActionFailure("core.increment: data." + field + " is not a whole number");
    const std::int64_t current = value && value->is_number_integer() ? value->get<std::int64_t>() : 0;
    return {{field, current + step}};
}

sdk::Patch copy(const sdk::ActionContext& ctx) {
    const std::string from = required_name(ctx, "from", "core.copy");
    const std::string into = required_name(ctx, "into", "core.copy");
    const sdk::Json* value = ctx.data.find(from);
    return {{into, value ? *value : sdk::Json()}};
}

sdk::Patch setting(const sdk::ActionContext& ctx) {
    const std::string path = required_name(ctx, "setting", "core.setting");
    const std::string into = required_name(ctx, "into", "core.setting");
    const sdk::Json* node = &ctx.regency_settings;
    std::size_t start = 0;
    while (node != nullptr) {
        const std::size_t dot = path.find('.', start);
        const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        const auto it = node->is_object() ? node->find(key) : node->end();
        node = node->is_object() && it != node->end() ? &*it : nullptr;
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (node != nullptr && !node->is_null()) return {{into, *node}};
    if (const auto fallback = ctx.args.find("default"); fallback != ctx.args.end()) return {{into, *fallback}};
    throw sdk::ActionFailure("the regency has no setting '" + path + "' and with.default is not given");
}

}  // namespace tata::core
