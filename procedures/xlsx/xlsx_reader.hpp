// The project's XLSX reader: the first worksheet of an Excel workbook, streamed
// row by row (libzip inflates the sheet in chunks, expat parses it as it
// comes), handed out as the same csv::Row and csv::Header the CSV reader
// gives, so a roster import reads either kind of file with the same code.
//
//     tata::xlsx::Reader reader("roster.xlsx");
//     const auto& header = reader.read_header({"nik", "nama"});  // csv::Error if one is missing
//     const std::size_t nik = header.index("nik");
//     for (const tata::csv::Row& row : reader) {
//         if (row[nik].empty()) report(reader.location(row) + ": NIK kosong");
//         if (reader.kind(nik) == tata::xlsx::CellKind::number) warn(...);  // see "Numbers"
//     }
//
// Errors are tata::csv::Error ("FILE:ROW: sel C12: ..." or "FILE: ..."), in
// Bahasa Indonesia, so callers catch one type for both readers.
//
// What the reader decides for every caller:
// - The sheet is the first one in workbook order (the first <sheet> of
//   xl/workbook.xml, hidden or not), found through the relationships, not by
//   guessing xl/worksheets/sheet1.xml.
// - Row numbers are the spreadsheet's own (the row's r attribute; a row
//   without one follows the previous). Rows whose cells are all empty are
//   skipped but keep their numbers, as in the CSV reader. Row::line() is the
//   same as Row::number() (a sheet has no text lines).
// - A cell lands in the column its reference names (r="D5" is column 3) even
//   when the cells before it are missing; the gap reads as "". Row::size() is
//   one past the last cell with a value.
// - Text (shared strings, rich text runs joined, phonetic <rPh> runs left
//   out, inline strings, formula string results) has the _xHHHH_ escapes
//   Excel writes for control characters decoded, and spaces and tabs around
//   it trimmed like an unquoted CSV field (Options::trim_spaces).
// - Numbers: a value written as a plain integer ("3203011234567890") is given
//   exactly as written, however long; any other number is rounded to 15
//   significant digits, as Excel shows it, and written without an exponent
//   with '.' as the decimal mark ("3.20301123456789E+15" → "3203011234567890",
//   "1234.5", "0.30000000000000004" → "0.3"). Excel itself keeps only 15
//   digits, so a 16-digit NIK typed as a number has already lost its last
//   digit inside the file: kind() says the cell was a number, so an import
//   can warn ("ketik NIK sebagai teks").
// - Dates: a number whose cell style has a date format (built-in formats 14–17,
//   22, 27–36, 50–58, or a custom format with a day, month or year outside
//   quotes and brackets) becomes "YYYY-MM-DD", the form the roster expects,
//   dropping any time of day; 1900 date system with Excel's phantom
//   1900-02-29 (serial 60 gives that text, which a date check refuses), or
//   1904 when the workbook says so. Time-only formats (18–21, 45–47, "h:mm")
//   and serials outside 1900-01-01..9999-12-31 keep the number.
// - Booleans are "TRUE" / "FALSE", what Excel writes when saving as CSV;
//   error values are their text ("#N/A", "#DIV/0!"). kind() tells both apart
//   from typed text.
// - Formulas give their cached result; a formula never calculated gives "".
//
// Everything read is bounded (Limits): the number of entries in the zip, the
// inflated bytes of every part (counted while inflating, whatever the zip
// header claims), the shared strings held, columns, cell and row text, XML
// nesting, rows. A DOCTYPE (and so any entity declaration) is refused.
// Malformed XML, invalid UTF-8, a cell reference out of order and a missing
// shared string are Errors naming the row and cell where they can.
#pragma once

#include "csv/csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tata::xlsx {

// Bounds on what a workbook may make the reader do; the defaults fit a
// regency's roster (tens of thousands of rows, a few dozen columns) with a
// wide margin. Sizes are bytes after inflating.
struct Limits {
    std::uint64_t max_entries = 10'000;                     // files in the zip (Excel writes ~15)
    std::uint64_t max_part_bytes = 64ull << 20;             // workbook.xml, .rels, styles.xml each
    std::uint64_t max_shared_strings_part_bytes = 512ull << 20;  // sharedStrings.xml
    std::uint64_t max_sheet_bytes = 1ull << 30;             // the sheet, streamed (~1M rows of 16 cells)
    std::size_t max_shared_strings = 2'000'000;             // <si> entries held in memory
    std::size_t max_shared_string_bytes = 128ull << 20;     // their text, held in memory
    std::size_t max_columns = 1'000;                        // a value beyond column ALL is an Error
    std::size_t max_cell_bytes = 128 * 1024;                // Excel allows 32,767 characters
    std::size_t max_row_bytes = 4ull << 20;                 // one row's text
    std::size_t max_rows = 1'048'576;                       // Excel's own last row
    std::size_t max_depth = 64;                             // XML element nesting
    std::size_t max_xml_token_bytes = 16ull << 20;          // one tag (attributes) expat must buffer whole
};

struct Options {
    bool trim_spaces = true;  // strip spaces and tabs around text cells, like csv::Options
    Limits limits{};
};

// What a cell held in the file, for callers that care how a value was typed.
enum class CellKind : std::uint8_t {
    empty,    // no cell, or a cell with no value
    text,     // shared, inline or formula string
    number,   // a number (not date-formatted)
    date,     // a date-formatted number, or an ISO date cell (t="d"), given as YYYY-MM-DD
    boolean,  // TRUE / FALSE
    error,    // #N/A, #DIV/0!, ...
};

class Reader {
public:
    // Opens `file` and reads what the sheet needs before its first row: the
    // workbook, its relationships, the styles and the shared strings. Error
    // when the file cannot be read or is not an XLSX workbook (an old .xls,
    // a password-protected workbook, a CSV with another name). Its name in
    // messages is the path as given.
    explicit Reader(const std::filesystem::path& file, Options options = {});
    ~Reader();
    Reader(Reader&&) noexcept;
    Reader& operator=(Reader&&) noexcept;

    const std::string& name() const;
    // The tab name of the sheet being read ("Sheet1", "Data Honorer").
    const std::string& sheet_name() const;
    // "FILE:ROW", the prefix of a message about `row`.
    std::string location(const csv::Row& row) const;

    // As csv::Reader::read_header: the first non-empty row is the header.
    // Error when the sheet is empty, or when a `required` column is missing
    // (all of them named) or appears twice.
    const csv::Header& read_header(const std::vector<std::string_view>& required = {});
    const csv::Header& header() const;

    // The next non-empty row, or nullptr at the end. The pointer stays valid
    // until the next call. Throws csv::Error on a malformed sheet.
    const csv::Row* next();

    // How cell `column` of the row last returned by next() (or the header)
    // was typed; CellKind::empty past the end.
    CellKind kind(std::size_t column) const;

    // Progress: inflated bytes of the sheet's XML consumed so far, out of
    // total_bytes(), the inflated size the zip declares for it (a hint, not
    // trusted: reading stops at Limits::max_sheet_bytes whatever it says).
    std::uint64_t bytes_read() const;
    std::uint64_t total_bytes() const;

    // Range-for over the remaining rows: for (const csv::Row& row : reader).
    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = csv::Row;
        using difference_type = std::ptrdiff_t;
        using pointer = const csv::Row*;
        using reference = const csv::Row&;

        Iterator() = default;
        explicit Iterator(Reader* reader) : reader_(reader), row_(reader->next()) {}
        const csv::Row& operator*() const { return *row_; }
        const csv::Row* operator->() const { return row_; }
        Iterator& operator++() {
            row_ = reader_->next();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(std::default_sentinel_t) const { return row_ == nullptr; }

    private:
        Reader* reader_ = nullptr;
        const csv::Row* row_ = nullptr;
    };
    Iterator begin() { return Iterator(this); }
    std::default_sentinel_t end() { return {}; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tata::xlsx
