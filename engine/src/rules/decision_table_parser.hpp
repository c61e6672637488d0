// YAML → DecisionTable (the format is in docs/rules.md, "Decision tables").
// Every mistake is a diagnostic at FILE:LINE:COL, all found in one pass;
// a table whose text has none is then checked for gaps, overlaps and rows
// that can never be chosen (decision_table_check.hpp).
#pragma once

#include "tata/decision_table.hpp"
#include "tata/diagnostics.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tata {

// The id a table must have where it is loaded from, and why, for the
// message when it has another: "its file name 'x.yaml'".
struct ExpectedTableId {
    std::string id;
    std::string because;
};

// Parses and checks one table; `label` names it in diagnostics. Appends
// problems to `errors` and returns nullptr when there are any.
std::shared_ptr<const DecisionTable> parse_decision_table(const std::string& text, const std::string& label,
                                                          std::vector<Diagnostic>& errors,
                                                          const std::optional<ExpectedTableId>& expected = std::nullopt);

// The same for a file (one that cannot be read is a diagnostic too).
std::shared_ptr<const DecisionTable> load_decision_table_file(const std::filesystem::path& file,
                                                              std::vector<Diagnostic>& errors,
                                                              const std::optional<ExpectedTableId>& expected = std::nullopt);

}  // namespace tata
