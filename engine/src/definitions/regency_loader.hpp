// rules/<code>/regency.yaml and rules/nasional/hari-libur.yaml → Regency.
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
