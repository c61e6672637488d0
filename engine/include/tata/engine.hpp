// The engine: runs YAML-defined workflows over persistent cases.
//
// Every change to a case (create, fire, timer, retry) happens in one store
// transaction covering its state, data, tasks, timers and audit events, and
// is refused whole when anything is wrong (NotFound, Conflict, Forbidden,
// InvalidTransition, InvalidInput). A plugin failure is not a refusal: the
// failing step is rolled back, the case parks in that state with an open
// incident, and the result says so.
//
// Thread-safe: calls are serialized (one writer, as SQLite wants).
#pragma once

#include "tata/clock.hpp"
#include "tata/definitions.hpp"
#include "tata/errors.hpp"
#include "tata/records.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tata {

class Store;

struct EngineOptions {
    std::filesystem::path database = "tata.db";
    DefinitionSources sources;
    std::shared_ptr<const Clock> clock;  // default: SystemClock
    ExpressionLimits expression_limits;
    int automatic_step_limit = 64;       // automatic states chained in one advance
    bool synchronous_full = false;       // SQLite synchronous=FULL instead of NORMAL
    ListTuning list_tuning;
};

struct AdvanceResult {
    CaseRecord record;
    std::optional<IncidentRecord> incident;  // set when a step failed and the case parked
};

struct TimerRunResult {
    int fired = 0;      // timers that moved a case
    int incidents = 0;  // of those, how many parked their case with an incident
    int stale = 0;      // timers whose case had already moved on (dropped)
    int taken = 0;      // timers gone when the run reached them: fired by another node sharing
                        // the database, or cancelled by a step of this run
    std::vector<std::string> errors;  // timers that could not fire (kept for the next run)
};

class Engine {
public:
    // Loads and validates the definitions (throws ValidationError) and opens
    // the store (creating or migrating the database).
    explicit Engine(EngineOptions options);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    std::shared_ptr<const DefinitionSet> definitions() const;

    // Loads a new generation of workflows, rules and plugins from the same
    // sources. On any error throws ValidationError and keeps the current one.
    // Cases in flight continue on the workflow version they started with.
    void reload();
    // Installs a generation the caller loaded (and checked further) from the
    // engine's own sources, so that what was checked is what serves.
    void reload(std::shared_ptr<const DefinitionSet> next);
    const DefinitionSources& sources() const { return options_.sources; }
    const ExpressionLimits& expression_limits() const { return options_.expression_limits; }

    // `key` is an optional business key (a worker's NIK), unique per regency
    // and workflow: a second case with the same key is a Conflict.
    AdvanceResult create_case(const std::string& workflow_id, const std::string& regency, nlohmann::json data,
                              const Actor& actor, const std::string& key = {});
    std::optional<CaseRecord> find_case_by_key(const std::string& regency, const std::string& workflow_id,
                                               const std::string& key);

    // Applies a JSON merge patch to the case data (a corrected roster row),
    // recorded as a `data_updated` event with the patch and what it
    // replaced (`before`, null for a field that was absent); the case stays
    // where it is. InvalidTransition for a withdrawn case.
    CaseRecord update_data(CaseId id, const nlohmann::json& patch, const Actor& actor,
                           std::optional<std::int64_t> expected_version = std::nullopt);

    // Takes a case out of its procedure by hand (a roster import undone):
    // closes its tasks, drops its timers and any incident, releases its
    // business key, and records a `withdrawn` event with the reason. The
    // case stays, with its history, as status withdrawn; nothing can fire
    // on it again. InvalidTransition when it is already closed.
    CaseRecord withdraw_case(CaseId id, const std::string& reason, const Actor& actor,
                             std::optional<std::int64_t> expected_version = std::nullopt);

    // The caller's own check of a case as the engine loaded it to change it
    // (may this person act on it at all?): throws to refuse, and nothing is
    // written. The one read of the case serves both checks. It runs first,
    // before the version check and the engine's own, inside the write
    // transaction and under the engine's lock: it must be quick, must not
    // block and must not call the engine.
    using CaseCheck = std::function<void(const CaseRecord&)>;

    // Fires a task outcome (or a wait-state event) with input. `admit`, when
    // given, sees the case first. When expected_version is given and
    // differs from the case's: Conflict.
    AdvanceResult fire(CaseId id, const std::string& outcome, const nlohmann::json& input, const Actor& actor,
                       std::optional<std::int64_t> expected_version = std::nullopt, const CaseCheck& admit = {});

    // Re-runs the state a case parked in after an incident.
    AdvanceResult retry(CaseId id, const Actor& actor);

    // Resolves an incident by hand: the officer did what the failed step
    // could not (checked a register by phone, fixed the data) and sends the
    // case on to `target`, one of the states the parked state leads to,
    // with a note. Recorded as a `resolved` event; InvalidTransition when
    // the case has no open incident or `target` is not reachable from it.
    AdvanceResult resolve_incident(CaseId id, const std::string& target, const std::string& note, const Actor& actor);

    // Fires every timer due at the clock's now: task escalations and waits.
    TimerRunResult run_due_timers();

    CaseRecord get_case(CaseId id);
    // The case as last committed, read beside the writer instead of after it
    // (for servers answering many readers); inside a batch it does not see
    // the batch's own changes. NotFound when there is no such case.
    CaseRecord read_case(CaseId id);
    // The same, its data left as the stored JSON text (see StoredCase).
    StoredCase read_stored_case(CaseId id);
    std::vector<CaseRecord> list_cases(const CaseFilter& filter);
    // How many cases the filter matches, ignoring limit and offset.
    std::size_t count_cases(const CaseFilter& filter);
    // Counts up to `cap` (cap itself meaning "at least cap").
    std::size_t count_cases(const CaseFilter& filter, std::size_t cap);
    // How many cases the filter finds in each state, ignoring its own state
    // (the choices of a list's state filter), by state name.
    std::vector<std::pair<std::string, std::size_t>> count_cases_by_state(const CaseFilter& filter);

    // Open tasks for an inbox, and claiming them. A claimed task can be
    // fired only by its assignee; claiming and unclaiming are audit events
    // and bump the case version. claim_task: Forbidden when the actor's role
    // may not take the task, Conflict when someone else holds it;
    // unclaim_task: Forbidden unless the actor holds it or is an admin.
    std::vector<TaskListing> list_tasks(const TaskFilter& filter);
    std::size_t count_tasks(const TaskFilter& filter);
    TaskCount count_tasks(const TaskFilter& filter, std::size_t cap);  // at most cap, maybe a lower bound
    TaskPage task_page(const TaskFilter& filter, std::size_t cap);      // list_tasks and count_tasks at once
    std::optional<TaskRecord> find_open_task(std::int64_t task_id);
    TaskRecord claim_task(std::int64_t task_id, const Actor& actor);
    TaskRecord unclaim_task(std::int64_t task_id, const Actor& actor);
    std::vector<EventRecord> history(CaseId id);
    // The events recorded as part of an operation (Actor::operation), in
    // chain order: what an undo of the operation reads.
    std::vector<EventRecord> events_of_operation(const std::string& operation);
    // Committed events of every case after `after_seq`, in chain order (at
    // most `limit`): a feed for projections such as notifications. Read
    // beside the writer, like read_case.
    std::vector<EventRecord> committed_events_after(std::int64_t after_seq, std::size_t limit);
    std::int64_t last_committed_event_seq();  // 0 when there is none
    std::vector<IncidentRecord> incidents(CaseId id);
    // Checks the hash chain, and that each anchor names an event that still
    // has that hash.
    AuditReport verify_audit(const std::vector<AuditAnchor>& anchors = {});

    // Streams the rows of a workflow's case index (columns from its YAML
    // `index:`), without parsing case data. Throws std::invalid_argument for
    // a workflow without index or an unknown column. `visit` must not change
    // cases (collect ids, then advance them): the scan holds the engine.
    void scan_index(const IndexQuery& query, const std::function<void(const IndexRow&)>& visit);
    // Moves whenever a case of `regency` is written, here or by another
    // process on the same database: the key of results derived from its cases.
    std::int64_t data_version(const std::string& regency);

    // The workflow a case runs on (its pinned version).
    std::shared_ptr<const Workflow> workflow_of(const CaseRecord& record);
    // A workflow by id and version: the loaded one, else the version cases
    // pinned when it ran; nullptr when neither exists.
    std::shared_ptr<const Workflow> find_workflow(const std::string& id, int version);

    // Runs `work` with every advance it makes inside one transaction; an
    // advance that is refused rolls back alone. Throws what `work` throws,
    // after rolling everything back.
    void batch(const std::function<void()>& work);

    const Clock& clock() const { return *clock_; }

    struct Runtime;

private:
    TaskRecord change_assignee(std::int64_t task_id, const Actor& actor, bool claim);

    EngineOptions options_;
    std::shared_ptr<const Clock> clock_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<Runtime> runtime_;
    mutable std::recursive_mutex mutex_;
};

// Creates or migrates the engine's tables at `location` (an SQLite file or
// a postgresql:// URI) without loading definitions: `tata db copy` readies
// its target with it, and fills it before any index is built from it.
void prepare_database(const std::string& location);

}  // namespace tata
