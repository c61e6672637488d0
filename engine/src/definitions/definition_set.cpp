#include "tata/definitions.hpp"

#include "definitions/decide_check.hpp"
#include "definitions/regency_loader.hpp"
#include "support/files.hpp"

#include <atomic>
#include <limits>

namespace tata {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> workflow_files(const std::vector<fs::path>& locations, std::vector<Diagnostic>& errors) {
    std::vector<fs::path> files;
    for (const auto& location : locations) {
        if (fs::is_directory(location)) {
            for (const auto& entry : sorted_entries(location)) {
                if (fs::is_regular_file(entry) && is_yaml(entry)) files.push_back(entry);
            }
        } else if (fs::is_regular_file(location)) {
            files.push_back(location);
        } else {
            errors.push_back({{location.string(), 0, 0}, "no such workflow file or folder"});
        }
    }
    return files;
}

std::atomic<int> next_generation{1};

}  // namespace

std::shared_ptr<const Workflow> DefinitionSet::latest(const std::string& id) const {
    auto it = workflows.lower_bound({id, std::numeric_limits<int>::max()});
    if (it == workflows.begin()) return nullptr;
    --it;
    return it->first.first == id ? it->second : nullptr;
}

std::shared_ptr<const Workflow> DefinitionSet::find(const std::string& id, int version) const {
    auto it = workflows.find({id, version});
    return it == workflows.end() ? nullptr : it->second;
}

const Regency* DefinitionSet::find_regency(const std::string& code) const {
    auto it = regencies.find(code);
    return it == regencies.end() ? nullptr : &it->second;
}

std::shared_ptr<const DefinitionSet> load_definitions(const DefinitionSources& sources, ExpressionLimits limits) {
    std::vector<Diagnostic> errors;
    auto set = std::make_shared<DefinitionSet>();
    set->plugins = PluginSet::load(sources.plugins, errors);
    set->expressions = ExpressionEngine::create(limits);
    const std::size_t errors_before_rules = errors.size();
    for (const auto& rules_dir : sources.rules) load_regencies(rules_dir, set->regencies, errors);
    // A table that failed to load is reported already: checking workflows'
    // decide: against the rest would only add "unknown table" for it.
    const bool rules_loaded = errors.size() == errors_before_rules;

    std::map<std::pair<std::string, int>, SourceLocation> first_seen;
    for (const auto& file : workflow_files(sources.workflows, errors)) {
        std::string text;
        try {
            text = read_file(file);
        } catch (const std::exception& e) {
            errors.push_back({{file.string(), 0, 0}, e.what()});
            continue;
        }
        auto workflow = parse_workflow(text, file.string(), *set->plugins, *set->expressions, errors);
        if (!workflow) continue;
        if (rules_loaded) check_decide_tables(*workflow, set->regencies, errors);
        const auto key = std::make_pair(workflow->id, workflow->version);
        if (auto [it, inserted] = first_seen.emplace(key, workflow->where); !inserted) {
            errors.push_back({workflow->where, "workflow '" + workflow->id + "' version " +
                                                   std::to_string(workflow->version) + " is already defined at " +
                                                   it->second.file + ":" + std::to_string(it->second.line)});
            continue;
        }
        set->workflows.emplace(key, std::move(workflow));
    }
    if (!errors.empty()) throw ValidationError(std::move(errors));
    set->generation = next_generation++;
    return set;
}

}  // namespace tata
