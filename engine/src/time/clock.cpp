// The engine's clock and ISO 8601 text. GCC 12 ships the C++20 calendar
// types but neither std::chrono::parse nor std::format, so timestamps are
// read and written by hand on top of year_month_day.

#include "tata/clock.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace tata {

namespace {

using namespace std::chrono;

// A forward-only reader over the text; each step either consumes exactly
// what it expects or reports failure, so the grammar below reads top-down.
class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    bool done() const { return pos_ == text_.size(); }
    bool peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

    bool literal(char c) {
        if (!peek(c)) return false;
        ++pos_;
        return true;
    }

    // Exactly `width` ASCII digits; signs and spaces are not digits here,
    // which std::from_chars and strtol would not guarantee.
    std::optional<int> digits(int width) {
        int value = 0;
        for (int i = 0; i < width; ++i) {
            if (pos_ >= text_.size() || !is_digit(text_[pos_])) return std::nullopt;
            value = value * 10 + (text_[pos_++] - '0');
        }
        return value;
    }

    // One or more digits whose value does not matter (fractional seconds).
    bool skip_digits() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
        return pos_ > start;
    }

private:
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    std::string_view text_;
    std::size_t pos_ = 0;
};

std::optional<sys_days> read_date(Scanner& in) {
    const auto y = in.digits(4);
    if (!y || !in.literal('-')) return std::nullopt;
    const auto m = in.digits(2);
    if (!m || !in.literal('-')) return std::nullopt;
    const auto d = in.digits(2);
    if (!d) return std::nullopt;
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)},
                              day{static_cast<unsigned>(*d)}};
    // ok() rejects month 13, day 0, 2025-02-30 and 2025-02-29 alike.
    if (!date.ok()) return std::nullopt;
    return sys_days{date};
}

// "HH:MM" or "HH:MM:SS", optionally with a fraction that is dropped because
// instants are whole seconds.
std::optional<std::chrono::seconds> read_time_of_day(Scanner& in) {
    const auto h = in.digits(2);
    if (!h || *h > 23 || !in.literal(':')) return std::nullopt;
    const auto m = in.digits(2);
    if (!m || *m > 59) return std::nullopt;
    int s = 0;
    if (in.literal(':')) {
        const auto sec = in.digits(2);
        // 60 would be a leap second, which sys_seconds cannot represent.
        if (!sec || *sec > 59) return std::nullopt;
        s = *sec;
        if ((in.literal('.') || in.literal(',')) && !in.skip_digits()) return std::nullopt;
    }
    return hours{*h} + minutes{*m} + std::chrono::seconds{s};
}

// "Z", "+HH:MM", "-HH:MM" or "+HHMM", as minutes east of UTC.
std::optional<minutes> read_offset(Scanner& in) {
    if (in.literal('Z')) return minutes{0};
    int sign = 0;
    if (in.literal('+')) {
        sign = 1;
    } else if (in.literal('-')) {
        sign = -1;
    } else {
        return std::nullopt;
    }
    const auto h = in.digits(2);
    if (!h || *h > 23) return std::nullopt;
    in.literal(':');  // optional: "+08:00" and "+0800" are both ISO 8601
    const auto m = in.digits(2);
    if (!m || *m > 59) return std::nullopt;
    return minutes{sign * (*h * 60 + *m)};
}

}  // namespace

TimePoint SystemClock::now() const {
    return floor<std::chrono::seconds>(system_clock::now());
}

std::optional<TimePoint> parse_iso8601(std::string_view text) {
    Scanner in(text);
    const auto date = read_date(in);
    if (!date) return std::nullopt;
    if (in.done()) return TimePoint{*date};  // bare date: midnight UTC

    // A date-time must carry its offset: a bare local time is ambiguous
    // across WIB, WITA and WIT.
    if (!in.literal('T')) return std::nullopt;
    const auto time_of_day = read_time_of_day(in);
    if (!time_of_day) return std::nullopt;
    const auto offset = read_offset(in);
    if (!offset || !in.done()) return std::nullopt;
    return TimePoint{*date} + *time_of_day - *offset;
}

std::string format_iso8601(TimePoint at, int offset_minutes) {
    const TimePoint local = at + minutes{offset_minutes};
    const sys_days date = floor<days>(local);
    const year_month_day ymd{date};
    const hh_mm_ss<std::chrono::seconds> time{local - date};

    char zone[8] = "Z";
    if (offset_minutes != 0) {
        const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
        std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+',
                      (magnitude / 60) % 100, magnitude % 60);
    }

    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d%s",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()), zone);
    return buffer;
}

std::unique_ptr<Clock> clock_from_environment() {
    const char* value = std::getenv("TATA_NOW");
    if (value == nullptr || *value == '\0') return std::make_unique<SystemClock>();
    const auto at = parse_iso8601(value);
    if (!at) {
        throw std::invalid_argument(std::string("TATA_NOW: cannot parse '") + value +
                                    "' as ISO 8601 (example: 2025-03-14T09:30:00+08:00)");
    }
    return std::make_unique<FixedClock>(*at);
}

}  // namespace tata
