#include "rules/lua_sandbox.hpp"

#include "rules/expression_helpers.hpp"
#include "rules/lua_context.hpp"
#include "rules/lua_json_proxy.hpp"

#include <initializer_list>
#include <string_view>

namespace tata::lua_sandbox {

namespace {

// The environment and the allowed names live in the registry under these
// addresses.
const char kEnvironmentKey = 0;
const char kAllowedKey = 0;

int refuse_write(lua_State* L) {
    return luaL_error(L, "expressions are read-only");
}

void open_libraries(lua_State* L) {
    static const luaL_Reg libraries[] = {
        {LUA_GNAME, &luaopen_base},         {LUA_STRLIBNAME, &luaopen_string}, {LUA_TABLIBNAME, &luaopen_table},
        {LUA_MATHLIBNAME, &luaopen_math},   {LUA_UTF8LIBNAME, &luaopen_utf8},
    };
    for (const luaL_Reg& library : libraries) {
        luaL_requiref(L, library.name, library.func, 1);
        lua_pop(L, 1);
    }
}

// Expressions never see the global table, so this is defence in depth: even
// a future slip in the allowlist cannot hand out loaders, metatable access
// or raw writes that would strip the read-only protection.
void remove_unsafe_globals(lua_State* L) {
    for (const char* name : {"dofile", "loadfile", "load", "require", "collectgarbage", "print", "rawset", "rawget",
                             "rawequal", "rawlen", "setmetatable", "getmetatable", "xpcall", "warn"}) {
        lua_pushnil(L);
        lua_setglobal(L, name);
    }
}

std::size_t string_length(lua_State* L, int index) {
    return lua_type(L, index) == LUA_TSTRING ? lua_rawlen(L, index) : 0;
}

// Calls the original library function (upvalue 1) after charging its scan
// of the subject (argument 1) to the budget: one pass, times the pattern
// length (argument 2) when upvalue 2 is true. This keeps loops over long
// strings inside the budget. It does not bound pathological backtracking,
// which Lua's matcher does in C where no hook runs; authors own their
// patterns, the charge covers scanning the data.
int charged_call(lua_State* L) {
    const std::size_t passes = lua_toboolean(L, lua_upvalueindex(2)) ? string_length(L, 2) + 1 : 1;
    LuaContext::of(L).charge_steps(L, string_length(L, 1) + 1, passes);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

void charge_function(lua_State* L, int table, const char* name, bool scans_pattern) {
    lua_getfield(L, table, name);
    lua_pushboolean(L, scans_pattern ? 1 : 0);
    lua_pushcclosure(L, &charged_call, 2);
    lua_setfield(L, table, name);
}

// string.rep of an empty string and separator loops n times in C without
// allocating, so neither the memory cap nor the hook would stop
// `string.rep("", 1 << 62)`. An empty result needs no loop at all.
int guarded_rep(lua_State* L) {
    std::size_t length = 0;
    std::size_t separator_length = 0;
    luaL_checklstring(L, 1, &length);
    luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &separator_length);
    if (length + separator_length == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

// string.find(text, part [, init]) as a plain substring search, whatever
// the caller passes as the fourth argument.
int plain_find(lua_State* L) {
    lua_settop(L, 3);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 4, LUA_MULTRET);
    return lua_gettop(L);
}

int refuse_pattern_function(lua_State* L) {
    return luaL_error(L,
                      "string.%s is not available in expressions (string patterns cannot be bounded in time); "
                      "use contains(text, part) or string.find(text, part)",
                      lua_tostring(L, lua_upvalueindex(1)));
}

void harden_string_library(lua_State* L) {
    lua_getglobal(L, LUA_STRLIBNAME);
    const int library = lua_gettop(L);
    lua_pushnil(L);  // dump turns functions into loadable bytecode
    lua_setfield(L, library, "dump");
    // Lua's pattern matcher backtracks in C, where neither the hook nor the
    // budget runs: `("a"):rep(30):match(("a*"):rep(20) .. "b")` holds a
    // request for seconds. Expressions get plain-text search only:
    // string.find always plain, and the pattern functions refuse by name.
    lua_getfield(L, library, "find");
    lua_pushcclosure(L, &plain_find, 1);
    lua_setfield(L, library, "find");
    charge_function(L, library, "find", true);
    for (const char* name : {"match", "gmatch", "gsub"}) {
        lua_pushstring(L, name);
        lua_pushcclosure(L, &refuse_pattern_function, 1);
        lua_setfield(L, library, name);
    }
    lua_getfield(L, library, "rep");
    lua_pushcclosure(L, &guarded_rep, 1);
    lua_setfield(L, library, "rep");

    // Strings index this same table through their metatable (`s:upper()`,
    // `("x").dump`); set it explicitly so nothing else can hide there.
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushvalue(L, library);
        lua_setfield(L, -2, "__index");
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
}

void harden_other_libraries(lua_State* L) {
    // table.move over a caller-chosen range is a C loop that need not
    // allocate: table.move({}, 1, math.maxinteger, 1) would never return.
    lua_getglobal(L, LUA_TABLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "move");
    lua_pop(L, 1);

    lua_getglobal(L, LUA_UTF8LIBNAME);
    for (const char* name : {"len", "offset", "codepoint"}) charge_function(L, lua_gettop(L), name, false);
    lua_pop(L, 1);
}

// type() reports proxies as tables: expressions cannot tell them apart
// otherwise, and should not have to.
int sandbox_type(lua_State* L) {
    luaL_checkany(L, 1);
    if (lua_json::proxied(L, 1) != nullptr) {
        lua_pushliteral(L, "table");
    } else {
        lua_pushstring(L, luaL_typename(L, 1));
    }
    return 1;
}

// next() that also walks proxies, so `next(data.list) == nil` tests for
// emptiness as it would on a table.
int sandbox_next(lua_State* L) {
    if (lua_json::proxied(L, 1) != nullptr) return lua_json::proxy_next(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
}

// pcall that cannot swallow the end of an evaluation: errors from the
// instruction budget or the memory cap pass through, anything else is
// caught as usual. Without this, `while true do pcall(f) end` would turn
// the budget error into one more loop iteration.
int sandbox_pcall(lua_State* L) {
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);  // the first result when the call succeeds
    lua_insert(L, 1);
    const int status = lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 0);
    if (status == LUA_OK) return lua_gettop(L);
    if (LuaContext::of(L).classify_failure(status) != LuaContext::Abort::none) return lua_error(L);
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;
}

// An empty table whose reads go to `library` and whose writes are refused,
// so one expression cannot redefine string.format for all the others.
void push_read_only_view(lua_State* L, const char* library) {
    lua_createtable(L, 0, 0);
    lua_createtable(L, 0, 3);
    lua_getglobal(L, library);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, &refuse_write);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

void push_allowed_names(lua_State* L) {
    lua_createtable(L, 0, 24);
    for (const char* library : {LUA_MATHLIBNAME, LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_UTF8LIBNAME}) {
        push_read_only_view(L, library);
        lua_setfield(L, -2, library);
    }
    for (const char* name : {"tostring", "pairs", "ipairs", "select", "error", "assert", "tonumber"}) {
        lua_getglobal(L, name);
        lua_setfield(L, -2, name);
    }
    charge_function(L, lua_gettop(L), "tonumber", false);  // it scans the whole string
    static const luaL_Reg replacements[] = {
        {"type", &sandbox_type}, {"next", &sandbox_next}, {"pcall", &sandbox_pcall}, {nullptr, nullptr}};
    luaL_setfuncs(L, replacements, 0);
    expression_helpers::add_to(L);
}

bool push_member(lua_State* L, const nlohmann::json* object, std::string_view name) {
    if (object == nullptr || !object->is_object()) return false;
    const auto member = object->find(name);
    if (member == object->end() || member->is_null()) return false;
    lua_json::push(L, *member);
    return true;
}

// The environment's __index (upvalue 1: the allowed names); see the header
// for the order.
int resolve_name(lua_State* L) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    const ExpressionScope* scope = LuaContext::of(L).scope();
    if (scope == nullptr || lua_type(L, 2) != LUA_TSTRING) return 1;  // nil is on top
    lua_pop(L, 1);

    std::size_t length = 0;
    const char* text = lua_tolstring(L, 2, &length);
    const std::string_view name(text, length);
    if (name == "data") {
        lua_json::push(L, scope->data);
    } else if (name == "input") {
        lua_json::push(L, scope->input);
    } else if (name == "case") {
        lua_json::push(L, scope->case_info);
    } else if (name == "now") {
        if (scope->now.empty()) {
            lua_pushnil(L);
        } else {
            lua_pushlstring(L, scope->now.data(), scope->now.size());
        }
    } else if (!push_member(L, scope->data, name) && !push_member(L, scope->input, name)) {
        lua_pushnil(L);
    }
    return 1;
}

void build_environment(lua_State* L) {
    const int allowed = lua_gettop(L);
    lua_pushvalue(L, allowed);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kAllowedKey);
    lua_createtable(L, 0, 0);
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, allowed);
    lua_pushcclosure(L, &resolve_name, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, &refuse_write);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kEnvironmentKey);
}

}  // namespace

void install(lua_State* L) {
    open_libraries(L);
    remove_unsafe_globals(L);
    harden_string_library(L);
    harden_other_libraries(L);
    lua_json::register_proxy_type(L);
    push_allowed_names(L);
    build_environment(L);
    lua_pop(L, 1);
}

void push_environment(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kEnvironmentKey);
}

void push_allowed_table(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kAllowedKey);
}

int refuse_write_function(lua_State* L) {
    return refuse_write(L);
}

}  // namespace tata::lua_sandbox
