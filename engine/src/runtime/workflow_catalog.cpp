#include "runtime/workflow_catalog.hpp"

#include <algorithm>
#include <stdexcept>

namespace tata {

void WorkflowCatalog::install(std::shared_ptr<const DefinitionSet> definitions) {
    std::vector<Diagnostic> errors;
    for (const auto& [key, workflow] : definitions->workflows) {
        const auto pinned = store_->pinned_definition(key.first, key.second);
        if (pinned && pinned->sha256 != workflow->source_sha256) {
            errors.push_back({workflow->where, "workflow '" + key.first + "' version " + std::to_string(key.second) +
                                                   " differs from the definition cases already run on; give the "
                                                   "changed workflow a new version number"});
        }
    }
    for (const auto& code : store_->regencies_in_flight()) {
        if (!definitions->find_regency(code))
            errors.push_back({{"rules", 0, 0}, "regency '" + code + "' has cases in flight but is no longer defined"});
    }
    if (!errors.empty()) throw ValidationError(std::move(errors));
    ensure_indexes(*definitions);
    current_ = std::move(definitions);
    rebuilt_.clear();  // rebuild against the new generation's plugins
}

void WorkflowCatalog::ensure_indexes(const DefinitionSet& definitions) {
    // One table per workflow id with the union of its versions' fields.
    std::map<std::string, std::vector<IndexField>> fields_by_workflow;
    std::map<std::string, SearchLayout> search_by_workflow;
    for (const auto& [key, workflow] : definitions.workflows) {
        auto& fields = fields_by_workflow[key.first];
        for (const auto& field : workflow->index) {
            auto known = std::find_if(fields.begin(), fields.end(), [&](const IndexField& f) { return f.name == field.name; });
            if (known == fields.end()) fields.push_back(field);
            else known->filter = known->filter || field.filter;
        }
        auto& search = search_by_workflow[key.first].fields;
        for (const auto& field : workflow->search)
            if (std::find(search.begin(), search.end(), field) == search.end()) search.push_back(field);
    }
    for (auto& [id, layout] : search_by_workflow)
        for (const auto& field : fields_by_workflow[id])
            if (field.filter) layout.filters.push_back(field.name);
    StoreTransaction transaction(*store_);
    for (const auto& [id, fields] : fields_by_workflow) {
        if (!fields.empty()) store_->ensure_index(id, fields);
    }
    // Every workflow, those without `search:` too: their keys are searched.
    for (const auto& [id, layout] : search_by_workflow) store_->ensure_search(id, layout);
    transaction.commit();
    index_fields_ = std::move(fields_by_workflow);
    search_layouts_ = std::move(search_by_workflow);
}

const SearchLayout* WorkflowCatalog::search_layout(const std::string& id) const {
    const auto it = search_layouts_.find(id);
    return it == search_layouts_.end() ? nullptr : &it->second;
}

const std::vector<IndexField>& WorkflowCatalog::index_fields(const std::string& id,
                                                             const std::vector<IndexField>& fallback) const {
    const auto it = index_fields_.find(id);
    return it == index_fields_.end() ? fallback : it->second;
}

void WorkflowCatalog::pin(const Workflow& workflow) {
    store_->remember_definition(workflow.id, workflow.version, workflow.source_sha256, workflow.source_text);
}

std::shared_ptr<const Workflow> WorkflowCatalog::workflow_for(const std::string& id, int version) {
    if (auto workflow = current_->find(id, version)) return workflow;
    const auto key = std::make_pair(id, version);
    if (auto it = rebuilt_.find(key); it != rebuilt_.end()) return it->second;

    const auto pinned = store_->pinned_definition(id, version);
    if (!pinned) throw std::runtime_error("workflow '" + id + "' version " + std::to_string(version) + " is unknown");
    std::vector<Diagnostic> errors;
    const std::string label = "stored:" + id + "@" + std::to_string(version);
    auto workflow = parse_workflow(pinned->source_text, label, *current_->plugins, *current_->expressions, errors);
    if (!workflow) throw ValidationError(std::move(errors));
    rebuilt_.emplace(key, workflow);
    return workflow;
}

}  // namespace tata
