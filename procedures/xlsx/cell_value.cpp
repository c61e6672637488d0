#include "xlsx/cell_value.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace tata::xlsx {
namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                             text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

bool is_plain_integer(std::string_view text) {
    if (!text.empty() && text.front() == '-') text.remove_prefix(1);
    if (text.empty()) return false;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

}  // namespace

std::optional<std::size_t> column_of(std::string_view reference) {
    std::size_t column = 0;
    std::size_t letters = 0;
    for (; letters < reference.size(); ++letters) {
        char c = reference[letters];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        if (letters == 3) return std::nullopt;  // XFD has three letters
        column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    }
    if (letters == 0 || column > last_column) return std::nullopt;
    for (std::size_t i = letters; i < reference.size(); ++i) {
        if (reference[i] < '0' || reference[i] > '9') return std::nullopt;
    }
    return column - 1;
}

std::string column_name(std::size_t column) {
    std::string name;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

std::optional<double> number_of(std::string_view text) {
    text = trimmed(text);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<std::string> render_number(std::string_view text) {
    text = trimmed(text);
    // Written as an integer: exactly that, so a long NIK another program
    // wrote as a number keeps every digit the file has.
    if (is_plain_integer(text)) {
        if (text == "-0") return "0";
        return std::string(text);
    }
    const auto value = number_of(text);
    if (!value) return std::nullopt;
    // 15 significant digits, what Excel shows and keeps (0.1+0.2 reads
    // 0.3), placed in fixed notation from the decimal digits themselves:
    // 1.2345678901234567E+20 is 123456789012346000000, not the binary
    // value's 123456789012345995264.
    if (*value == 0) return "0";
    char scientific[40];
    std::snprintf(scientific, sizeof scientific, "%.14e", *value);  // "-d.dddddddddddddde+XX"
    std::string_view text_form(scientific);
    const bool negative = text_form.front() == '-';
    if (negative) text_form.remove_prefix(1);
    const std::size_t e = text_form.find('e');
    std::string digits = std::string(text_form.substr(0, 1)) + std::string(text_form.substr(2, e - 2));
    int exponent = 0;
    std::from_chars(text_form.data() + e + (text_form[e + 1] == '+' ? 2 : 1), text_form.data() + text_form.size(),
                    exponent);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    const long point = static_cast<long>(exponent) + 1;  // digits before the decimal point
    const long count = static_cast<long>(digits.size());
    std::string out = negative ? "-" : "";
    if (point <= 0) {
        out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    } else if (point >= count) {
        out += digits + std::string(static_cast<std::size_t>(point - count), '0');
    } else {
        out += digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
    }
    return out;
}

std::optional<std::string> render_date(double serial, bool date1904) {
    using namespace std::chrono;
    // Half a millisecond: a time of 23:59:59.9995 or later is the next day.
    const double day = std::floor(serial + 0.5 / 86'400'000.0);
    if (!(day >= (date1904 ? 0 : 1)) || day > 2'958'465 - (date1904 ? 1462 : 0)) return std::nullopt;
    const auto n = static_cast<int>(day);
    sys_days date;
    if (date1904) {
        date = sys_days{year{1904} / January / 1} + days{n};
    } else if (n < 60) {
        date = sys_days{year{1899} / December / 31} + days{n};
    } else if (n == 60) {
        return "1900-02-29";  // Lotus 1-2-3's leap day, which Excel keeps
    } else {
        date = sys_days{year{1899} / December / 30} + days{n};
    }
    const year_month_day ymd{date};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return std::string(out);
}

void decode_escapes(std::string& text) {
    if (text.find("_x") == std::string::npos) return;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            unsigned code = 0;
            bool hex = true;
            for (std::size_t k = 2; k < 6; ++k) {
                const int d = hex_digit(text[i + k]);
                if (d < 0) hex = false;
                code = code * 16 + static_cast<unsigned>(d < 0 ? 0 : d);
            }
            if (hex && code != 0 && (code < 0xD800 || code > 0xDFFF)) {
                append_utf8(out, code);
                i += 6;
                continue;
            }
        }
        out += text[i];
    }
    text = std::move(out);
}

void trim_blanks(std::string& text) {
    std::size_t begin = 0;
    while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
    std::size_t end = text.size();
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    if (begin > 0 || end < text.size()) text = text.substr(begin, end - begin);
}

}  // namespace tata::xlsx
