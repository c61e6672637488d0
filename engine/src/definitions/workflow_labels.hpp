// The words of a workflow: the labels of choice options and the `labels:`
// section (results, data fields, stored values, hidden fields). Codes stay
// in the data; these are what a page or a letter shows instead.
#pragma once

#include "definitions/yaml_reader.hpp"
#include "tata/workflow.hpp"

namespace tata {

// The longest label, in characters: a phrase on a button or in a table, not
// a paragraph (descriptions are for those).
inline constexpr std::size_t kMaxLabelLength = 200;
// More entries than any procedure needs, few enough that a page can hold
// them all (the labels route sends them at once).
inline constexpr std::size_t kMaxLabelEntries = 2'000;

// A choice field's `options`: a list of values, each a scalar or a
// `{value, label}` mapping. Fills field.options and field.option_labels.
void read_choice_options(YamlReader& yaml, const YAML::Node& options, FormField& field);

// Reads `labels:` (when present) into workflow.labels once the states are
// parsed: a result must be an end state's, and the choice options' labels
// join `values` under their field's name unless `labels.values` says
// otherwise.
void read_workflow_labels(YamlReader& yaml, const YAML::Node& root, Workflow& workflow);

}  // namespace tata
