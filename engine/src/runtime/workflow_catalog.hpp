// Which workflow definition a case runs on. New cases start on the latest
// version of the current generation; every version a case has used is kept
// (as YAML text) in the store, so a case finishes on the version it started
// with even after its file was replaced or removed.
#pragma once

#include "store/store.hpp"
#include "tata/definitions.hpp"

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace tata {

class WorkflowCatalog {
public:
    explicit WorkflowCatalog(Store& store) : store_(&store) {}

    // Makes `definitions` current. Throws ValidationError (and keeps the
    // old generation) when a workflow changed content without a new version
    // while cases use it.
    void install(std::shared_ptr<const DefinitionSet> definitions);
    std::shared_ptr<const DefinitionSet> current() const { return current_; }

    // Records the definition a new case starts on.
    void pin(const Workflow& workflow);

    // The definition of (id, version): from the current generation, or
    // rebuilt from the stored YAML against the current plugins.
    std::shared_ptr<const Workflow> workflow_for(const std::string& id, int version);

    // The fields of a workflow's index table: the union over the versions
    // loaded (a case pinned to an older version still fills the columns a
    // newer one added, when its data has them). `fallback` when the current
    // generation no longer has the workflow.
    const std::vector<IndexField>& index_fields(const std::string& id, const std::vector<IndexField>& fallback) const;
    // What a workflow's rows in the text index hold, likewise the union over
    // the versions loaded; nullptr when the current generation no longer
    // has the workflow (search_layout_of(workflow) then).
    const SearchLayout* search_layout(const std::string& id) const;

private:
    void ensure_indexes(const DefinitionSet& definitions);

    Store* store_;
    std::shared_ptr<const DefinitionSet> current_;
    std::map<std::pair<std::string, int>, std::shared_ptr<const Workflow>> rebuilt_;
    std::map<std::string, std::vector<IndexField>> index_fields_;
    std::map<std::string, SearchLayout> search_layouts_;
};

}  // namespace tata
