// The ranking for people: summary, top of the list, one worker's explanation.
#pragma once

#include "ranking/ranking.hpp"

#include <cstddef>
#include <iosfwd>

namespace tata::cli {

void print_ranking(std::ostream& out, const ranking::Ranking& ranking, std::size_t top_rows);
void print_explain(std::ostream& out, const ranking::RankedWorker& worker);

}  // namespace tata::cli
