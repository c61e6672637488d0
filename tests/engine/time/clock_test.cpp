// ISO 8601 reading and writing, and the TATA_NOW clock override.

#include "tata/clock.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

using namespace std::chrono;
using tata::format_iso8601;
using tata::parse_iso8601;
using tata::TimePoint;

namespace {

// 2025-03-14 01:30:00 UTC, i.e. 09:30 in WITA: the instant most cases below name.
const TimePoint kFriday0130Z = sys_days{2025y / March / 14} + 1h + 30min;

// Sets or clears TATA_NOW for one test and restores the previous value, so
// tests do not leak the override into each other or into the process.
class ScopedTataNow {
public:
    explicit ScopedTataNow(const char* value) {
        if (const char* old = std::getenv("TATA_NOW")) saved_ = old;
        if (value == nullptr) {
            ::unsetenv("TATA_NOW");
        } else {
            ::setenv("TATA_NOW", value, 1);
        }
    }
    ~ScopedTataNow() {
        if (saved_) {
            ::setenv("TATA_NOW", saved_->c_str(), 1);
        } else {
            ::unsetenv("TATA_NOW");
        }
    }
    ScopedTataNow(const ScopedTataNow&) = delete;
    ScopedTataNow& operator=(const ScopedTataNow&) = delete;

private:
    std::optional<std::string> saved_;
};

}  // namespace

TEST_CASE("parse_iso8601 reads UTC and offset forms of the same instant", "[time][clock]") {
    CHECK(parse_iso8601("2025-03-14T01:30:00Z") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T09:30:00+08:00") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T09:30:00+0800") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T08:30:00+07:00") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T10:30:00+09:00") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-13T20:30:00-05:00") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T07:00:00+05:30") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T01:30:00+00:00") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T01:30:00-00:00") == kFriday0130Z);
}

TEST_CASE("parse_iso8601 drops fractional seconds and accepts minutes-only times",
          "[time][clock]") {
    CHECK(parse_iso8601("2025-03-14T09:30:00.999+08:00") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T01:30:00.5Z") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T01:30:00,25Z") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T09:30+08:00") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T01:30Z") == kFriday0130Z);
    CHECK(parse_iso8601("2025-03-14T01:30:59Z") == kFriday0130Z + 59s);
}

TEST_CASE("parse_iso8601 reads a bare date as midnight UTC", "[time][clock]") {
    CHECK(parse_iso8601("2025-03-14") == TimePoint{sys_days{2025y / March / 14}});
    CHECK(parse_iso8601("1970-01-01") == TimePoint{});
    CHECK(parse_iso8601("2024-02-29") == TimePoint{sys_days{2024y / February / 29}});
}

TEST_CASE("parse_iso8601 crosses date boundaries through the offset", "[time][clock]") {
    // Early New Year's morning in WIB is still the old year in UTC.
    CHECK(parse_iso8601("2025-01-01T05:00:00+07:00") ==
          sys_days{2024y / December / 31} + 22h);
    CHECK(parse_iso8601("2024-12-31T20:00:00-05:00") == sys_days{2025y / January / 1} + 1h);
}

TEST_CASE("parse_iso8601 rejects impossible dates and times", "[time][clock]") {
    const char* bad = GENERATE("2025-02-30", "2025-02-29", "2025-04-31", "2025-13-01",
                               "2025-00-10", "2025-01-00", "2025-01-32",
                               "2025-03-14T24:00:00Z", "2025-03-14T23:60:00Z",
                               "2025-03-14T23:59:60Z", "2025-03-14T09:30:00+24:00",
                               "2025-03-14T09:30:00+08:60", "2025-02-30T09:30:00+08:00");
    CAPTURE(bad);
    CHECK_FALSE(parse_iso8601(bad).has_value());
}

TEST_CASE("parse_iso8601 rejects malformed text", "[time][clock]") {
    const char* bad = GENERATE(
        "", "garbage", "2025", "2025-03", "2025-3-14", "25-03-14", "2025/03/14", " 2025-03-14",
        "2025-03-14 ", "2025-03-14x", "2025-03-14T", "2025-03-14T09", "2025-03-14T9:30Z",
        "2025-03-14T09:30:00",          // a local time without an offset is ambiguous
        "2025-03-14 09:30:00Z",         // the separator is T
        "2025-03-14T09:30:00+8:00", "2025-03-14T09:30:00+08", "2025-03-14T09:30:00+08:0",
        "2025-03-14T09:30:00.Z", "2025-03-14T09:30:0Z", "2025-03-14T09:30:00Zjunk",
        "2025-03-14T09:30:00+08:00 ", "2025-03-14T09:30:00+08:00Z", "+025-03-14",
        "2025-03-14T09:30:00z", "2025-03-14T-9:30:00Z");
    CAPTURE(bad);
    CHECK_FALSE(parse_iso8601(bad).has_value());
}

TEST_CASE("format_iso8601 writes UTC by default and local time with an offset",
          "[time][clock]") {
    CHECK(format_iso8601(kFriday0130Z) == "2025-03-14T01:30:00Z");
    CHECK(format_iso8601(kFriday0130Z, 0) == "2025-03-14T01:30:00Z");
    CHECK(format_iso8601(kFriday0130Z, 7 * 60) == "2025-03-14T08:30:00+07:00");
    CHECK(format_iso8601(kFriday0130Z, 8 * 60) == "2025-03-14T09:30:00+08:00");
    CHECK(format_iso8601(kFriday0130Z, -5 * 60) == "2025-03-13T20:30:00-05:00");
    CHECK(format_iso8601(kFriday0130Z, -(3 * 60 + 30)) == "2025-03-13T22:00:00-03:30");
    // The local date moves forward when the offset carries past midnight.
    CHECK(format_iso8601(sys_days{2025y / March / 14} + 16h + 5s, 9 * 60) ==
          "2025-03-15T01:00:05+09:00");
    CHECK(format_iso8601(TimePoint{} - 1s) == "1969-12-31T23:59:59Z");
}

TEST_CASE("format_iso8601 and parse_iso8601 round-trip", "[time][clock]") {
    struct Case {
        const char* text;
        int offset_minutes;
    };
    const Case c = GENERATE(Case{"2025-03-14T09:30:00+08:00", 480},
                            Case{"2025-03-14T01:30:00Z", 0},
                            Case{"2024-02-29T23:59:59+07:00", 420},
                            Case{"2025-01-01T00:00:00+09:00", 540},
                            Case{"2000-06-15T12:00:00-04:00", -240},
                            Case{"2025-12-31T23:00:00+05:45", 345});
    CAPTURE(c.text);
    const auto parsed = parse_iso8601(c.text);
    REQUIRE(parsed.has_value());
    CHECK(format_iso8601(*parsed, c.offset_minutes) == c.text);
    CHECK(parse_iso8601(format_iso8601(*parsed)) == parsed);
}

TEST_CASE("FixedClock returns the instant it was given until set", "[time][clock]") {
    tata::FixedClock clock(kFriday0130Z);
    CHECK(clock.now() == kFriday0130Z);
    clock.set(kFriday0130Z + 1h);
    CHECK(clock.now() == kFriday0130Z + 1h);
}

TEST_CASE("SystemClock follows the system time in whole seconds", "[time][clock]") {
    const auto before = floor<seconds>(system_clock::now());
    const auto now = tata::SystemClock{}.now();
    const auto after = floor<seconds>(system_clock::now());
    CHECK(now >= before);
    CHECK(now <= after);
}

TEST_CASE("TATA_NOW fixes the clock", "[time][clock]") {
    const ScopedTataNow env("2025-03-14T09:30:00+08:00");
    const auto clock = tata::clock_from_environment();
    REQUIRE(clock != nullptr);
    CHECK(dynamic_cast<const tata::FixedClock*>(clock.get()) != nullptr);
    CHECK(clock->now() == kFriday0130Z);
    CHECK(clock->now() == kFriday0130Z);  // fixed: it does not advance
}

TEST_CASE("TATA_NOW unset or empty gives the system clock", "[time][clock]") {
    const char* value = GENERATE(static_cast<const char*>(nullptr), "");
    const ScopedTataNow env(value);
    const auto clock = tata::clock_from_environment();
    REQUIRE(clock != nullptr);
    CHECK(dynamic_cast<const tata::SystemClock*>(clock.get()) != nullptr);
    const auto drift = clock->now() - floor<seconds>(system_clock::now());
    CHECK(abs(drift) <= 1s);
}

TEST_CASE("TATA_NOW that does not parse is an error naming the variable", "[time][clock]") {
    const ScopedTataNow env("2025-02-30T09:30:00+08:00");
    CHECK_THROWS_MATCHES(
        tata::clock_from_environment(), std::invalid_argument,
        Catch::Message("TATA_NOW: cannot parse '2025-02-30T09:30:00+08:00' as ISO 8601 "
                       "(example: 2025-03-14T09:30:00+08:00)"));

    const ScopedTataNow garbage("tomorrow");
    CHECK_THROWS_MATCHES(tata::clock_from_environment(), std::invalid_argument,
                         Catch::Message("TATA_NOW: cannot parse 'tomorrow' as ISO 8601 "
                                        "(example: 2025-03-14T09:30:00+08:00)"));
}
