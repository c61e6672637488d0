// YAML node → JSON, as workflows, rules and scorecards read `with:` and
// `args:` mappings: scalars typed by their look (true/false, integers,
// decimals, null/~), else strings; quoted scalars stay strings. Callers link
// yaml-cpp themselves.
#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/node/node.h>

namespace tata {

nlohmann::json yaml_to_json(const YAML::Node& node);

}  // namespace tata
