#include "api/case_json.hpp"

#include "api/access.hpp"

#include <tata/calendar.hpp>

#include <algorithm>

namespace tata::server {
namespace {

bool has_role(const std::vector<std::string>& roles, const std::string& role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

nlohmann::json time_json(const std::optional<TimePoint>& at, int offset) {
    return at ? nlohmann::json(format_iso8601(*at, offset)) : nlohmann::json();
}

}  // namespace

int regency_offset_minutes(const DefinitionSet& definitions, const std::string& regency) {
    if (const Regency* known = definitions.find_regency(regency)) return known->calendar.utc_offset_minutes();
    return 7 * 60;
}

nlohmann::json form_json(const std::vector<FormField>& fields) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : fields) {
        nlohmann::json field = {{"name", f.name}, {"type", to_string(f.type)}, {"required", f.required}, {"label", f.label}};
        if (!f.options.empty()) field["options"] = f.options;
        if (!f.option_labels.empty()) field["option_labels"] = f.option_labels;
        if (f.min) field["min"] = *f.min;
        if (f.max) field["max"] = *f.max;
        out.push_back(std::move(field));
    }
    return out;
}

nlohmann::json allowed_outcomes(const CaseRecord& record, const Workflow& workflow, const User& user) {
    nlohmann::json out = nlohmann::json::array();
    if (record.status != CaseStatus::active) return out;
    const State* state = workflow.find_state(record.state);
    if (!state) return out;
    if (state->kind == StateKind::task) {
        if (!has_role(state->roles, user.role)) return out;
        for (const auto& task : record.open_tasks)
            if (!task.assignee.empty() && task.assignee != user.username) return out;
    }
    if (state->kind != StateKind::task && state->kind != StateKind::wait) return out;
    for (const auto& outcome : state->outcomes) {
        if (state->kind == StateKind::wait && !has_role(outcome.roles, user.role)) continue;
        std::vector<FormField> form = state->form;
        form.insert(form.end(), outcome.form.begin(), outcome.form.end());
        nlohmann::json allowed = {{"name", outcome.name},
                                   {"label", outcome.label.empty() ? outcome.name : outcome.label},
                                   {"form", form_json(form)}};
        if (auto route = dedicated_route(user, record, outcome.name)) allowed["via"] = *route;
        out.push_back(std::move(allowed));
    }
    return out;
}

nlohmann::json task_json(const TaskRecord& t, TimePoint now, int offset) {
    return {{"id", t.id},
            {"case_id", t.case_id},
            {"state", t.state},
            {"title", t.title},
            {"roles", t.roles},
            {"assignee", t.assignee.empty() ? nlohmann::json() : nlohmann::json(t.assignee)},
            {"opened_at", format_iso8601(t.opened_at, offset)},
            {"due_at", time_json(t.due_at, offset)},
            {"overdue", t.due_at.has_value() && *t.due_at < now}};
}

namespace {

// What rendering one case needs, looked up once.
struct CaseView {
    std::shared_ptr<const Workflow> workflow;
    int offset = 0;
    TimePoint now{};
};

CaseView view_of(Engine& engine, const CaseRecord& r) {
    const auto definitions = engine.definitions();
    auto workflow = definitions->find(r.workflow_id, r.workflow_version);
    if (!workflow) workflow = engine.workflow_of(r);  // a version no longer loaded: the pinned one
    return {std::move(workflow), regency_offset_minutes(*definitions, r.regency), engine.clock().now()};
}

// The first of these data fields that holds text, or null: a list shows
// a name, whatever else a workflow stores under it.
nlohmann::json first_of(const nlohmann::json& data, std::initializer_list<const char*> names) {
    for (const char* name : names)
        if (const auto it = data.find(name); it != data.end() && it->is_string()) return *it;
    return nullptr;
}

nlohmann::json summary_of(const CaseView& view, const CaseRecord& r, const nlohmann::json& data) {
    const State* state = view.workflow->find_state(r.state);
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& t : r.open_tasks) tasks.push_back(task_json(t, view.now, view.offset));
    return {{"id", r.id},
            {"key", r.key.empty() ? nlohmann::json() : nlohmann::json(r.key)},
            {"workflow", r.workflow_id},
            {"workflow_title", view.workflow->title},
            {"workflow_version", r.workflow_version},
            {"state", r.state},
            {"state_title", state ? state->title : r.state},
            {"status", to_string(r.status)},
            {"result", r.result.empty() ? nlohmann::json() : nlohmann::json(r.result)},
            {"version", r.version},
            {"nama", first_of(data, {"nama", "nama_pelapor", "nama_paket"})},
            {"opd", first_of(data, {"opd"})},
            {"updated_at", format_iso8601(r.updated_at, view.offset)},
            {"open_tasks", tasks}};
}

}  // namespace

nlohmann::json case_summary_json(Engine& engine, const CaseRecord& r, const User& user) {
    const CaseView view = view_of(engine, r);
    if (!data_redacted(user, r)) return summary_of(view, r, r.data);  // no copy of the data
    return summary_of(view, r, visible_data(user, r, *view.workflow));
}

namespace {

// Everything case_json answers but the data; the summary's names are read
// from `data`.
nlohmann::json case_fields(const CaseView& view, const CaseRecord& r, const nlohmann::json& data, const User& user) {
    nlohmann::json out = summary_of(view, r, data);
    out["regency"] = r.regency;
    out["created_at"] = format_iso8601(r.created_at, view.offset);
    out["allowed_outcomes"] = allowed_outcomes(r, *view.workflow, user);
    if (const State* state = view.workflow->find_state(r.state); state && !state->description.empty())
        out["state_description"] = state->description;
    return out;
}

}  // namespace

nlohmann::json case_json(Engine& engine, CaseRecord r, const User& user) {
    const CaseView view = view_of(engine, r);
    // The record is the caller's copy: its data moves into the answer when
    // the caller may see all of it (a read's largest part, not copied again).
    nlohmann::json data = data_redacted(user, r) ? visible_data(user, r, *view.workflow) : std::move(r.data);
    nlohmann::json out = case_fields(view, r, data, user);
    out["data"] = std::move(data);
    return out;
}

nlohmann::json case_json_without_data(Engine& engine, const CaseRecord& r, const User& user) {
    return case_fields(view_of(engine, r), r, r.data, user);
}

nlohmann::json event_json(const EventRecord& e, int offset) {
    return {{"seq", e.seq},   {"at", format_iso8601(e.at, offset)}, {"actor", e.actor}, {"role", e.role},
            {"type", e.type}, {"from", e.from_state},              {"to", e.to_state},  {"payload", e.payload},
            {"hash", e.hash}};
}

}  // namespace tata::server
