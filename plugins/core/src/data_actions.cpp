#include "data_actions.hpp"

#include <chrono>
#include <cstdio>
#include <string>

namespace tata::core {
namespace {

struct Date {
    int year, month, day;
};

// "YYYY-MM-DD" or the date part of an ISO 8601 instant.
Date parse_date(const std::string& text, const std::string& what) {
    Date d{};
    if (text.size() < 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3)
        throw sdk::ActionFailure(what + " is not a date (YYYY-MM-DD): '" + text + "'");
    const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                                          std::chrono::day{static_cast<unsigned>(d.day)}};
    if (!ymd.ok()) throw sdk::ActionFailure(what + " is not a valid date: '" + text + "'");
    return d;
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
    const auto it = ctx.data.find(from_field);
    if (it == ctx.data.end() || !it->is_string())
        throw sdk::ActionFailure("data." + from_field + " (start of service) is missing or not a date");
    const Date start = parse_date(it->get<std::string>(), "data." + from_field);
    const Date today = parse_date(ctx.now, "now");
    const int months = whole_months_between(start, today);
    if (months < 0) throw sdk::ActionFailure("data." + from_field + " lies in the future");
    return {{into, months / 12}, {months_into, months % 12}};
}

}  // namespace tata::core
