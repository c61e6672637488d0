// Checks on the shape of a parsed workflow: the start exists, every
// transition lands on a state, every state is reachable, and no cycle of
// automatic states lacks a way out.
#pragma once

#include "definitions/yaml_reader.hpp"
#include "tata/workflow.hpp"

namespace tata {

void check_workflow_graph(const Workflow& workflow, YamlReader& report);

}  // namespace tata
