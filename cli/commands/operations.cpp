// tata timers run, tata audit verify, tata audit access
#include "commands/commands.hpp"

#include "privacy/personal_data_log.hpp"

#include <tata/database_location.hpp>
#include <tata/tables.hpp>

#include <charconv>
#include <filesystem>
#include <sstream>

namespace tata::cli {

int run_timers_run(Context& context) {
    auto engine = context.open_engine();
    const auto result = engine->run_due_timers();
    if (context.json()) {
        context.out << nlohmann::json{{"fired", result.fired},
                                      {"incidents", result.incidents},
                                      {"stale", result.stale},
                                      {"errors", result.errors}}
                           .dump(2)
                    << "\n";
    } else {
        context.out << result.fired << " timer(s) fired, " << result.incidents << " incident(s), " << result.stale
                    << " stale timer(s) dropped\n";
        for (const auto& error : result.errors) context.err << "could not fire: " << error << "\n";
    }
    return result.incidents == 0 && result.errors.empty() ? 0 : 1;
}

namespace {

// "--anchor 120:ab12...,340:cd34..." as printed by an earlier verify.
std::vector<AuditAnchor> parse_anchors(const std::string& text) {
    std::vector<AuditAnchor> anchors;
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');) {
        const auto colon = item.find(':');
        AuditAnchor anchor;
        if (colon != std::string::npos) {
            const auto seq = item.substr(0, colon);
            auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), anchor.seq);
            if (ec == std::errc() && end == seq.data() + seq.size()) anchor.hash = item.substr(colon + 1);
        }
        if (anchor.seq <= 0 || anchor.hash.size() != 64)
            throw UsageError("--anchor wants SEQ:HASH (a 64-hex-digit hash), not '" + item + "'");
        anchors.push_back(std::move(anchor));
    }
    return anchors;
}

}  // namespace

int run_audit_verify(Context& context) {
    const auto anchors = parse_anchors(context.args.value_or("anchor", ""));
    auto engine = context.open_engine();
    const auto report = engine->verify_audit(anchors);
    if (context.json()) {
        context.out << nlohmann::json{{"intact", report.intact},
                                      {"events_checked", report.events_checked},
                                      {"anchors_checked", anchors.size()},
                                      {"head", {{"seq", report.head_seq}, {"hash", report.head_hash}}},
                                      {"first_bad_event", report.first_bad_seq ? nlohmann::json(*report.first_bad_seq)
                                                                                : nlohmann::json()},
                                      {"problem", report.problem}}
                           .dump(2)
                    << "\n";
    } else if (report.intact) {
        context.out << "audit log intact: " << report.events_checked << " event(s) verified";
        if (!anchors.empty()) context.out << ", " << anchors.size() << " anchor(s) matched";
        context.out << "\nhead: " << report.head_seq << ":" << report.head_hash
                    << "\n(record the head outside this database; pass it later as --anchor to detect a rebuilt chain)\n";
    } else {
        context.out << "audit log BROKEN at event " << *report.first_bad_seq << ": " << report.problem << "\n";
    }
    return report.intact ? 0 : 1;
}

int run_access_verify(Context& context) {
    // Checking never makes a log (nor its key) where there is none: a
    // database no server has run on has no personal-data log to check.
    const bool has_log = names_postgresql(context.database())
                             ? tables::open(context.database())
                                       ->query("SELECT count(*) FROM information_schema.tables "
                                               "WHERE table_name = 'privacy_schema'")[0]
                                       .integer(0) > 0
                             : std::filesystem::exists(server::privacy::access_key_path(context.database()));
    if (!has_log)
        throw UsageError(location_for_log(context.database()) + " has no personal-data access log (no server has run on it)");
    server::privacy::PersonalDataLog log(context.database());
    const auto report = log.verify();
    if (context.json()) {
        context.out << nlohmann::json{{"intact", report.intact},
                                      {"entries_checked", report.entries_checked},
                                      {"workers_checked", report.subjects_checked},
                                      {"regencies", report.regencies},
                                      {"first_bad_row", report.first_bad_row ? nlohmann::json(*report.first_bad_row)
                                                                              : nlohmann::json()},
                                      {"regency", report.bad_regency},
                                      {"problem", report.problem}}
                           .dump(2)
                    << "\n";
    } else if (report.intact) {
        context.out << "personal-data access log intact: " << report.entries_checked << " read(s) of "
                    << report.subjects_checked << " worker record(s) in " << report.regencies << " regency chain(s)\n";
    } else {
        context.out << "personal-data access log BROKEN at row " << *report.first_bad_row << " (regency "
                    << report.bad_regency << ", entry " << report.bad_seq << "): " << report.problem << "\n";
    }
    return report.intact ? 0 : 1;
}

}  // namespace tata::cli
