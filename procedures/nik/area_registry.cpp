#include "nik/area_registry.hpp"

#include "csv/csv_reader.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace tata::nik {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const csv::Reader& reader, const csv::Row& row, const std::string& message) {
    throw csv::Error(reader.name(), row.number(), message);
}

// "62.03.01" -> 620301 when `code` is `groups` dot-separated pairs of digits.
std::optional<std::uint32_t> code_number(std::string_view code, std::size_t groups) {
    if (code.size() != groups * 3 - 1) return std::nullopt;
    std::uint32_t number = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i % 3 == 2) {
            if (code[i] != '.') return std::nullopt;
        } else if (code[i] >= '0' && code[i] <= '9') {
            number = number * 10 + static_cast<std::uint32_t>(code[i] - '0');
        } else {
            return std::nullopt;
        }
    }
    return number;
}

const char* const level_names[] = {"", "provinsi", "kabupaten/kota", "kecamatan"};

// The number of a row's code, which must have `groups` groups, and a name.
std::uint32_t checked_code(const csv::Reader& reader, const csv::Row& row, std::string_view code,
                           std::string_view name, std::size_t groups) {
    const auto number = code_number(code, groups);
    if (!number)
        fail(reader, row,
             "'" + std::string(code) + "' bukan kode " + level_names[groups] + " seperti " +
                 std::string("62.03.01").substr(0, groups * 3 - 1));
    if (name.empty()) fail(reader, row, "kode " + std::string(code) + " tanpa nama");
    return *number;
}

// Indexes `number` -> `position`, refusing a code listed twice.
void index_unique(std::unordered_map<std::uint32_t, std::uint32_t>& index, std::uint32_t number, std::size_t position,
                  const csv::Reader& reader, const csv::Row& row, std::string_view code) {
    if (!index.emplace(number, static_cast<std::uint32_t>(position)).second)
        fail(reader, row, "kode " + std::string(code) + " tercantum dua kali");
}

// A child's parent column must be its own code's prefix and a known code.
void check_parent(const csv::Reader& reader, const csv::Row& row, std::string_view code, std::string_view parent,
                  bool parent_known, const char* parent_level, const char* parent_file) {
    if (parent != code.substr(0, code.size() - 3) || !parent_known)  // the code's length is checked already
        fail(reader, row,
             std::string(code) + " menyebut " + parent_level + " " + std::string(parent) +
                 ", yang bukan awalan kodenya atau tidak ada di " + parent_file);
}

template <typename T>
const T* find(const std::unordered_map<std::uint32_t, std::uint32_t>& index, const std::vector<T>& items,
              std::uint32_t number) {
    const auto it = index.find(number);
    return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

fs::path wilayah_dir(const fs::path& rules_dir) { return rules_dir / "wilayah"; }

AreaRegistry AreaRegistry::load(const fs::path& dir) {
    AreaRegistry registry;

    csv::Reader provinces(dir / "provinces.csv");
    {
        const auto& header = provinces.read_header({"code", "name"});
        const std::size_t code = header.index("code");
        const std::size_t name = header.index("name");
        for (const csv::Row& row : provinces) {
            const std::uint32_t number = checked_code(provinces, row, row[code], row[name], 1);
            index_unique(registry.province_index_, number, registry.provinces_.size(), provinces, row, row[code]);
            registry.provinces_.push_back({std::string(row[code]), std::string(row[name])});
        }
    }

    csv::Reader regencies(dir / "regencies.csv");
    {
        const auto& header = regencies.read_header({"code", "province_code", "name"});
        const std::size_t code = header.index("code");
        const std::size_t parent = header.index("province_code");
        const std::size_t name = header.index("name");
        for (const csv::Row& row : regencies) {
            const std::uint32_t number = checked_code(regencies, row, row[code], row[name], 2);
            check_parent(regencies, row, row[code], row[parent], registry.province(row[parent]) != nullptr,
                         "provinsi", "provinces.csv");
            index_unique(registry.regency_index_, number, registry.regencies_.size(), regencies, row, row[code]);
            registry.regencies_.push_back({std::string(row[code]), std::string(row[parent]), std::string(row[name])});
        }
    }

    csv::Reader districts_file(dir / "districts.csv");
    std::vector<std::pair<std::uint32_t, District>> districts;
    {
        const auto& header = districts_file.read_header({"code", "regency_code", "name"});
        const std::size_t code = header.index("code");
        const std::size_t parent = header.index("regency_code");
        const std::size_t name = header.index("name");
        std::unordered_map<std::uint32_t, std::uint32_t> seen;
        for (const csv::Row& row : districts_file) {
            const std::uint32_t number = checked_code(districts_file, row, row[code], row[name], 3);
            check_parent(districts_file, row, row[code], row[parent], registry.regency(row[parent]) != nullptr,
                         "kabupaten/kota", "regencies.csv");
            index_unique(seen, number, districts.size(), districts_file, row, row[code]);
            districts.push_back({number, {std::string(row[code]), std::string(row[parent]), std::string(row[name])}});
        }
    }
    // Sorted by code, a regency's districts are one slice: districts_of() is a span.
    std::sort(districts.begin(), districts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    registry.districts_.reserve(districts.size());
    registry.district_index_.reserve(districts.size());
    for (auto& [number, district] : districts) {
        const auto position = static_cast<std::uint32_t>(registry.districts_.size());
        registry.district_index_.emplace(number, position);
        Range& range = registry.districts_by_regency_.try_emplace(number / 100, Range{position, position}).first->second;
        range.end = position + 1;
        registry.districts_.push_back(std::move(district));
    }
    return registry;
}

std::shared_ptr<const AreaRegistry> AreaRegistry::shared(const fs::path& dir) {
    static std::mutex mutex;
    static std::map<fs::path, std::shared_ptr<const AreaRegistry>> loaded;
    std::error_code ec;
    fs::path key = fs::weakly_canonical(dir, ec);
    if (ec) key = dir;
    const std::lock_guard lock(mutex);
    auto& entry = loaded[key];
    if (!entry) {
        try {
            entry = std::make_shared<const AreaRegistry>(load(dir));
        } catch (...) {
            loaded.erase(key);  // a failed load is retried by the next caller
            throw;
        }
    }
    return entry;
}

const Province* AreaRegistry::province(std::string_view code) const {
    const auto number = code_number(code, 1);
    return number ? province(*number) : nullptr;
}

const Regency* AreaRegistry::regency(std::string_view code) const {
    const auto number = code_number(code, 2);
    return number ? regency(*number) : nullptr;
}

const District* AreaRegistry::district(std::string_view code) const {
    const auto number = code_number(code, 3);
    return number ? district(*number) : nullptr;
}

const Province* AreaRegistry::province(std::uint32_t number) const {
    return find(province_index_, provinces_, number);
}

const Regency* AreaRegistry::regency(std::uint32_t number) const { return find(regency_index_, regencies_, number); }

const District* AreaRegistry::district(std::uint32_t number) const {
    return find(district_index_, districts_, number);
}

std::span<const District> AreaRegistry::districts_of(std::string_view regency_code) const {
    const auto number = code_number(regency_code, 2);
    if (!number) return {};
    const auto it = districts_by_regency_.find(*number);
    if (it == districts_by_regency_.end()) return {};
    return std::span<const District>(districts_).subspan(it->second.begin, it->second.end - it->second.begin);
}

}  // namespace tata::nik
