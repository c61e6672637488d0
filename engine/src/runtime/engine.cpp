#include "tata/engine.hpp"

#include "runtime/case_stepper.hpp"
#include "runtime/form_check.hpp"
#include "runtime/workflow_catalog.hpp"
#include "store/store.hpp"
#include "tata/json_limits.hpp"

#include <algorithm>
#include <limits>

namespace tata {

struct Engine::Runtime {
    WorkflowCatalog catalog;
    // The cases being advanced by the current call, outermost first: a
    // signal may not re-enter one of them (its stored row is not written
    // yet) nor chain deeper than kSignalDepthLimit.
    std::vector<CaseId> advancing;
    static constexpr std::size_t kSignalDepthLimit = 8;

    void deliver_signals(Engine& engine, CaseStepper& stepper, CaseRecord& source);
};

namespace {

// Where `value` holds U+0000 in a text or a key ("/nama", "/anak/0"), or
// nullopt. Called once the depth is known to be bounded.
std::optional<std::string> find_nul(const nlohmann::json& value, const std::string& at = "") {
    const auto holds_nul = [](const std::string& text) { return text.find('\0') != std::string::npos; };
    if (value.is_string()) return holds_nul(value.get_ref<const std::string&>()) ? std::optional(at) : std::nullopt;
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            if (holds_nul(key)) return at + "/" + key.substr(0, key.find('\0'));
            if (auto found = find_nul(item, at + "/" + key)) return found;
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            if (auto found = find_nul(value[i], at + "/" + std::to_string(i))) return found;
    }
    return std::nullopt;
}

// Text with U+0000 is refused where it comes in: PostgreSQL cannot hold it
// in text or JSON (a list filtering on the case's data would fail on it),
// and no person types it.
void check_no_nul(const nlohmann::json& data, const std::string& field) {
    if (const auto where = find_nul(data))
        throw InvalidInput(std::vector<FieldError>{{field + *where, "contains the character U+0000 (NUL)"}});
}

// Data from outside (a create request, a roster row, a correction) is
// bounded before it is copied into the case: nlohmann::json copies and
// serialises recursively, and one case nested thousands of levels deep
// would crash every list and search that reads it.
void check_data_bounds(const nlohmann::json& data, const std::string& field) {
    if (const auto where = find_too_deep(data))
        throw InvalidInput(std::vector<FieldError>{
            {field + (*where == "/" ? "" : *where), "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"}});
    if (approximate_json_bytes(data) > kMaxCaseDataBytes)
        throw InvalidInput(std::vector<FieldError>{
            {field, "larger than " + std::to_string(kMaxCaseDataBytes / 1024) + " KiB"}});
    check_no_nul(data, field);
}

// Marks a case as being advanced for as long as the scope lasts.
class AdvancingScope {
public:
    AdvancingScope(std::vector<CaseId>& stack, CaseId id) : stack_(stack) { stack_.push_back(id); }
    ~AdvancingScope() { stack_.pop_back(); }
    AdvancingScope(const AdvancingScope&) = delete;
    AdvancingScope& operator=(const AdvancingScope&) = delete;

private:
    std::vector<CaseId>& stack_;
};

}  // namespace

// Each signal fires its event on the target case as the system, inside the
// caller's transaction (Engine::fire opens a savepoint, so a refused signal
// writes nothing on the target). A refusal does not fail the source case:
// it is recorded on it, in data.sinyal.<event> and in its history, for the
// officer to act on.
void Engine::Runtime::deliver_signals(Engine& engine, CaseStepper& stepper, CaseRecord& source) {
    for (const PendingSignal& pending : stepper.take_signals()) {
        const Signal& signal = *pending.signal;
        std::string refusal;
        if (!pending.target) {
            refusal = "data." + signal.case_field + " holds no case number";
        } else if (std::find(advancing.begin(), advancing.end(), *pending.target) != advancing.end()) {
            refusal = "case " + std::to_string(*pending.target) + " is being advanced by this same step";
        } else if (advancing.size() >= kSignalDepthLimit) {
            refusal = "signals chained deeper than " + std::to_string(kSignalDepthLimit) + " cases";
        } else {
            try {
                const auto target = engine.store_->load_case(*pending.target);
                if (!target) throw NotFound("case " + std::to_string(*pending.target) + " does not exist");
                if (target->regency != source.regency)
                    throw Forbidden("case " + std::to_string(*pending.target) + " belongs to another regency");
                engine.fire(*pending.target, signal.event, pending.input,
                            Actor{"case:" + std::to_string(source.id), "system"});
            } catch (const std::exception& e) {
                refusal = e.what();
            }
        }
        nlohmann::json outcome = {{"terkirim", refusal.empty()},
                                  {"kasus", pending.target ? nlohmann::json(*pending.target) : nlohmann::json()},
                                  {"pada", stepper.now_text()}};
        if (!refusal.empty()) outcome["alasan"] = refusal;
        source.data["sinyal"][signal.event] = outcome;
        nlohmann::json payload = {{"event", signal.event}, {"state", pending.state}, {"delivered", refusal.empty()}};
        if (pending.target) payload["case"] = *pending.target;
        if (!refusal.empty()) payload["reason"] = refusal;
        stepper.record_event(source, "signal", Actor::system(), source.state, source.state, std::move(payload));
    }
}

namespace {

const Regency& regency_of(const DefinitionSet& definitions, const std::string& code) {
    if (const Regency* regency = definitions.find_regency(code)) return *regency;
    throw NotFound("unknown regency '" + code + "' (no rules/" + code + "/regency.yaml loaded)");
}

std::string list_names(const std::vector<Outcome>& outcomes) {
    std::string names;
    for (const auto& o : outcomes) names += (names.empty() ? "" : ", ") + o.name;
    return names.empty() ? "none" : names;
}

// Who may fire `outcome` in `state`: the task's roles, or the event's.
void check_role(const State& state, const Outcome& outcome, const Actor& actor) {
    const auto& roles = state.kind == StateKind::task ? state.roles : outcome.roles;
    if (actor.role == "system" && state.kind == StateKind::wait) return;
    if (std::find(roles.begin(), roles.end(), actor.role) != roles.end()) return;
    std::string allowed;
    for (const auto& r : roles) allowed += (allowed.empty() ? "" : ", ") + r;
    throw Forbidden("role '" + actor.role + "' may not fire '" + outcome.name + "' in state '" + state.name +
                    "' (allowed: " + (allowed.empty() ? "system only" : allowed) + ")");
}

// What advancing a stored case needs besides the case itself.
struct CaseContext {
    std::shared_ptr<const DefinitionSet> definitions;
    std::shared_ptr<const Workflow> workflow;
    const Regency* regency;

    CaseStepper stepper(Store& store, TimePoint now, int step_limit) const {
        return CaseStepper(store, *definitions, *workflow, *regency, now, step_limit);
    }
};

CaseContext context_of(const CaseRecord& record, WorkflowCatalog& catalog) {
    auto definitions = catalog.current();
    auto workflow = catalog.workflow_for(record.workflow_id, record.workflow_version);
    const Regency* regency = &regency_of(*definitions, record.regency);
    return {std::move(definitions), std::move(workflow), regency};
}

CaseRecord load_existing(Store& store, CaseId id) {
    auto loaded = store.load_case(id);
    if (!loaded) throw NotFound("case " + std::to_string(id) + " does not exist");
    return std::move(*loaded);
}

// Writes the case row and its index row.
void persist(Store& store, const WorkflowCatalog& catalog, const Workflow& workflow, const CaseRecord& record) {
    store.update_case(record);
    const auto& fields = catalog.index_fields(workflow.id, workflow.index);
    if (!fields.empty()) store.write_index(workflow.id, fields, record);
    if (const SearchLayout* layout = catalog.search_layout(workflow.id)) {
        store.write_search(*layout, record);
    } else {  // a workflow the current generation dropped
        SearchLayout own{workflow.search, {}};
        for (const auto& field : workflow.index)
            if (field.filter) own.filters.push_back(field.name);
        store.write_search(own, record);
    }
}

// Writes a changed case (one version more) and commits the advance.
AdvanceResult save_change(Store& store, const WorkflowCatalog& catalog, StoreTransaction& transaction,
                          const Workflow& workflow, CaseRecord record, std::optional<IncidentRecord> incident,
                          TimePoint now) {
    ++record.version;
    record.updated_at = now;
    persist(store, catalog, workflow, record);
    transaction.commit();
    return {std::move(record), std::move(incident)};
}

}  // namespace

Engine::Engine(EngineOptions options)
    : options_(std::move(options)), clock_(options_.clock ? options_.clock : std::make_shared<SystemClock>()) {
    // Definitions first: an engine refused for bad definitions leaves no
    // database behind.
    auto definitions = load_definitions(options_.sources, options_.expression_limits);
    store_ = open_store(options_.database.string(), {options_.synchronous_full, options_.list_tuning});
    runtime_ = std::make_unique<Runtime>(Runtime{WorkflowCatalog(*store_), {}});
    runtime_->catalog.install(std::move(definitions));
}

Engine::~Engine() = default;

std::shared_ptr<const DefinitionSet> Engine::definitions() const {
    std::lock_guard lock(mutex_);
    return runtime_->catalog.current();
}

void Engine::reload() {
    // Loading happens outside the lock: cases keep advancing meanwhile.
    reload(load_definitions(options_.sources, options_.expression_limits));
}

void Engine::reload(std::shared_ptr<const DefinitionSet> next) {
    std::lock_guard lock(mutex_);
    runtime_->catalog.install(std::move(next));
}

std::shared_ptr<const Workflow> Engine::workflow_of(const CaseRecord& record) {
    std::lock_guard lock(mutex_);
    return runtime_->catalog.workflow_for(record.workflow_id, record.workflow_version);
}

std::shared_ptr<const Workflow> Engine::find_workflow(const std::string& id, int version) {
    std::lock_guard lock(mutex_);
    if (auto loaded = runtime_->catalog.current()->find(id, version)) return loaded;
    if (!store_->pinned_definition(id, version)) return nullptr;
    return runtime_->catalog.workflow_for(id, version);
}

AdvanceResult Engine::create_case(const std::string& workflow_id, const std::string& regency_code,
                                  nlohmann::json data, const Actor& actor, const std::string& key) {
    if (!data.is_object()) throw InvalidInput(std::vector<FieldError>{{"data", "case data must be a JSON object"}});
    check_data_bounds(data, "data");
    std::lock_guard lock(mutex_);
    const auto definitions = runtime_->catalog.current();
    const auto workflow = definitions->latest(workflow_id);
    if (!workflow) throw NotFound("unknown workflow '" + workflow_id + "'");
    const Regency& regency = regency_of(*definitions, regency_code);

    StoreTransaction transaction(*store_);
    runtime_->catalog.pin(*workflow);
    const TimePoint now = clock_->now();
    CaseRecord record;
    record.key = key;
    record.regency = regency.code;
    record.workflow_id = workflow->id;
    record.workflow_version = workflow->version;
    record.state = workflow->start;
    record.data = nlohmann::json::object();
    record.version = 1;
    record.created_at = record.updated_at = now;
    // The row goes in first, so that the tasks and timers of the first steps
    // can refer to it; nothing reads it before persist() below writes it
    // whole, so it goes in without the data (serialized once, not twice).
    const auto id = store_->insert_case(record);
    if (!id) {
        const auto existing = store_->find_case_by_key(regency.code, workflow->id, key);
        throw Conflict("a " + workflow->id + " case with key " + key + " already exists in " + regency.code +
                           ": case " + std::to_string(existing.value_or(0)),
                       0);
    }
    record.id = *id;
    const AdvancingScope advancing(runtime_->advancing, record.id);

    CaseStepper stepper(*store_, *definitions, *workflow, regency, now, options_.automatic_step_limit);
    // The event records the data as created: moved into its payload and
    // back out rather than copied.
    nlohmann::json created = {{"workflow", workflow->id}, {"version", workflow->version}};
    created["data"] = std::move(data);
    EventRecord event = stepper.record_event(record, "created", actor, "", workflow->start, std::move(created));
    record.data = std::move(event.payload["data"]);
    AdvanceResult result;
    result.incident = stepper.enter(record, workflow->start, nlohmann::json::object());
    runtime_->deliver_signals(*this, stepper, record);
    persist(*store_, runtime_->catalog, *workflow, record);
    transaction.commit();
    result.record = std::move(record);
    return result;
}

AdvanceResult Engine::fire(CaseId id, const std::string& outcome_name, const nlohmann::json& input,
                           const Actor& actor, std::optional<std::int64_t> expected_version, const CaseCheck& admit) {
    if (const auto where = find_too_deep(input))
        throw InvalidInput(std::vector<FieldError>{{"input" + (*where == "/" ? "" : *where),
                                                    "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"}});
    check_no_nul(input, "input");
    std::lock_guard lock(mutex_);
    StoreTransaction transaction(*store_);
    const AdvancingScope advancing(runtime_->advancing, id);
    CaseRecord record = load_existing(*store_, id);
    if (admit) admit(record);
    if (expected_version && *expected_version != record.version)
        throw Conflict("case " + std::to_string(id) + " is at version " + std::to_string(record.version) +
                           ", not " + std::to_string(*expected_version) + ": someone changed it meanwhile",
                       record.version);
    if (record.status == CaseStatus::completed)
        throw InvalidTransition("case " + std::to_string(id) + " is closed (" + record.result + ")");
    if (record.status == CaseStatus::withdrawn)
        throw InvalidTransition("case " + std::to_string(id) + " was withdrawn");
    if (record.status == CaseStatus::incident)
        throw InvalidTransition("case " + std::to_string(id) + " has an open incident in state '" + record.state +
                                "': retry it first");

    const CaseContext context = context_of(record, runtime_->catalog);
    const State& state = context.workflow->state(record.state);
    const Outcome* outcome = state.find_outcome(outcome_name);
    if (!outcome)
        throw InvalidTransition("state '" + state.name + "' has no outcome '" + outcome_name +
                                "' (available: " + list_names(state.outcomes) + ")");
    check_role(state, *outcome, actor);
    for (const TaskRecord& task : record.open_tasks)
        if (!task.assignee.empty() && task.assignee != actor.user && actor.role != "system")
            throw Forbidden("task '" + task.title + "' is claimed by " + task.assignee);

    std::vector<const FormField*> form;
    for (const auto& f : state.form) form.push_back(&f);
    for (const auto& f : outcome->form) form.push_back(&f);
    if (auto errors = check_form_input(form, input); !errors.empty()) throw InvalidInput(std::move(errors));

    const TimePoint now = clock_->now();
    CaseStepper stepper = context.stepper(*store_, now, options_.automatic_step_limit);
    for (const auto& [key, value] : input.items()) record.data[key] = value;
    std::string target;
    try {
        // A refused decision changes nothing: the transaction is not
        // committed, and the person sees the YAML's reasons.
        if (auto refused = stepper.refusals(state.name, *outcome, record, input); !refused.empty())
            throw InvalidInput(std::move(refused));
        target = stepper.choose(state.name, outcome->next, record, input);
    } catch (const StepFailure& failure) {
        // A broken condition: the officer's decision is not applied; the
        // case parks where it is until the definition is fixed and retried.
        record = load_existing(*store_, id);
        store_->close_tasks(id, now, "cancelled", "system");
        store_->cancel_timers(id);
        record.open_tasks.clear();
        auto incident = stepper.park(record, failure);
        return save_change(*store_, runtime_->catalog, transaction, *context.workflow, std::move(record), std::move(incident), now);
    }
    store_->close_tasks(id, now, "done", actor.user);
    if (state.due || state.timer) store_->cancel_timers(id);  // only these states set timers
    record.open_tasks.clear();
    stepper.record_event(record, "fired", actor, state.name, target, {{"outcome", outcome_name}, {"input", input}});
    auto incident = stepper.enter(record, target, input);
    runtime_->deliver_signals(*this, stepper, record);
    return save_change(*store_, runtime_->catalog, transaction, *context.workflow, std::move(record), std::move(incident), now);
}

AdvanceResult Engine::retry(CaseId id, const Actor& actor) {
    std::lock_guard lock(mutex_);
    StoreTransaction transaction(*store_);
    const AdvancingScope advancing(runtime_->advancing, id);
    CaseRecord record = load_existing(*store_, id);
    if (record.status != CaseStatus::incident)
        throw InvalidTransition("case " + std::to_string(id) + " has no open incident to retry");
    const TimePoint now = clock_->now();
    const CaseContext context = context_of(record, runtime_->catalog);
    CaseStepper stepper = context.stepper(*store_, now, options_.automatic_step_limit);
    store_->resolve_incidents(id, now, actor.user);
    stepper.record_event(record, "retried", actor, record.state, record.state, nlohmann::json::object());
    auto incident = stepper.enter(record, record.state, nlohmann::json::object());
    runtime_->deliver_signals(*this, stepper, record);
    return save_change(*store_, runtime_->catalog, transaction, *context.workflow, std::move(record), std::move(incident), now);
}

AdvanceResult Engine::resolve_incident(CaseId id, const std::string& target, const std::string& note,
                                       const Actor& actor) {
    std::lock_guard lock(mutex_);
    StoreTransaction transaction(*store_);
    const AdvancingScope advancing(runtime_->advancing, id);
    CaseRecord record = load_existing(*store_, id);
    if (record.status != CaseStatus::incident)
        throw InvalidTransition("case " + std::to_string(id) + " has no open incident to resolve");
    const CaseContext context = context_of(record, runtime_->catalog);
    const auto targets = context.workflow->state(record.state).targets();
    if (std::find(targets.begin(), targets.end(), target) == targets.end()) {
        std::string allowed;
        for (const auto& t : targets) allowed += (allowed.empty() ? "" : ", ") + t;
        throw InvalidTransition("state '" + record.state + "' does not lead to '" + target + "' (it leads to: " +
                                (allowed.empty() ? "nothing" : allowed) + ")");
    }
    if (note.empty()) throw InvalidInput(std::vector<FieldError>{{"note", "say what was done by hand"}});
    const TimePoint now = clock_->now();
    CaseStepper stepper = context.stepper(*store_, now, options_.automatic_step_limit);
    store_->resolve_incidents(id, now, actor.user);
    record.status = CaseStatus::active;
    stepper.record_event(record, "resolved", actor, record.state, target, {{"note", note}});
    auto incident = stepper.enter(record, target, nlohmann::json::object());
    runtime_->deliver_signals(*this, stepper, record);
    return save_change(*store_, runtime_->catalog, transaction, *context.workflow, std::move(record), std::move(incident), now);
}

TimerRunResult Engine::run_due_timers() {
    std::lock_guard lock(mutex_);
    TimerRunResult result;
    const TimePoint now = clock_->now();
    // Only the timers that exist when the run starts: a deadline the run
    // itself sets (even one already due) waits for the next run, so two
    // states escalating into each other cannot spin forever.
    const std::int64_t last_id = store_->last_timer_id();
    auto fire = [&](const TimerRecord& timer) {
        StoreTransaction transaction(*store_);
        // Claimed by deleting it: gone means another node's run fired it
        // (or an earlier step of this run cancelled it).
        if (!store_->delete_timer(timer.id)) {
            ++result.taken;
            return;
        }
        auto loaded = store_->load_case(timer.case_id);
        if (!loaded || loaded->state != timer.state || loaded->status != CaseStatus::active) {
            ++result.stale;
            transaction.commit();
            return;
        }
        CaseRecord record = std::move(*loaded);
        const AdvancingScope advancing(runtime_->advancing, record.id);
        const CaseContext context = context_of(record, runtime_->catalog);
        const State& state = context.workflow->state(record.state);
        const bool escalation = timer.kind == "due";
        const std::string& target = escalation ? state.on_due : state.on_timer;
        CaseStepper stepper = context.stepper(*store_, now, options_.automatic_step_limit);
        store_->close_tasks(record.id, now, escalation ? "escalated" : "cancelled", "system");
        store_->cancel_timers(record.id);
        record.open_tasks.clear();
        stepper.record_event(record, escalation ? "escalated" : "timer", Actor::system(), state.name, target,
                             {{"due_at", format_iso8601(timer.due_at, context.regency->calendar.utc_offset_minutes())}});
        if (escalation) stepper.carry_missed_deadline(timer.due_at);
        auto incident = stepper.enter(record, target, nlohmann::json::object());
        runtime_->deliver_signals(*this, stepper, record);
        if (incident) ++result.incidents;
        save_change(*store_, runtime_->catalog, transaction, *context.workflow, std::move(record), std::move(incident), now);
        ++result.fired;
    };
    for (std::int64_t after = 0;;) {
        const auto due = store_->due_timers(now, after, last_id, 256);
        if (due.empty()) break;
        for (const auto& timer : due) {
            after = timer.id;
            // One timer that cannot fire (its workflow no longer loads) must
            // not hold back the others; it stays, to fire once fixed.
            try {
                fire(timer);
            } catch (const std::exception& e) {
                result.errors.push_back("case " + std::to_string(timer.case_id) + ": " + e.what());
            }
        }
    }
    return result;
}

std::optional<CaseRecord> Engine::find_case_by_key(const std::string& regency, const std::string& workflow_id,
                                                   const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto id = store_->find_case_by_key(regency, workflow_id, key);
    if (!id) return std::nullopt;
    return store_->load_case(*id);
}

CaseRecord Engine::update_data(CaseId id, const nlohmann::json& patch, const Actor& actor,
                               std::optional<std::int64_t> expected_version) {
    if (!patch.is_object()) throw InvalidInput(std::vector<FieldError>{{"data", "the patch must be a JSON object"}});
    check_data_bounds(patch, "data");
    std::lock_guard lock(mutex_);
    StoreTransaction transaction(*store_);
    CaseRecord record = load_existing(*store_, id);
    if (expected_version && *expected_version != record.version)
        throw Conflict("case " + std::to_string(id) + " is at version " + std::to_string(record.version) + ", not " +
                           std::to_string(*expected_version) + ": someone changed it meanwhile",
                       record.version);
    if (record.status == CaseStatus::withdrawn)
        throw InvalidTransition("case " + std::to_string(id) + " was withdrawn");
    const CaseContext context = context_of(record, runtime_->catalog);
    const TimePoint now = clock_->now();
    // What the patch replaces, so that the change can be read (and undone)
    // from the event alone: a field that was absent is null, as a merge
    // patch removes it.
    nlohmann::json before = nlohmann::json::object();
    if (record.data.is_object())
        for (const auto& [key, value] : patch.items()) {
            const auto it = record.data.find(key);
            before[key] = it == record.data.end() ? nlohmann::json() : *it;
        }
    record.data.merge_patch(patch);
    context.stepper(*store_, now, options_.automatic_step_limit)
        .record_event(record, "data_updated", actor, record.state, record.state,
                      {{"patch", patch}, {"before", std::move(before)}});
    return save_change(*store_, runtime_->catalog, transaction, *context.workflow, std::move(record), std::nullopt, now).record;
}

CaseRecord Engine::withdraw_case(CaseId id, const std::string& reason, const Actor& actor,
                                 std::optional<std::int64_t> expected_version) {
    if (reason.empty()) throw InvalidInput(std::vector<FieldError>{{"reason", "say why the case is withdrawn"}});
    std::lock_guard lock(mutex_);
    StoreTransaction transaction(*store_);
    CaseRecord record = load_existing(*store_, id);
    if (expected_version && *expected_version != record.version)
        throw Conflict("case " + std::to_string(id) + " is at version " + std::to_string(record.version) + ", not " +
                           std::to_string(*expected_version) + ": someone changed it meanwhile",
                       record.version);
    if (record.status == CaseStatus::completed || record.status == CaseStatus::withdrawn)
        throw InvalidTransition("case " + std::to_string(id) + " is closed");
    const CaseContext context = context_of(record, runtime_->catalog);
    const TimePoint now = clock_->now();
    store_->close_tasks(id, now, "cancelled", actor.user);
    store_->cancel_timers(id);
    if (record.status == CaseStatus::incident) store_->resolve_incidents(id, now, actor.user);
    record.open_tasks.clear();
    // The key goes into the event, so the chain says whose case this was
    // after the key is released for a case imported again.
    context.stepper(*store_, now, options_.automatic_step_limit)
        .record_event(record, "withdrawn", actor, record.state, record.state, {{"reason", reason}, {"key", record.key}});
    if (!record.key.empty()) store_->release_key(id);
    record.key.clear();
    record.status = CaseStatus::withdrawn;
    return save_change(*store_, runtime_->catalog, transaction, *context.workflow, std::move(record), std::nullopt, now).record;
}

std::vector<EventRecord> Engine::events_of_operation(const std::string& operation) {
    std::lock_guard lock(mutex_);
    return store_->operation_events(operation);
}

std::int64_t Engine::data_version(const std::string& regency) {
    std::lock_guard lock(mutex_);
    return store_->data_version(regency);
}

void Engine::scan_index(const IndexQuery& query, const std::function<void(const IndexRow&)>& visit) {
    std::lock_guard lock(mutex_);
    store_->scan_index(query, visit);
}

CaseRecord Engine::get_case(CaseId id) {
    std::lock_guard lock(mutex_);
    auto record = store_->load_case(id);
    if (!record) throw NotFound("case " + std::to_string(id) + " does not exist");
    return std::move(*record);
}

CaseRecord Engine::read_case(CaseId id) {
    auto record = store_->read_committed_case(id);
    if (!record) throw NotFound("case " + std::to_string(id) + " does not exist");
    return std::move(*record);
}

StoredCase Engine::read_stored_case(CaseId id) {
    auto stored = store_->read_committed_stored_case(id);
    if (!stored) throw NotFound("case " + std::to_string(id) + " does not exist");
    return std::move(*stored);
}

std::vector<CaseRecord> Engine::list_cases(const CaseFilter& filter) {
    std::lock_guard lock(mutex_);
    return store_->list_cases(filter);
}

std::size_t Engine::count_cases(const CaseFilter& filter) {
    std::lock_guard lock(mutex_);
    return store_->count_cases(filter, std::numeric_limits<std::size_t>::max());
}

std::size_t Engine::count_cases(const CaseFilter& filter, std::size_t cap) {
    std::lock_guard lock(mutex_);
    return store_->count_cases(filter, cap);
}

std::vector<std::pair<std::string, std::size_t>> Engine::count_cases_by_state(const CaseFilter& filter) {
    std::lock_guard lock(mutex_);
    return store_->count_cases_by_state(filter);
}

std::vector<TaskListing> Engine::list_tasks(const TaskFilter& filter) {
    std::lock_guard lock(mutex_);
    return store_->list_open_tasks(filter);
}

std::size_t Engine::count_tasks(const TaskFilter& filter) {
    std::lock_guard lock(mutex_);
    return store_->count_open_tasks(filter, std::numeric_limits<std::size_t>::max()).count;
}

TaskCount Engine::count_tasks(const TaskFilter& filter, std::size_t cap) {
    std::lock_guard lock(mutex_);
    return store_->count_open_tasks(filter, cap);
}

TaskPage Engine::task_page(const TaskFilter& filter, std::size_t cap) {
    std::lock_guard lock(mutex_);
    return store_->open_task_page(filter, cap);
}

std::optional<TaskRecord> Engine::find_open_task(std::int64_t task_id) {
    std::lock_guard lock(mutex_);
    return store_->load_open_task(task_id);
}

TaskRecord Engine::claim_task(std::int64_t task_id, const Actor& actor) {
    return change_assignee(task_id, actor, true);
}

TaskRecord Engine::unclaim_task(std::int64_t task_id, const Actor& actor) {
    return change_assignee(task_id, actor, false);
}

TaskRecord Engine::change_assignee(std::int64_t task_id, const Actor& actor, bool claim) {
    std::lock_guard lock(mutex_);
    StoreTransaction transaction(*store_);
    auto task = store_->load_open_task(task_id);
    if (!task) throw NotFound("task " + std::to_string(task_id) + " is not open");
    if (claim) {
        if (std::find(task->roles.begin(), task->roles.end(), actor.role) == task->roles.end())
            throw Forbidden("role '" + actor.role + "' may not take task '" + task->title + "'");
        if (task->assignee == actor.user) return *task;
        if (!task->assignee.empty())
            throw Conflict("task '" + task->title + "' is already claimed by " + task->assignee, 0);
    } else {
        if (task->assignee.empty()) return *task;
        if (task->assignee != actor.user && actor.role != "admin")
            throw Forbidden("task '" + task->title + "' is claimed by " + task->assignee);
    }
    const std::string previous = task->assignee;
    task->assignee = claim ? actor.user : std::string();
    store_->assign_task(task_id, task->assignee);

    CaseRecord record = load_existing(*store_, task->case_id);
    const CaseContext context = context_of(record, runtime_->catalog);
    const TimePoint now = clock_->now();
    nlohmann::json payload = {{"task", task_id}};
    if (!claim) payload["released"] = previous;
    context.stepper(*store_, now, options_.automatic_step_limit)
        .record_event(record, claim ? "claimed" : "unclaimed", actor, record.state, record.state, std::move(payload));
    save_change(*store_, runtime_->catalog, transaction, *context.workflow, std::move(record), std::nullopt, now);
    return *task;
}

std::vector<EventRecord> Engine::history(CaseId id) {
    std::lock_guard lock(mutex_);
    return store_->events(id);
}

std::vector<EventRecord> Engine::committed_events_after(std::int64_t after_seq, std::size_t limit) {
    return store_->committed_events_after(after_seq, limit);
}

std::int64_t Engine::last_committed_event_seq() { return store_->last_committed_event_seq(); }

std::vector<IncidentRecord> Engine::incidents(CaseId id) {
    std::lock_guard lock(mutex_);
    return store_->incidents(id);
}

AuditReport Engine::verify_audit(const std::vector<AuditAnchor>& anchors) {
    std::lock_guard lock(mutex_);
    return store_->verify_audit(anchors);
}

void Engine::batch(const std::function<void()>& work) {
    std::lock_guard lock(mutex_);
    StoreTransaction transaction(*store_);
    work();
    transaction.commit();
}

void prepare_database(const std::string& location) { open_store(location); }

}  // namespace tata
