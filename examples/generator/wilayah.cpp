#include "wilayah.hpp"

#include "csv.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace tata::example {

std::string District::nik_prefix() const {
    std::string digits;
    for (char c : code)
        if (c != '.') digits += c;
    return digits;
}

std::vector<District> read_districts(const std::filesystem::path& districts_csv, const std::string& regency) {
    std::ifstream in(districts_csv, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + districts_csv.string());
    std::vector<District> out;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (header) {
            header = false;
            if (line != "code,regency_code,name")
                throw std::runtime_error(districts_csv.string() + ": unexpected header '" + line + "'");
            continue;
        }
        const auto fields = split_csv_line(line);
        if (fields.size() != 3) continue;
        if (fields[1] == regency) out.push_back({fields[0], fields[1], fields[2]});
    }
    if (out.empty()) throw std::runtime_error(districts_csv.string() + ": no districts for regency " + regency);
    std::sort(out.begin(), out.end(), [](const District& a, const District& b) { return a.code < b.code; });
    return out;
}

}  // namespace tata::example
