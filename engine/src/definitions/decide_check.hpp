// Checks a workflow's `decide:` entries against the decision tables of the
// regencies loaded with it: every regency must have each table (national
// default or its own), and each table every input and output the entry
// maps. Tables are loaded per rules folder, workflows once, so this runs
// after both (definition_set.cpp).
#pragma once

#include "tata/diagnostics.hpp"
#include "tata/regency.hpp"
#include "tata/workflow.hpp"

#include <map>
#include <string>
#include <vector>

namespace tata {

// Appends a diagnostic at the `decide:` entry for each problem.
void check_decide_tables(const Workflow& workflow, const std::map<std::string, Regency>& regencies,
                         std::vector<Diagnostic>& errors);

}  // namespace tata
