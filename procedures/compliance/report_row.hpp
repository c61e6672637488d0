// One row of a monthly compliance report, read from its CSV columns.
#pragma once

#include "compliance/finding.hpp"
#include "csv/csv_reader.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tata::compliance {

// The header of the format (the issue's "Outsourcing vendor selection and
// compliance"); other columns may follow or sit between them.
inline constexpr std::array<std::string_view, 13> report_columns{
    "periode",           "nik",       "nama",     "jabatan",   "upah_dibayar", "tanggal_bayar",
    "bpjs_tk_terdaftar", "iuran_jht", "iuran_jp", "iuran_jkk", "iuran_jkm",    "bpjs_kesehatan_terdaftar",
    "iuran_kesehatan"};

struct ReportRow {
    std::size_t row = 0;
    std::string nik;
    std::string name;
    std::chrono::year_month periode{};
    std::int64_t wage = 0;
    std::chrono::year_month_day paid_on{};
    bool bpjs_tk = false;
    std::int64_t jht = 0, jp = 0, jkk = 0, jkm = 0;
    bool bpjs_kesehatan = false;
    std::int64_t kesehatan = 0;

    // Which parts parsed. The rule checks run on complete rows only; the
    // report-wide checks (duplicates, periode, total wage) use what parsed.
    bool complete = false;
    bool nik_valid = false;
    bool periode_valid = false;
    bool wage_valid = false;
};

// Reads rows of a report whose header has every report column.
class RowReader {
public:
    explicit RowReader(const csv::Header& header);

    // The row's values; a malformed_row finding for each field that does not
    // parse (and for a row with another number of fields than the header)
    // is appended to `findings`.
    ReportRow read(const csv::Row& row, std::vector<Finding>& findings) const;

private:
    std::array<std::size_t, report_columns.size()> columns_{};
    std::size_t header_size_;
};

}  // namespace tata::compliance
