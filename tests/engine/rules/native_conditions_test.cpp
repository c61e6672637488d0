// Conditions decided in C++ (rules/native_conditions.hpp) against the same
// conditions decided by Lua, over records of every kind of value: the same
// mask, or the same error, for every record.
#include "tata/expression.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

using tata::CompiledConditions;
using tata::ExpressionEngine;
using tata::FieldValue;

namespace {

const std::vector<std::string> columns = {"sektor", "pendidikan", "nilai_kinerja", "masa_kerja_tahun", "lulus_ppg"};

// The shapes of the shipped scorecards' rules, and the corners of the subset.
const std::vector<std::string> conditions = {
    "sektor == 'pendidikan'",
    "sektor ~= \"kesehatan\"",
    "pendidikan == 'S1' or pendidikan == 'S2' or pendidikan == 'S3'",
    "(nilai_kinerja or 0) >= 85",
    "(nilai_kinerja or 0) >= 75 and (nilai_kinerja or 0) < 85",
    "(masa_kerja_tahun or 0) >= 5 and (masa_kerja_tahun or 0) < 10",
    "masa_kerja_tahun >= 2",                       // nil or text here is Lua's error
    "nilai_kinerja > 4.5",
    "nilai_kinerja == 5",                          // 5 == 5.0 in Lua
    "masa_kerja_tahun <= -1 or masa_kerja_tahun == 7.0",
    "sektor == 'teknis' and masa_kerja_tahun > 3 or lulus_ppg == 'ya'",  // and before or
    "lulus_ppg == 1",                              // a text '1' is not the number 1
    "(masa_kerja_tahun or 2.5) > 2",
    "masa_kerja_tahun == 9007199254740992.0",  // 2^53: as a double, 2^53 + 1 would equal it
    "masa_kerja_tahun < 9007199254740993",
    "nilai_kinerja == -0.0 or nilai_kinerja >= 0",
    "true",   // a rule without a condition, as a scorecard writes it
    "false",  // a rule a scorer plugin scores
};

// Each condition as Lua alone decides it: a whole condition in parentheses
// is outside the C++ subset, and `and true` keeps its truth.
std::vector<std::string> lua_only(const std::vector<std::string>& sources) {
    std::vector<std::string> out;
    for (const auto& s : sources) out.push_back("(" + s + ") and true");
    return out;
}

FieldValue random_value(std::mt19937& random) {
    static const char* texts[] = {"pendidikan", "kesehatan", "teknis", "S1", "S2", "D3", "ya", "1", "5", ""};
    switch (random() % 16) {
        case 10: return FieldValue::of_number(-0.0);
        case 11: return FieldValue::of_number(-std::numeric_limits<double>::infinity());
        case 12: return FieldValue::of_integer(std::int64_t{1} << 53);
        case 13: return FieldValue::of_integer((std::int64_t{1} << 53) - 1);
        case 14: return FieldValue::of_number(9007199254740994.0);  // 2^53 + 2, a float
        case 15: return FieldValue::of_text(std::string_view("a\0b", 3));
        case 0: return {};
        case 1:
        case 2: return FieldValue::of_text(texts[random() % std::size(texts)]);
        case 3:
        case 4: return FieldValue::of_integer(static_cast<std::int64_t>(random() % 16) - 3);
        case 5: return FieldValue::of_number(static_cast<double>(random() % 200) / 2.0);  // 4.5, 5.0, 85.0, ...
        case 6: return FieldValue::of_number(std::nan(""));
        case 7: return FieldValue::of_integer((std::int64_t{1} << 60) + 1);  // beyond a double's integers
        case 8: return FieldValue::of_integer((std::int64_t{1} << 53) + 1);
        default: return FieldValue::of_number(std::numeric_limits<double>::infinity());
    }
}

struct Outcome {
    bool failed = false;
    std::uint64_t mask = 0;
    std::string error;
};

Outcome run(const CompiledConditions& c, const std::vector<FieldValue>& record) {
    try {
        return {false, c.test(record), {}};
    } catch (const std::exception& e) {
        return {true, 0, e.what()};
    }
}

}  // namespace

TEST_CASE("conditions decided in C++ agree with Lua on every record, errors included", "[expression][native]") {
    auto engine = ExpressionEngine::create();
    const auto native = engine->compile_conditions(columns, conditions);
    const auto lua = engine->compile_conditions(columns, lua_only(conditions));
    REQUIRE(native.native());
    REQUIRE_FALSE(lua.native());

    std::mt19937 random(20261207);
    std::size_t masks = 0, errors = 0;
    for (int i = 0; i < 20000; ++i) {
        std::vector<FieldValue> record;
        // Now and then shorter than the columns: the missing ones are nil.
        const std::size_t width = i % 10 == 0 ? columns.size() - 2 : columns.size();
        for (std::size_t c = 0; c < width; ++c) record.push_back(random_value(random));
        const Outcome a = run(native, record);
        const Outcome b = run(lua, record);
        INFO("record " << i);
        REQUIRE(a.failed == b.failed);
        if (a.failed) {
            ++errors;
            // The wrapping shifts no line; both name the same condition.
            CHECK(a.error == b.error);
        } else {
            ++masks;
            REQUIRE(a.mask == b.mask);
        }
    }
    CHECK(masks > 1000);  // both outcomes were exercised many times
    CHECK(errors > 1000);
}

TEST_CASE("typical records are decided in C++ without Lua", "[expression][native]") {
    // Numbers where numbers are compared: no record needs Lua, so none can
    // fail, even with the instruction budget at its smallest.
    auto engine = ExpressionEngine::create({.instruction_budget = 1});
    const auto c = engine->compile_conditions(
        columns, {"sektor == 'pendidikan'", "(nilai_kinerja or 0) >= 85", "masa_kerja_tahun >= 2 and masa_kerja_tahun < 5"});
    REQUIRE(c.native());
    const std::vector<FieldValue> teacher = {FieldValue::of_text("pendidikan"), {}, FieldValue::of_number(90),
                                             FieldValue::of_integer(3), {}};
    CHECK(c.test(teacher) == 0b111);
    const std::vector<FieldValue> other = {FieldValue::of_text("teknis"), {}, {}, FieldValue::of_integer(5), {}};
    CHECK(c.test(other) == 0);
}

TEST_CASE("conditions outside the subset stay with Lua", "[expression][native]") {
    auto engine = ExpressionEngine::create();
    const std::vector<std::string> outside = {
        "not (sektor == 'x')",        // `not`
        "sektor >= 'a'",              // texts ordered by collation
        "sektor == 'a\\n'",           // an escape
        "gaji > 3",                   // not a column: nil, not an error
        "nilai_kinerja > 1e3",        // an exponent
        "nilai_kinerja == 0x10",      // hexadecimal
        "nilai_kinerja == 1 -- x",    // a comment
        "len(sektor) == 1",           // a helper
        "(nilai_kinerja or sektor) == 1",
        "sektor == nil",
    };
    for (const auto& source : outside) {
        INFO(source);
        CHECK_FALSE(engine->compile_conditions(columns, {source}).native());
    }
    // What Lua refuses is refused as before, whatever C++ would make of it.
    CHECK_THROWS_AS(engine->compile_conditions(columns, {"sektor == 'a' and"}), tata::ExpressionCompileError);
    // Names the chunk itself holds are not the record's in Lua.
    CHECK_FALSE(engine->compile_conditions({"_TATA_MASK"}, {"_TATA_MASK == 0"}).native());
    CHECK_FALSE(engine->compile_conditions({"_ENV"}, {"_ENV == 1"}).native());
    // A column named like a helper is the helper in Lua, so not a column here.
    CHECK_FALSE(engine->compile_conditions({"len"}, {"len == 1"}).native());
    // One condition outside the subset leaves the whole set to Lua.
    CHECK_FALSE(engine->compile_conditions(columns, {"sektor == 'a'", "not (sektor == 'b')"}).native());
}

TEST_CASE("of two columns of one name, C++ reads the one Lua reads", "[expression][native]") {
    auto engine = ExpressionEngine::create();
    const auto native = engine->compile_conditions({"a", "a"}, {"a == 1", "a == 2"});
    const auto lua = engine->compile_conditions({"a", "a"}, lua_only({"a == 1", "a == 2"}));
    REQUIRE(native.native());
    const std::vector<FieldValue> record = {FieldValue::of_integer(1), FieldValue::of_integer(2)};
    CHECK(native.test(record) == lua.test(record));
}
