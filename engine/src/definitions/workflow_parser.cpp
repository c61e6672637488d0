// YAML text → Workflow model. Structural checks happen here (keys, types,
// names, action and expression compilation); graph checks (reachability,
// loops, targets) in workflow_graph_check.cpp.
#include "tata/definitions.hpp"

#include "definitions/workflow_graph_check.hpp"
#include "definitions/workflow_labels.hpp"
#include "definitions/yaml_reader.hpp"
#include "tata/sha256.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace tata {
namespace {

// Far above any real procedure (the shipped ones have under 30 states),
// far below what makes checking a definition slow: a workflow file is
// written by a regency admin, not trusted to be small.
constexpr std::size_t kMaxStatesPerWorkflow = 2'000;
// Each searchable field adds its text to every case's row of the text
// index: a handful (name, NIK, a number) is what a search needs.
constexpr std::size_t kMaxSearchFields = 8;

const std::regex& name_pattern() {
    static const std::regex pattern("^[a-z][a-z0-9_]*$");
    return pattern;
}

const std::regex& action_pattern() {
    static const std::regex pattern("^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$");
    return pattern;
}

std::optional<FieldType> field_type_from(const std::string& text) {
    static const std::pair<const char*, FieldType> types[] = {
        {"string", FieldType::string},   {"text", FieldType::text},       {"integer", FieldType::integer},
        {"number", FieldType::number},   {"boolean", FieldType::boolean}, {"date", FieldType::date},
        {"choice", FieldType::choice},   {"document", FieldType::document}};
    for (const auto& [name, type] : types) {
        if (text == name) return type;
    }
    return std::nullopt;
}

class WorkflowParser {
public:
    WorkflowParser(const std::string& label, const PluginSet& plugins, ExpressionEngine& expressions,
                   std::vector<Diagnostic>& errors)
        : yaml_(label, errors), plugins_(plugins), expressions_(expressions) {}

    std::shared_ptr<Workflow> parse(const std::string& text) {
        const std::size_t errors_before = yaml_.error_count();
        const YAML::Node root = yaml_.parse(text);
        if (!root.IsDefined()) return nullptr;
        if (!yaml_.expect_map(root, "a workflow")) return nullptr;
        yaml_.reject_unknown_keys(root, "the workflow", {"id", "version", "title", "description", "start", "states", "index", "search", "filters", "labels"});

        auto workflow = std::make_shared<Workflow>();
        workflow->where = yaml_.where(root);
        workflow->source_text = text;
        workflow->source_sha256 = sha256_hex(text);
        if (auto id = yaml_.string(root, "id", true)) {
            workflow->id = *id;
            if (!std::regex_match(*id, name_pattern()))
                yaml_.error(root["id"], "workflow id '" + *id + "' must match [a-z][a-z0-9_]*");
        }
        if (auto version = yaml_.integer(root, "version", true)) {
            if (*version < 1 || *version > 1'000'000) yaml_.error(root["version"], "version must be a positive integer");
            workflow->version = static_cast<int>(*version);
        }
        workflow->title = yaml_.string(root, "title", true).value_or("");
        workflow->description = yaml_.string(root, "description", false).value_or("");
        workflow->start = yaml_.string(root, "start", true).value_or("");
        workflow->start_where = root["start"] ? yaml_.where(root["start"]) : workflow->where;
        parse_states(root, *workflow);
        parse_index(root, *workflow);
        parse_search(root, *workflow);
        parse_filters(root, *workflow);
        read_workflow_labels(yaml_, root, *workflow);

        if (yaml_.error_count() == errors_before) check_workflow_graph(*workflow, yaml_);
        if (yaml_.error_count() != errors_before) return nullptr;
        return workflow;
    }

private:
    void parse_index(const YAML::Node& root, Workflow& workflow) {
        const YAML::Node index = root["index"];
        if (!index || !yaml_.expect_map(index, "'index'")) return;
        static const std::pair<const char*, IndexType> types[] = {{"text", IndexType::text},
                                                                  {"integer", IndexType::integer},
                                                                  {"number", IndexType::number},
                                                                  {"date", IndexType::date},
                                                                  {"boolean", IndexType::boolean}};
        static const std::set<std::string> reserved{"case_id", "regency", "state", "status", "result", "case_key"};
        for (const auto& entry : index) {
            IndexField field;
            field.name = entry.first.Scalar();
            field.where = yaml_.where(entry.first);
            // The name becomes a column name: keep it a plain identifier.
            if (!std::regex_match(field.name, name_pattern()) || reserved.count(field.name)) {
                yaml_.error(entry.first, "index field '" + field.name +
                                             "' must match [a-z][a-z0-9_]* and not be one of case_id, regency, state, "
                                             "status, result, case_key");
                continue;
            }
            const auto type = yaml_.scalar_string(entry.second, "an index field's type");
            if (!type) continue;
            const auto* found = std::find_if(std::begin(types), std::end(types),
                                             [&](const auto& t) { return *type == t.first; });
            if (found == std::end(types)) {
                yaml_.error(entry.second, "unknown index type '" + *type + "' (expected text, integer, number, date or boolean)");
                continue;
            }
            field.type = found->second;
            workflow.index.push_back(std::move(field));
        }
    }

    // `search: [nama, nik]`: data fields a text search looks in.
    void parse_search(const YAML::Node& root, Workflow& workflow) {
        const YAML::Node search = root["search"];
        if (!search) return;
        if (!search.IsSequence()) {
            yaml_.error(search, "'search' must be a list of data field names");
            return;
        }
        if (search.size() > kMaxSearchFields) {
            yaml_.error(search, "'search' names " + std::to_string(search.size()) + " fields; at most " +
                                    std::to_string(kMaxSearchFields) + " are allowed");
            return;
        }
        for (const auto& entry : search) {
            const auto name = yaml_.scalar_string(entry, "a search field");
            if (!name) continue;
            if (!std::regex_match(*name, name_pattern())) {
                yaml_.error(entry, "search field '" + *name + "' must match [a-z][a-z0-9_]*");
            } else if (std::find(workflow.search.begin(), workflow.search.end(), *name) != workflow.search.end()) {
                yaml_.error(entry, "search field '" + *name + "' is named twice");
            } else {
                workflow.search.push_back(*name);
            }
        }
    }

    // `filters: [opd]`: index fields lists filter on.
    void parse_filters(const YAML::Node& root, Workflow& workflow) {
        const YAML::Node filters = root["filters"];
        if (!filters) return;
        if (!filters.IsSequence()) {
            yaml_.error(filters, "'filters' must be a list of index field names");
            return;
        }
        for (const auto& entry : filters) {
            const auto name = yaml_.scalar_string(entry, "a filter field");
            if (!name) continue;
            auto field = std::find_if(workflow.index.begin(), workflow.index.end(),
                                      [&](const IndexField& f) { return f.name == *name; });
            if (field == workflow.index.end()) {
                yaml_.error(entry, "filter field '" + *name + "' is not a field of 'index'");
            } else if (field->type != IndexType::text) {
                // Lists filter on text (an OPD's name), as the query sends it.
                yaml_.error(entry, "filter field '" + *name + "' must be a text field of 'index', not " +
                                       to_string(field->type));
            } else if (field->filter) {
                yaml_.error(entry, "filter field '" + *name + "' is named twice");
            } else {
                field->filter = true;
            }
        }
    }

    void parse_states(const YAML::Node& root, Workflow& workflow) {
        const YAML::Node states = root["states"];
        if (!states) {
            yaml_.error(root, "missing required key 'states'");
            return;
        }
        if (!yaml_.expect_map(states, "'states'")) return;
        if (states.size() == 0) yaml_.error(states, "'states' must name at least one state");
        if (states.size() > kMaxStatesPerWorkflow) {
            yaml_.error(states, "'states' has " + std::to_string(states.size()) + " states; at most " +
                                    std::to_string(kMaxStatesPerWorkflow) + " are allowed");
            return;
        }
        for (const auto& entry : states) {
            const std::string name = entry.first.Scalar();
            if (!std::regex_match(name, name_pattern()))
                yaml_.error(entry.first, "state name '" + name + "' must match [a-z][a-z0-9_]*");
            State state;
            state.name = name;
            state.where = yaml_.where(entry.first);
            parse_state(entry.second, state);
            workflow.states.push_back(std::move(state));
        }
    }

    void parse_state(const YAML::Node& node, State& state) {
        const std::string what = "state '" + state.name + "'";
        if (!yaml_.expect_map(node, what)) return;
        const auto kind = yaml_.string(node, "kind", true);
        if (!kind) return;
        if (*kind == "task") {
            state.kind = StateKind::task;
            yaml_.reject_unknown_keys(node, what + " (kind task)",
                                      {"kind", "title", "description", "on_enter", "signal", "decide", "role", "form", "outcomes",
                                       "due", "on_due"});
        } else if (*kind == "auto") {
            state.kind = StateKind::automatic;
            yaml_.reject_unknown_keys(node, what + " (kind auto)",
                                      {"kind", "title", "description", "on_enter", "signal", "decide", "actions", "next"});
        } else if (*kind == "wait") {
            state.kind = StateKind::wait;
            yaml_.reject_unknown_keys(node, what + " (kind wait)",
                                      {"kind", "title", "description", "on_enter", "signal", "decide", "timer", "on_timer",
                                       "events"});
        } else if (*kind == "end") {
            state.kind = StateKind::end;
            for (const char* key : {"outcomes", "next", "events", "timer", "on_timer", "due", "on_due"}) {
                if (node[key]) yaml_.error(node[key], "end state '" + state.name + "' cannot have outgoing transitions ('" + key + "')");
            }
            yaml_.reject_unknown_keys(node, what + " (kind end)",
                                      {"kind", "title", "description", "on_enter", "signal", "decide", "result", "outcomes",
                                       "next", "events", "timer", "on_timer", "due", "on_due"});
        } else {
            yaml_.error(node["kind"], "unknown state kind '" + *kind + "' (expected task, auto, wait or end)");
            return;
        }
        state.title = yaml_.string(node, "title", state.kind == StateKind::task).value_or("");
        state.description = yaml_.string(node, "description", false).value_or("");
        state.on_enter = parse_actions(node, "on_enter");
        state.signals = parse_signals(node["signal"]);
        state.decide = parse_decide(node["decide"]);

        switch (state.kind) {
            case StateKind::task: parse_task(node, state); break;
            case StateKind::automatic: parse_auto(node, state); break;
            case StateKind::wait: parse_wait(node, state); break;
            case StateKind::end: state.result = yaml_.string(node, "result", true).value_or(""); break;
        }
    }

    void parse_task(const YAML::Node& node, State& state) {
        state.roles = yaml_.string_list(node, "role", true);
        if (node["role"] && state.roles.empty()) yaml_.error(node["role"], "'role' must name at least one role");
        state.form = parse_form(node["form"]);
        if (!node["outcomes"]) {
            yaml_.error(node, "task '" + state.name + "' has no outcomes (missing required key 'outcomes')");
        } else {
            state.outcomes = parse_outcomes(node["outcomes"], "outcomes", false, state.form);
            if (node["outcomes"].IsMap() && node["outcomes"].size() == 0)
                yaml_.error(node["outcomes"], "task '" + state.name + "' has no outcomes");
        }
        state.due = parse_duration_key(node, "due");
        state.on_due = yaml_.string(node, "on_due", false).value_or("");
        if (node["on_due"]) state.on_due_where = yaml_.where(node["on_due"]);
        if (state.due && state.on_due.empty()) yaml_.error(node["due"], "'due' needs 'on_due', the state to escalate to");
        if (!state.due && !state.on_due.empty() && !node["due"])
            yaml_.error(node["on_due"], "'on_due' needs 'due', the deadline");
    }

    void parse_auto(const YAML::Node& node, State& state) {
        state.actions = parse_actions(node, "actions");
        if (!node["next"]) {
            yaml_.error(node, "auto state '" + state.name + "' has no 'next' transitions");
            return;
        }
        state.next = parse_branches(node["next"]);
        if (!state.next.empty() && state.next.back().guard)
            yaml_.error(node["next"], "auto state '" + state.name +
                                          "' has no default branch: the last entry of 'next' must have no 'when'");
    }

    void parse_wait(const YAML::Node& node, State& state) {
        state.timer = parse_duration_key(node, "timer");
        state.on_timer = yaml_.string(node, "on_timer", false).value_or("");
        if (node["on_timer"]) state.on_timer_where = yaml_.where(node["on_timer"]);
        if (state.timer && state.on_timer.empty()) yaml_.error(node["timer"], "'timer' needs 'on_timer', the state to go to");
        if (!node["timer"] && !state.on_timer.empty()) yaml_.error(node["on_timer"], "'on_timer' needs 'timer'");
        if (node["events"]) state.outcomes = parse_outcomes(node["events"], "events", true, state.form);
        if (!node["timer"] && !node["events"])
            yaml_.error(node, "wait state '" + state.name + "' needs a 'timer' or 'events' to leave by");
    }

    std::optional<Duration> parse_duration_key(const YAML::Node& node, const char* key) {
        const auto text = yaml_.string(node, key, false);
        if (!text) return std::nullopt;
        auto duration = parse_duration(*text);
        if (!duration)
            yaml_.error(node[key], "'" + *text + "' is not a duration (examples: 5 working days, 3 days, 4 hours)");
        return duration;
    }

    std::vector<ActionCall> parse_actions(const YAML::Node& node, const char* key) {
        std::vector<ActionCall> actions;
        const YAML::Node list = node[key];
        if (!list) return actions;
        if (!list.IsSequence()) {
            yaml_.error(list, std::string("'") + key + "' must be a list of actions");
            return actions;
        }
        for (const auto& item : list) {
            ActionCall call;
            call.where = yaml_.where(item);
            if (item.IsScalar()) {
                call.name = item.Scalar();
            } else if (item.IsMap()) {
                yaml_.reject_unknown_keys(item, "an action", {"action", "with"});
                call.name = yaml_.string(item, "action", true).value_or("");
                if (const YAML::Node with = item["with"]) {
                    if (yaml_.expect_map(with, "'with'")) {
                        call.args = yaml_to_json(with);
                        call.args_json = call.args.dump();
                    }
                }
            } else {
                yaml_.error(item, "an action must be 'plugin.action' or {action: plugin.action, with: {...}}");
                continue;
            }
            if (call.name.empty()) continue;
            if (!std::regex_match(call.name, action_pattern())) {
                yaml_.error(item, "action '" + call.name + "' must be written plugin.action");
            } else if (!plugins_.has_action(call.name)) {
                yaml_.error(item, "unknown action '" + call.name + "': no loaded plugin provides it");
            }
            actions.push_back(std::move(call));
        }
        return actions;
    }

    // signal: [{to_case: kontrak_terkait, event: pengaduan_upah, input: {nomor_pengaduan: case.id}}]
    std::vector<Signal> parse_signals(const YAML::Node& list) {
        static const std::regex name("^[a-z][a-z0-9_]*$");
        static const std::regex source("^(case\\.id|now|data\\.[a-z][a-z0-9_]*)$");
        std::vector<Signal> signals;
        if (!list) return signals;
        if (!list.IsSequence()) {
            yaml_.error(list, "'signal' must be a list of {to_case, event, input}");
            return signals;
        }
        for (const auto& item : list) {
            if (!yaml_.expect_map(item, "a signal")) continue;
            yaml_.reject_unknown_keys(item, "a signal", {"to_case", "event", "input"});
            Signal signal;
            signal.where = yaml_.where(item);
            signal.case_field = yaml_.string(item, "to_case", true).value_or("");
            signal.event = yaml_.string(item, "event", true).value_or("");
            if (!signal.case_field.empty() && !std::regex_match(signal.case_field, name))
                yaml_.error(item["to_case"], "'to_case' must name a data field holding a case id ([a-z][a-z0-9_]*)");
            if (!signal.event.empty() && !std::regex_match(signal.event, name))
                yaml_.error(item["event"], "'event' must be an event name ([a-z][a-z0-9_]*)");
            if (const YAML::Node input = item["input"]; input && yaml_.expect_map(input, "'input'")) {
                for (const auto& field : input) {
                    const std::string key = field.first.Scalar();
                    const std::string from = field.second.IsScalar() ? field.second.Scalar() : "";
                    if (!std::regex_match(from, source)) {
                        yaml_.error(field.second, "input '" + key + "' must come from case.id, now or data.<field>");
                        continue;
                    }
                    signal.input.emplace_back(key, from);
                }
            }
            signals.push_back(std::move(signal));
        }
        return signals;
    }

    // decide: [{table: predikat_kinerja, inputs: {hasil_kerja: rating_hasil}, outputs: {predikat: predikat_akhir}}]
    // Whether the table and its inputs and outputs exist is checked against
    // the regencies' tables once all are loaded (decide_check.cpp).
    std::vector<DecideCall> parse_decide(const YAML::Node& list) {
        std::vector<DecideCall> calls;
        if (!list) return calls;
        if (!list.IsSequence()) {
            yaml_.error(list, "'decide' must be a list of {table, inputs, outputs}");
            return calls;
        }
        for (const auto& item : list) {
            if (!yaml_.expect_map(item, "a decision")) continue;
            yaml_.reject_unknown_keys(item, "a decision", {"table", "inputs", "outputs"});
            DecideCall call;
            call.where = yaml_.where(item);
            call.table = yaml_.string(item, "table", true).value_or("");
            if (!call.table.empty() && !std::regex_match(call.table, name_pattern()))
                yaml_.error(item["table"], "'table' must name a decision table ([a-z][a-z0-9_]*)");
            call.inputs = parse_field_map(item, "inputs", "input");
            call.outputs = parse_field_map(item, "outputs", "output");
            std::map<std::string, std::string> written;  // data field → the output written there
            for (const auto& [output, field] : call.outputs) {
                if (auto [it, inserted] = written.emplace(field, output); !inserted)
                    yaml_.error(item["outputs"], "outputs '" + it->second + "' and '" + output +
                                                     "' are both written to data field '" + field + "'");
            }
            calls.push_back(std::move(call));
        }
        return calls;
    }

    // `inputs:` or `outputs:` of a decision: table name → case data field.
    std::map<std::string, std::string> parse_field_map(const YAML::Node& item, const char* key, const std::string& noun) {
        std::map<std::string, std::string> fields;
        const YAML::Node map = item[key];
        if (!map || !yaml_.expect_map(map, std::string("'") + key + "'")) return fields;
        for (const auto& entry : map) {
            const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
            const auto field = yaml_.scalar_string(entry.second, "the data field of " + noun + " '" + name + "'");
            if (!std::regex_match(name, name_pattern())) {
                yaml_.error(entry.first, noun + " name '" + name + "' must match [a-z][a-z0-9_]*");
            } else if (field && !std::regex_match(*field, name_pattern())) {
                yaml_.error(entry.second, "data field '" + *field + "' must match [a-z][a-z0-9_]*");
            } else if (field && *field == "keputusan") {
                yaml_.error(entry.second, "data field 'keputusan' holds the explanations of decisions; choose another field");
            } else if (field) {
                fields[name] = *field;
            }
        }
        return fields;
    }

    std::vector<Branch> parse_branches(const YAML::Node& node) {
        std::vector<Branch> branches;
        if (node.IsScalar()) {  // `next: state` shorthand
            branches.push_back({std::nullopt, node.Scalar(), yaml_.where(node)});
            return branches;
        }
        if (!node.IsSequence()) {
            yaml_.error(node, "'next' must be a list of {when, to} branches");
            return branches;
        }
        for (const auto& item : node) {
            if (!yaml_.expect_map(item, "a branch")) continue;
            yaml_.reject_unknown_keys(item, "a branch", {"when", "to"});
            Branch branch;
            branch.where = yaml_.where(item["to"] ? item["to"] : item);  // where a bad target is
            branch.target = yaml_.string(item, "to", true).value_or("");
            if (item["when"]) branch.guard = compile_guard(item["when"]);
            if (item["when"] && !branch.guard) continue;
            branches.push_back(std::move(branch));
        }
        if (node.size() == 0) yaml_.error(node, "'next' must have at least one branch");
        return branches;
    }

    std::optional<CompiledExpression> compile_guard(const YAML::Node& node) {
        const auto source = yaml_.scalar_string(node, "'when'");
        if (!source) return std::nullopt;
        try {
            return expressions_.compile(*source);
        } catch (const ExpressionCompileError& e) {
            yaml_.error(node, "expression '" + *source + "' does not compile: " + e.what());
            return std::nullopt;
        }
    }

    std::vector<Outcome> parse_outcomes(const YAML::Node& node, const char* key, bool events,
                                        const std::vector<FormField>& state_form) {
        std::vector<Outcome> outcomes;
        if (!yaml_.expect_map(node, std::string("'") + key + "'")) return outcomes;
        for (const auto& entry : node) {
            Outcome outcome;
            outcome.name = entry.first.Scalar();
            outcome.where = yaml_.where(entry.first);
            if (!std::regex_match(outcome.name, name_pattern()))
                yaml_.error(entry.first, "name '" + outcome.name + "' must match [a-z][a-z0-9_]*");
            const YAML::Node body = entry.second;
            if (body.IsScalar()) {
                outcome.label = outcome.name;
                outcome.next.push_back({std::nullopt, body.Scalar(), yaml_.where(body)});
            } else if (yaml_.expect_map(body, "'" + outcome.name + "'")) {
                if (events)
                    yaml_.reject_unknown_keys(body, "event '" + outcome.name + "'",
                                              {"label", "role", "form", "refuse", "to", "next"});
                else
                    yaml_.reject_unknown_keys(body, "outcome '" + outcome.name + "'", {"label", "form", "refuse", "to", "next"});
                outcome.label = yaml_.string(body, "label", false).value_or(outcome.name);
                if (events) outcome.roles = yaml_.string_list(body, "role", false);
                outcome.form = parse_form(body["form"]);
                if (body["refuse"]) outcome.refuse = parse_refusals(body["refuse"], state_form, outcome.form);
                const bool has_to = static_cast<bool>(body["to"]);
                const bool has_next = static_cast<bool>(body["next"]);
                if (has_to == has_next) {
                    yaml_.error(body, "'" + outcome.name + "' needs exactly one of 'to' and 'next'");
                } else if (has_to) {
                    outcome.next.push_back({std::nullopt, yaml_.string(body, "to", true).value_or(""), yaml_.where(body["to"])});
                } else {
                    outcome.next = parse_branches(body["next"]);
                    if (!outcome.next.empty() && outcome.next.back().guard)
                        yaml_.error(body["next"], "'" + outcome.name + "' has no default branch: the last entry of 'next' must have no 'when'");
                }
            }
            outcomes.push_back(std::move(outcome));
        }
        return outcomes;
    }

    // `refuse:` a list of {when, message, field}; `field` names a field of
    // the decision's form (the state's or the outcome's).
    std::vector<Refusal> parse_refusals(const YAML::Node& node, const std::vector<FormField>& state_form,
                                        const std::vector<FormField>& outcome_form) {
        std::vector<Refusal> refusals;
        if (!node.IsSequence() || node.size() == 0) {
            yaml_.error(node, "'refuse' must be a list of {when, message, field} rules");
            return refusals;
        }
        for (const auto& item : node) {
            if (!yaml_.expect_map(item, "a refusal")) continue;
            yaml_.reject_unknown_keys(item, "a refusal", {"when", "message", "field"});
            const auto message = yaml_.string(item, "message", true);
            if (message && message->empty()) yaml_.error(item["message"], "a refusal's 'message' must not be empty");
            const auto field = yaml_.string(item, "field", false);
            if (field) {
                std::string known;
                bool found = false;
                for (const auto* form : {&state_form, &outcome_form})
                    for (const auto& f : *form) {
                        found = found || f.name == *field;
                        known += (known.empty() ? "" : ", ") + f.name;
                    }
                if (!found)
                    yaml_.error(item["field"], "refusal field '" + *field + "' is not in this decision's form (" +
                                                   (known.empty() ? std::string("it has no fields") : "fields: " + known) + ")");
            }
            if (!item["when"]) {
                yaml_.error(item, "a refusal needs 'when' (the condition that refuses)");
                continue;
            }
            auto when = compile_guard(item["when"]);
            if (!when || !message) continue;
            refusals.push_back({std::move(*when), *message, field.value_or(""), yaml_.where(item)});
        }
        return refusals;
    }

    std::vector<FormField> parse_form(const YAML::Node& node) {
        std::vector<FormField> fields;
        if (!node) return fields;
        if (!yaml_.expect_map(node, "'form'")) return fields;
        for (const auto& entry : node) {
            FormField field;
            field.name = entry.first.Scalar();
            field.where = yaml_.where(entry.first);
            if (!std::regex_match(field.name, name_pattern()))
                yaml_.error(entry.first, "field name '" + field.name + "' must match [a-z][a-z0-9_]*");
            const YAML::Node body = entry.second;
            const std::string what = "field '" + field.name + "'";
            if (!yaml_.expect_map(body, what)) continue;
            yaml_.reject_unknown_keys(body, what, {"type", "required", "label", "options", "min", "max", "max_length"});
            if (auto type = yaml_.string(body, "type", true)) {
                if (auto parsed = field_type_from(*type)) {
                    field.type = *parsed;
                } else {
                    yaml_.error(body["type"], "unknown field type '" + *type +
                                                  "' (expected string, text, integer, number, boolean, date, choice or document)");
                }
            }
            field.required = yaml_.boolean(body, "required").value_or(false);
            field.label = yaml_.string(body, "label", false).value_or(field.name);
            if (body["options"]) read_choice_options(yaml_, body["options"], field);
            field.min = yaml_.number(body, "min");
            field.max = yaml_.number(body, "max");
            if (field.type == FieldType::choice && !body["options"])
                yaml_.error(body, "choice " + what + " needs 'options'");
            if (field.type != FieldType::choice && body["options"])
                yaml_.error(body["options"], "'options' is only for choice fields");
            const bool numeric = field.type == FieldType::integer || field.type == FieldType::number;
            if (!numeric && (body["min"] || body["max"]))
                yaml_.error(body["min"] ? body["min"] : body["max"], "'min' and 'max' are only for integer and number fields");
            if (body["max_length"]) {
                const bool textual = field.type == FieldType::string || field.type == FieldType::text ||
                                     field.type == FieldType::document;
                const auto length = yaml_.number(body, "max_length");
                if (!textual)
                    yaml_.error(body["max_length"], "'max_length' is only for string, text and document fields");
                else if (length && (*length < 1 || *length > kLongestTextField || *length != static_cast<double>(static_cast<std::size_t>(*length))))
                    yaml_.error(body["max_length"], "'max_length' must be a whole number from 1 to " +
                                                        std::to_string(kLongestTextField));
                else if (length)
                    field.max_length = static_cast<std::size_t>(*length);
            }
            fields.push_back(std::move(field));
        }
        return fields;
    }

    YamlReader yaml_;
    const PluginSet& plugins_;
    ExpressionEngine& expressions_;
};

}  // namespace

std::shared_ptr<const Workflow> parse_workflow(const std::string& text, const std::string& label,
                                               const PluginSet& plugins, ExpressionEngine& expressions,
                                               std::vector<Diagnostic>& errors) {
    return WorkflowParser(label, plugins, expressions, errors).parse(text);
}

}  // namespace tata
