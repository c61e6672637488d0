// libFuzzer target for the expression sandbox: compile and evaluate any
// text against a small case. Invariant: a value, or ExpressionCompileError /
// ExpressionError; the budget and the memory cap end everything else.
// Links: tata::engine.
#include <tata/expression.hpp>

#include <cstdint>

using namespace tata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto engine = ExpressionEngine::create();
    static const nlohmann::json case_data = {{"nama", "Siti"}, {"nilai", 80}, {"dokumen", {"ktp", "sk"}},
                                             {"checks", {{"failed", 0}}}};
    static const nlohmann::json input = nlohmann::json::object(), info = {{"id", 1}, {"regency", "62.03"}};
    const std::string source(reinterpret_cast<const char*>(data), size);
    try {
        const auto expression = engine->compile(source);
        (void)expression.evaluate({&case_data, &input, &info, "2025-01-02T08:00:00+07:00"});
    } catch (const ExpressionCompileError&) {
    } catch (const ExpressionError&) {
    }
    return 0;
}
