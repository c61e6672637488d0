// Conditions simple enough to decide without Lua, decided in C++.
//
// A scorecard's rules are nearly all of one shape: a column compared with a
// literal, joined by `and` and `or` ("sektor == 'pendidikan'",
// "(masa_kerja_tahun or 0) >= 5 and (masa_kerja_tahun or 0) < 10"). Ranking
// 2.3 million workers ran each worker's rules through one Lua call; that call
// was a quarter of the scoring thread's time. The subset decided here:
//
//   condition  := "true" | "false" | conjunction { "or" conjunction }
//   conjunction := comparison { "and" comparison }
//   comparison := operand ("==" | "~=" | "<" | "<=" | ">" | ">=") literal
//   operand    := column | "(" column "or" number ")"
//   literal    := number | 'text' | "text"     (no escapes; text only with == and ~=)
//   number     := [-]digits[.digits]
//
// where a column is one the Lua program reads as a column (not a helper's
// name). Anything else leaves the whole set to Lua. Lua's meaning is kept
// exactly: values of different types are never equal; `and` and `or` stop
// as early as Lua does. Where Lua would raise an error (ordering a text or a
// nil against a number) or where a double could round (integers beyond
// 2^53), the record is handed back to Lua, which decides it, or fails with
// its own message. What C++ decides takes nothing of Lua's instruction
// budget or memory cap: comparisons cannot run away.
#pragma once

#include "tata/field_value.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tata {

// A number as Lua reads its literal: an integer, or a float (it has a dot).
struct NumberLiteral {
    bool integer = true;
    std::int64_t i = 0;
    double d = 0;
};

class NativeConditions {
public:
    // nullopt unless every source is in the subset. `column_of` gives the
    // index of a name the conditions read as a record column, or -1.
    static std::optional<NativeConditions> compile(const std::vector<std::string>& sources,
                                                   const std::function<int(std::string_view)>& column_of);

    // Bit i set when condition i holds; nullopt when a value is one only Lua
    // decides exactly (see above).
    std::optional<std::uint64_t> test(std::span<const FieldValue> values) const;

private:
    enum class Op : std::uint8_t { eq, ne, lt, le, gt, ge };
    struct Comparison {
        std::size_t column = 0;
        std::optional<NumberLiteral> fallback;  // (column or fallback)
        Op op = Op::eq;
        std::optional<std::string> text;  // a text literal, else `number`
        NumberLiteral number;
    };
    using Conjunction = std::vector<Comparison>;
    using Condition = std::vector<Conjunction>;  // any of these, each all of its comparisons

    enum class Truth : std::uint8_t { no, yes, ask_lua };

    static std::optional<Condition> parse(std::string_view source, const std::function<int(std::string_view)>& column_of);
    static Truth compare(const Comparison& c, std::span<const FieldValue> values);

    std::vector<Condition> conditions_;
};

}  // namespace tata
