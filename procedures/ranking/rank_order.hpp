// The order of a ranking: national group, points descending, the
// scorecard's tie-breaks (nulls last whatever the order), NIK ascending, and
// finally the row (scan order), so the order is total and deterministic.
//
// Every worker gets a key of a few 64-bit words that compare in that order,
// and the keys themselves are sorted: comparing rows through the table would
// miss the cache on every comparison of a 2.3-million-row sort.
#pragma once

#include "ranking/scorecard.hpp"
#include "ranking/worker_table.hpp"

#include <cstdint>
#include <vector>

namespace tata::ranking {

// Rows in rank order. `groups` and `points` are indexed by row.
std::vector<std::uint32_t> rank_order(const WorkerTable& table, const std::vector<Group>& groups,
                                      const std::vector<double>& points, const std::vector<TieBreak>& tie_breaks);

}  // namespace tata::ranking
