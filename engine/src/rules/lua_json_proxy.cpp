#include "rules/lua_json_proxy.hpp"

#include "tata/expression.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace tata::lua_json {

namespace {

using nlohmann::json;

// The metatable lives in the registry under this address: looking it up by
// a light userdata key never allocates, unlike a string key.
const char kProxyMetatableKey = 0;

std::string_view string_at(lua_State* L, int index) {
    std::size_t length = 0;
    const char* text = lua_tolstring(L, index, &length);
    return {text, length};
}

const json& checked_proxy(lua_State* L, int index) {
    const json* value = proxied(L, index);
    if (value == nullptr) luaL_typeerror(L, index, "json value");
    return *value;
}

void push_integer(lua_State* L, const json& value) {
    if (value.is_number_integer()) {
        lua_pushinteger(L, value.get<lua_Integer>());
        return;
    }
    const auto number = value.get<std::uint64_t>();
    if (number <= static_cast<std::uint64_t>(std::numeric_limits<lua_Integer>::max())) {
        lua_pushinteger(L, static_cast<lua_Integer>(number));
    } else {
        lua_pushnumber(L, static_cast<lua_Number>(number));
    }
}

void push_proxy(lua_State* L, const json& value) {
    auto* slot = static_cast<const json**>(lua_newuserdatauv(L, sizeof(const json*), 0));
    *slot = &value;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kProxyMetatableKey);
    lua_setmetatable(L, -2);
}

// Array elements by 1-based integer index, object members by string key;
// anything else is simply absent, as in a Lua table.
int proxy_index(lua_State* L) {
    const json& container = checked_proxy(L, 1);
    if (container.is_object()) {
        if (lua_type(L, 2) == LUA_TSTRING) {
            const auto member = container.find(string_at(L, 2));
            if (member != container.end()) {
                push(L, *member);
                return 1;
            }
        }
    } else if (lua_type(L, 2) == LUA_TNUMBER) {
        int is_integer = 0;
        const lua_Integer position = lua_tointegerx(L, 2, &is_integer);
        if (is_integer && position >= 1 && static_cast<std::size_t>(position) <= container.size()) {
            push(L, container[static_cast<std::size_t>(position - 1)]);
            return 1;
        }
    }
    lua_pushnil(L);
    return 1;
}

int proxy_refuse_write(lua_State* L) {
    return luaL_error(L, "expressions are read-only");
}

int proxy_length(lua_State* L) {
    lua_pushinteger(L, static_cast<lua_Integer>(checked_proxy(L, 1).size()));
    return 1;
}

int proxy_pairs(lua_State* L) {
    checked_proxy(L, 1);
    lua_pushcfunction(L, &proxy_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

// Two proxies are equal when they point at the same JSON node, so
// `data.a == data.a` holds; distinct nodes compare unequal, like tables.
int proxy_equal(lua_State* L) {
    lua_pushboolean(L, proxied(L, 1) == proxied(L, 2));
    return 1;
}

// The dump is a C++ string; pushing it may raise a memory error, and a
// longjmp must not skip the string's destructor. So the push runs in
// protected mode and any error is re-raised once the string is gone.
int push_view(lua_State* L) {
    const auto* text = static_cast<const std::string_view*>(lua_touserdata(L, 1));
    lua_pushlstring(L, text->data(), text->size());
    return 1;
}

int proxy_tostring(lua_State* L) {
    const json& value = checked_proxy(L, 1);
    int status = LUA_OK;
    {
        std::string text;
        try {
            text = value.dump(-1, ' ', false, json::error_handler_t::replace);
        } catch (const std::exception&) {
            text = value.is_array() ? "[...]" : "{...}";
        }
        std::string_view view = text;
        lua_pushcfunction(L, &push_view);
        lua_pushlightuserdata(L, &view);
        status = lua_pcall(L, 1, 1, 0);
    }
    if (status != LUA_OK) return lua_error(L);
    return 1;
}

bool equals_number(lua_State* L, int index, const json& value) {
    if (lua_isinteger(L, index) && value.is_number_integer()) {
        return lua_tointeger(L, index) == value.get<lua_Integer>();
    }
    return lua_tonumber(L, index) == value.get<double>();
}

}  // namespace

void register_proxy_type(lua_State* L) {
    static const luaL_Reg methods[] = {
        {"__index", &proxy_index},       {"__newindex", &proxy_refuse_write},
        {"__len", &proxy_length},        {"__pairs", &proxy_pairs},
        {"__eq", &proxy_equal},          {"__tostring", &proxy_tostring},
        {nullptr, nullptr},
    };
    lua_createtable(L, 0, 8);
    luaL_setfuncs(L, methods, 0);
    lua_pushliteral(L, "json value");  // how Lua names the type in error messages
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);  // hides the metatable from getmetatable, should it ever be exposed
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kProxyMetatableKey);
}

void push(lua_State* L, const json& value) {
    switch (value.type()) {
    case json::value_t::boolean: lua_pushboolean(L, value.get<bool>() ? 1 : 0); return;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: push_integer(L, value); return;
    case json::value_t::number_float: lua_pushnumber(L, value.get<double>()); return;
    case json::value_t::string: {
        const auto& text = value.get_ref<const std::string&>();
        lua_pushlstring(L, text.data(), text.size());
        return;
    }
    case json::value_t::object:
    case json::value_t::array: push_proxy(L, value); return;
    default: lua_pushnil(L); return;  // null, and binary, which JSON text never produces
    }
}

void push(lua_State* L, const json* value) {
    if (value == nullptr) {
        lua_pushnil(L);
    } else {
        push(L, *value);
    }
}

const json* proxied(lua_State* L, int index) {
    if (lua_type(L, index) != LUA_TUSERDATA || !lua_getmetatable(L, index)) return nullptr;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kProxyMetatableKey);
    const bool is_proxy = lua_rawequal(L, -1, -2) != 0;
    lua_pop(L, 2);
    return is_proxy ? *static_cast<const json* const*>(lua_touserdata(L, index)) : nullptr;
}

int proxy_next(lua_State* L) {
    const json& container = checked_proxy(L, 1);
    if (container.is_array()) {
        const lua_Integer position = lua_isnoneornil(L, 2) ? 1 : luaL_checkinteger(L, 2) + 1;
        if (position < 1 || static_cast<std::size_t>(position) > container.size()) return 0;
        lua_pushinteger(L, position);
        push(L, container[static_cast<std::size_t>(position - 1)]);
        return 2;
    }
    auto member = container.begin();
    if (!lua_isnoneornil(L, 2)) {
        member = container.find(std::string_view(luaL_checkstring(L, 2)));
        if (member == container.end()) return luaL_error(L, "invalid key to 'next'");
        ++member;
    }
    if (member == container.end()) return 0;
    const std::string& key = member.key();
    lua_pushlstring(L, key.data(), key.size());
    push(L, member.value());
    return 2;
}

bool equals(lua_State* L, int index, const json& value) {
    switch (lua_type(L, index)) {
    case LUA_TNIL: return value.is_null();
    case LUA_TBOOLEAN: return value.is_boolean() && (lua_toboolean(L, index) != 0) == value.get<bool>();
    case LUA_TNUMBER: return value.is_number() && equals_number(L, index, value);
    case LUA_TSTRING: return value.is_string() && string_at(L, index) == value.get_ref<const std::string&>();
    case LUA_TUSERDATA: {
        const json* other = proxied(L, index);
        return other != nullptr && *other == value;
    }
    default: return false;
    }
}

json to_json(lua_State* L, int index) {
    switch (lua_type(L, index)) {
    case LUA_TNIL:
    case LUA_TNONE: return nullptr;
    case LUA_TBOOLEAN: return lua_toboolean(L, index) != 0;
    case LUA_TNUMBER:
        if (lua_isinteger(L, index)) return static_cast<std::int64_t>(lua_tointeger(L, index));
        return lua_tonumber(L, index);
    case LUA_TSTRING: return std::string(string_at(L, index));
    case LUA_TTABLE: throw ExpressionError("expression returned a table");
    default:
        if (const json* value = proxied(L, index)) return *value;
        throw ExpressionError(std::string("expression returned a ") + luaL_typename(L, index));
    }
}

}  // namespace tata::lua_json
