// What an expression can reach, and nothing more.
//
// Only the base, string, table, math and utf8 libraries are opened, and
// expressions do not even see the global table: every compiled chunk gets one
// shared, read-only environment as its _ENV. That environment resolves a name
// in this order:
//   1. the allowlist: math, string, table, utf8 (read-only views), tostring,
//      tonumber, type, pairs, ipairs, next, select, pcall, error, assert, and
//      the helpers of expression_helpers.hpp;
//   2. `data`, `input`, `case`, `now` from the scope being evaluated;
//   3. a member of the case data, then of the input (null counts as absent);
// anything else is nil. Assigning a global raises "expressions are read-only".
//
// JSON objects and arrays look like read-only tables: type() says "table",
// next(), pairs() and ipairs() walk them. pcall() catches errors except the
// budget's and the memory cap's, which always end the evaluation.
#pragma once

#include <lua.hpp>

namespace tata::lua_sandbox {

// Opens the safe libraries, removes what reaches outside the state and
// builds the environment. Once per state, in protected mode.
void install(lua_State* L);

// Pushes the environment every compiled chunk gets as its _ENV.
void push_environment(lua_State* L);

// Pushes the read-only table of allowed names (step 1 above), for
// environments of their own (lua_record_env.hpp) that resolve the same way.
void push_allowed_table(lua_State* L);

// __newindex of read-only tables: raises "expressions are read-only".
int refuse_write_function(lua_State* L);

}  // namespace tata::lua_sandbox
