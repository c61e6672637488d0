#include "rules/expression_helpers.hpp"

#include "rules/lua_context.hpp"
#include "rules/lua_json_proxy.hpp"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string_view>

// These are lua_CFunctions: a Lua error longjmps out of them, so none keeps a
// C++ object with a destructor alive across a call that may raise.

namespace tata::expression_helpers {

namespace {

using nlohmann::json;
using std::chrono::year_month_day;

std::string_view string_at(lua_State* L, int index) {
    std::size_t length = 0;
    const char* text = lua_tolstring(L, index, &length);
    return {text, length};
}

// --- dates -----------------------------------------------------------------

// Reads between `min` and `max` ASCII digits at `pos`.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t min, std::size_t max) {
    int value = 0;
    std::size_t count = 0;
    while (count < max && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
        ++count;
    }
    if (count < min) return std::nullopt;
    return value;
}

// "YYYY-M[M]-D[D]", optionally followed by "T..." or " ..." (a time, which
// is ignored); the date must exist in the calendar.
std::optional<year_month_day> parse_date(std::string_view text) {
    std::size_t pos = 0;
    const auto y = read_digits(text, pos, 4, 4);
    if (!y || pos >= text.size() || text[pos++] != '-') return std::nullopt;
    const auto m = read_digits(text, pos, 1, 2);
    if (!m || pos >= text.size() || text[pos++] != '-') return std::nullopt;
    const auto d = read_digits(text, pos, 1, 2);
    if (!d || (pos < text.size() && text[pos] != 'T' && text[pos] != ' ')) return std::nullopt;
    const year_month_day date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                              std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

year_month_day check_date(lua_State* L, int index) {
    std::optional<year_month_day> date;
    if (lua_type(L, index) == LUA_TSTRING) date = parse_date(string_at(L, index));
    if (!date) luaL_argerror(L, index, "expected an ISO date (YYYY-MM-DD)");
    return *date;
}

// Whole years as an age counts them: the year difference, less one when the
// anniversary has not yet come in the final year.
int whole_years(const year_month_day& from, const year_month_day& to) {
    if (to < from) return -whole_years(to, from);
    int years = static_cast<int>(to.year()) - static_cast<int>(from.year());
    const auto month_day = [](const year_month_day& date) {
        return static_cast<unsigned>(date.month()) * 100 + static_cast<unsigned>(date.day());
    };
    if (month_day(to) < month_day(from)) --years;
    return years;
}

int years_between(lua_State* L) {
    const year_month_day from = check_date(L, 1);
    const year_month_day to = check_date(L, 2);
    lua_pushinteger(L, whole_years(from, to));
    return 1;
}

int date(lua_State* L) {
    const year_month_day value = check_date(L, 1);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(value.year()),
                  static_cast<unsigned>(value.month()), static_cast<unsigned>(value.day()));
    lua_pushstring(L, text);
    return 1;
}

// --- collections and strings -----------------------------------------------

int len(lua_State* L) {
    switch (lua_type(L, 1)) {
    case LUA_TNONE:
    case LUA_TNIL: lua_pushinteger(L, 0); return 1;
    case LUA_TSTRING: lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, 1))); return 1;
    case LUA_TTABLE: lua_pushinteger(L, luaL_len(L, 1)); return 1;
    default:
        if (const json* value = lua_json::proxied(L, 1)) {
            lua_pushinteger(L, static_cast<lua_Integer>(value->size()));
            return 1;
        }
        return luaL_typeerror(L, 1, "string, list or object");
    }
}

bool string_contains(lua_State* L) {
    const int type = lua_type(L, 2);
    if (type != LUA_TSTRING && type != LUA_TNUMBER) return false;
    const std::string_view haystack = string_at(L, 1);
    const std::string_view needle = string_at(L, 2);  // a number becomes its text, as in string.find
    LuaContext::of(L).charge_steps(L, haystack.size() + 1, needle.size() + 1);
    return haystack.find(needle) != std::string_view::npos;
}

// An element of a Lua table matches by Lua's raw equality (1 == 1.0), or by
// value when the element is a JSON proxy.
bool table_contains(lua_State* L) {
    const lua_Integer count = luaL_len(L, 1);
    LuaContext::of(L).charge_steps(L, static_cast<std::size_t>(count > 0 ? count : 0));
    for (lua_Integer i = 1; i <= count; ++i) {
        lua_geti(L, 1, i);
        const json* element = lua_json::proxied(L, -1);
        const bool found = lua_rawequal(L, -1, 2) || (element != nullptr && lua_json::equals(L, 2, *element));
        lua_pop(L, 1);
        if (found) return true;
    }
    return false;
}

bool json_contains(lua_State* L, const json& container) {
    if (container.is_object()) {
        return lua_type(L, 2) == LUA_TSTRING && container.find(string_at(L, 2)) != container.end();
    }
    LuaContext::of(L).charge_steps(L, container.size());
    for (const json& element : container) {
        if (lua_json::equals(L, 2, element)) return true;
    }
    return false;
}

int contains(lua_State* L) {
    lua_settop(L, 2);  // a missing needle is nil
    bool found = false;
    switch (lua_type(L, 1)) {
    case LUA_TNIL: break;
    case LUA_TSTRING: found = string_contains(L); break;
    case LUA_TTABLE: found = table_contains(L); break;
    default: {
        const json* container = lua_json::proxied(L, 1);
        if (container == nullptr) return luaL_typeerror(L, 1, "string, list or object");
        found = json_contains(L, *container);
    }
    }
    lua_pushboolean(L, found ? 1 : 0);
    return 1;
}

int exists(lua_State* L) {
    lua_pushboolean(L, lua_isnoneornil(L, 1) ? 0 : 1);
    return 1;
}

int coalesce(lua_State* L) {
    const int count = lua_gettop(L);
    for (int i = 1; i <= count; ++i) {
        if (!lua_isnil(L, i)) {
            lua_pushvalue(L, i);
            return 1;
        }
    }
    lua_pushnil(L);
    return 1;
}

}  // namespace

void add_to(lua_State* L) {
    static const luaL_Reg helpers[] = {
        {"len", &len},
        {"contains", &contains},
        {"exists", &exists},
        {"coalesce", &coalesce},
        {"years_between", &years_between},
        {"date", &date},
        {nullptr, nullptr},
    };
    luaL_setfuncs(L, helpers, 0);
}

}  // namespace tata::expression_helpers
