// Sandboxed expressions for guards and rule conditions, run in Lua 5.4.
//
// The sandbox has no io, os, require, load, dofile, string.dump or
// debug; each evaluation runs under an instruction budget and the state under
// a memory cap, so a runaway expression fails that one evaluation only.
// Expressions are compiled once (at workflow load) and evaluated many times.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

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

// One sandboxed Lua state. Thread-safe: evaluations are serialized.
class ExpressionEngine : public std::enable_shared_from_this<ExpressionEngine> {
public:
    static std::shared_ptr<ExpressionEngine> create(ExpressionLimits limits = {});
    ~ExpressionEngine();
    ExpressionEngine(const ExpressionEngine&) = delete;
    ExpressionEngine& operator=(const ExpressionEngine&) = delete;

    // Compiles `return <source>`; throws ExpressionCompileError.
    CompiledExpression compile(std::string_view source);

    struct Impl;

private:
    explicit ExpressionEngine(ExpressionLimits limits);
    friend class CompiledExpression;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tata
