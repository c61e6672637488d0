// libFuzzer target for a scorecard's conditions decided in C++
// (engine/src/rules/native_conditions.hpp): any text as one condition over a
// worker record. Invariant: when C++ decides it, every record gets the same
// answer as from Lua alone (the same truth, or the same error); otherwise a
// value, ExpressionCompileError or ConditionError, as for any condition.
// Links: tata::engine.
#include <tata/expression.hpp>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

using namespace tata;

namespace {

const std::vector<std::string> columns = {"sektor", "pendidikan", "nilai_kinerja", "masa_kerja_tahun", "lulus_ppg"};

const std::vector<std::vector<FieldValue>>& records() {
    static const std::vector<std::vector<FieldValue>> all = {
        {FieldValue::of_text("pendidikan"), FieldValue::of_text("S1"), FieldValue::of_number(85), FieldValue::of_integer(5),
         FieldValue::of_text("ya")},
        {{}, {}, {}, {}, {}},
        {FieldValue::of_text("5"), FieldValue::of_text(""), FieldValue::of_number(4.5), FieldValue::of_integer(-1),
         FieldValue::of_integer(1)},
        {FieldValue::of_integer(7), FieldValue::of_number(7.0), FieldValue::of_number(std::numeric_limits<double>::quiet_NaN()),
         FieldValue::of_integer((std::int64_t{1} << 53) + 1), FieldValue::of_number(std::numeric_limits<double>::infinity())},
    };
    return all;
}

struct Answer {
    bool failed = false;
    std::uint64_t mask = 0;
    std::string error;
};

Answer run(const CompiledConditions& conditions, const std::vector<FieldValue>& record) {
    try {
        return {false, conditions.test(record), {}};
    } catch (const ExpressionError& e) {
        return {true, 0, e.what()};
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto engine = ExpressionEngine::create();
    const std::string source(reinterpret_cast<const char*>(data), size);
    CompiledConditions decided;
    try {
        decided = engine->compile_conditions(columns, {source});
    } catch (const ExpressionCompileError&) {
        return 0;
    }
    if (!decided.native()) {
        for (const auto& record : records()) (void)run(decided, record);
        return 0;
    }
    // In the subset: the same condition wrapped so that only Lua decides it.
    const auto lua_only = engine->compile_conditions(columns, {"(" + source + ") and true"});
    if (lua_only.native()) std::abort();
    for (const auto& record : records()) {
        const Answer a = run(decided, record);
        const Answer b = run(lua_only, record);
        if (a.failed != b.failed || a.mask != b.mask || a.error != b.error) std::abort();
    }
    return 0;
}
