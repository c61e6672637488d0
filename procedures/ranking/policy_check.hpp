// Checks a generation's ranking policy files (each regency's scorecard and
// formasi) the way `tata rank` will read them, so that `tata validate` and a
// reload refuse a broken scorecard before anyone ranks with it. The files
// read are kept with the generation (generation_policy.hpp): what was
// checked is what it ranks by.
#pragma once

#include <tata/definitions.hpp>
#include <tata/engine.hpp>

#include <memory>
#include <string>
#include <vector>

namespace tata::ranking {

// One "FILE:LINE:COL: error: ..." line per problem; empty when all are valid.
std::vector<std::string> check_ranking_policies(const std::shared_ptr<const DefinitionSet>& definitions);

// The reload the server does, for the command line and tests: the engine's
// sources loaded as a new generation, its ranking policies checked, and
// installed when all is valid. The problems otherwise (and the current
// generation keeps serving), one line each.
std::vector<std::string> reload_checked(Engine& engine);

}  // namespace tata::ranking
