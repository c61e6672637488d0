#include "ranking/worker_table.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace tata::ranking {
namespace {

constexpr unsigned kLengthBits = 24;
constexpr std::uint64_t kLengthMask = (std::uint64_t{1} << kLengthBits) - 1;
constexpr unsigned kOffsetBits = 20;
constexpr std::size_t kBlockBytes = std::size_t{1} << kOffsetBits;

}  // namespace

std::uint64_t WorkerTable::Arena::store(std::string_view text) {
    if (text.size() > kLengthMask) throw std::length_error("an index value of more than 16 MB");
    // A text longer than a block gets one of its own, at offset 0.
    if (blocks_.empty() || used_ + text.size() > kBlockBytes) {
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(std::max(kBlockBytes, text.size())));
        used_ = 0;
    }
    const std::uint64_t place = (std::uint64_t{blocks_.size() - 1} << (kOffsetBits + kLengthBits)) |
                                (std::uint64_t{used_} << kLengthBits) | text.size();
    std::copy(text.begin(), text.end(), blocks_.back().get() + used_);
    // The next text starts on a fresh block after an oversized one.
    used_ = text.size() > kBlockBytes ? kBlockBytes : used_ + text.size();
    return place;
}

std::string_view WorkerTable::Arena::at(std::uint64_t place) const {
    const std::size_t block = place >> (kOffsetBits + kLengthBits);
    const std::size_t offset = (place >> kLengthBits) & (kBlockBytes - 1);
    return {blocks_[block].get() + offset, static_cast<std::size_t>(place & kLengthMask)};
}

WorkerTable::WorkerTable() : columns_(column::count) {
    // A dictionary of 2.3 million NIKs or names would cost more than it saves.
    columns_[column::nik].interned = false;
    columns_[column::nama].interned = false;
}

std::uint64_t WorkerTable::store_text(Column& column, std::string_view text) {
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

void WorkerTable::append(std::span<const FieldValue> values) {
    Record& record = records_.append();
    for (std::size_t c = 0; c < column::count; ++c) {
        const FieldValue value = c < values.size() ? values[c] : FieldValue();
        std::uint64_t payload = 0;
        switch (value.kind) {
            case FieldKind::integer: payload = static_cast<std::uint64_t>(value.integer); break;
            case FieldKind::number: payload = std::bit_cast<std::uint64_t>(value.number); break;
            case FieldKind::text: payload = store_text(columns_[c], value.text); break;
            case FieldKind::null: break;
        }
        record.kinds[c] = value.kind;
        record.payload[c] = payload;
    }
}

FieldValue WorkerTable::value(std::size_t row, std::size_t c) const {
    const Record& record = records_[row];
    const std::uint64_t payload = record.payload[c];
    switch (record.kinds[c]) {
        case FieldKind::integer: return FieldValue::of_integer(static_cast<std::int64_t>(payload));
        case FieldKind::number: return FieldValue::of_number(std::bit_cast<double>(payload));
        case FieldKind::text: {
            const Column& column = columns_[c];
            return FieldValue::of_text(column.interned ? column.texts[payload - 1] : column.arena.at(payload));
        }
        case FieldKind::null: break;
    }
    return {};
}

std::uint32_t WorkerTable::text_id(std::size_t row, std::size_t c) const {
    const Record& record = records_[row];
    return columns_[c].interned && record.kinds[c] == FieldKind::text ? static_cast<std::uint32_t>(record.payload[c]) : 0;
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
