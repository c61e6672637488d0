// The validated, in-memory model of a workflow definition (workflows/*.yaml).
// The YAML format is documented in docs/workflows.md; the loader in
// engine/src/definitions/ turns YAML into this model or into diagnostics.
#pragma once

#include "tata/calendar.hpp"
#include "tata/diagnostics.hpp"
#include "tata/expression.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tata {

enum class StateKind { task, automatic, wait, end };
std::string to_string(StateKind kind);

// `plugin.action` with the `with:` arguments written beside it.
struct ActionCall {
    std::string name;
    nlohmann::json args = nlohmann::json::object();
    std::string args_json = "{}";  // args as text, what the plugin receives
    SourceLocation where;
};

// A signal to another case, sent when a state is entered: fires `event` on
// the case whose id is in data.<case_field>, as the system, with `input`
// built from this case. How an unpaid-wage grievance opens a compliance
// check on the vendor's contract (DESIGN.md section 5).
struct Signal {
    std::string case_field;
    std::string event;
    // input field → where its value comes from: case.id, now or data.<field>
    std::vector<std::pair<std::string, std::string>> input;
    SourceLocation where;
};

// `decide: [{table, inputs, outputs}]`: looks the case data up in one of
// the regency's decision tables (tata/decision_table.hpp) and writes the
// outputs back, with an explanation in data.keputusan.<table>. Fields not
// mapped are read from and written to the data field of the same name.
struct DecideCall {
    std::string table;
    std::map<std::string, std::string> inputs;   // table input → case data field
    std::map<std::string, std::string> outputs;  // table output → case data field
    SourceLocation where;

    std::string input_field(const std::string& input) const;
    std::string output_field(const std::string& output) const;
};

// One entry of an ordered transition list: taken when `guard` holds (or
// always, when it has none: the default branch).
struct Branch {
    std::optional<CompiledExpression> guard;
    std::string target;
    SourceLocation where;
};

enum class FieldType { string, text, integer, number, boolean, date, choice, document };
std::string to_string(FieldType type);

// Text fields are bounded even where the YAML sets no `max_length`: one
// request must not store megabytes in a case through a note field.
inline constexpr std::size_t kDefaultStringLength = 500;     // string and document fields
inline constexpr std::size_t kDefaultTextLength = 10'000;    // text fields (several lines)
inline constexpr std::size_t kLongestTextField = 100'000;    // the most `max_length` may allow

struct FormField {
    std::string name;
    FieldType type = FieldType::string;
    bool required = false;
    std::string label;
    std::vector<std::string> options;  // for choice: the values stored
    // The words people read for some of `options` (`{value, label}` items);
    // an option without one is read as its value.
    std::map<std::string, std::string> option_labels;
    std::optional<double> min;         // for integer and number
    std::optional<double> max;
    // For string, text and document fields: the longest value, in
    // characters; unset takes the type's default (form_check.hpp).
    std::optional<std::size_t> max_length;
    SourceLocation where;
};

// A rule that refuses a decision's input: when `when` holds, nothing is
// applied and the person is told `message` (from the YAML, in Bahasa
// Indonesia), beside the form field `field` when it names one. For what a
// form's own limits cannot say: a date before today, an end before a start.
struct Refusal {
    CompiledExpression when;
    std::string message;
    std::string field;  // a field of the outcome's or the state's form; empty: the decision as a whole
    SourceLocation where;
};

// A named way out of a task (a button for the officer) or a wait state.
struct Outcome {
    std::string name;
    std::string label;
    std::vector<std::string> roles;  // wait-state events: who may send it
    std::vector<FormField> form;     // fields asked with this outcome (besides the state's)
    std::vector<Refusal> refuse;     // checked, in order, before any branch
    std::vector<Branch> next;        // ordered; the last has no guard
    SourceLocation where;
};

struct State {
    std::string name;
    StateKind kind = StateKind::end;
    std::string title;
    std::string description;
    SourceLocation where;

    std::vector<ActionCall> on_enter;  // any kind: run when the case enters
    std::vector<Signal> signals;       // any kind: sent once on_enter succeeded
    // any kind: after on_enter (auto states: after `actions`, before `next`)
    std::vector<DecideCall> decide;

    // task
    std::vector<std::string> roles;
    std::vector<FormField> form;
    std::vector<Outcome> outcomes;
    std::optional<Duration> due;
    std::string on_due;  // escalation target when the task is overdue
    SourceLocation on_due_where;

    // automatic
    std::vector<ActionCall> actions;
    std::vector<Branch> next;

    // wait: leaves on `timer` (to on_timer) or on one of `outcomes` (events)
    std::optional<Duration> timer;
    std::string on_timer;
    SourceLocation on_timer_where;

    // end
    std::string result;  // e.g. verified, returned, rejected

    const Outcome* find_outcome(const std::string& outcome_name) const;
    // Every state this one can move to, for validation and diagrams.
    std::vector<std::string> targets() const;
};

// A case data field copied into a typed column of the workflow's index, so
// lists, filters and bulk reads (ranking millions of workers) need no JSON.
enum class IndexType { text, integer, number, date, boolean };
std::string to_string(IndexType type);

struct IndexField {
    std::string name;
    IndexType type = IndexType::text;
    // Named under the workflow's `filters:`: lists filter on it, so the
    // store keeps a database index on (regency, field) as well.
    bool filter = false;
    SourceLocation where;
};

// The words people read for codes a workflow stores (`labels:`), beside
// its states' titles, outcomes' labels and form fields' labels. The regency
// edits them in the YAML; pages and letters never show a code instead.
struct WorkflowLabels {
    std::map<std::string, std::string> results;  // an end state's result → words
    std::map<std::string, std::string> fields;   // a data field → its name in words
    // A data field → its stored values → words (choice options' labels too).
    std::map<std::string, std::map<std::string, std::string>> values;
    // Data fields for the engine's own bookkeeping, never shown to a person.
    std::set<std::string> hidden;
};

struct Workflow {
    std::string id;
    int version = 0;
    std::string title;
    std::string description;
    std::string start;
    SourceLocation start_where;
    std::vector<State> states;  // in declaration order
    std::vector<IndexField> index;
    // Data fields searched by text besides the case key (`search:`), kept in
    // the store's text index so a search by name or NIK reads no case data.
    std::vector<std::string> search;
    WorkflowLabels labels;
    SourceLocation where;
    std::string source_text;    // the YAML as loaded, kept with cases that pin it
    std::string source_sha256;

    const State* find_state(const std::string& name) const;
    const State& state(const std::string& name) const;  // throws std::out_of_range
};

}  // namespace tata
