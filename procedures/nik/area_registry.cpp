#include "nik/area_registry.hpp"

#include <csv.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace tata::nik {
namespace {

namespace fs = std::filesystem;

struct CsvRecord {
    int line = 0;  // where the record starts, for error messages
    std::vector<std::string> fields;
};

struct CsvState {
    int line = 0;
    std::vector<std::string> fields;
    int record_line = 0;
    std::vector<CsvRecord> records;
};

void on_field(void* data, std::size_t size, void* context) {
    auto& state = *static_cast<CsvState*>(context);
    if (state.fields.empty()) state.record_line = state.line;
    state.fields.emplace_back(size == 0 ? std::string() : std::string(static_cast<const char*>(data), size));
}

void on_record(int, void* context) {
    auto& state = *static_cast<CsvState*>(context);
    state.records.push_back({state.record_line, std::move(state.fields)});
    state.fields.clear();
}

std::runtime_error file_error(const fs::path& file, int line, const std::string& message) {
    return std::runtime_error(file.string() + ":" + std::to_string(line) + ": " + message);
}

// libcsv does the RFC 4180 quoting (a name may one day hold a comma or a
// quote). It is fed one physical line at a time so that errors can name the
// line a record starts on, which libcsv itself does not track.
std::vector<CsvRecord> read_csv(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file.string() + ": cannot read");
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::runtime_error("libcsv: cannot initialise");
    struct Release {
        csv_parser& parser;
        ~Release() { csv_free(&parser); }
    } release{parser};

    CsvState state;
    for (std::string line; std::getline(in, line);) {
        ++state.line;
        if (state.line == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a BOM from a spreadsheet
        line.push_back('\n');
        if (csv_parse(&parser, line.data(), line.size(), on_field, on_record, &state) != line.size())
            throw file_error(file, state.line, csv_strerror(csv_error(&parser)));
    }
    if (csv_fini(&parser, on_field, on_record, &state) != 0)
        throw file_error(file, state.line, "unterminated quoted field");
    return std::move(state.records);
}

// The records after the header, which must be exactly `header`; each record
// must have as many fields as the header.
std::vector<CsvRecord> read_table(const fs::path& file, const std::vector<std::string>& header) {
    std::vector<CsvRecord> records = read_csv(file);
    if (records.empty() || records.front().fields != header) {
        std::string expected;
        for (const auto& name : header) expected += (expected.empty() ? "" : ",") + name;
        throw file_error(file, records.empty() ? 1 : records.front().line, "expected the header " + expected);
    }
    records.erase(records.begin());
    for (const auto& record : records) {
        if (record.fields.size() != header.size())
            throw file_error(file, record.line,
                             "expected " + std::to_string(header.size()) + " fields, found " +
                                 std::to_string(record.fields.size()));
    }
    return records;
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

const char* const level_names[] = {"", "province", "regency", "district"};

std::uint32_t checked_code(const fs::path& file, const CsvRecord& record, std::size_t groups) {
    const auto number = code_number(record.fields[0], groups);
    if (!number) {
        const std::string example = std::string("62.03.01").substr(0, groups * 3 - 1);
        throw file_error(file, record.line,
                         std::string("'") + record.fields[0] + "' is not a " + level_names[groups] + " code like " +
                             example);
    }
    if (record.fields.back().empty()) throw file_error(file, record.line, record.fields[0] + " has no name");
    return *number;
}

// Indexes `number` -> `position`, refusing a code listed twice.
void index_unique(std::unordered_map<std::uint32_t, std::uint32_t>& index, std::uint32_t number, std::size_t position,
                  const fs::path& file, const CsvRecord& record) {
    if (!index.emplace(number, static_cast<std::uint32_t>(position)).second)
        throw file_error(file, record.line, record.fields[0] + " is listed twice");
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

    const fs::path provinces_file = dir / "provinces.csv";
    for (const auto& record : read_table(provinces_file, {"code", "name"})) {
        const std::uint32_t number = checked_code(provinces_file, record, 1);
        index_unique(registry.province_index_, number, registry.provinces_.size(), provinces_file, record);
        registry.provinces_.push_back({record.fields[0], record.fields[1]});
    }

    const fs::path regencies_file = dir / "regencies.csv";
    for (const auto& record : read_table(regencies_file, {"code", "province_code", "name"})) {
        const std::uint32_t number = checked_code(regencies_file, record, 2);
        const std::string& province_code = record.fields[1];
        if (province_code != record.fields[0].substr(0, 2) || !registry.province(province_code))
            throw file_error(regencies_file, record.line,
                             record.fields[0] + " names province " + province_code +
                                 ", which is not its prefix or not in provinces.csv");
        index_unique(registry.regency_index_, number, registry.regencies_.size(), regencies_file, record);
        registry.regencies_.push_back({record.fields[0], province_code, record.fields[2]});
    }

    const fs::path districts_file = dir / "districts.csv";
    std::vector<std::pair<std::uint32_t, District>> districts;
    std::unordered_map<std::uint32_t, std::uint32_t> seen;
    for (const auto& record : read_table(districts_file, {"code", "regency_code", "name"})) {
        const std::uint32_t number = checked_code(districts_file, record, 3);
        const std::string& regency_code = record.fields[1];
        if (regency_code != record.fields[0].substr(0, 5) || !registry.regency(regency_code))
            throw file_error(districts_file, record.line,
                             record.fields[0] + " names regency " + regency_code +
                                 ", which is not its prefix or not in regencies.csv");
        index_unique(seen, number, districts.size(), districts_file, record);
        districts.push_back({number, {record.fields[0], regency_code, record.fields[2]}});
    }
    // Sorted by code, a regency's districts are one slice: districts_of() is a span.
    std::sort(districts.begin(), districts.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
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
