// Checking a NIK (the 16-digit national identity number, DESIGN.md section 4):
// province(2) regency(2) district(2) birth day(2, women +40) month(2) year(2)
// serial(4). There is no checksum, so the check is the structure, the area
// codes and the birth date; the roster import runs it for every row.
#pragma once

#include "nik/area_registry.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tata::nik {

enum class FindingCode {
    // Problems: the NIK is invalid.
    not_16_digits,     // anything but exactly 16 ASCII digits
    unknown_province,  // digits 1-2 name no province
    unknown_regency,   // digits 3-4 name no regency/city of that province
    invalid_day,       // digits 7-8 outside 01-31 (men) and 41-71 (women)
    invalid_month,     // digits 9-10 outside 01-12
    invalid_date,      // day and month in range but no such date (31 Feb)
    zero_serial,       // digits 13-16 are 0000
    // Flags: valid, but an officer must look at the file.
    unknown_district,     // digits 5-6 name no district of a known regency (split since issue)
    implausible_age,      // no century gives an age of 15-100
    birth_date_mismatch,  // the NIK and the roster's tanggal_lahir differ
    sex_mismatch,         // the NIK and the roster's jenis_kelamin differ
};

// A stable name for JSON and case data: "nik.unknown_district".
std::string_view code_name(FindingCode code);

struct Finding {
    FindingCode code;
    std::string message;  // Bahasa Indonesia, shown to officers
};

struct NikCheck {
    std::string nik;                // the text checked, as given
    bool valid = false;             // no problems (flags may remain)
    std::vector<Finding> problems;  // why it is invalid
    std::vector<Finding> flags;     // what needs a manual review

    // Dotted codes read from the NIK, known or not; empty when the NIK is
    // not 16 digits.
    std::string province_code;  // "62"
    std::string regency_code;   // "62.03"
    std::string district_code;  // "62.03.01"
    // Names from the registry the NIK was checked against (which must
    // outlive this result); empty when the code is unknown.
    std::string_view province_name;
    std::string_view regency_name;
    std::string_view district_name;

    std::optional<std::chrono::year_month_day> birth_date;  // when the date exists
    char sex = '\0';  // 'L' or 'P'; '\0' when the day digits are out of range
    int serial = 0;   // 1-9999 in a valid NIK
};

// Checks `nik` against the area codes. `today` picks the century of the
// two-digit birth year: the one that makes the holder 15 to 100 years old.
// Allocates nothing beyond the copy of `nik` unless something is wrong.
NikCheck check_nik(std::string_view nik, const AreaRegistry& areas, std::chrono::year_month_day today);

// Flags where the NIK disagrees with the roster's tanggal_lahir
// ("YYYY-MM-DD") and jenis_kelamin ("L"/"P"). The year is compared by its
// last two digits: the roster knows the century better than our guess. A
// column that does not parse, or a NIK without a birth date, is not compared
// (the import reports bad columns; check_nik reports bad NIKs).
std::vector<Finding> compare_with_roster(const NikCheck& check, std::string_view birth_date, std::string_view sex);

// "1990-08-17".
std::string format_date(std::chrono::year_month_day date);

}  // namespace tata::nik
