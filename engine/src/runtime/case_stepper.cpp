#include "runtime/case_stepper.hpp"

#include "runtime/data_undo.hpp"

namespace tata {
namespace {

// RFC 7386 as nlohmann::json::merge_patch, but taking the patch's values
// instead of copying them: an action's patch is used once.
void merge_patch(nlohmann::json& target, nlohmann::json&& patch) {
    if (!patch.is_object()) {
        target = std::move(patch);
        return;
    }
    if (!target.is_object()) target = nlohmann::json::object();
    for (auto& [key, value] : patch.items()) {
        if (value.is_null())
            target.erase(key);
        else
            merge_patch(target[key], std::move(value));
    }
}

}  // namespace

CaseStepper::CaseStepper(Store& store, const DefinitionSet& definitions, const Workflow& workflow,
                         const Regency& regency, TimePoint now, int step_limit)
    : store_(store),
      definitions_(definitions),
      workflow_(workflow),
      regency_(regency),
      now_(now),
      now_text_(format_iso8601(now_, regency_.calendar.utc_offset_minutes())),
      step_limit_(step_limit) {}

std::optional<IncidentRecord> CaseStepper::enter(CaseRecord& record, const std::string& target,
                                                 const nlohmann::json& input) {
    std::string next = target;
    for (int step = 0;; ++step) {
        const State& state = workflow_.state(next);
        record.state = state.name;
        if (step >= step_limit_) {
            return park(record, StepFailure(state.name, "",
                                            "automatic steps exceeded the limit of " + std::to_string(step_limit_) +
                                                " in one advance (a loop in the workflow?)"));
        }
        // The step's effects on the data are kept only if it completes.
        DataUndo undo;
        const std::size_t signals_before = signals_.size();
        try {
            run_actions(record, state, state.on_enter, input, undo);
            // An auto state decides on what its actions found; others on
            // what on_enter left, before signals carry the data away.
            if (state.kind != StateKind::automatic) run_decisions(record, state, undo);
            queue_signals(record, state);
            if (state.kind != StateKind::automatic) {
                rest_in(record, state);
                return std::nullopt;
            }
            run_actions(record, state, state.actions, input, undo);
            run_decisions(record, state, undo);
            next = choose(state.name, state.next, record, input);
        } catch (const StepFailure& failure) {
            undo.restore(record.data);
            signals_.resize(signals_before);
            return park(record, failure);
        }
        record_event(record, "auto", Actor::system(), state.name, next, nlohmann::json::object());
    }
}

namespace {

nlohmann::json case_info_of(const CaseRecord& record) {
    return {{"id", record.id}, {"state", record.state}, {"workflow", record.workflow_id}, {"regency", record.regency}};
}

}  // namespace

std::vector<FieldError> CaseStepper::refusals(const std::string& state, const Outcome& outcome,
                                              const CaseRecord& record, const nlohmann::json& input) const {
    std::vector<FieldError> refused;
    if (outcome.refuse.empty()) return refused;
    const nlohmann::json case_info = case_info_of(record);
    const ExpressionScope scope{&record.data, &input, &case_info, now_text_};
    for (const auto& refusal : outcome.refuse) {
        try {
            if (refusal.when.test(scope)) refused.push_back({refusal.field, refusal.message});
        } catch (const ExpressionError& e) {
            throw StepFailure(state, "refuse: " + refusal.when.source(),
                              "condition '" + refusal.when.source() + "' failed: " + e.what());
        }
    }
    return refused;
}

std::string CaseStepper::choose(const std::string& state, const std::vector<Branch>& branches,
                                const CaseRecord& record, const nlohmann::json& input) const {
    if (!branches.empty() && !branches.front().guard) return branches.front().target;  // nothing to evaluate
    const nlohmann::json case_info = case_info_of(record);
    const ExpressionScope scope{&record.data, &input, &case_info, now_text_};
    for (const auto& branch : branches) {
        if (!branch.guard) return branch.target;
        try {
            if (branch.guard->test(scope)) return branch.target;
        } catch (const ExpressionError& e) {
            throw StepFailure(state, "when: " + branch.guard->source(),
                              "condition '" + branch.guard->source() + "' failed: " + e.what());
        }
    }
    throw StepFailure(state, "", "no transition condition holds");
}

void CaseStepper::run_actions(CaseRecord& record, const State& state, const std::vector<ActionCall>& actions,
                              const nlohmann::json& input, DataUndo& undo) const {
    if (actions.empty()) return;
    // One invocation for all the state's actions: only the arguments differ.
    ActionInvocation call{std::to_string(record.id), record.workflow_id, state.name,       record.regency,
                          now_text_,                 &record.data,       &input,           nullptr,
                          &regency_.settings_json};
    for (const auto& action : actions) {
        call.args_json = &action.args_json;
        ActionOutcome outcome = definitions_.plugins->invoke(action.name, call);
        if (!outcome.ok) throw StepFailure(state.name, action.name, outcome.error);
        undo.save(record.data, outcome.patch);
        merge_patch(record.data, std::move(outcome.patch));
    }
}

void CaseStepper::run_decisions(CaseRecord& record, const State& state, DataUndo& undo) const {
    for (const DecideCall& call : state.decide) {
        const std::string culprit = "decide: " + call.table;
        // A case pinned to an older workflow may name a table the current
        // rules no longer have: the load check covers only current workflows.
        const DecisionTable* table = regency_.find_decision_table(call.table);
        if (!table)
            throw StepFailure(state.name, culprit,
                              "tabel keputusan '" + call.table + "' tidak ada untuk " + regency_.name + " (" + regency_.code + ")");
        nlohmann::json inputs = nlohmann::json::object();
        for (const auto& input : table->inputs) {
            const std::string field = call.input_field(input.name);
            const auto it = record.data.is_object() ? record.data.find(field) : record.data.end();
            if (!record.data.is_object() || it == record.data.end() || it->is_null())
                throw StepFailure(state.name, culprit,
                                  "tabel keputusan '" + table->id + "': data '" + field + "' (" + input.label + ") belum diisi");
            inputs[input.name] = *it;
        }
        DecisionResult result;
        try {
            result = table->decide(inputs);
        } catch (const DecisionError& e) {
            throw StepFailure(state.name, culprit, e.what());
        }
        nlohmann::json changes = nlohmann::json::object();
        for (const auto& output : table->outputs) changes[call.output_field(output.name)] = result.outputs[output.name];
        changes["keputusan"] = nlohmann::json::object();
        // Noted like an action's patch, so a later failure in the step
        // undoes it. Assigned rather than merged: an explanation replaces
        // the one of an earlier decision with the same table whole.
        undo.save(record.data, changes);
        if (!record.data.is_object()) record.data = nlohmann::json::object();
        for (auto& [field, value] : changes.items()) {
            if (field != "keputusan") record.data[field] = std::move(value);
        }
        nlohmann::json& explanations = record.data["keputusan"];
        if (!explanations.is_object()) explanations = nlohmann::json::object();
        explanations[table->id] = result.record(table->title);
    }
}

void CaseStepper::queue_signals(const CaseRecord& record, const State& state) {
    for (const Signal& signal : state.signals) {
        PendingSignal pending{state.name, &signal, std::nullopt, nlohmann::json::object()};
        const auto field = record.data.find(signal.case_field);
        if (field != record.data.end()) {
            if (field->is_number_integer() && field->get<std::int64_t>() > 0) pending.target = field->get<CaseId>();
            else if (field->is_string() && !field->get_ref<const std::string&>().empty() &&
                     field->get_ref<const std::string&>().size() <= 18 &&
                     field->get_ref<const std::string&>().find_first_not_of("0123456789") == std::string::npos)
                pending.target = std::stoll(field->get<std::string>());
        }
        for (const auto& [name, from] : signal.input) {
            if (from == "case.id") pending.input[name] = record.id;
            else if (from == "now") pending.input[name] = now_text();
            else pending.input[name] = record.data.value(from.substr(5), nlohmann::json());
        }
        signals_.push_back(std::move(pending));
    }
}

void CaseStepper::rest_in(CaseRecord& record, const State& state) {
    record.status = CaseStatus::active;
    switch (state.kind) {
        case StateKind::task: {
            TaskRecord task;
            task.case_id = record.id;
            task.state = state.name;
            task.title = state.title;
            task.roles = state.roles;
            task.opened_at = now_;
            if (state.due) task.due_at = state.due->after(now_, regency_.calendar);
            else task.due_at = missed_due_;
            missed_due_.reset();  // only the first task after the escalation
            task.id = store_.open_task(task);
            if (state.due) store_.add_timer({0, record.id, task.id, state.name, "due", *task.due_at});
            record.open_tasks.push_back(std::move(task));
            break;
        }
        case StateKind::wait:
            if (state.timer) store_.add_timer({0, record.id, 0, state.name, "wait", state.timer->after(now_, regency_.calendar)});
            break;
        case StateKind::end:
            record.status = CaseStatus::completed;
            record.result = state.result;
            break;
        case StateKind::automatic:
            break;
    }
}

IncidentRecord CaseStepper::park(CaseRecord& record, const StepFailure& failure) {
    record.status = CaseStatus::incident;
    IncidentRecord incident;
    incident.case_id = record.id;
    incident.opened_at = now_;
    incident.state = record.state;
    incident.action = failure.culprit;
    incident.message = failure.what();
    incident.id = store_.open_incident(incident);
    record_event(record, "incident", Actor::system(), record.state, record.state,
                 {{"incident", incident.id}, {"action", incident.action}, {"message", incident.message}});
    return incident;
}

EventRecord CaseStepper::record_event(const CaseRecord& record, const std::string& type, const Actor& actor,
                                      const std::string& from, const std::string& to, nlohmann::json payload) {
    EventRecord event;
    event.case_id = record.id;
    event.at = now_;
    event.actor = actor.user;
    event.role = actor.role;
    event.type = type;
    event.from_state = from;
    event.to_state = to;
    event.payload = std::move(payload);
    if (!actor.operation.empty()) event.payload["operation"] = actor.operation;
    return store_.append_event(std::move(event));
}

}  // namespace tata
