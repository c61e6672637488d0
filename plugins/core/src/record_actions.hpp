// Core actions that keep a history inside the case data and read the
// regency's settings: what a procedure that loops (check-ins every period,
// revised targets) needs to keep each round instead of overwriting it.
#pragma once

#include <tata/plugin.hpp>

namespace tata::core {

// with: {list, fields: [...], stamp?, number?, mark?}: appends to data.<list>
// one object with the named fields' current values (absent ones left out),
// the time under `stamp`, data.<number> under "periode" and `mark`'s keys.
sdk::Patch append(const sdk::ActionContext& ctx);
// with: {field, by? = 1}: adds `by` to data.<field> (absent counts as 0).
sdk::Patch increment(const sdk::ActionContext& ctx);
// with: {from, into}: copies data.<from> to data.<into> (deletes it when absent).
sdk::Patch copy(const sdk::ActionContext& ctx);
// with: {setting: "a.b.c", into, default?}: copies the regency's setting
// at that dotted path to data.<into>; without it, `default`, or a failure.
sdk::Patch setting(const sdk::ActionContext& ctx);

}  // namespace tata::core
