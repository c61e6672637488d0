#include "ranking/worker_table.hpp"

#include <bit>
#include <stdexcept>

namespace tata::ranking {
namespace {

constexpr unsigned kLengthBits = 24;
constexpr std::uint64_t kLengthMask = (std::uint64_t{1} << kLengthBits) - 1;

}  // namespace

WorkerTable::WorkerTable() : columns_(column::count) {
    // A dictionary of 2.3 million NIKs or names would cost more than it saves.
    columns_[column::nik].interned = false;
    columns_[column::nama].interned = false;
}

std::uint64_t WorkerTable::store_text(Column& column, std::string_view text) {
    if (!column.interned) {
        if (text.size() > kLengthMask) throw std::length_error("an index value of more than 16 MB");
        const std::uint64_t offset = column.arena.size();
        column.arena.append(text);
        return offset << kLengthBits | text.size();
    }
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
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        Column& column = columns_[c];
        const FieldValue value = c < values.size() ? values[c] : FieldValue();
        std::uint64_t payload = 0;
        switch (value.kind) {
            case FieldKind::integer: payload = static_cast<std::uint64_t>(value.integer); break;
            case FieldKind::number: payload = std::bit_cast<std::uint64_t>(value.number); break;
            case FieldKind::text: payload = store_text(column, value.text); break;
            case FieldKind::null: break;
        }
        column.kinds.push_back(value.kind);
        column.payload.push_back(payload);
    }
    ++rows_;
}

FieldValue WorkerTable::value(std::size_t row, std::size_t c) const {
    const Column& column = columns_[c];
    const std::uint64_t payload = column.payload[row];
    switch (column.kinds[row]) {
        case FieldKind::integer: return FieldValue::of_integer(static_cast<std::int64_t>(payload));
        case FieldKind::number: return FieldValue::of_number(std::bit_cast<double>(payload));
        case FieldKind::text:
            if (column.interned) return FieldValue::of_text(column.texts[payload - 1]);
            return FieldValue::of_text(
                std::string_view(column.arena).substr(payload >> kLengthBits, payload & kLengthMask));
        case FieldKind::null: break;
    }
    return {};
}

std::uint32_t WorkerTable::text_id(std::size_t row, std::size_t c) const {
    const Column& column = columns_[c];
    return column.interned && column.kinds[row] == FieldKind::text ? static_cast<std::uint32_t>(column.payload[row]) : 0;
}

void WorkerTable::read(std::size_t row, WorkerValues& out) const {
    for (std::size_t c = 0; c < columns_.size(); ++c) out[c] = value(row, c);
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
