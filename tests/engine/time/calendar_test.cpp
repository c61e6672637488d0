// Working-day deadlines in a regency's local time, zone names and the
// duration phrases that workflows use.

#include "tata/calendar.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using namespace std::chrono;
using tata::Duration;
using tata::TimePoint;
using tata::WorkingCalendar;

namespace {

constexpr int kWib = 7 * 60;
constexpr int kWita = 8 * 60;
constexpr int kWit = 9 * 60;

TimePoint at(const char* iso) {
    const auto parsed = tata::parse_iso8601(iso);
    REQUIRE(parsed.has_value());
    return *parsed;
}

WorkingCalendar plain(int offset_minutes) {
    return WorkingCalendar(offset_minutes, {Saturday, Sunday}, {});
}

// Idul Fitri 1446 H: Monday 31 March and Tuesday 1 April 2025.
WorkingCalendar wita_with_idul_fitri() {
    return WorkingCalendar(kWita, {Saturday, Sunday},
                           {sys_days{2025y / March / 31}, sys_days{2025y / April / 1}});
}

}  // namespace

TEST_CASE("local_date and start_of_local_day follow the calendar's offset", "[time][calendar]") {
    const auto wita = plain(kWita);
    // 17:00 UTC on Thursday is already 01:00 on Friday in WITA.
    CHECK(wita.local_date(at("2025-03-27T17:00:00Z")) == sys_days{2025y / March / 28});
    CHECK(wita.local_date(at("2025-03-27T15:59:59Z")) == sys_days{2025y / March / 27});
    CHECK(wita.local_date(at("2025-03-27T16:00:00Z")) == sys_days{2025y / March / 28});
    CHECK(wita.start_of_local_day(sys_days{2025y / March / 28}) == at("2025-03-27T16:00:00Z"));

    const auto wib = plain(kWib);
    CHECK(wib.local_date(at("2025-03-27T16:59:59Z")) == sys_days{2025y / March / 27});
    CHECK(wib.local_date(at("2025-03-27T17:00:00Z")) == sys_days{2025y / March / 28});
    CHECK(wib.start_of_local_day(sys_days{2025y / March / 28}) == at("2025-03-27T17:00:00Z"));
}

TEST_CASE("weekends and holidays are not working days", "[time][calendar]") {
    const auto cal = wita_with_idul_fitri();
    CHECK(cal.is_working_day(sys_days{2025y / March / 28}));   // Friday
    CHECK_FALSE(cal.is_working_day(sys_days{2025y / March / 29}));  // Saturday
    CHECK_FALSE(cal.is_working_day(sys_days{2025y / March / 30}));  // Sunday
    CHECK_FALSE(cal.is_working_day(sys_days{2025y / March / 31}));  // holiday
    CHECK(cal.is_holiday(sys_days{2025y / April / 1}));
    CHECK_FALSE(cal.is_holiday(sys_days{2025y / April / 2}));
    CHECK(cal.is_working_day(sys_days{2025y / April / 2}));

    // The default calendar is WIB with a Saturday-Sunday weekend.
    const WorkingCalendar defaults;
    CHECK(defaults.utc_offset_minutes() == kWib);
    CHECK_FALSE(defaults.is_working_day(sys_days{2025y / March / 29}));
    CHECK(defaults.is_working_day(sys_days{2025y / March / 31}));
}

TEST_CASE("working days within one week end at local midnight", "[time][calendar]") {
    const auto wib = plain(kWib);
    // Wednesday 10:00 WIB + 1: the deadline is the end of Thursday.
    CHECK(wib.add_working_days(at("2025-03-12T10:00:00+07:00"), 1) ==
          at("2025-03-14T00:00:00+07:00"));
    CHECK(wib.add_working_days(at("2025-03-12T10:00:00+07:00"), 2) ==
          at("2025-03-15T00:00:00+07:00"));
}

TEST_CASE("working days skip the weekend", "[time][calendar]") {
    const auto wib = plain(kWib);
    // Friday + 1 is Monday; Wednesday + 5 runs Thu, Fri, Mon, Tue, Wed.
    CHECK(wib.add_working_days(at("2025-03-14T15:00:00+07:00"), 1) ==
          at("2025-03-18T00:00:00+07:00"));
    CHECK(wib.add_working_days(at("2025-03-12T10:00:00+07:00"), 5) ==
          at("2025-03-19T17:00:00Z"));
    // Ten working days are exactly two weeks.
    CHECK(wib.add_working_days(at("2025-03-12T10:00:00+07:00"), 10) ==
          at("2025-03-27T00:00:00+07:00"));
}

TEST_CASE("working days skip a weekend followed by holidays (WITA, Idul Fitri)",
          "[time][calendar]") {
    const auto cal = wita_with_idul_fitri();
    // Friday 10:00: Sat, Sun, Mon (holiday), Tue (holiday) are skipped, so the
    // one counted day is Wednesday and the deadline is Thursday's midnight.
    const TimePoint deadline = cal.add_working_days(at("2025-03-28T10:00:00+08:00"), 1);
    CHECK(deadline == at("2025-04-02T16:00:00Z"));
    CHECK(tata::format_iso8601(deadline, kWita) == "2025-04-03T00:00:00+08:00");
    CHECK(cal.add_working_days(at("2025-03-28T10:00:00+08:00"), 3) ==
          at("2025-04-05T00:00:00+08:00"));
}

TEST_CASE("working days skip holidays that fall mid-week", "[time][calendar]") {
    // New Year's Day 2025 is a Wednesday.
    const WorkingCalendar cal(kWib, {Saturday, Sunday}, {sys_days{2025y / January / 1}});
    // Monday 30 Dec + 3: Tue 31, (Wed 1 Jan holiday), Thu 2, Fri 3.
    CHECK(cal.add_working_days(at("2024-12-30T08:00:00+07:00"), 3) ==
          at("2025-01-03T17:00:00Z"));
}

TEST_CASE("a start on a holiday or weekend counts from the next working day",
          "[time][calendar]") {
    const auto cal = wita_with_idul_fitri();
    const TimePoint wednesday_end = at("2025-04-03T00:00:00+08:00");
    CHECK(cal.add_working_days(at("2025-03-31T09:00:00+08:00"), 1) == wednesday_end);  // holiday
    CHECK(cal.add_working_days(at("2025-03-29T09:00:00+08:00"), 1) == wednesday_end);  // Saturday
    CHECK(cal.add_working_days(at("2025-03-30T23:59:59+08:00"), 1) == wednesday_end);  // Sunday
    CHECK(cal.add_working_days(at("2025-04-01T00:00:00+08:00"), 2) ==
          at("2025-04-04T00:00:00+08:00"));

    const auto wib = plain(kWib);
    CHECK(wib.add_working_days(at("2025-03-16T12:00:00+07:00"), 1) ==  // Sunday
          at("2025-03-18T00:00:00+07:00"));
}

TEST_CASE("the local date, not the UTC date, decides where counting starts",
          "[time][calendar]") {
    const auto wita = wita_with_idul_fitri();
    // 17:00 UTC on Thursday 27 March is 01:00 on Friday in WITA, so this is
    // the Friday example: the deadline is the end of Wednesday 2 April.
    const TimePoint late_thursday_utc = at("2025-03-27T17:00:00Z");
    CHECK(wita.add_working_days(late_thursday_utc, 1) == at("2025-04-02T16:00:00Z"));

    // Counted in UTC dates the same instant is Thursday, so + 1 is Friday.
    const WorkingCalendar utc(0, {Saturday, Sunday},
                              {sys_days{2025y / March / 31}, sys_days{2025y / April / 1}});
    CHECK(utc.add_working_days(late_thursday_utc, 1) == at("2025-03-29T00:00:00Z"));
}

TEST_CASE("WIT and WIB see the same instant on different local dates", "[time][calendar]") {
    // 15:30 UTC on Thursday 13 March: 00:30 Friday in WIT, 22:30 Thursday in WIB.
    const TimePoint instant = at("2025-03-13T15:30:00Z");

    const auto wit = plain(kWit);
    CHECK(wit.local_date(instant) == sys_days{2025y / March / 14});
    CHECK(wit.add_working_days(instant, 1) == at("2025-03-18T00:00:00+09:00"));  // end of Monday
    CHECK(wit.add_working_days(instant, 1) == at("2025-03-17T15:00:00Z"));

    const auto wib = plain(kWib);
    CHECK(wib.local_date(instant) == sys_days{2025y / March / 13});
    CHECK(wib.add_working_days(instant, 1) == at("2025-03-15T00:00:00+07:00"));  // end of Friday
    CHECK(wib.add_working_days(instant, 1) == at("2025-03-14T17:00:00Z"));
}

TEST_CASE("zero working days ends the starting local day", "[time][calendar]") {
    const auto wib = plain(kWib);
    CHECK(wib.add_working_days(at("2025-03-12T10:00:00+07:00"), 0) ==
          at("2025-03-12T17:00:00Z"));
    // Even when that day is not a working day.
    CHECK(wib.add_working_days(at("2025-03-15T10:00:00+07:00"), 0) ==
          at("2025-03-16T00:00:00+07:00"));
    const auto wita = plain(kWita);
    CHECK(wita.add_working_days(at("2025-03-27T17:00:00Z"), 0) ==
          at("2025-03-29T00:00:00+08:00"));
}

TEST_CASE("a regency's own weekend days are honoured", "[time][calendar]") {
    const WorkingCalendar friday_off(kWib, {Friday}, {});
    // Thursday + 1 skips Friday and lands on Saturday.
    CHECK(friday_off.add_working_days(at("2025-03-13T10:00:00+07:00"), 1) ==
          at("2025-03-16T00:00:00+07:00"));
}

TEST_CASE("add_working_days refuses what it cannot count", "[time][calendar]") {
    CHECK_THROWS_AS(plain(kWib).add_working_days(at("2025-03-12T10:00:00Z"), -1),
                    std::invalid_argument);
    const WorkingCalendar never(kWib,
                                {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday},
                                {});
    CHECK_THROWS_AS(never.add_working_days(at("2025-03-12T10:00:00Z"), 1),
                    std::invalid_argument);
    CHECK(never.add_working_days(at("2025-03-12T10:00:00+07:00"), 0) ==
          at("2025-03-13T00:00:00+07:00"));
}

TEST_CASE("calendar days ignore weekends and holidays", "[time][calendar]") {
    const auto cal = wita_with_idul_fitri();
    CHECK(cal.add_calendar_days(at("2025-03-28T10:00:00+08:00"), 3) ==
          at("2025-03-31T10:00:00+08:00"));
    CHECK(cal.add_calendar_days(at("2025-03-28T10:00:00+08:00"), 0) ==
          at("2025-03-28T10:00:00+08:00"));
    CHECK(cal.add_calendar_days(at("2025-03-28T10:00:00+08:00"), -28) ==
          at("2025-02-28T10:00:00+08:00"));
    // 60 days from a complete grievance file (Perpres 76/2013).
    CHECK(cal.add_calendar_days(at("2025-03-01T09:00:00+08:00"), 60) ==
          at("2025-04-30T09:00:00+08:00"));
}

TEST_CASE("parse_zone_offset knows Indonesia's zones and numeric offsets", "[time][calendar]") {
    CHECK(tata::parse_zone_offset("WIB") == kWib);
    CHECK(tata::parse_zone_offset("WITA") == kWita);
    CHECK(tata::parse_zone_offset("WIT") == kWit);
    CHECK(tata::parse_zone_offset("wib") == kWib);
    CHECK(tata::parse_zone_offset("Wita") == kWita);
    CHECK(tata::parse_zone_offset("wIt") == kWit);
    CHECK(tata::parse_zone_offset(" WITA ") == kWita);
    CHECK(tata::parse_zone_offset("+07:00") == kWib);
    CHECK(tata::parse_zone_offset("+0800") == kWita);
    CHECK(tata::parse_zone_offset("+9") == kWit);
    CHECK(tata::parse_zone_offset("UTC+8") == kWita);
    CHECK(tata::parse_zone_offset("utc+07:00") == kWib);
    CHECK(tata::parse_zone_offset("GMT+9") == kWit);
    CHECK(tata::parse_zone_offset("UTC-5:30") == -330);
    CHECK(tata::parse_zone_offset("+05:45") == 345);
    CHECK(tata::parse_zone_offset("+14:00") == 14 * 60);
    CHECK(tata::parse_zone_offset("UTC") == 0);
    CHECK(tata::parse_zone_offset("Z") == 0);
}

TEST_CASE("parse_zone_offset rejects unknown zones", "[time][calendar]") {
    const char* bad = GENERATE("", "WITB", "WI", "EST", "Asia/Jakarta", "7", "07:00", "+",
                               "UTC+", "UTC 8", "+15:00", "+14:01", "+07:60", "+7:5", "+700",
                               "+07:00:00", "++7", "UTC+-7", "WIB+1");
    CAPTURE(bad);
    CHECK_FALSE(tata::parse_zone_offset(bad).has_value());
}

TEST_CASE("parse_duration reads English and Indonesian spans", "[time][calendar]") {
    using Unit = Duration::Unit;
    struct Case {
        const char* text;
        Unit unit;
        int amount;
    };
    const Case c = GENERATE(Case{"5 working days", Unit::working_days, 5},
                            Case{"1 working day", Unit::working_days, 1},
                            Case{"3 days", Unit::days, 3}, Case{"1 day", Unit::days, 1},
                            Case{"4 hours", Unit::hours, 4}, Case{"1 hour", Unit::hours, 1},
                            Case{"5 hari kerja", Unit::working_days, 5},
                            Case{"3 hari", Unit::days, 3}, Case{"4 jam", Unit::hours, 4},
                            Case{"0 days", Unit::days, 0}, Case{"60 hari", Unit::days, 60},
                            Case{"  5   Working  Days ", Unit::working_days, 5},
                            Case{"3 HARI KERJA", Unit::working_days, 3},
                            Case{"007 hours", Unit::hours, 7});
    CAPTURE(c.text);
    const auto parsed = tata::parse_duration(c.text);
    REQUIRE(parsed.has_value());
    CHECK(parsed->unit == c.unit);
    CHECK(parsed->amount == c.amount);
}

TEST_CASE("parse_duration rejects anything else", "[time][calendar]") {
    const char* bad = GENERATE("", "days", "5", "5days", "-1 days", "+5 days", "1.5 days",
                               "five days", "5 weeks", "5 working", "5 kerja hari",
                               "5 days later", "5 working working days", "about 5 days",
                               "99999999999 days", "5 minutes", "5 hari libur", "5\u00a0days");
    CAPTURE(bad);
    CHECK_FALSE(tata::parse_duration(bad).has_value());
}

TEST_CASE("Duration::to_string writes the canonical English form", "[time][calendar]") {
    using Unit = Duration::Unit;
    CHECK(Duration{Unit::working_days, 5}.to_string() == "5 working days");
    CHECK(Duration{Unit::working_days, 1}.to_string() == "1 working day");
    CHECK(Duration{Unit::days, 3}.to_string() == "3 days");
    CHECK(Duration{Unit::days, 1}.to_string() == "1 day");
    CHECK(Duration{Unit::hours, 4}.to_string() == "4 hours");
    CHECK(Duration{Unit::hours, 1}.to_string() == "1 hour");
    CHECK(Duration{Unit::hours, 0}.to_string() == "0 hours");

    const auto parsed = tata::parse_duration("5 hari kerja");
    REQUIRE(parsed.has_value());
    CHECK(parsed->to_string() == "5 working days");
    const auto again = tata::parse_duration(parsed->to_string());
    REQUIRE(again.has_value());
    CHECK(again->unit == parsed->unit);
    CHECK(again->amount == parsed->amount);
}

TEST_CASE("Duration::after applies each unit in the calendar", "[time][calendar]") {
    const auto cal = wita_with_idul_fitri();
    const TimePoint friday = at("2025-03-28T10:00:00+08:00");
    using Unit = Duration::Unit;
    CHECK(Duration{Unit::working_days, 1}.after(friday, cal) == at("2025-04-02T16:00:00Z"));
    CHECK(Duration{Unit::days, 3}.after(friday, cal) == at("2025-03-31T10:00:00+08:00"));
    CHECK(Duration{Unit::hours, 4}.after(friday, cal) == at("2025-03-28T14:00:00+08:00"));
    CHECK(Duration{Unit::hours, 20}.after(friday, cal) == at("2025-03-29T06:00:00+08:00"));

    const auto due = tata::parse_duration("3 hari kerja");
    REQUIRE(due.has_value());
    // Wed 2, Thu 3, Fri 4 April.
    CHECK(due->after(friday, cal) == at("2025-04-05T00:00:00+08:00"));
}

TEST_CASE("parse_iso_date takes exactly YYYY-MM-DD dates that exist", "[time][date]") {
    using namespace std::chrono;
    CHECK(tata::parse_iso_date("2024-02-29") == year_month_day{year{2024}, month{2}, day{29}});
    CHECK(tata::parse_iso_date("2025-12-31") == year_month_day{year{2025}, month{12}, day{31}});
    for (const char* bad : {"2025-02-29", "2025-13-01", "2025-00-10", "2025-4-01", "2025-04-1", "2025/04/01",
                            "2025-04-01T00:00", "20250401", "", "abcd-ef-gh", " 2025-04-01"}) {
        INFO(bad);
        CHECK_FALSE(tata::parse_iso_date(bad).has_value());
    }
}
