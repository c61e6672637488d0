// Several conditions over one flat record (tata/field_value.hpp), run as one
// Lua function per record that returns a bitmask: bit i set when condition i
// holds. Ranking evaluates a scorecard for millions of workers; per-rule calls
// and per-record tables would cost more than the whole budget.
//
// The chunk's _ENV is an empty, read-only table E whose reads go to a record
// table R that no expression can reach. Before each run the columns the
// conditions name are copied into R (a short string already interned by Lua
// costs a hash and no allocation), so reading `sektor` is a table hit, not a C
// call. Names that miss R go to R's __index: first the sandbox's allowed names,
// then any other column of the record (so `_ENV[name]` still finds columns),
// else nil. A column that shares its name with an allowed name is never
// copied, so helpers win, as they do for case data.
#pragma once

#include "tata/field_value.hpp"

#include <lua.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tata::lua_record {

struct Program {
    std::vector<std::string> columns;
    std::vector<int> copied;      // column indices copied into R before each run
    std::vector<int> first_line;  // the chunk line each condition starts on
    std::vector<int> line_count;
    int function = LUA_NOREF;     // registry references
    int record = LUA_NOREF;
    int keys = LUA_NOREF;         // copied[i]'s name at i + 1, interned once
    const FieldValue* values = nullptr;  // the record being evaluated
    std::size_t value_count = 0;
};

// The chunk for `sources` (each already known to compile as an expression);
// fills program.first_line and program.line_count.
std::string chunk_source(const std::vector<std::string>& sources, Program& program);

// Builds E, R and the function in the state; a lua_CFunction for protected
// mode whose argument 1 is a light userdata pointing at a BuildRequest.
struct BuildRequest {
    Program* program;
    std::string_view code;
    int load_status = LUA_OK;
};
int build(lua_State* L);

// Runs the program over program.values; argument 1 is a light userdata
// pointing at the Program. Returns the mask as an integer.
int run(lua_State* L);

// The condition whose lines hold `line`, or conditions' count when none.
std::size_t condition_at_line(const Program& program, int line);

}  // namespace tata::lua_record
