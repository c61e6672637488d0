// The workers of one ranking, so that 2.3 million of them fit in a few
// hundred megabytes: a fixed-size record per worker (a kind and 8 bytes per
// column: numbers as they are, repeated text (sektor, opd, tmt, ...) as an id
// into the column's dictionary, unique text (nik, nama) as a place in the
// column's arena). One record a worker, not an array a column: appending a
// worker writes one stretch of memory instead of 42 far apart.
#pragma once

#include "ranking/chunked_vector.hpp"
#include "ranking/worker_record.hpp"

#include <array>
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
    std::size_t size() const { return records_.size(); }

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
    // Text written once and never moved, in blocks: a growing string would
    // copy its whole past at every doubling.
    class Arena {
    public:
        std::uint64_t store(std::string_view text);  // block << 44 | offset << 24 | length
        std::string_view at(std::uint64_t place) const;

    private:
        std::vector<std::unique_ptr<char[]>> blocks_;
        std::size_t used_ = 0;  // of the last block
    };
    struct Column {
        bool interned = true;
        std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids;
        std::vector<std::string_view> texts;  // views of the keys of `ids`: nodes never move
        Arena arena;
        std::string_view last_text;  // rows often repeat their neighbour's value
        std::uint32_t last_id = 0;
    };
    struct Record {
        std::array<FieldKind, column::count> kinds;
        std::array<std::uint64_t, column::count> payload;  // integer, double bits, text id, or arena place
    };
    std::uint64_t store_text(Column& column, std::string_view text);

    std::vector<Column> columns_;
    ChunkedVector<Record, 12> records_;
};

}  // namespace tata::ranking
