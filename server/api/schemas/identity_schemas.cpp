// Users, sessions and the administration's answers (api/auth_routes.cpp,
// api/admin_routes.cpp, api/notification_routes.cpp,
// privacy/access_log_routes.cpp).
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

namespace tata::server {
namespace {

using namespace schema;

// A string with what it means, for the fields whose name does not say it.
json described(json schema, const char* description) {
    schema["description"] = description;
    return schema;
}

// A user as their admin sees them (admin_routes.cpp's user_json): every
// property present, null when unset, and whether they are disabled.
json admin_user() {
    return closed({{"username", string()},
                   {"regency", string()},
                   {"role", string()},
                   {"vendor", nullable(string())},
                   {"nik", nullable(string())},
                   {"opd", nullable(string())},
                   {"email", nullable(string())},
                   {"phone", nullable(string())},
                   {"disabled", boolean()}});
}

// auth_routes.cpp's session_json: never the token itself.
json active_session() {
    return closed({{"id", integer()},
                   {"created_at", date_time()},
                   {"last_seen_at", date_time()},
                   {"expires_at", date_time()},
                   {"client", described(string(), "the address it logged in from")},
                   {"current", described(boolean(), "the session of this request")}});
}

// The generation of definitions loaded (GET /api/v1/admin/definitions).
json admin_definitions() {
    const json workflow = closed({{"id", string()},
                                  {"version", integer()},
                                  {"title", string()},
                                  {"file", string()},
                                  {"sha256", described(string(), "of the workflow's YAML source")},
                                  {"latest", described(boolean(), "the version new cases start in")}});
    const json plugin = closed({{"name", string()},
                                {"version", string()},
                                {"file", string()},
                                {"actions", array_of(string())},
                                {"scorers", array_of(string())}});
    const json settings = described({{"type", "object"}}, "the regency's policy, as its YAML gives it");
    const json regency = closed(
        {{"code", string()}, {"name", string()}, {"zone", string()}, {"file", string()}, {"settings", settings}});
    return closed({{"generation", integer()},
                   {"workflows", array_of(workflow)},
                   {"plugins", array_of(plugin)},
                   {"regency", described(nullable(regency), "the admin's regency; null when it is not loaded")}});
}

json outbox_entry() {
    return closed({{"id", integer()},
                   {"notification", described(string(), "the notification's id in notifications.yaml")},
                   {"case", integer()},
                   {"recipient", described(string(), "the username; empty when the user no longer exists")},
                   {"channel", string()},
                   {"subject", string()},
                   {"status", one_of_texts({"pending", "sent", "failed"})},
                   {"attempts", integer()},
                   {"created_at", date_time()},
                   {"next_attempt_at", described(nullable(date_time()), "when pending")},
                   {"sent_at", nullable(date_time())},
                   {"last_error", nullable(string())}});
}

// A read of personal data as the worker it was about sees it
// (access_log_routes.cpp's worker_item).
json access_log_entry() {
    return closed({{"at", date_time()},
                   {"role", string()},
                   {"role_text", described(string(), "the reader's role in Bahasa Indonesia")},
                   {"unit", described(string(), "the reader's OPD or vendor, when any")},
                   {"username", string()},
                   {"action", string()},
                   {"action_text", described(string(), "what was done, in Bahasa Indonesia")},
                   {"whole_regency", described(boolean(), "a read of every worker (the rekap)")},
                   {"case_ids", array_of(integer())}});
}

}  // namespace

nlohmann::json identity_schemas() {
    return {{"User", with_optional(closed({{"username", string()}, {"regency", string()}, {"role", string()}}),
                                   {{"vendor", string()}, {"nik", string()}, {"opd", string()}, {"email", string()},
                                    {"phone", string()}})},
            {"Session", closed({{"token", string()}, {"expires_at", date_time()}, {"user", ref("User")}})},
            {"AdminUser", admin_user()},
            {"AdminUserList", closed({{"users", array_of(ref("AdminUser"))}})},
            {"ActiveSession", active_session()},
            {"ActiveSessionList", closed({{"sessions", array_of(ref("ActiveSession"))}})},
            {"RevokedSessions", closed({{"revoked", described(integer(), "how many sessions ended")}})},
            {"AdminPasswordReset", with_optional(closed({{"username", string()}, {"sessions_ended", boolean()}}),
                                            {{"password", described(string(), "the generated one, shown this once")}})},
            {"AdminDefinitions", admin_definitions()},
            {"AdminReload", closed({{"reloaded", boolean()}, {"generation", integer()}, {"deployment_generation", integer()}})},
            {"UserContact",
             closed({{"username", string()}, {"email", nullable(string())}, {"phone", nullable(string())}})},
            {"NotificationOutboxEntry", outbox_entry()},
            {"NotificationOutboxPage",
             closed({{"items", array_of(ref("NotificationOutboxEntry"))},
                     {"page", integer()},
                     {"per_page", integer()},
                     {"more", described(boolean(), "whether a next page exists")}})},
            {"AccessLogEntry", access_log_entry()},
            {"AdminAccessLogEntry", with(access_log_entry(), {{"id", integer()},
                                                              {"seq", described(integer(), "its place in the chain")},
                                                              {"route", string()},
                                                              {"purpose", string()},
                                                              {"workers_read", integer()}})}};
}

}  // namespace tata::server
