#include "compliance/fields.hpp"

#include <tata/calendar.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

namespace tata::compliance {
namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view digits) {
    int value = 0;
    for (const char c : digits) value = value * 10 + (c - '0');
    return value;
}

}  // namespace

std::optional<std::int64_t> parse_rupiah(std::string_view text) {
    if (!all_digits(text) || text.size() > 13) return std::nullopt;
    std::int64_t value = 0;
    for (const char c : text) value = value * 10 + (c - '0');
    return value;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) { return parse_iso_date(text); }

std::optional<std::chrono::year_month> parse_periode(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    const auto year = text.substr(0, 4), month = text.substr(5, 2);
    if (!all_digits(year) || !all_digits(month)) return std::nullopt;
    const std::chrono::year_month periode{std::chrono::year{number(year)},
                                          std::chrono::month{static_cast<unsigned>(number(month))}};
    if (!periode.ok()) return std::nullopt;
    return periode;
}

std::optional<bool> parse_flag(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (lower == "ya") return true;
    if (lower == "tidak") return false;
    return std::nullopt;
}

bool is_nik(std::string_view text) { return text.size() == 16 && all_digits(text); }

std::string format_periode(std::chrono::year_month periode) {
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(periode.year()),
                  static_cast<unsigned>(periode.month()));
    return text;
}

std::string format_date(std::chrono::year_month_day date) {
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

}  // namespace tata::compliance
