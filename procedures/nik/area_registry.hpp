// The Kemendagri area codes (provinces, regencies/cities, districts) that a
// NIK's first six digits must name, loaded once from rules/wilayah/*.csv.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tata::nik {

// Codes are dotted as Kemendagri writes them: "62", "62.03", "62.03.01".
struct Province {
    std::string code;
    std::string name;  // "KALIMANTAN TENGAH"
};

struct Regency {
    std::string code;
    std::string province_code;
    std::string name;  // "KABUPATEN KAPUAS"
};

struct District {
    std::string code;
    std::string regency_code;
    std::string name;  // "Selat"
};

// The folder holding the area code files inside a rules folder.
std::filesystem::path wilayah_dir(const std::filesystem::path& rules_dir);

class AreaRegistry {
public:
    // Reads provinces.csv, regencies.csv and districts.csv from `dir`.
    // Throws csv::Error ("FILE:ROW: message", in Bahasa Indonesia like the
    // CSV reader's own) at the first problem: a missing file or column, a
    // malformed code, a code listed twice, a child of an unknown parent.
    static AreaRegistry load(const std::filesystem::path& dir);

    // The same registry for every caller in the process that names the
    // same folder (the server and the import check NIKs again and again).
    static std::shared_ptr<const AreaRegistry> shared(const std::filesystem::path& dir);

    // Lookups by dotted code; nullptr when the code is unknown or malformed.
    const Province* province(std::string_view code) const;
    const Regency* regency(std::string_view code) const;
    const District* district(std::string_view code) const;

    // Lookups by the code's digits as a number (62, 6203, 620301): what a NIK
    // holds, so checking one needs no string at all.
    const Province* province(std::uint32_t number) const;
    const Regency* regency(std::uint32_t number) const;
    const District* district(std::uint32_t number) const;

    // The districts of a regency ("62.03"), ordered by code; empty when the
    // regency is unknown. Valid as long as the registry lives.
    std::span<const District> districts_of(std::string_view regency_code) const;

    std::span<const Province> provinces() const { return provinces_; }
    std::span<const Regency> regencies() const { return regencies_; }
    std::span<const District> districts() const { return districts_; }

private:
    struct Range {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };

    std::vector<Province> provinces_;
    std::vector<Regency> regencies_;
    std::vector<District> districts_;  // sorted by code, so a regency's are adjacent
    // Keyed by the code's digits; values index the vectors above.
    std::unordered_map<std::uint32_t, std::uint32_t> province_index_;
    std::unordered_map<std::uint32_t, std::uint32_t> regency_index_;
    std::unordered_map<std::uint32_t, std::uint32_t> district_index_;
    std::unordered_map<std::uint32_t, Range> districts_by_regency_;
};

}  // namespace tata::nik
