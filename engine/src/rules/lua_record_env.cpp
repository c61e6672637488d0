#include "rules/lua_record_env.hpp"

#include "rules/lua_sandbox.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace tata::lua_record {
namespace {

// Every identifier-like word of the sources: a superset of the names they
// read (it also holds field names after '.', words inside strings), which
// only costs copying a column that is not needed.
std::set<std::string, std::less<>> words_of(const std::vector<std::string>& sources) {
    std::set<std::string, std::less<>> words;
    for (const auto& source : sources) {
        for (std::size_t i = 0; i < source.size();) {
            const auto c = static_cast<unsigned char>(source[i]);
            if (std::isalpha(c) || c == '_') {
                std::size_t end = i + 1;
                while (end < source.size() &&
                       (std::isalnum(static_cast<unsigned char>(source[end])) || source[end] == '_'))
                    ++end;
                words.emplace(source.substr(i, end - i));
                i = end;
            } else {
                ++i;
            }
        }
    }
    return words;
}

void push_value(lua_State* L, const FieldValue& value) {
    switch (value.kind) {
        case FieldKind::text: lua_pushlstring(L, value.text.data(), value.text.size()); return;
        case FieldKind::integer: lua_pushinteger(L, value.integer); return;
        case FieldKind::number: lua_pushnumber(L, value.number); return;
        case FieldKind::null: lua_pushnil(L); return;
    }
}

// R's __index. Upvalues: 1 the allowed names, 2 column name → 1-based
// index, 3 the Program.
int resolve(lua_State* L) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNUMBER) return 1;  // nil
    const auto column = static_cast<std::size_t>(lua_tointeger(L, -1));
    const auto& program = *static_cast<const Program*>(lua_touserdata(L, lua_upvalueindex(3)));
    if (program.values != nullptr && column >= 1 && column <= program.value_count)
        push_value(L, program.values[column - 1]);
    else
        lua_pushnil(L);
    return 1;
}

}  // namespace

std::string chunk_source(const std::vector<std::string>& sources, Program& program) {
    // The mask's name cannot be a column (columns are lower-case identifiers)
    // nor an allowed name. Each condition sits on lines of its own so that a
    // trailing comment cannot swallow the code after it.
    std::string code = "local _TATA_MASK = 0\n";
    int line = 2;
    program.first_line.clear();
    program.line_count.clear();
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const int lines = 1 + static_cast<int>(std::count(sources[i].begin(), sources[i].end(), '\n'));
        code += "if (\n" + sources[i] + "\n) then _TATA_MASK = _TATA_MASK | 1 << " + std::to_string(i) + " end\n";
        program.first_line.push_back(line + 1);
        program.line_count.push_back(lines);
        line += lines + 2;
    }
    code += "return _TATA_MASK\n";
    return code;
}

int build(lua_State* L) {
    auto& request = *static_cast<BuildRequest*>(lua_touserdata(L, 1));
    Program& program = *request.program;
    const auto words = words_of({std::string(request.code)});

    lua_sandbox::push_allowed_table(L);
    const int allowed = lua_gettop(L);
    lua_createtable(L, 0, static_cast<int>(program.columns.size()));  // name → index
    const int names = lua_gettop(L);
    lua_createtable(L, 0, 0);  // the keys copied before each run
    const int keys = lua_gettop(L);
    program.copied.clear();
    for (std::size_t i = 0; i < program.columns.size(); ++i) {
        const std::string& name = program.columns[i];
        lua_pushinteger(L, static_cast<lua_Integer>(i + 1));
        lua_setfield(L, names, name.c_str());
        const bool shadowed = lua_getfield(L, allowed, name.c_str()) != LUA_TNIL;
        lua_pop(L, 1);
        if (shadowed || !words.count(name)) continue;
        program.copied.push_back(static_cast<int>(i));
        lua_pushstring(L, name.c_str());
        lua_rawseti(L, keys, static_cast<lua_Integer>(program.copied.size()));
    }

    lua_createtable(L, 0, static_cast<int>(program.copied.size()));  // R
    const int record = lua_gettop(L);
    lua_createtable(L, 0, 1);
    lua_pushvalue(L, allowed);
    lua_pushvalue(L, names);
    lua_pushlightuserdata(L, &program);
    lua_pushcclosure(L, &resolve, 3);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, record);

    lua_createtable(L, 0, 0);  // E
    const int environment = lua_gettop(L);
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, record);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, &lua_sandbox::refuse_write_function);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, environment);

    request.load_status = luaL_loadbufferx(L, request.code.data(), request.code.size(), "=expr", "t");
    if (request.load_status != LUA_OK) return lua_error(L);
    lua_pushvalue(L, environment);
    lua_setupvalue(L, -2, 1);  // a main chunk's one upvalue is _ENV
    program.function = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushvalue(L, record);
    program.record = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushvalue(L, keys);
    program.keys = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

int run(lua_State* L) {
    const auto& program = *static_cast<const Program*>(lua_touserdata(L, 1));
    lua_rawgeti(L, LUA_REGISTRYINDEX, program.record);
    lua_rawgeti(L, LUA_REGISTRYINDEX, program.keys);
    const int record = lua_gettop(L) - 1;
    const int keys = record + 1;
    for (std::size_t i = 0; i < program.copied.size(); ++i) {
        lua_rawgeti(L, keys, static_cast<lua_Integer>(i + 1));
        const auto column = static_cast<std::size_t>(program.copied[i]);
        if (column < program.value_count)
            push_value(L, program.values[column]);
        else
            lua_pushnil(L);
        lua_rawset(L, record);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, program.function);
    lua_call(L, 0, 1);
    return 1;
}

std::size_t condition_at_line(const Program& program, int line) {
    for (std::size_t i = 0; i < program.first_line.size(); ++i)
        if (line >= program.first_line[i] && line < program.first_line[i] + program.line_count[i]) return i;
    return program.first_line.size();
}

}  // namespace tata::lua_record
