// rules/<code>/regency.yaml, rules/nasional/hari-libur.yaml and the decision
// tables (rules/nasional/keputusan/, a regency's decision_tables) → Regency.
#pragma once

#include "tata/diagnostics.hpp"
#include "tata/regency.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tata {

// Loads every regency folder under `rules_dir` (folders named like "62.03").
// Problems are appended to `errors`.
void load_regencies(const std::filesystem::path& rules_dir, std::map<std::string, Regency>& regencies,
                    std::vector<Diagnostic>& errors);

}  // namespace tata
