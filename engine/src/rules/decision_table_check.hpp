// Load-time checks of a parsed decision table, over every combination of
// input values: no combination without a row (both hit policies), no two
// rows for one combination (unique), no row that earlier rows hide (first).
//
// A numeric input takes as representative values every boundary its rows
// use (and its min and max), one value between each two consecutive
// boundaries, and one beyond the outermost when it has no min or max:
// rows change only at boundaries, so this is exact for interval conditions.
#pragma once

#include "tata/decision_table.hpp"
#include "tata/diagnostics.hpp"

#include <vector>

namespace tata {

// Appends a diagnostic per problem: gaps (at most 5, then a count) at the
// `rows:` key, overlaps at the later row, hidden rows at the row, and a
// table whose combinations exceed kMaxDecisionCombinations at `inputs:`.
// Expects a table without parse errors.
void check_decision_table(const DecisionTable& table, std::vector<Diagnostic>& errors);

}  // namespace tata
