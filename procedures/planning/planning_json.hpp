// The planning results as JSON, the same for `tata plan ... --json` and the
// API (field names in Bahasa Indonesia, as the ranking's are; money in whole
// rupiah, ratios in percent with two decimals).
#pragma once

#include "planning/scenario.hpp"

#include <nlohmann/json.hpp>

namespace tata::planning {

nlohmann::json needs_json(const NeedsReport& needs);
nlohmann::json scenario_json(const ScenarioResult& result);
nlohmann::json differences_json(const std::vector<WorkerDifference>& differences, std::size_t total);

}  // namespace tata::planning
