#include "compliance/settings.hpp"

#include "compliance/rates.hpp"

#include <algorithm>
#include <string>

namespace tata::compliance {
namespace {

using nlohmann::json;

// An integer setting in [low, high], or `fallback` when absent.
std::int64_t integer_setting(const json& object, const char* key, const std::string& path, std::int64_t low,
                             std::int64_t high, std::optional<std::int64_t> fallback, const Regency& regency) {
    const std::string where = "rules/" + regency.code + "/regency.yaml: settings." + path;
    if (!object.is_object() || !object.contains(key) || object.at(key).is_null()) {
        if (fallback) return *fallback;
        throw SettingsError(where + " belum diisi");
    }
    const json& value = object.at(key);
    if (!value.is_number_integer() || value.get<std::int64_t>() < low || value.get<std::int64_t>() > high) {
        throw SettingsError(where + " harus bilangan bulat " + std::to_string(low) + ".." + std::to_string(high) +
                            ", bukan " + value.dump());
    }
    return value.get<std::int64_t>();
}

}  // namespace

Settings settings_for(const Regency& regency) {
    Settings settings;
    settings.umk = integer_setting(regency.settings, "umk", "umk", 1, 1'000'000'000, std::nullopt, regency);
    const json none = json::object();
    const json& compliance = regency.settings.is_object() && regency.settings.contains("compliance")
                                 ? regency.settings.at("compliance")
                                 : none;
    if (!compliance.is_object() && !compliance.is_null())
        throw SettingsError("rules/" + regency.code + "/regency.yaml: settings.compliance harus berupa peta (map)");
    settings.jkk_class = static_cast<int>(
        integer_setting(compliance, "jkk_class", "compliance.jkk_class", min_jkk_class, max_jkk_class, 1, regency));
    settings.pay_day =
        static_cast<int>(integer_setting(compliance, "pay_day", "compliance.pay_day", 1, 31, 0, regency));
    return settings;
}

std::chrono::year_month_day pay_deadline(std::chrono::year_month periode, const Settings& settings) {
    using namespace std::chrono;
    if (settings.pay_day < 1)
        return year_month_day{year_month_day_last{periode.year(), month_day_last{periode.month()}}};
    const year_month next = periode + months{1};
    const unsigned last_day =
        static_cast<unsigned>(year_month_day_last{next.year(), month_day_last{next.month()}}.day());
    const unsigned due_day = std::min(static_cast<unsigned>(settings.pay_day), last_day);
    return {next.year(), next.month(), std::chrono::day{due_day}};
}

}  // namespace tata::compliance
