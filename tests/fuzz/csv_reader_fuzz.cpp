// libFuzzer target for the RFC 4180 reader that rosters and compliance
// reports go through, and for the roster row checks `tata import workers`
// runs on every row (procedures/roster/roster_row.cpp). Invariants: rows or
// csv::Error (with its row), never a crash; every field of a row read is
// valid UTF-8; a roster row is either ok with a NIK or refused with at least
// one reason. Links: tata::procedures (and rules/wilayah for the NIK areas).
#include "csv/csv_reader.hpp"
#include "nik/area_registry.hpp"
#include "roster/roster_row.hpp"

#include <tata/json_limits.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <sstream>

namespace {

bool has_roster_columns(const tata::csv::Header& header) {
    for (const auto column : tata::roster::required_columns())
        if (!header.find(column)) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto areas = tata::nik::AreaRegistry::shared(TATA_FUZZ_WILAYAH_DIR);
    static constexpr std::chrono::year_month_day today{std::chrono::year{2025} / 6 / 1};
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        tata::csv::Reader reader(in, "fuzz.csv");
        const auto& header = reader.read_header({"nik", "nama"});
        // Only a header with every roster column goes through the row checks,
        // as in worker_import.cpp; other inputs still exercise the reader.
        std::optional<tata::roster::RosterColumns> columns;
        if (has_roster_columns(header)) columns.emplace(header);
        for (const auto& row : reader) {
            for (std::size_t i = 0; i < row.size(); ++i)
                if (!tata::is_valid_utf8(row[i])) std::abort();
            if (!columns) continue;
            const auto parsed = tata::roster::parse_row(row, *columns, *areas, today);
            if (parsed.ok && parsed.nik.empty()) std::abort();
            if (!parsed.ok && parsed.problems.empty()) std::abort();  // a refusal always says why
            (void)parsed.data.dump();
        }
    } catch (const tata::csv::Error&) {
    }
    return 0;
}
