// The text of a numeric condition in a decision table row: a number (85),
// a comparison ("= 85", ">= 85", "> 2", "<= 3", "< 75") or an interval
// with DMN brackets ("[75..85)": [ ] include the end, ( ) leave it out).
// Spaces around the parts are allowed; numbers are decimal (no inf, nan
// or hex), so a condition never holds a value JSON cannot.
#pragma once

#include "tata/decision_table.hpp"

#include <optional>
#include <string_view>

namespace tata {

// The range the text stands for, or nullopt when it is none of the forms.
// An interval may come out empty ("[85..75]"): the caller says so.
std::optional<NumericRange> parse_numeric_condition(std::string_view text);

}  // namespace tata
