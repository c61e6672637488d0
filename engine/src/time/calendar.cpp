// Working-day arithmetic in a regency's local time, and the small textual
// forms (zone names, "5 working days") that workflows and regency files use.

#include "tata/calendar.hpp"

#include <charconv>
#include <stdexcept>
#include <utility>
#include <vector>

namespace tata {

namespace {

namespace chrono = std::chrono;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = to_lower(c);
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    while (true) {
        text = trim(text);
        if (text.empty()) return words;
        std::size_t end = 0;
        while (end < text.size() && !is_space(text[end])) ++end;
        words.push_back(text.substr(0, end));
        text.remove_prefix(end);
    }
}

// A plain non-negative decimal: no sign, no spaces, no fraction, fits an int.
std::optional<int> parse_count(std::string_view text) {
    if (text.empty()) return std::nullopt;
    for (char c : text) {
        if (!is_digit(c)) return std::nullopt;
    }
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// "+7", "+07", "+07:00", "+0700", "-5:30" as minutes east of UTC. Real
// offsets span -12:00 to +14:00; anything wider is a typo, not a zone.
std::optional<int> parse_signed_offset(std::string_view text) {
    if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
    const int sign = text[0] == '-' ? -1 : 1;
    text.remove_prefix(1);

    std::size_t hour_digits = 0;
    while (hour_digits < text.size() && hour_digits < 2 && is_digit(text[hour_digits])) {
        ++hour_digits;
    }
    const auto hours = parse_count(text.substr(0, hour_digits));
    if (!hours) return std::nullopt;
    text.remove_prefix(hour_digits);

    int minutes = 0;
    if (!text.empty()) {
        // Minutes follow a colon, or directly after two hour digits ("+0700").
        if (text.front() == ':') {
            text.remove_prefix(1);
        } else if (hour_digits != 2) {
            return std::nullopt;
        }
        if (text.size() != 2) return std::nullopt;
        const auto parsed = parse_count(text);
        if (!parsed || *parsed > 59) return std::nullopt;
        minutes = *parsed;
    }
    const int total = *hours * 60 + minutes;
    if (total > 14 * 60) return std::nullopt;
    return sign * total;
}

// The unit words a workflow may use, English and Indonesian; singular and
// plural are both accepted whatever the amount, since authors write both.
std::optional<Duration::Unit> parse_unit(const std::string& words) {
    using Unit = Duration::Unit;
    static const std::pair<const char*, Unit> known[] = {
        {"working day", Unit::working_days}, {"working days", Unit::working_days},
        {"hari kerja", Unit::working_days},  {"day", Unit::days},
        {"days", Unit::days},                {"hari", Unit::days},
        {"hour", Unit::hours},               {"hours", Unit::hours},
        {"jam", Unit::hours},
    };
    for (const auto& [name, unit] : known) {
        if (words == name) return unit;
    }
    return std::nullopt;
}

}  // namespace

WorkingCalendar::WorkingCalendar(int utc_offset_minutes, Weekend weekend,
                                 std::set<chrono::sys_days> holidays)
    : offset_minutes_(utc_offset_minutes),
      weekend_(std::move(weekend)),
      holidays_(std::move(holidays)) {}

chrono::sys_days WorkingCalendar::local_date(TimePoint at) const {
    // floor, not a cast: a cast truncates toward zero and would give the
    // wrong date for instants before 1970.
    return chrono::floor<chrono::days>(at + chrono::minutes{offset_minutes_});
}

TimePoint WorkingCalendar::start_of_local_day(chrono::sys_days date) const {
    return TimePoint{date} - chrono::minutes{offset_minutes_};
}

bool WorkingCalendar::is_working_day(chrono::sys_days date) const {
    return weekend_.count(chrono::weekday{date}) == 0 && !is_holiday(date);
}

TimePoint WorkingCalendar::add_working_days(TimePoint from, int count) const {
    if (count < 0) {
        throw std::invalid_argument("add_working_days: negative number of working days");
    }
    // With every weekday off the loop below would never finish; holidays are
    // finite, so any other calendar always reaches a working day.
    if (count > 0 && weekend_.size() >= 7) {
        throw std::invalid_argument("add_working_days: the calendar has no working weekdays");
    }
    // Count in local dates: a case opened at 01:00 WITA on Friday is a
    // Friday case even though it is still Thursday in UTC.
    chrono::sys_days date = local_date(from);
    for (int counted = 0; counted < count;) {
        date += chrono::days{1};
        if (is_working_day(date)) ++counted;
    }
    // The deadline is the end of the last counted day, i.e. the next midnight.
    return start_of_local_day(date + chrono::days{1});
}

TimePoint WorkingCalendar::add_calendar_days(TimePoint from, int count) const {
    // No daylight saving in Indonesia, so a day is always 24 hours.
    return from + chrono::days{count};
}

std::optional<int> parse_zone_offset(std::string_view zone) {
    const std::string name = lowercase(trim(zone));
    if (name == "wib") return 7 * 60;
    if (name == "wita") return 8 * 60;
    if (name == "wit") return 9 * 60;
    if (name == "z" || name == "utc" || name == "gmt") return 0;

    std::string_view rest = name;
    if (rest.starts_with("utc") || rest.starts_with("gmt")) rest.remove_prefix(3);
    return parse_signed_offset(rest);
}

TimePoint Duration::after(TimePoint from, const WorkingCalendar& calendar) const {
    switch (unit) {
    case Unit::working_days:
        return calendar.add_working_days(from, amount);
    case Unit::days:
        return calendar.add_calendar_days(from, amount);
    case Unit::hours:
        return from + chrono::hours{amount};
    }
    throw std::logic_error("Duration::after: unknown unit");
}

std::string Duration::to_string() const {
    const bool one = amount == 1;
    std::string unit_name;
    switch (unit) {
    case Unit::working_days:
        unit_name = one ? "working day" : "working days";
        break;
    case Unit::days:
        unit_name = one ? "day" : "days";
        break;
    case Unit::hours:
        unit_name = one ? "hour" : "hours";
        break;
    }
    return std::to_string(amount) + " " + unit_name;
}

std::optional<Duration> parse_duration(std::string_view text) {
    const auto words = split_words(text);
    if (words.size() < 2) return std::nullopt;
    const auto amount = parse_count(words[0]);
    if (!amount) return std::nullopt;

    std::string unit_words = lowercase(words[1]);
    for (std::size_t i = 2; i < words.size(); ++i) unit_words += " " + lowercase(words[i]);
    const auto unit = parse_unit(unit_words);
    if (!unit) return std::nullopt;
    return Duration{*unit, *amount};
}

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t k = starts[i]; k < starts[i] + lengths[i]; ++k) {
            if (text[k] < '0' || text[k] > '9') return std::nullopt;
            parts[i] = parts[i] * 10 + (text[k] - '0');
        }
    }
    const std::chrono::year_month_day date{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                                           std::chrono::day{static_cast<unsigned>(parts[2])}};
    if (!date.ok()) return std::nullopt;
    return date;
}

}  // namespace tata
