// The workers of one ranking, kept column by column so that 2.3 million of
// them fit in a few hundred megabytes: numbers as they are, repeated text
// (sektor, opd, tmt, ...) once per distinct value with a 4-byte id per row,
// unique text (nik, nama) in one byte arena per column.
#pragma once

#include "ranking/chunked_vector.hpp"
#include "ranking/worker_record.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tata::ranking {

class WorkerTable {
public:
    WorkerTable();

    // Copies one record (text included); rows are numbered from 0.
    void append(std::span<const FieldValue> values);
    std::size_t size() const { return rows_; }

    // Text views the table and lives as long as it does.
    FieldValue value(std::size_t row, std::size_t column) const;
    void read(std::size_t row, WorkerValues& out) const;
    nlohmann::json to_json(std::size_t row) const;

    // For interned columns: the distinct texts, indexed by id - 1, so that
    // callers can order them once instead of once per row. Empty otherwise.
    const std::vector<std::string_view>& distinct_texts(std::size_t column) const { return columns_[column].texts; }
    // The text id of a row in an interned column: 0 when not text.
    std::uint32_t text_id(std::size_t row, std::size_t column) const;

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
    };
    struct Column {
        bool interned = true;
        ChunkedVector<FieldKind> kinds;
        ChunkedVector<std::uint64_t> payload;  // integer, double bits, text id, or arena offset << 24 | length
        std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids;
        std::vector<std::string_view> texts;  // views of the keys of `ids`: nodes never move
        std::string arena;
        std::string_view last_text;  // rows often repeat their neighbour's value
        std::uint32_t last_id = 0;
    };
    std::uint64_t store_text(Column& column, std::string_view text);

    std::vector<Column> columns_;
    std::size_t rows_ = 0;
};

}  // namespace tata::ranking
