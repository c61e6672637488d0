// One generation of definitions: workflows, regencies (rules) and plugins,
// loaded and validated together. A generation that has any error is refused
// whole (ValidationError with every diagnostic), so a running engine never
// swaps to half-valid definitions.
#pragma once

#include "tata/diagnostics.hpp"
#include "tata/expression.hpp"
#include "tata/plugin_host.hpp"
#include "tata/regency.hpp"
#include "tata/workflow.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tata {

struct DefinitionSources {
    std::vector<std::filesystem::path> workflows;  // *.yaml files or folders of them
    std::vector<std::filesystem::path> rules;      // rules folders (one subfolder per regency)
    std::vector<std::filesystem::path> plugins;    // plugin libraries or folders of them
};

struct DefinitionSet {
    std::map<std::pair<std::string, int>, std::shared_ptr<const Workflow>> workflows;
    std::map<std::string, Regency> regencies;
    std::shared_ptr<const PluginSet> plugins;
    std::shared_ptr<ExpressionEngine> expressions;
    int generation = 0;

    // The highest version of a workflow id, or nullptr.
    std::shared_ptr<const Workflow> latest(const std::string& id) const;
    std::shared_ptr<const Workflow> find(const std::string& id, int version) const;
    const Regency* find_regency(const std::string& code) const;
};

// Loads and validates everything named by `sources`; throws ValidationError.
std::shared_ptr<const DefinitionSet> load_definitions(const DefinitionSources& sources,
                                                      ExpressionLimits limits = {});

// Parses and validates one workflow from YAML text against loaded plugins.
// `label` names it in diagnostics. Appends problems to `errors` and returns
// nullptr when there are any.
std::shared_ptr<const Workflow> parse_workflow(const std::string& text, const std::string& label,
                                               const PluginSet& plugins, ExpressionEngine& expressions,
                                               std::vector<Diagnostic>& errors);

}  // namespace tata
