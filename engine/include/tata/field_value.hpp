// One typed value of a flat record: what hot loops (ranking millions of
// workers) read from the case index and hand to expressions instead of JSON.
// A record is a fixed list of column names plus a span of these values in the
// same order, which is also how it crosses to a plugin: two parallel arrays.
//
// Text is a view, not a copy: whoever builds the value keeps the bytes alive
// for as long as the value is used (for an index row, until the next row).
#pragma once

#include <cstdint>
#include <string_view>

namespace tata {

enum class FieldKind : std::uint8_t { null, text, integer, number };

struct FieldValue {
    FieldKind kind = FieldKind::null;
    std::int64_t integer = 0;
    double number = 0;
    std::string_view text;

    static FieldValue of_text(std::string_view value) { return {FieldKind::text, 0, 0, value}; }
    static FieldValue of_integer(std::int64_t value) { return {FieldKind::integer, value, 0, {}}; }
    static FieldValue of_number(double value) { return {FieldKind::number, 0, value, {}}; }
    bool is_null() const { return kind == FieldKind::null; }
    bool is_numeric() const { return kind == FieldKind::integer || kind == FieldKind::number; }
    double as_double() const { return kind == FieldKind::integer ? static_cast<double>(integer) : number; }
};

}  // namespace tata
