#include "ranking/worker_table.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>

namespace tata::ranking {
namespace {

constexpr unsigned kOffsetBits = 20;
constexpr std::size_t kBlockBytes = std::size_t{1} << kOffsetBits;
constexpr std::size_t kMaxBlocks = std::size_t{1} << (32 - kOffsetBits);
constexpr std::size_t kLengthBytes = sizeof(std::uint32_t);
constexpr std::size_t kMaxText = std::size_t{16} << 20;  // what the index hands over is far less

// The int32 that holds `number` exactly, if one does (not -0.0, not NaN).
std::optional<std::int32_t> exact_int32(double number) {
    if (!(number >= std::numeric_limits<std::int32_t>::min() && number <= std::numeric_limits<std::int32_t>::max()))
        return std::nullopt;
    const auto whole = static_cast<std::int32_t>(number);
    if (static_cast<double>(whole) != number || (whole == 0 && std::signbit(number))) return std::nullopt;
    return whole;
}

}  // namespace

std::uint32_t WorkerTable::Arena::store(std::string_view text) {
    if (text.size() > kMaxText) throw std::length_error("an index value of more than 16 MB");
    const std::size_t bytes = kLengthBytes + text.size();
    // A text longer than a block gets one of its own, at offset 0.
    if (blocks_.empty() || used_ + bytes > kBlockBytes) {
        if (blocks_.size() == kMaxBlocks)
            throw std::length_error("more than 4,096 blocks (4 GB) of one column's texts in a ranking");
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(std::max(kBlockBytes, bytes)));
        used_ = 0;
    }
    const auto place = static_cast<std::uint32_t>((blocks_.size() - 1) << kOffsetBits | used_);
    char* at = blocks_.back().get() + used_;
    const auto length = static_cast<std::uint32_t>(text.size());
    std::memcpy(at, &length, kLengthBytes);
    std::memcpy(at + kLengthBytes, text.data(), text.size());
    used_ = std::min(used_ + bytes, kBlockBytes);  // after an oversized text, a fresh block
    return place;
}

std::string_view WorkerTable::Arena::at(std::uint32_t place) const {
    const char* at = blocks_[place >> kOffsetBits].get() + (place & (kBlockBytes - 1));
    std::uint32_t length = 0;
    std::memcpy(&length, at, kLengthBytes);
    return {at + kLengthBytes, length};
}

WorkerTable::WorkerTable() : columns_(column::count) {
    // A dictionary of 2.3 million NIKs or names would cost more than it saves.
    columns_[column::nik].interned = false;
    columns_[column::nama].interned = false;
}

std::uint32_t WorkerTable::store_text(Column& column, std::string_view text) {
    if (!column.interned) return column.arena.store(text);
    if (column.last_id != 0 && text == column.last_text) return column.last_id;
    auto it = column.ids.find(text);
    if (it == column.ids.end()) {
        it = column.ids.emplace(std::string(text), static_cast<std::uint32_t>(column.texts.size() + 1)).first;
        column.texts.push_back(it->first);
    }
    column.last_text = it->first;
    column.last_id = it->second;
    return it->second;
}

std::uint32_t WorkerTable::store_wide(std::uint64_t bits) {
    if (wide_.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("more than 4 billion wide values in a ranking");
    wide_.push_back(bits);
    return static_cast<std::uint32_t>(wide_.size() - 1);
}

void WorkerTable::append(std::span<const FieldValue> values) {
    // Filled aside and added whole: a value refused half-way (too long)
    // leaves no half-written worker behind.
    Record record;
    for (std::size_t c = 0; c < column::count; ++c) {
        const FieldValue value = c < values.size() ? values[c] : FieldValue();
        Stored kind = Stored::null;
        std::uint32_t payload = 0;
        switch (value.kind) {
            case FieldKind::integer:
                if (value.integer >= std::numeric_limits<std::int32_t>::min() &&
                    value.integer <= std::numeric_limits<std::int32_t>::max()) {
                    kind = Stored::integer;
                    payload = static_cast<std::uint32_t>(static_cast<std::int32_t>(value.integer));
                } else {
                    kind = Stored::wide_integer;
                    payload = store_wide(static_cast<std::uint64_t>(value.integer));
                }
                break;
            case FieldKind::number:
                if (const auto whole = exact_int32(value.number)) {
                    kind = Stored::number;
                    payload = static_cast<std::uint32_t>(*whole);
                } else {
                    kind = Stored::wide_number;
                    payload = store_wide(std::bit_cast<std::uint64_t>(value.number));
                }
                break;
            case FieldKind::text:
                kind = Stored::text;
                payload = store_text(columns_[c], value.text);
                break;
            case FieldKind::null: break;
        }
        record.kinds[c] = kind;
        record.payload[c] = payload;
    }
    records_.push_back(record);
}

FieldValue WorkerTable::value(std::size_t row, std::size_t c) const {
    const Record& record = records_[row];
    const std::uint32_t payload = record.payload[c];
    switch (record.kinds[c]) {
        case Stored::integer: return FieldValue::of_integer(static_cast<std::int32_t>(payload));
        case Stored::number: return FieldValue::of_number(static_cast<double>(static_cast<std::int32_t>(payload)));
        case Stored::wide_integer: return FieldValue::of_integer(static_cast<std::int64_t>(wide_[payload]));
        case Stored::wide_number: return FieldValue::of_number(std::bit_cast<double>(wide_[payload]));
        case Stored::text: {
            const Column& column = columns_[c];
            return FieldValue::of_text(column.interned ? column.texts[payload - 1] : column.arena.at(payload));
        }
        case Stored::null: break;
    }
    return {};
}

std::uint32_t WorkerTable::text_id(std::size_t row, std::size_t c) const {
    const Record& record = records_[row];
    return columns_[c].interned && record.kinds[c] == Stored::text ? record.payload[c] : 0;
}

void WorkerTable::read(std::size_t row, WorkerValues& out) const {
    for (std::size_t c = 0; c < column::count; ++c) out[c] = value(row, c);
}

nlohmann::json WorkerTable::to_json(std::size_t row) const {
    nlohmann::json record = nlohmann::json::object();
    const auto& names = worker_columns();
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        const FieldValue v = value(row, c);
        switch (v.kind) {
            case FieldKind::text: record[names[c]] = std::string(v.text); break;
            case FieldKind::integer: record[names[c]] = v.integer; break;
            case FieldKind::number: record[names[c]] = v.number; break;
            case FieldKind::null: record[names[c]] = nullptr; break;
        }
    }
    return record;
}

}  // namespace tata::ranking
