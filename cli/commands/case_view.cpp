#include "commands/case_view.hpp"

#include <iomanip>
#include <ostream>

namespace tata::cli {

nlohmann::json case_to_json(const CaseRecord& r) {
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& t : r.open_tasks) {
        tasks.push_back({{"id", t.id},
                         {"state", t.state},
                         {"title", t.title},
                         {"roles", t.roles},
                         {"assignee", t.assignee},
                         {"opened_at", format_iso8601(t.opened_at)},
                         {"due_at", t.due_at ? nlohmann::json(format_iso8601(*t.due_at)) : nlohmann::json()}});
    }
    return {{"id", r.id},
            {"regency", r.regency},
            {"workflow", r.workflow_id},
            {"workflow_version", r.workflow_version},
            {"state", r.state},
            {"status", to_string(r.status)},
            {"result", r.result},
            {"version", r.version},
            {"data", r.data},
            {"created_at", format_iso8601(r.created_at)},
            {"updated_at", format_iso8601(r.updated_at)},
            {"open_tasks", tasks}};
}

nlohmann::json event_to_json(const EventRecord& e) {
    return {{"seq", e.seq},         {"case_id", e.case_id}, {"at", format_iso8601(e.at)},
            {"actor", e.actor},     {"role", e.role},       {"type", e.type},
            {"from", e.from_state}, {"to", e.to_state},     {"payload", e.payload},
            {"hash", e.hash}};
}

nlohmann::json incident_to_json(const IncidentRecord& i) {
    return {{"id", i.id},         {"case_id", i.case_id}, {"opened_at", format_iso8601(i.opened_at)},
            {"state", i.state},   {"action", i.action},   {"message", i.message},
            {"open", i.open}};
}

namespace {

std::string text_of(const nlohmann::json& data, const char* key) {
    const auto it = data.find(key);
    if (it == data.end() || it->is_null()) return "";
    return it->is_string() ? it->get<std::string>() : it->dump();
}

// The worker a case is about, in one line, when the data names one.
void print_subject(std::ostream& out, const nlohmann::json& data) {
    const std::string name = text_of(data, "nama");
    if (name.empty()) return;
    out << "  worker:  " << name;
    for (const char* key : {"nik", "jabatan", "opd"}) {
        if (auto value = text_of(data, key); !value.empty()) out << ", " << value;
    }
    out << "\n";
}

// data.checks as the core plugin records them: one line per check.
void print_checks(std::ostream& out, const nlohmann::json& data) {
    const auto it = data.find("checks");
    if (it == data.end() || !it->is_object()) return;
    const char* label = "  checks:  ";
    for (const auto& [name, check] : it->items()) {
        if (!check.is_object() || !check.contains("ok")) continue;
        out << label << (check["ok"] == true ? "[ok]    " : "[gagal] ") << check.value("pesan", name) << "\n";
        label = "           ";
    }
}

}  // namespace

void print_case(std::ostream& out, const CaseRecord& r, const Workflow* workflow, int offset) {
    const State* state = workflow ? workflow->find_state(r.state) : nullptr;
    out << "Case " << r.id << "  " << r.workflow_id << " v" << r.workflow_version << "  regency " << r.regency
        << "  version " << r.version << "\n";
    out << "  state:   " << r.state;
    if (state && !state->title.empty()) out << " — " << state->title;
    out << "\n  status:  " << to_string(r.status);
    if (!r.result.empty()) out << " (" << r.result << ")";
    out << "\n";
    print_subject(out, r.data);
    print_checks(out, r.data);
    for (const auto& t : r.open_tasks) {
        out << "  task:    " << t.title << " [";
        for (std::size_t i = 0; i < t.roles.size(); ++i) out << (i ? ", " : "") << t.roles[i];
        out << "]";
        if (t.due_at) out << ", due " << format_iso8601(*t.due_at, offset);
        out << "\n";
        if (state) {
            out << "           outcomes:";
            for (const auto& o : state->outcomes) out << " " << o.name;
            out << "\n";
        }
    }
    if (state && state->kind == StateKind::wait && !state->outcomes.empty()) {
        out << "  waiting for:";
        for (const auto& o : state->outcomes) out << " " << o.name;
        if (state->timer) out << " (or " << state->timer->to_string() << ")";
        out << "\n";
    }
}

void print_history(std::ostream& out, const std::vector<EventRecord>& events, int offset) {
    for (const auto& e : events) {
        out << "  #" << std::left << std::setw(7) << e.seq << format_iso8601(e.at, offset) << "  " << std::setw(10) << e.type
            << (e.from_state.empty() ? "" : e.from_state + " → ") << e.to_state << "  by " << e.actor << " (" << e.role
            << ")";
        if (e.payload.contains("outcome")) out << ": " << e.payload["outcome"].get<std::string>();
        if (e.payload.contains("message")) out << ": " << e.payload["message"].get<std::string>();
        if (e.payload.contains("due_at")) out << ": was due " << e.payload["due_at"].get<std::string>();
        out << "\n";
    }
}

int regency_offset(Engine& engine, const std::string& regency) {
    const Regency* found = engine.definitions()->find_regency(regency);
    return found ? found->calendar.utc_offset_minutes() : 0;
}

void print_advance(std::ostream& out, const AdvanceResult& result) {
    out << "case " << result.record.id << " is now in state '" << result.record.state << "' ("
        << to_string(result.record.status);
    if (!result.record.result.empty()) out << ": " << result.record.result;
    out << "), version " << result.record.version << "\n";
    if (result.incident)
        out << "incident " << result.incident->id << " in state '" << result.incident->state << "': "
            << result.incident->message << "\n";
}

}  // namespace tata::cli
