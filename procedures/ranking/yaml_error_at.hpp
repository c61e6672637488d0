// Where a ranking rules file (formasi, adopted policy) is wrong, as every
// YAML error of Tata says it: "FILE:LINE:COLUMN: error: ".
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace tata::ranking {

inline std::string yaml_error_at(const std::string& file, const YAML::Mark& mark) {
    return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": error: ";
}

}  // namespace tata::ranking
