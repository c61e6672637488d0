// Checks a generation's ranking policy files (each regency's scorecard and
// formasi) the way `tata rank` will read them, so that `tata validate` and a
// reload refuse a broken scorecard before anyone ranks with it.
#pragma once

#include <tata/definitions.hpp>

#include <string>
#include <vector>

namespace tata::ranking {

// One "FILE:LINE:COL: error: ..." line per problem; empty when all are valid.
std::vector<std::string> check_ranking_policies(const DefinitionSet& definitions);

}  // namespace tata::ranking
