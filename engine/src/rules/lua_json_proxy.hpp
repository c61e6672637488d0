// JSON values as Lua sees them. Scalars become Lua values; objects and arrays
// become small read-only userdata proxies that point into the caller's JSON,
// so evaluating an expression over a record never copies the record into Lua
// tables (DESIGN.md section 7: hot loops must not build tables per record).
//
// A proxy is only valid while the JSON it points at lives, i.e. during one
// evaluation. That is safe because an expression has nowhere to keep a value
// between evaluations: its environment and the libraries are read-only.
#pragma once

#include <lua.hpp>
#include <nlohmann/json.hpp>

namespace tata::lua_json {

// Creates the proxies' metatable; once per state, in protected mode.
void register_proxy_type(lua_State* L);

// Pushes one value: null → nil, booleans, integers, floats, strings as
// themselves, objects and arrays as proxies. A null pointer pushes nil.
void push(lua_State* L, const nlohmann::json& value);
void push(lua_State* L, const nlohmann::json* value);

// The JSON behind a proxy at `index`, or nullptr for any other value.
// Never raises, so it is safe outside protected mode.
const nlohmann::json* proxied(lua_State* L, int index);

// The `next` of a proxy: (proxy, key) → next key and value, or nil at the
// end. Arrays iterate by 1-based index, objects in key order.
int proxy_next(lua_State* L);

// Whether the Lua value at `index` equals `value`; numbers compare by value
// (1 == 1.0) and a proxy equals the JSON it points at. Never raises.
bool equals(lua_State* L, int index, const nlohmann::json& value);

// The Lua value at `index` as JSON (proxies are copied). Throws
// ExpressionError for tables, functions and other values JSON cannot hold.
// Never raises a Lua error, so it is safe outside protected mode.
nlohmann::json to_json(lua_State* L, int index);

}  // namespace tata::lua_json
