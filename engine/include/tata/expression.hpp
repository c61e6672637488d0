// Sandboxed expressions for guards and rule conditions, run in Lua 5.4.
//
// The sandbox has no io, os, require, load, dofile, string.dump or
// debug; each evaluation runs under an instruction budget and the state under
// a memory cap, so a runaway expression fails that one evaluation only.
// Expressions are compiled once (at workflow load) and evaluated many times.
#pragma once

#include "tata/field_value.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <span>
#include <string_view>
#include <vector>

namespace tata {

struct ExpressionLimits {
    std::size_t instruction_budget = 1'000'000;   // VM instructions per evaluation
    std::size_t memory_cap_bytes = 32u << 20;      // bytes for the whole Lua state
};

// Thrown when an expression fails to compile; message is Lua's, without the
// chunk-name prefix, so callers can prefix a YAML location.
class ExpressionCompileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Thrown when one evaluation fails: runtime error, budget or memory exceeded.
class ExpressionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What an expression can read. Every table is read-only. Names resolve in this
// order: the helper functions, `data` (case data), `input` (the event's
// input), `case` (id, state, workflow, regency), `now` (ISO string); any
// other global name is looked up in the case data, then the input, so
// `checks.failed == 0` reads data.checks.failed. Missing names are nil.
struct ExpressionScope {
    const nlohmann::json* data = nullptr;
    const nlohmann::json* input = nullptr;
    const nlohmann::json* case_info = nullptr;
    std::string_view now;
};

// One failed evaluation of CompiledConditions: which condition failed, or
// `whole` when the evaluation as a whole was stopped (budget, memory cap).
class ConditionError : public ExpressionError {
public:
    static constexpr std::size_t whole = static_cast<std::size_t>(-1);
    ConditionError(const std::string& message, std::size_t condition) : ExpressionError(message), condition_(condition) {}
    std::size_t condition() const { return condition_; }

private:
    std::size_t condition_;
};

class ExpressionEngine;

class CompiledExpression {
public:
    CompiledExpression() = default;
    const std::string& source() const { return source_; }
    bool valid() const { return engine_ != nullptr; }

    // Evaluate to a JSON value (nil → null; tables are not returned).
    nlohmann::json evaluate(const ExpressionScope& scope) const;
    // Evaluate as a condition: Lua truthiness (nil and false are false).
    bool test(const ExpressionScope& scope) const;

private:
    friend class ExpressionEngine;
    std::shared_ptr<ExpressionEngine> engine_;
    int reference_ = 0;
    std::string source_;
};

class NativeConditions;
namespace lua_record {
struct Program;
}

// Up to 64 conditions over a flat record with fixed columns, evaluated
// together in one Lua call that builds no tables: what a scorecard needs to
// rank millions of workers (DESIGN.md section 7). Names in the conditions
// resolve to the allowed helpers, then to the record's columns, else nil;
// there is no `data`, `input`, `case` or `now`. One evaluation (all the
// conditions of one record) runs under the instruction budget.
class CompiledConditions {
public:
    static constexpr std::size_t most = 64;
    CompiledConditions() = default;
    bool valid() const { return engine_ != nullptr; }
    std::size_t size() const { return size_; }
    // Whether C++ decides these conditions (all are in the subset of
    // rules/native_conditions.hpp), Lua only the records outside it.
    bool native() const { return native_ != nullptr; }

    // Bit i is set when condition i holds (Lua truthiness) for `values`,
    // given in the order of the columns compiled with. Throws ConditionError.
    std::uint64_t test(std::span<const FieldValue> values) const;

private:
    friend class ExpressionEngine;
    std::shared_ptr<ExpressionEngine> engine_;
    std::shared_ptr<lua_record::Program> program_;
    // The same conditions decided in C++ when they are all simple enough
    // (rules/native_conditions.hpp); Lua decides the rest.
    std::shared_ptr<const NativeConditions> native_;
    std::size_t size_ = 0;
};

// One sandboxed Lua state. Thread-safe: evaluations are serialized.
class ExpressionEngine : public std::enable_shared_from_this<ExpressionEngine> {
public:
    static std::shared_ptr<ExpressionEngine> create(ExpressionLimits limits = {});
    ~ExpressionEngine();
    ExpressionEngine(const ExpressionEngine&) = delete;
    ExpressionEngine& operator=(const ExpressionEngine&) = delete;

    // Compiles `return <source>`; throws ExpressionCompileError.
    CompiledExpression compile(std::string_view source);
    // Compiles `sources` (at most CompiledConditions::most) as conditions
    // over records with `columns`; throws ExpressionCompileError naming the
    // first condition (by 1-based position) that does not compile.
    CompiledConditions compile_conditions(std::vector<std::string> columns, const std::vector<std::string>& sources);

    struct Impl;

private:
    explicit ExpressionEngine(ExpressionLimits limits);
    friend class CompiledExpression;
    friend class CompiledConditions;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tata
