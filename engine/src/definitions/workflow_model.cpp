#include "tata/workflow.hpp"

#include <stdexcept>

namespace tata {

std::string DecideCall::input_field(const std::string& input) const {
    const auto it = inputs.find(input);
    return it == inputs.end() ? input : it->second;
}

std::string DecideCall::output_field(const std::string& output) const {
    const auto it = outputs.find(output);
    return it == outputs.end() ? output : it->second;
}

std::string to_string(StateKind kind) {
    switch (kind) {
        case StateKind::task: return "task";
        case StateKind::automatic: return "auto";
        case StateKind::wait: return "wait";
        case StateKind::end: return "end";
    }
    return "?";
}

std::string to_string(FieldType type) {
    switch (type) {
        case FieldType::string: return "string";
        case FieldType::text: return "text";
        case FieldType::integer: return "integer";
        case FieldType::number: return "number";
        case FieldType::boolean: return "boolean";
        case FieldType::date: return "date";
        case FieldType::choice: return "choice";
        case FieldType::document: return "document";
    }
    return "?";
}

std::string to_string(IndexType type) {
    switch (type) {
        case IndexType::text: return "text";
        case IndexType::integer: return "integer";
        case IndexType::number: return "number";
        case IndexType::date: return "date";
        case IndexType::boolean: return "boolean";
    }
    return "text";
}

const Outcome* State::find_outcome(const std::string& outcome_name) const {
    for (const auto& outcome : outcomes) {
        if (outcome.name == outcome_name) return &outcome;
    }
    return nullptr;
}

std::vector<std::string> State::targets() const {
    std::vector<std::string> out;
    for (const auto& b : next) out.push_back(b.target);
    for (const auto& o : outcomes) {
        for (const auto& b : o.next) out.push_back(b.target);
    }
    if (!on_due.empty()) out.push_back(on_due);
    if (!on_timer.empty()) out.push_back(on_timer);
    return out;
}

const State* Workflow::find_state(const std::string& name) const {
    for (const auto& state : states) {
        if (state.name == name) return &state;
    }
    return nullptr;
}

const State& Workflow::state(const std::string& name) const {
    if (const State* found = find_state(name)) return *found;
    throw std::out_of_range("workflow " + id + " v" + std::to_string(version) + " has no state '" + name + "'");
}

}  // namespace tata
