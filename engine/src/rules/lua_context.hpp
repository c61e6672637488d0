// The bookkeeping one sandboxed Lua state shares with the C functions that
// run inside it: the scope being evaluated, the instruction budget and the
// memory cap. The state's extra space points at its context, so any
// lua_CFunction reaches it in O(1) without registry lookups.
#pragma once

#include "tata/expression.hpp"

#include <lua.hpp>

#include <cstddef>

namespace tata {

class LuaContext {
public:
    // Why an evaluation must end even if the expression tries to catch the
    // error with pcall: a runaway expression may not keep running.
    enum class Abort { none, budget, memory };

    explicit LuaContext(const ExpressionLimits& limits);
    LuaContext(const LuaContext&) = delete;
    LuaContext& operator=(const LuaContext&) = delete;

    // A new state whose allocator enforces the memory cap and whose extra
    // space points at this context; nullptr when even that cannot be had.
    lua_State* new_state();
    static LuaContext& of(lua_State* L);

    // Brackets one evaluation: resets the budget and binds the scope.
    void begin(lua_State* L, const ExpressionScope& scope);
    void end();
    const ExpressionScope* scope() const { return scope_; }

    // Charges work done in C (where the count hook cannot see it) against
    // the instruction budget; raises a Lua error once the budget is spent.
    void charge(lua_State* L, std::size_t instructions);
    // The same for scans measured in elementary steps (bytes compared,
    // elements visited), which are much cheaper than VM instructions:
    // `steps` repeated `times` times, without overflow.
    void charge_steps(lua_State* L, std::size_t steps, std::size_t times = 1);

    // Classifies a failed call by its status. Anything but Abort::none must
    // end the whole evaluation.
    Abort classify_failure(int status);

private:
    static void* allocate(void* self, void* block, std::size_t old_size, std::size_t new_size) noexcept;
    static void count_hook(lua_State* L, lua_Debug* ar);
    void raise_budget_exceeded(lua_State* L);

    ExpressionLimits limits_;
    int hook_interval_;
    const ExpressionScope* scope_ = nullptr;
    std::size_t instructions_ = 0;  // charged during the current evaluation
    std::size_t memory_used_ = 0;   // bytes held by the whole state
    Abort abort_ = Abort::none;
};

}  // namespace tata
