// The project's CSV reader: RFC 4180 files (quoted fields holding commas,
// doubled quotes and line breaks; CRLF or LF line ends) in UTF-8, streamed
// row by row on libcsv so a 100,000-row roster never sits in memory whole.
//
//     tata::csv::Reader reader("roster.csv");
//     const auto& header = reader.read_header({"nik", "nama"});  // Error if one is missing
//     const std::size_t nik = header.index("nik");               // resolve once, outside the loop
//     for (const tata::csv::Row& row : reader) {
//         if (row[nik].empty()) report(reader.location(row) + ": NIK kosong");
//     }
//
// Row numbers are what a spreadsheet shows: the header is usually row 1, a
// blank line still takes a number, and a quoted field spanning several lines
// is one row (Row::line() gives the text-editor line where the row starts).
// Messages name the place as "FILE:ROW: message" and, like everything
// officers and vendors read, are in Bahasa Indonesia.
//
// What the reader decides for every caller:
// - A UTF-8 byte order mark at the start is dropped; bytes that are not valid
//   UTF-8 stop the reading with an Error naming the row (Options::check_utf8).
// - Spaces and tabs around unquoted fields are trimmed (libcsv's default);
//   quote a field to keep them (Options::trim_spaces).
// - Rows whose fields are all empty (blank lines, the ",,,," spreadsheets
//   leave behind) are skipped, though they still count in row numbers.
// - Rows may have fewer or more fields than the header: extra columns are
//   the caller's to ignore, and operator[] answers "" past the end, so a
//   caller that cares compares Row::size() with Header::size().
// - The delimiter is a comma or, as Excel writes "CSV" where the decimal
//   mark is a comma (Indonesian settings), a semicolon: whichever of the two
//   the first line has more of outside quotes (Options::delimiter = 0, the
//   default); a caller may fix it instead.
// - Malformed quoting (an unterminated quote, text after a closing quote, a
//   quote inside an unquoted field) is an Error naming the row where the
//   broken row starts. Rows before it are delivered first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tata::xlsx {
class RowBuilder;  // fills Rows from XLSX sheets (procedures/xlsx/row_builder.hpp)
}

namespace tata::csv {

struct Options {
    char delimiter = 0;       // 0: ',' or ';', told from the first line; else this one
    bool trim_spaces = true;  // strip spaces and tabs around unquoted fields
    bool check_utf8 = true;   // invalid UTF-8 is an Error
};

// A problem with the file as a whole: cannot be opened, no header, missing
// columns, malformed quoting, not UTF-8. what() is "FILE:ROW: message", or
// "FILE: message" when no row is involved (row() == 0).
class Error : public std::runtime_error {
public:
    Error(std::string file, std::size_t row, std::string message);
    const std::string& file() const { return file_; }
    std::size_t row() const { return row_; }
    const std::string& message() const { return message_; }

private:
    std::string file_;
    std::size_t row_;
    std::string message_;
};

// The header row: column names to indexes. Names compare after trimming
// spaces and folding ASCII case, so "NIK " finds the column "nik".
class Header {
public:
    Header() = default;
    explicit Header(std::vector<std::string> names);

    std::size_t size() const { return names_.size(); }
    // Normalized (trimmed, lower-case) names in file order.
    const std::vector<std::string>& names() const { return names_; }
    // The first column with this name.
    std::optional<std::size_t> find(std::string_view name) const;
    // The same, or std::out_of_range for a name the header lacks.
    std::size_t index(std::string_view name) const;

    // The lookup form of a column name: trimmed, ASCII lower-case.
    static std::string normalize(std::string_view name);

private:
    std::vector<std::string> names_;
};

class Row;

// The header `row` makes, checked as every reader of tables checks it (the
// XLSX reader too): Error at FILE:ROW when a `required` column is missing
// (all of them named) or appears twice.
Header checked_header(const Row& row, const std::vector<std::string_view>& required, const std::string& file);

// One row of fields. Fields are views into the row's own buffer: they live
// as long as the Row they came from. A Row handed out by Reader::next() (or
// the iterator) is reused for a later row once you ask for the next one; copy
// the Row, or the strings you need, to keep them.
class Row {
public:
    std::size_t number() const { return number_; }  // 1-based row number (see the top of this file)
    std::size_t line() const { return line_; }      // 1-based line where the row starts
    std::size_t size() const { return ends_.size(); }

    // Field `column` (0-based), or "" when the row is shorter.
    std::string_view operator[](std::size_t column) const {
        if (column >= ends_.size()) return {};
        const std::uint32_t begin = column == 0 ? 0 : ends_[column - 1];
        return std::string_view(text_).substr(begin, ends_[column] - begin);
    }
    // Field by header name; std::out_of_range for a column the header lacks,
    // std::logic_error when the reader had no header. Resolve the index with
    // Header::index once instead when reading many rows.
    std::string_view at(std::string_view column) const;

private:
    friend class Reader;
    friend class tata::xlsx::RowBuilder;
    std::string text_;                 // the fields, back to back
    std::vector<std::uint32_t> ends_;  // where each field ends in text_
    std::size_t number_ = 0;
    std::size_t line_ = 0;
    const Header* header_ = nullptr;  // the reader's, while it lives
};

class Reader {
public:
    // Opens `file`; Error when it cannot be read. Its name in messages is the
    // path as given.
    explicit Reader(const std::filesystem::path& file, Options options = {});
    // Reads from `in`, which must outlive the reader; `name` labels messages.
    Reader(std::istream& in, std::string name, Options options = {});
    ~Reader();
    Reader(Reader&&) noexcept;
    Reader& operator=(Reader&&) noexcept;

    const std::string& name() const;
    // "FILE:ROW", the prefix of a message about `row`.
    std::string location(const Row& row) const;

    // Reads the first non-blank row as the header. Error when the file is
    // empty, or when a `required` column is missing (all of them named) or
    // appears twice. Call it before the first next(), or not at all to get
    // every row, the first included, as data.
    const Header& read_header(const std::vector<std::string_view>& required = {});
    const Header& header() const;

    // The next row, or nullptr at the end. The pointer stays valid until the
    // next call. Throws Error on malformed quoting or invalid UTF-8.
    const Row* next();

    // Bytes consumed from the input so far (for progress bars).
    std::uint64_t bytes_read() const;

    // Range-for over the remaining rows: for (const Row& row : reader).
    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using pointer = const Row*;
        using reference = const Row&;

        Iterator() = default;
        explicit Iterator(Reader* reader) : reader_(reader), row_(reader->next()) {}
        const Row& operator*() const { return *row_; }
        const Row* operator->() const { return row_; }
        Iterator& operator++() {
            row_ = reader_->next();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(std::default_sentinel_t) const { return row_ == nullptr; }

    private:
        Reader* reader_ = nullptr;
        const Row* row_ = nullptr;
    };
    Iterator begin() { return Iterator(this); }
    std::default_sentinel_t end() { return {}; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tata::csv
