// Moves one case through its workflow inside the caller's transaction:
// entering states, running their actions, chaining automatic states,
// opening tasks and timers, and writing an audit event for every move.
#pragma once

#include "store/store.hpp"
#include "tata/definitions.hpp"
#include "tata/errors.hpp"
#include "tata/records.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tata {

class DataUndo;

// A step that cannot complete because of the definition or a plugin: the
// state it happened in, the action (or guard) at fault, and why.
struct StepFailure : std::runtime_error {
    StepFailure(std::string state_name, std::string culprit_name, const std::string& message)
        : std::runtime_error(message), state(std::move(state_name)), culprit(std::move(culprit_name)) {}
    std::string state;
    std::string culprit;
};

// A signal queued while the case entered a state; the engine delivers it
// once the advance is done (see Engine::Runtime::deliver_signals).
struct PendingSignal {
    std::string state;
    const Signal* signal = nullptr;
    std::optional<CaseId> target;  // nullopt: data.<to_case> holds no case id
    nlohmann::json input;
};

class CaseStepper {
public:
    CaseStepper(Store& store, const DefinitionSet& definitions, const Workflow& workflow, const Regency& regency,
                TimePoint now, int step_limit);

    // Enters `target` and follows automatic states until the case rests in
    // a task, wait or end state. A failing step is rolled back, the case
    // parks in that state with status incident, and the incident is returned.
    std::optional<IncidentRecord> enter(CaseRecord& record, const std::string& target, const nlohmann::json& input);

    // The target of the first branch whose guard holds; throws StepFailure
    // when a guard cannot be evaluated or none holds.
    std::string choose(const std::string& state, const std::vector<Branch>& branches, const CaseRecord& record,
                       const nlohmann::json& input) const;

    // The refusals of `outcome` whose condition holds, as field errors (the
    // YAML's messages); throws StepFailure when one cannot be evaluated.
    std::vector<FieldError> refusals(const std::string& state, const Outcome& outcome, const CaseRecord& record,
                                     const nlohmann::json& input) const;

    // Parks the case in its current state with an open incident.
    IncidentRecord park(CaseRecord& record, const StepFailure& failure);

    EventRecord record_event(const CaseRecord& record, const std::string& type, const Actor& actor,
                             const std::string& from, const std::string& to, nlohmann::json payload);

    // The signals of the states entered so far (those of a step that failed
    // are dropped with it), in order; the list is emptied.
    std::vector<PendingSignal> take_signals() { return std::exchange(signals_, {}); }

    // The case is escalated: the next task it opens without a deadline of
    // its own keeps the one that was missed, so it is late from the start
    // (inbox, dashboard) instead of having none. No timer goes with it: an
    // escalation task has nowhere further to escalate.
    void carry_missed_deadline(TimePoint due_at) { missed_due_ = due_at; }

    // The clock's instant in the regency's offset, formatted once per stepper.
    const std::string& now_text() const { return now_text_; }
    TimePoint now() const { return now_; }

private:
    // Merges each action's patch into the data, noting in `undo` what it replaced.
    void run_actions(CaseRecord& record, const State& state, const std::vector<ActionCall>& actions,
                     const nlohmann::json& input, DataUndo& undo) const;
    // Runs the state's `decide:` entries with the regency's tables: outputs
    // and data.keputusan.<table> merged into the data, noted in `undo`; a
    // missing table or input, or no decision, is a StepFailure.
    void run_decisions(CaseRecord& record, const State& state, DataUndo& undo) const;
    void rest_in(CaseRecord& record, const State& state);
    void queue_signals(const CaseRecord& record, const State& state);

    Store& store_;
    const DefinitionSet& definitions_;
    const Workflow& workflow_;
    const Regency& regency_;
    TimePoint now_;
    std::string now_text_;
    int step_limit_;
    std::vector<PendingSignal> signals_;
    std::optional<TimePoint> missed_due_;
};

}  // namespace tata
