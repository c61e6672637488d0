// tata timers run, tata audit verify
#include "commands/commands.hpp"

namespace tata::cli {

int run_timers_run(Context& context) {
    auto engine = context.open_engine();
    const auto result = engine->run_due_timers();
    if (context.json()) {
        context.out << nlohmann::json{{"fired", result.fired}, {"incidents", result.incidents}, {"stale", result.stale}}.dump(2)
                    << "\n";
    } else {
        context.out << result.fired << " timer(s) fired, " << result.incidents << " incident(s), " << result.stale
                    << " stale timer(s) dropped\n";
    }
    return result.incidents == 0 ? 0 : 1;
}

int run_audit_verify(Context& context) {
    auto engine = context.open_engine();
    const auto report = engine->verify_audit();
    if (context.json()) {
        context.out << nlohmann::json{{"intact", report.intact},
                                      {"events_checked", report.events_checked},
                                      {"first_bad_event", report.first_bad_seq ? nlohmann::json(*report.first_bad_seq)
                                                                                : nlohmann::json()},
                                      {"problem", report.problem}}
                           .dump(2)
                    << "\n";
    } else if (report.intact) {
        context.out << "audit log intact: " << report.events_checked << " event(s) verified\n";
    } else {
        context.out << "audit log BROKEN at event " << *report.first_bad_seq << ": " << report.problem << "\n";
    }
    return report.intact ? 0 : 1;
}

}  // namespace tata::cli
