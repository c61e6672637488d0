// Working-day calendar of one regency: a fixed UTC offset (Indonesia has no
// daylight saving: WIB +7, WITA +8, WIT +9), weekend days and the national
// holidays and collective leave days (cuti bersama) the regency observes.
#pragma once

#include "tata/clock.hpp"

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace tata {

// std::chrono::weekday is only equality-comparable, so sets of weekdays need
// an explicit order (ISO: Monday first).
struct WeekdayLess {
    bool operator()(std::chrono::weekday a, std::chrono::weekday b) const {
        return a.iso_encoding() < b.iso_encoding();
    }
};
using Weekend = std::set<std::chrono::weekday, WeekdayLess>;

class WorkingCalendar {
public:
    WorkingCalendar() = default;
    WorkingCalendar(int utc_offset_minutes, Weekend weekend,
                    std::set<std::chrono::sys_days> holidays);

    int utc_offset_minutes() const { return offset_minutes_; }

    // The local calendar date of an instant.
    std::chrono::sys_days local_date(TimePoint at) const;
    // The UTC instant of local midnight at the start of a date.
    TimePoint start_of_local_day(std::chrono::sys_days date) const;

    bool is_working_day(std::chrono::sys_days date) const;
    bool is_holiday(std::chrono::sys_days date) const { return holidays_.count(date) != 0; }

    // A deadline of `days` working days from `from`: the end (next local
    // midnight) of the days-th working day after from's local date, not
    // counting that date itself. 0 days: end of from's own day. Throws
    // std::invalid_argument for negative days or a week without working days.
    TimePoint add_working_days(TimePoint from, int days) const;

    // Calendar arithmetic that ignores weekends and holidays.
    TimePoint add_calendar_days(TimePoint from, int days) const;

private:
    int offset_minutes_ = 7 * 60;
    Weekend weekend_{std::chrono::Saturday, std::chrono::Sunday};
    std::set<std::chrono::sys_days> holidays_;
};

// A calendar date written exactly "YYYY-MM-DD" that exists (no 2025-02-30);
// nullopt for anything else. The one date parser of rosters, forms and rules.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);

// "WIB" / "WITA" / "WIT" or "+07:00" style offsets; nullopt when unknown.
std::optional<int> parse_zone_offset(std::string_view zone);

// A span written in workflows: "5 working days", "1 working day", "3 days",
// "4 hours". Returns nullopt when the text is not one of these.
struct Duration {
    enum class Unit { working_days, days, hours };
    Unit unit;
    int amount;

    TimePoint after(TimePoint from, const WorkingCalendar& calendar) const;
    std::string to_string() const;
};
std::optional<Duration> parse_duration(std::string_view text);

}  // namespace tata
