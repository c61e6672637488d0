// tata case create|advance|show|list|retry
#include "commands/case_view.hpp"
#include "commands/commands.hpp"

#include <charconv>
#include <iostream>

namespace tata::cli {
namespace {

template <typename Int>
Int parse_number(const std::string& text, const char* what) {
    Int value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) throw UsageError(std::string(what) + " must be a number, not '" + text + "'");
    return value;
}

// Refusals print what was wrong and exit 1; field errors one per line.
int report_refusal(Context& context, const std::exception& e) {
    if (context.json()) {
        nlohmann::json error = {{"error", e.what()}};
        if (auto* invalid = dynamic_cast<const InvalidInput*>(&e)) {
            error["errors"] = nlohmann::json::array();
            for (const auto& f : invalid->errors()) error["errors"].push_back({{"field", f.field}, {"message", f.message}});
        }
        if (auto* conflict = dynamic_cast<const Conflict*>(&e)) error["current_version"] = conflict->current_version();
        context.out << error.dump(2) << "\n";
    } else if (auto* invalid = dynamic_cast<const InvalidInput*>(&e)) {
        context.err << "refused: invalid input\n";
        for (const auto& f : invalid->errors()) context.err << "  " << f.field << ": " << f.message << "\n";
    } else {
        context.err << "refused: " << e.what() << "\n";
    }
    return 1;
}

template <typename Action>
int refusing(Context& context, Action action) {
    try {
        return action();
    } catch (const NotFound& e) {
        return report_refusal(context, e);
    } catch (const Conflict& e) {
        return report_refusal(context, e);
    } catch (const Forbidden& e) {
        return report_refusal(context, e);
    } catch (const InvalidTransition& e) {
        return report_refusal(context, e);
    } catch (const InvalidInput& e) {
        return report_refusal(context, e);
    }
}

int print_result(Context& context, const AdvanceResult& result) {
    if (context.json()) {
        nlohmann::json out = case_to_json(result.record);
        out["incident"] = result.incident ? incident_to_json(*result.incident) : nlohmann::json();
        context.out << out.dump(2) << "\n";
    } else {
        print_advance(context.out, result);
    }
    return result.incident ? 1 : 0;
}

}  // namespace

int run_case_create(Context& context) {
    const auto workflow = context.args.value("workflow");
    const auto regency = context.args.value("regency");
    if (!workflow || !regency) throw UsageError("needs --workflow ID and --regency CODE");
    const auto data = json_option(context, "data");
    auto engine = context.open_engine();
    return refusing(context, [&] { return print_result(context, engine->create_case(*workflow, *regency, data, context.actor())); });
}

int run_case_advance(Context& context) {
    const auto id = parse_number<CaseId>(context.args.positional(0, "case id"), "case id");
    const std::string& outcome = context.args.positional(1, "outcome");
    const auto input = json_option(context, "input");
    std::optional<std::int64_t> version;
    if (auto text = context.args.value("if-version")) version = parse_number<std::int64_t>(*text, "--if-version");
    auto engine = context.open_engine();
    return refusing(context, [&] { return print_result(context, engine->fire(id, outcome, input, context.actor(), version)); });
}

int run_case_retry(Context& context) {
    const auto id = parse_number<CaseId>(context.args.positional(0, "case id"), "case id");
    auto engine = context.open_engine();
    return refusing(context, [&] { return print_result(context, engine->retry(id, context.actor())); });
}

int run_case_resolve(Context& context) {
    const auto id = parse_number<CaseId>(context.args.positional(0, "case id"), "case id");
    const auto to = context.args.value("to");
    const auto note = context.args.value("note");
    if (!to || !note) throw UsageError("needs --to STATE and --note TEXT (what was done by hand)");
    auto engine = context.open_engine();
    return refusing(context, [&] { return print_result(context, engine->resolve_incident(id, *to, *note, context.actor())); });
}

int run_case_show(Context& context) {
    const auto id = parse_number<CaseId>(context.args.positional(0, "case id"), "case id");
    auto engine = context.open_engine();
    return refusing(context, [&] {
        const CaseRecord record = engine->get_case(id);
        const auto events = engine->history(id);
        const auto incidents = engine->incidents(id);
        if (context.json()) {
            nlohmann::json out = case_to_json(record);
            out["history"] = nlohmann::json::array();
            for (const auto& e : events) out["history"].push_back(event_to_json(e));
            out["incidents"] = nlohmann::json::array();
            for (const auto& i : incidents) out["incidents"].push_back(incident_to_json(i));
            context.out << out.dump(2) << "\n";
            return 0;
        }
        const auto workflow = engine->workflow_of(record);
        const int offset = regency_offset(*engine, record.regency);
        print_case(context.out, record, workflow.get(), offset);
        for (const auto& i : incidents) {
            if (i.open) context.out << "  incident " << i.id << ": " << i.message << "\n";
        }
        context.out << "History:\n";
        print_history(context.out, events, offset);
        return 0;
    });
}

int run_case_list(Context& context) {
    CaseFilter filter;
    filter.workflow_id = context.args.value("workflow");
    filter.state = context.args.value("state");
    filter.regency = context.args.value("regency");
    if (auto status = context.args.value("status")) {
        filter.status = case_status_from_string(*status);
        if (!filter.status) throw UsageError("--status must be active, incident or completed");
    }
    filter.limit = parse_number<std::size_t>(context.args.value_or("limit", "100"), "--limit");
    filter.offset = parse_number<std::size_t>(context.args.value_or("offset", "0"), "--offset");
    auto engine = context.open_engine();
    const auto cases = engine->list_cases(filter);
    if (context.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& c : cases) out.push_back(case_to_json(c));
        context.out << out.dump(2) << "\n";
        return 0;
    }
    for (const auto& c : cases) {
        context.out << c.id << "\t" << c.regency << "\t" << c.workflow_id << " v" << c.workflow_version << "\t" << c.state
                    << "\t" << to_string(c.status) << (c.result.empty() ? "" : ":" + c.result) << "\n";
    }
    context.out << cases.size() << " case(s)\n";
    return 0;
}

}  // namespace tata::cli
