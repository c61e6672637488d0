// The helper functions expressions may call besides the Lua libraries. The
// set is deliberately small; each one covers something guards and rule
// conditions need often and that is clumsy or unsafe to write in Lua:
//
//   len(x)              length of a string (bytes, as #), list or object;
//                       0 for nil
//   contains(xs, v)     list (JSON array or Lua table) has an element equal
//                       to v; string has v as a substring; object has key v;
//                       false for nil
//   exists(x)           x is not nil (missing names and JSON null are nil)
//   coalesce(a, b, ...) the first argument that is not nil
//   years_between(a, b) whole years from date a to date b, counted as a
//                       person's age (a birthday on Feb 29 comes on Mar 1 in
//                       common years); negative when b is before a
//   date(text)          the date as "YYYY-MM-DD"; raises when it is not one
//
// Dates are ISO "YYYY-MM-DD" (month and day may have one digit); a time after
// "T" or a space is ignored, so `now` and timestamps are dates too.
#pragma once

#include <lua.hpp>

namespace tata::expression_helpers {

// Adds the helpers to the table on top of the stack.
void add_to(lua_State* L);

}  // namespace tata::expression_helpers
