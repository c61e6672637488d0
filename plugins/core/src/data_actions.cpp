#include "data_actions.hpp"

#include "checks.hpp"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

namespace tata::core {
namespace {

struct Date {
    int year, month, day;
};

// "YYYY-MM-DD" or the date part of an ISO 8601 instant.
std::optional<Date> try_parse_date(const std::string& text) {
    Date d{};
    if (text.size() < 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                                          std::chrono::day{static_cast<unsigned>(d.day)}};
    if (!ymd.ok()) return std::nullopt;
    return d;
}

Date parse_date(const std::string& text, const std::string& what) {
    if (auto d = try_parse_date(text)) return *d;
    throw sdk::ActionFailure(what + " is not a date (YYYY-MM-DD): '" + text + "'");
}

// Whole months from a to b, counted the way a person counts a tenure.
int whole_months_between(Date a, Date b) {
    int months = (b.year - a.year) * 12 + (b.month - a.month);
    if (b.day < a.day) --months;
    return months;
}

}  // namespace

sdk::Patch set(const sdk::ActionContext& ctx) {
    if (!ctx.args.is_object() || ctx.args.empty()) throw sdk::ActionFailure("core.set needs the fields to set in `with`");
    return ctx.args;
}

sdk::Patch stamp(const sdk::ActionContext& ctx) {
    const std::string field = ctx.args.value("field", std::string());
    if (field.empty()) throw sdk::ActionFailure("core.stamp needs with.field");
    return {{field, ctx.now}};
}

sdk::Patch service_years(const sdk::ActionContext& ctx) {
    const std::string from_field = ctx.args.value("from", std::string("tmt"));
    const std::string into = ctx.args.value("into", std::string("masa_kerja_tahun"));
    const std::string months_into = ctx.args.value("months_into", std::string("masa_kerja_bulan"));
    const std::string check = ctx.args.value("check", std::string("tmt"));
    // A missing or wrong start date is the worker file's problem, not the
    // system's: it becomes a failed check the officer sees, not an incident.
    const sdk::Json* it = ctx.data.find(from_field);
    const std::optional<Date> start =
        it != nullptr && it->is_string() ? try_parse_date(it->get<std::string>()) : std::nullopt;
    if (!start) return record_check(ctx.data, check, false, "TMT (" + from_field + ") tidak ada atau bukan tanggal yang sah");
    const int months = whole_months_between(*start, parse_date(ctx.now, "now"));
    if (months < 0) return record_check(ctx.data, check, false, "TMT (" + from_field + ") berada di masa depan");
    sdk::Patch patch = record_check(ctx.data, check, true, "TMT sah");
    patch[into] = months / 12;
    patch[months_into] = months % 12;
    return patch;
}

}  // namespace tata::core
