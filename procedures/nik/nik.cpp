#include "nik/nik.hpp"

#include <tata/json_limits.hpp>

#include <algorithm>
#include <cstdio>

namespace tata::nik {
namespace {

using std::chrono::year_month_day;

constexpr std::size_t nik_length = 16;
constexpr unsigned female_day_offset = 40;
constexpr int youngest_age = 15;
constexpr int oldest_age = 100;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

unsigned digits_at(std::string_view text, std::size_t at, std::size_t count) {
    unsigned value = 0;
    for (std::size_t i = at; i < at + count; ++i) value = value * 10 + static_cast<unsigned>(text[i] - '0');
    return value;
}

std::string two_digit_text(unsigned value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02u", value);
    return buffer;
}

// Whole years from birth to `today`; negative for a birth after it.
int age_on(year_month_day today, int year, unsigned month, unsigned day) {
    int age = static_cast<int>(today.year()) - year;
    const unsigned today_month = static_cast<unsigned>(today.month());
    if (today_month < month || (today_month == month && static_cast<unsigned>(today.day()) < day)) --age;
    return age;
}

// The NIK holds two digits of the year; of this century and the last, take
// the one that makes a plausible worker. When neither does, take the latest
// year that is not in the future, and say so (`plausible` false).
int resolve_year(unsigned two_digits, unsigned month, unsigned day, year_month_day today, bool& plausible) {
    const int this_century = static_cast<int>(today.year()) / 100 * 100;
    const int recent = this_century + static_cast<int>(two_digits);
    const int earlier = recent - 100;
    plausible = true;
    for (const int year : {recent, earlier}) {
        const int age = age_on(today, year, month, day);
        if (age >= youngest_age && age <= oldest_age) return year;
    }
    plausible = false;
    return age_on(today, recent, month, day) >= 0 ? recent : earlier;
}

void add(std::vector<Finding>& findings, FindingCode code, std::string message) {
    findings.push_back({code, std::move(message)});
}

void check_area(NikCheck& result, std::string_view nik, const AreaRegistry& areas) {
    const unsigned province_number = digits_at(nik, 0, 2);
    const unsigned regency_number = digits_at(nik, 0, 4);
    const unsigned district_number = digits_at(nik, 0, 6);
    result.province_code.assign(nik.substr(0, 2));
    result.regency_code = result.province_code + '.' + std::string(nik.substr(2, 2));
    result.district_code = result.regency_code + '.' + std::string(nik.substr(4, 2));

    const Province* province = areas.province(province_number);
    if (!province) {
        add(result.problems, FindingCode::unknown_province,
            "Kode provinsi " + result.province_code + " (digit 1–2 NIK) tidak ada dalam kode wilayah Kemendagri");
        return;  // the regency and district cannot be known either
    }
    result.province_name = province->name;

    const Regency* regency = areas.regency(regency_number);
    if (!regency) {
        add(result.problems, FindingCode::unknown_regency,
            "Kode kabupaten/kota " + result.regency_code + " (digit 3–4 NIK) tidak ada di provinsi " + province->name);
        return;
    }
    result.regency_name = regency->name;

    // A district split after the NIK was issued leaves a code the current
    // list may not hold: a person to look at, not a NIK to reject.
    const District* district = areas.district(district_number);
    if (!district) {
        add(result.flags, FindingCode::unknown_district,
            "Kode kecamatan " + result.district_code + " (digit 5–6 NIK) tidak ada di " + regency->name +
                "; mungkin kecamatan sebelum pemekaran, periksa manual");
        return;
    }
    result.district_name = district->name;
}

void check_birth(NikCheck& result, std::string_view nik, year_month_day today) {
    unsigned day = digits_at(nik, 6, 2);
    const unsigned month = digits_at(nik, 8, 2);
    const unsigned year_digits = digits_at(nik, 10, 2);

    bool day_ok = true;
    if (day >= 1 && day <= 31) {
        result.sex = 'L';
    } else if (day >= 1 + female_day_offset && day <= 31 + female_day_offset) {
        result.sex = 'P';
        day -= female_day_offset;
    } else {
        day_ok = false;
        add(result.problems, FindingCode::invalid_day,
            "Tanggal lahir di NIK (digit 7–8: " + two_digit_text(day) +
                ") harus 01–31, atau 41–71 untuk perempuan");
    }
    const bool month_ok = month >= 1 && month <= 12;
    if (!month_ok)
        add(result.problems, FindingCode::invalid_month,
            "Bulan lahir di NIK (digit 9–10: " + two_digit_text(month) + ") harus 01–12");
    if (!day_ok || !month_ok) return;

    bool plausible = true;
    const int year = resolve_year(year_digits, month, day, today, plausible);
    const year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!date.ok()) {
        char text[16];
        std::snprintf(text, sizeof text, "%02u-%02u-%04d", day, month, year);
        add(result.problems, FindingCode::invalid_date,
            std::string("Tanggal lahir di NIK (") + text + ") tidak ada di kalender");
        return;
    }
    result.birth_date = date;
    if (!plausible)
        add(result.flags, FindingCode::implausible_age,
            "Usia menurut NIK " + std::to_string(age_on(today, year, month, day)) + " tahun (lahir " +
                format_date(date) + "), di luar 15–100 tahun; periksa manual");
}

std::optional<year_month_day> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(text[i])) return std::nullopt;
    const year_month_day date{std::chrono::year{static_cast<int>(digits_at(text, 0, 4))},
                              std::chrono::month{digits_at(text, 5, 2)}, std::chrono::day{digits_at(text, 8, 2)}};
    return date.ok() ? std::optional(date) : std::nullopt;
}

}  // namespace

std::string_view code_name(FindingCode code) {
    switch (code) {
        case FindingCode::not_16_digits: return "nik.not_16_digits";
        case FindingCode::unknown_province: return "nik.unknown_province";
        case FindingCode::unknown_regency: return "nik.unknown_regency";
        case FindingCode::invalid_day: return "nik.invalid_day";
        case FindingCode::invalid_month: return "nik.invalid_month";
        case FindingCode::invalid_date: return "nik.invalid_date";
        case FindingCode::zero_serial: return "nik.zero_serial";
        case FindingCode::unknown_district: return "nik.unknown_district";
        case FindingCode::implausible_age: return "nik.implausible_age";
        case FindingCode::birth_date_mismatch: return "nik.birth_date_mismatch";
        case FindingCode::sex_mismatch: return "nik.sex_mismatch";
    }
    return "nik.unknown";
}

std::string format_date(year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

NikCheck check_nik(std::string_view nik, const AreaRegistry& areas, year_month_day today) {
    NikCheck result;
    result.nik.assign(nik);
    if (nik.size() != nik_length || !std::all_of(nik.begin(), nik.end(), is_digit)) {
        const std::size_t length = utf8_length(nik);
        add(result.problems, FindingCode::not_16_digits,
            length == nik_length ? std::string("NIK harus 16 digit angka; ada karakter selain angka")
                                 : "NIK harus 16 digit angka, bukan " + std::to_string(length) + " karakter");
        return result;  // the positions mean nothing
    }
    check_area(result, nik, areas);
    check_birth(result, nik, today);
    result.serial = static_cast<int>(digits_at(nik, 12, 4));
    if (result.serial == 0)
        add(result.problems, FindingCode::zero_serial, "Nomor urut di NIK (digit 13–16) tidak boleh 0000");
    result.valid = result.problems.empty();
    return result;
}

std::vector<Finding> compare_with_roster(const NikCheck& check, std::string_view birth_date, std::string_view sex) {
    std::vector<Finding> flags;
    if (check.birth_date) {
        if (const auto roster = parse_iso_date(birth_date)) {
            const year_month_day nik = *check.birth_date;
            const bool same = nik.month() == roster->month() && nik.day() == roster->day() &&
                              static_cast<int>(nik.year()) % 100 == static_cast<int>(roster->year()) % 100;
            if (!same)
                add(flags, FindingCode::birth_date_mismatch,
                    "Tanggal lahir di NIK (" + format_date(nik) + ") tidak sama dengan kolom tanggal_lahir (" +
                        std::string(birth_date) + ")");
        }
    }
    if (check.sex != '\0' && (sex == "L" || sex == "P") && sex[0] != check.sex)
        add(flags, FindingCode::sex_mismatch,
            std::string("Jenis kelamin di NIK (") + check.sex + ") tidak sama dengan kolom jenis_kelamin (" +
                std::string(sex) + ")");
    return flags;
}

}  // namespace tata::nik
