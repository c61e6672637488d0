// libFuzzer target for the XLSX reader that rosters saved from Excel go
// through (procedures/xlsx/), and for the roster row checks that follow it
// in `tata import workers` (procedures/roster/roster_row.cpp). The input is
// the .xlsx file itself (a zip), written to a scratch file since the reader
// takes a path. Invariants: rows or csv::Error, never a crash; row numbers
// rise; every field is valid UTF-8, within the column cap, and empty exactly
// where kind() says the cell is; a roster row is ok with a NIK or refused
// with a reason. Limits are tightened so a small input that inflates far
// (a zip bomb) stays fast. Links: tata::procedures (libzip, expat).
#include "nik/area_registry.hpp"
#include "roster/roster_row.hpp"
#include "xlsx/xlsx_reader.hpp"

#include <tata/json_limits.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace {

bool has_roster_columns(const tata::csv::Header& header) {
    for (const auto column : tata::roster::required_columns())
        if (!header.find(column)) return false;
    return true;
}

// The scratch file, one per fuzzing process, removed when the process exits.
const std::filesystem::path& scratch_file() {
    struct Scratch {
        std::filesystem::path path =
            std::filesystem::temp_directory_path() / ("xlsx_reader_fuzz." + std::to_string(getpid()) + ".xlsx");
        ~Scratch() {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    };
    static const Scratch scratch;
    return scratch.path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto areas = tata::nik::AreaRegistry::shared(TATA_FUZZ_WILAYAH_DIR);
    static constexpr std::chrono::year_month_day today{std::chrono::year{2025} / 6 / 1};
    {
        std::ofstream out(scratch_file(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!out) std::abort();
    }
    tata::xlsx::Options options;
    options.limits.max_part_bytes = 1 << 20;
    options.limits.max_shared_strings_part_bytes = 4 << 20;
    options.limits.max_sheet_bytes = 8 << 20;
    options.limits.max_xml_token_bytes = 1 << 20;
    try {
        tata::xlsx::Reader reader(scratch_file(), options);
        const auto& header = reader.read_header({"nik", "nama"});
        std::optional<tata::roster::RosterColumns> columns;
        if (has_roster_columns(header)) columns.emplace(header);
        std::size_t last_number = 0;
        for (const auto& row : reader) {
            if (row.number() <= last_number || row.size() == 0 || row.size() > options.limits.max_columns) std::abort();
            last_number = row.number();
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (!tata::is_valid_utf8(row[i])) std::abort();
                if (row[i].empty() != (reader.kind(i) == tata::xlsx::CellKind::empty)) std::abort();
            }
            if (!columns) continue;
            const auto parsed = tata::roster::parse_row(row, *columns, *areas, today);
            if (parsed.ok && parsed.nik.empty()) std::abort();
            if (!parsed.ok && parsed.problems.empty()) std::abort();  // a refusal always says why
            (void)parsed.data.dump();
        }
        if (reader.bytes_read() > options.limits.max_sheet_bytes) std::abort();
    } catch (const tata::csv::Error& e) {
        if (!tata::is_valid_utf8(e.what())) std::abort();
    }
    return 0;
}
