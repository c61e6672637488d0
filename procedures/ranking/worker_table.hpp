// The workers of one ranking, so that 2.3 million of them fit in about 350
// megabytes (250 of records, the rest the NIKs and names): a fixed-size
// record per worker, 5 bytes a column (a kind, and 4 bytes: a small number
// as it is, repeated text (sektor, opd, tmt, ...) as an id into the column's
// dictionary, unique text (nik, nama) as a place in the column's arena,
// anything wider as a place among the table's 8-byte values). One record a
// worker, not an array a column: appending a worker writes one stretch of
// memory instead of 42 far apart.
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
    // Text written once and never moved, in 1 MiB blocks (a growing string
    // would copy its whole past at every doubling), each behind its length.
    class Arena {
    public:
        std::uint32_t store(std::string_view text);  // block << 20 | offset
        std::string_view at(std::uint32_t place) const;

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
    // How a value is kept in its 4 bytes.
    enum class Stored : std::uint8_t {
        null,
        integer,       // an int32
        number,        // a whole double that an int32 holds exactly
        wide_integer,  // the index of its 8 bytes in wide_
        wide_number,   // the index of its 8 bytes (the double's bits) in wide_
        text,          // a dictionary id (from 1), or an arena place
    };
    struct Record {
        std::array<Stored, column::count> kinds;
        std::array<std::uint32_t, column::count> payload;
    };
    std::uint32_t store_text(Column& column, std::string_view text);
    std::uint32_t store_wide(std::uint64_t bits);

    std::vector<Column> columns_;
    ChunkedVector<Record, 12> records_;
    ChunkedVector<std::uint64_t> wide_;
};

}  // namespace tata::ranking
