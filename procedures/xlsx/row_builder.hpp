// Fills a csv::Row from outside the CSV reader, so that XLSX rows are the
// very type the roster checks take (csv::Row befriends this class and
// nothing else of the XLSX reader).
#pragma once

#include "csv/csv_reader.hpp"

#include <cstdint>
#include <string_view>

namespace tata::xlsx {

class RowBuilder {
public:
    // Empties `row` and gives it its spreadsheet row number.
    static void start(csv::Row& row, std::size_t number) {
        row.text_.clear();
        row.ends_.clear();
        row.number_ = number;
        row.line_ = number;
    }
    static void append(csv::Row& row, std::string_view field) {
        row.text_.append(field);
        row.ends_.push_back(static_cast<std::uint32_t>(row.text_.size()));
    }
    static std::size_t text_bytes(const csv::Row& row) { return row.text_.size(); }
    static void set_header(csv::Row& row, const csv::Header* header) { row.header_ = header; }
};

}  // namespace tata::xlsx
