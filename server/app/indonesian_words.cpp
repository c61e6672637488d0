#include "app/indonesian_words.hpp"

#include <cmath>
#include <cstdio>

namespace tata::server {

std::string indonesian_date(std::chrono::sys_days date) {
    static const char* const months[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                         "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
    const std::chrono::year_month_day ymd{date};
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " + months[static_cast<unsigned>(ymd.month()) - 1] +
           " " + std::to_string(static_cast<int>(ymd.year()));
}

std::optional<std::string> indonesian_date(const std::string& iso) {
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return indonesian_date(std::chrono::sys_days{ymd});
}

std::string indonesian_number(double value) {
    const bool negative = value < 0;
    const double magnitude = std::fabs(value);
    const auto whole = static_cast<long long>(std::floor(magnitude));
    std::string digits = std::to_string(whole);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    const auto cents = static_cast<int>(std::lround((magnitude - static_cast<double>(whole)) * 100));
    if (cents > 0 && cents < 100) {
        std::string fraction = (cents < 10 ? "0" : "") + std::to_string(cents);
        if (fraction.back() == '0') fraction.pop_back();
        out += "," + fraction;
    }
    return negative ? "-" + out : out;
}

}  // namespace tata::server
