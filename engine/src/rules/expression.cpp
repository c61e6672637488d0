// The expression engine's public face: one sandboxed Lua state per engine,
// expressions compiled into its registry, evaluations serialized by a mutex.
// What expressions can reach is lua_sandbox's business, the budget and the
// memory cap lua_context's, JSON in Lua lua_json_proxy's.

#include "tata/expression.hpp"

#include "rules/lua_context.hpp"
#include "rules/lua_json_proxy.hpp"
#include "rules/lua_record_env.hpp"
#include "rules/lua_sandbox.hpp"
#include "rules/native_conditions.hpp"

#include <lua.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace tata {

namespace {

// Lua prefixes messages with "expr:<line>: ". Callers prefix their own YAML
// location, so the chunk name goes; a line after the first is kept, since
// multi-line expressions exist.
std::string without_chunk_prefix(std::string_view message) {
    constexpr std::string_view prefix = "expr:";
    if (!message.starts_with(prefix)) return std::string(message);
    const std::size_t digits_end = message.find_first_not_of("0123456789", prefix.size());
    if (digits_end == prefix.size() || digits_end == std::string_view::npos || message[digits_end] != ':') {
        return std::string(message);
    }
    const std::string_view line = message.substr(prefix.size(), digits_end - prefix.size());
    std::string_view rest = message.substr(digits_end + 1);
    if (rest.starts_with(' ')) rest.remove_prefix(1);
    if (line == "1") return std::string(rest);
    return "line " + std::string(line) + ": " + std::string(rest);
}

// Describes the error object at `index` without calling anything that could
// raise: this runs outside protected mode.
std::string error_text(lua_State* L, int index) {
    switch (lua_type(L, index)) {
    case LUA_TSTRING: {
        std::size_t length = 0;
        const char* text = lua_tolstring(L, index, &length);
        return without_chunk_prefix(std::string_view(text, length));
    }
    case LUA_TNUMBER:
        return lua_isinteger(L, index) ? std::to_string(lua_tointeger(L, index))
                                       : std::to_string(lua_tonumber(L, index));
    default: return std::string("(error object is a ") + luaL_typename(L, index) + " value)";
    }
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

int install_sandbox(lua_State* L) {
    lua_sandbox::install(L);
    return 0;
}

struct CompileRequest {
    std::string_view code;
    int load_status = LUA_OK;
    int reference = LUA_NOREF;
};

// Loading, binding _ENV and taking a registry reference all allocate, and
// an allocation may fail under the cap; in protected mode that is an error
// instead of a panic.
int compile_chunk(lua_State* L) {
    auto& request = *static_cast<CompileRequest*>(lua_touserdata(L, 1));
    // Mode "t": text only. Precompiled bytecode can break the VM's invariants.
    request.load_status = luaL_loadbufferx(L, request.code.data(), request.code.size(), "=expr", "t");
    if (request.load_status != LUA_OK) return lua_error(L);
    lua_sandbox::push_environment(L);
    lua_setupvalue(L, -2, 1);  // a main chunk's one upvalue is _ENV
    request.reference = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

}  // namespace

struct ExpressionEngine::Impl {
    explicit Impl(const ExpressionLimits& limits);
    ~Impl() { lua_close(L); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    int compile(std::string_view source);
    void compile_conditions(lua_record::Program& program, const std::vector<std::string>& sources);
    std::uint64_t test_conditions(lua_record::Program& program, std::span<const FieldValue> values);

    // Runs the compiled chunk `reference` over `scope` and hands its result
    // (on top of the stack) to `read` before anything else can touch the
    // state. `read` may throw but must not raise Lua errors.
    template <typename Read>
    auto evaluate(int reference, const ExpressionScope& scope, Read read);

    LuaContext context;  // declared first: the state's allocator points at it
    lua_State* L;
    std::mutex mutex;

private:
    std::string failure_message(int status);
};

ExpressionEngine::Impl::Impl(const ExpressionLimits& limits) : context(limits), L(context.new_state()) {
    if (L == nullptr) throw ExpressionError("cannot create the expression state: memory cap too small");
    lua_pushcfunction(L, &install_sandbox);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        const std::string message = error_text(L, -1);
        lua_close(L);
        throw ExpressionError("cannot set up the expression sandbox: " + message);
    }
}

int ExpressionEngine::Impl::compile(std::string_view source) {
    if (is_blank(source)) throw ExpressionCompileError("empty expression");
    const std::string code = "return " + std::string(source);
    CompileRequest request{code};

    std::lock_guard lock(mutex);
    lua_pushcfunction(L, &compile_chunk);
    lua_pushlightuserdata(L, &request);
    const int status = lua_pcall(L, 1, 0, 0);
    if (status == LUA_OK) return request.reference;
    const bool out_of_memory = status == LUA_ERRMEM || request.load_status == LUA_ERRMEM;
    std::string message = out_of_memory ? "memory cap exceeded" : error_text(L, -1);
    lua_pop(L, 1);
    throw ExpressionCompileError(message);
}

void ExpressionEngine::Impl::compile_conditions(lua_record::Program& program, const std::vector<std::string>& sources) {
    if (sources.size() > CompiledConditions::most)
        throw ExpressionCompileError("at most " + std::to_string(CompiledConditions::most) + " conditions");
    // Each alone first: its own message, and the guarantee that it is one
    // expression, so that it cannot change the code around it.
    for (std::size_t i = 0; i < sources.size(); ++i) {
        try {
            compile(sources[i]);
        } catch (const ExpressionCompileError& e) {
            throw ExpressionCompileError("condition " + std::to_string(i + 1) + ": " + e.what());
        }
    }
    const std::string code = lua_record::chunk_source(sources, program);
    lua_record::BuildRequest request{&program, code};
    std::lock_guard lock(mutex);
    lua_pushcfunction(L, &lua_record::build);
    lua_pushlightuserdata(L, &request);
    const int status = lua_pcall(L, 1, 0, 0);
    if (status == LUA_OK) return;
    const bool out_of_memory = status == LUA_ERRMEM || request.load_status == LUA_ERRMEM;
    std::string message = out_of_memory ? "memory cap exceeded" : error_text(L, -1);
    lua_pop(L, 1);
    throw ExpressionCompileError(message);
}

std::uint64_t ExpressionEngine::Impl::test_conditions(lua_record::Program& program, std::span<const FieldValue> values) {
    static const ExpressionScope no_scope;
    std::lock_guard lock(mutex);
    struct Restore {
        Impl& impl;
        lua_record::Program& program;
        int top;
        ~Restore() {
            impl.context.end();
            program.values = nullptr;
            lua_settop(impl.L, top);
        }
    } restore{*this, program, lua_gettop(L)};

    context.begin(L, no_scope);
    program.values = values.data();
    program.value_count = values.size();
    lua_pushcfunction(L, &lua_record::run);
    lua_pushlightuserdata(L, &program);
    const int status = lua_pcall(L, 1, 1, 0);
    if (status == LUA_OK) return static_cast<std::uint64_t>(lua_tointeger(L, -1));

    std::size_t condition = ConditionError::whole;
    std::string message;
    if (context.classify_failure(status) != LuaContext::Abort::none) {
        message = failure_message(status);
    } else {
        // "expr:LINE: text" with LINE in the whole chunk: find the condition
        // and say the line within it, as for a single expression.
        message = error_text(L, -1);
        std::size_t length = 0;
        const char* raw = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &length) : nullptr;
        const std::string_view text = raw ? std::string_view(raw, length) : std::string_view();
        int line = 0;
        if (text.starts_with("expr:")) {
            std::size_t at = 5;
            while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) line = line * 10 + (text[at++] - '0');
            condition = lua_record::condition_at_line(program, line);
            if (condition < program.first_line.size()) {
                const int own = line - program.first_line[condition] + 1;
                message = without_chunk_prefix("expr:" + std::to_string(own) + std::string(text.substr(at)));
            } else {
                condition = ConditionError::whole;
            }
        }
    }
    lua_settop(L, restore.top);
    lua_gc(L, LUA_GCCOLLECT);
    throw ConditionError(message, condition);
}

template <typename Read>
auto ExpressionEngine::Impl::evaluate(int reference, const ExpressionScope& scope, Read read) {
    std::lock_guard lock(mutex);
    // Whatever happens, the next evaluation finds the stack as it was and
    // no scope bound: proxies must not outlive the JSON they point at.
    struct Restore {
        Impl& impl;
        int top;
        ~Restore() {
            impl.context.end();
            lua_settop(impl.L, top);
        }
    } restore{*this, lua_gettop(L)};

    context.begin(L, scope);
    lua_rawgeti(L, LUA_REGISTRYINDEX, reference);
    const int status = lua_pcall(L, 0, 1, 0);
    if (status != LUA_OK) {
        const std::string message = failure_message(status);
        lua_settop(L, restore.top);
        // A failed evaluation may leave a heap of garbage close to the cap;
        // return it now rather than at the next one's expense.
        lua_gc(L, LUA_GCCOLLECT);
        throw ExpressionError(message);
    }
    return read(L, -1);
}

std::string ExpressionEngine::Impl::failure_message(int status) {
    switch (context.classify_failure(status)) {
    case LuaContext::Abort::budget: return "instruction budget exceeded";
    case LuaContext::Abort::memory: return "memory cap exceeded";
    case LuaContext::Abort::none: break;
    }
    return error_text(L, -1);
}

std::shared_ptr<ExpressionEngine> ExpressionEngine::create(ExpressionLimits limits) {
    // The constructor is private (engines live in shared_ptrs so expressions
    // can keep them alive), which rules out make_shared.
    return std::shared_ptr<ExpressionEngine>(new ExpressionEngine(limits));
}

ExpressionEngine::ExpressionEngine(ExpressionLimits limits) : impl_(std::make_unique<Impl>(limits)) {}

ExpressionEngine::~ExpressionEngine() = default;

// Registry references are never released: expressions are compiled once per
// workflow load and copies of a CompiledExpression share one reference.
CompiledExpression ExpressionEngine::compile(std::string_view source) {
    CompiledExpression expression;
    expression.reference_ = impl_->compile(source);
    expression.source_ = std::string(source);
    expression.engine_ = shared_from_this();
    return expression;
}

CompiledConditions ExpressionEngine::compile_conditions(std::vector<std::string> columns,
                                                        const std::vector<std::string>& sources) {
    CompiledConditions conditions;
    auto program = std::make_shared<lua_record::Program>();
    program->columns = std::move(columns);
    impl_->compile_conditions(*program, sources);
    // A name is read as a column where the Lua program reads it so: a
    // column no helper shadows (program->copied), the last of that name as
    // in Lua, and none the chunk itself names (_ENV, _TATA_MASK).
    const auto column_of = [&](std::string_view name) {
        int found = -1;
        if (name.starts_with('_')) return found;
        for (const int index : program->copied)
            if (program->columns[static_cast<std::size_t>(index)] == name) found = index;
        return found;
    };
    if (auto native = NativeConditions::compile(sources, column_of))
        conditions.native_ = std::make_shared<const NativeConditions>(std::move(*native));
    conditions.program_ = std::move(program);
    conditions.size_ = sources.size();
    conditions.engine_ = shared_from_this();
    return conditions;
}

std::uint64_t CompiledConditions::test(std::span<const FieldValue> values) const {
    if (!engine_) throw ExpressionError("conditions were not compiled");
    if (native_)
        if (const auto mask = native_->test(values)) return *mask;
    return engine_->impl_->test_conditions(*program_, values);
}

nlohmann::json CompiledExpression::evaluate(const ExpressionScope& scope) const {
    if (!engine_) throw ExpressionError("expression was not compiled");
    return engine_->impl_->evaluate(reference_, scope,
                                    [](lua_State* L, int index) { return lua_json::to_json(L, index); });
}

bool CompiledExpression::test(const ExpressionScope& scope) const {
    if (!engine_) throw ExpressionError("expression was not compiled");
    return engine_->impl_->evaluate(reference_, scope,
                                    [](lua_State* L, int index) { return lua_toboolean(L, index) != 0; });
}

}  // namespace tata
