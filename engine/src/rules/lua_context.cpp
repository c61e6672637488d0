#include "rules/lua_context.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace tata {

namespace {

// The count hook fires every this many VM instructions, so the budget is
// enforced to within one interval while the hook costs almost nothing.
constexpr std::size_t kHookInterval = 1000;

// Copying or scanning memory in C costs time the count hook never sees
// (`s .. s` is one instruction however long s is), so every allocated byte
// is charged too: sixteen bytes cost about one instruction.
constexpr std::size_t kBytesPerInstruction = 16;

// A step of a scan in C (comparing a byte, visiting an element) is charged
// at the same rate as an allocated byte.
constexpr std::size_t kStepsPerInstruction = 16;

std::size_t saturating_add(std::size_t a, std::size_t b) {
    return b > std::numeric_limits<std::size_t>::max() - a ? std::numeric_limits<std::size_t>::max()
                                                           : a + b;
}

}  // namespace

LuaContext::LuaContext(const ExpressionLimits& limits)
    : limits_(limits),
      hook_interval_(static_cast<int>(std::clamp<std::size_t>(limits.instruction_budget, 1, kHookInterval))) {}

lua_State* LuaContext::new_state() {
    lua_State* L = lua_newstate(&LuaContext::allocate, this);
    if (L != nullptr) *static_cast<LuaContext**>(lua_getextraspace(L)) = this;
    return L;
}

LuaContext& LuaContext::of(lua_State* L) {
    return **static_cast<LuaContext**>(lua_getextraspace(L));
}

void LuaContext::begin(lua_State* L, const ExpressionScope& scope) {
    scope_ = &scope;
    instructions_ = 0;
    abort_ = Abort::none;
    // Re-installing the hook also restarts its countdown, so leftovers of
    // the previous evaluation are not billed to this one.
    lua_sethook(L, &LuaContext::count_hook, LUA_MASKCOUNT, hook_interval_);
}

void LuaContext::end() {
    scope_ = nullptr;
}

void LuaContext::charge(lua_State* L, std::size_t instructions) {
    instructions_ = saturating_add(instructions_, instructions);
    if (instructions_ > limits_.instruction_budget) raise_budget_exceeded(L);
}

void LuaContext::charge_steps(lua_State* L, std::size_t steps, std::size_t times) {
    constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
    const std::size_t total = times != 0 && steps > most / times ? most : steps * times;
    charge(L, total / kStepsPerInstruction);
}

// A refused allocation surfaces as LUA_ERRMEM wherever it happens: the core
// raises it directly, and since Lua 5.4 lua_error raises it too when the
// auxiliary library's buffers report "not enough memory".
LuaContext::Abort LuaContext::classify_failure(int status) {
    if (abort_ == Abort::none && status == LUA_ERRMEM) abort_ = Abort::memory;
    return abort_;
}

// Lua's allocator contract: free when new_size is 0, otherwise (re)allocate;
// `old_size` is a type tag, not a size, when `block` is null. Returning null
// makes Lua raise a memory error. Shrinking must never fail.
void* LuaContext::allocate(void* self, void* block, std::size_t old_size, std::size_t new_size) noexcept {
    auto& context = *static_cast<LuaContext*>(self);
    const std::size_t held = block != nullptr ? old_size : 0;
    if (new_size == 0) {
        std::free(block);
        context.memory_used_ -= held;
        return nullptr;
    }
    if (new_size > held) {
        const std::size_t growth = new_size - held;
        const std::size_t cap = context.limits_.memory_cap_bytes;
        if (context.memory_used_ > cap || growth > cap - context.memory_used_) return nullptr;
        // Only counted, not raised: an allocator must not longjmp. The next
        // hook or charge notices the overdraft.
        context.instructions_ = saturating_add(context.instructions_, growth / kBytesPerInstruction);
    }
    void* resized = std::realloc(block, new_size);
    if (resized == nullptr) return nullptr;
    context.memory_used_ = context.memory_used_ - held + new_size;
    return resized;
}

void LuaContext::count_hook(lua_State* L, lua_Debug*) {
    LuaContext& context = of(L);
    context.charge(L, static_cast<std::size_t>(context.hook_interval_));
}

void LuaContext::raise_budget_exceeded(lua_State* L) {
    abort_ = Abort::budget;
    lua_pushliteral(L, "instruction budget exceeded");
    lua_error(L);
}

}  // namespace tata
