// The Kemendagri district codes, read from rules/wilayah/districts.csv.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tata::example {

struct District {
    std::string code;     // "62.03.01"
    std::string regency;  // "62.03"
    std::string name;     // "Selat"
    std::string nik_prefix() const;  // "620301"
};

// The districts of one regency, in code order; throws when the file cannot
// be read or holds none for that regency.
std::vector<District> read_districts(const std::filesystem::path& districts_csv, const std::string& regency);

}  // namespace tata::example
