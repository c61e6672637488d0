// Notifications (docs/notifications.md): where they reach a person (their
// e-mail address and phone number, set by themselves or by their regency's
// admin) and what the regency's outbox holds, for its admin to see what was
// sent, what waits for a mail server that is down, and what was given up.
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"

namespace tata::server {
namespace {

const nlohmann::json kContactSchema = {
    {"type", "object"},
    {"additionalProperties", false},
    {"properties",
     {{"email", {{"type", "string"}, {"maxLength", kMaxEmailBytes}, {"description", "empty or absent: none"}}},
      {"phone", {{"type", "string"}, {"pattern", "^(\\+?[0-9]{8,15})?$"}, {"description", "empty or absent: none"}}}}}};

// {email, phone}: both replaced, an absent one cleared (PUT-like).
std::pair<std::string, std::string> read_contact(const Request& request) {
    const auto body = read_json_object(request, {{"email", JsonKind::string, false}, {"phone", JsonKind::string, false}});
    return {body.value("email", ""), body.value("phone", "")};
}

nlohmann::json contact_json(const User& user) {
    return {{"username", user.username},
            {"email", user.email.empty() ? nlohmann::json() : nlohmann::json(user.email)},
            {"phone", user.phone.empty() ? nlohmann::json() : nlohmann::json(user.phone)}};
}

nlohmann::json entry_json(const notify::OutboxEntry& entry, const std::string& recipient) {
    nlohmann::json out = {{"id", entry.id},
                          {"notification", entry.rule},
                          {"case", entry.case_id},
                          {"recipient", recipient},
                          {"channel", entry.channel},
                          {"subject", entry.subject},
                          {"status", entry.status},
                          {"attempts", entry.attempts},
                          {"created_at", format_iso8601(entry.created_at)},
                          {"next_attempt_at", entry.status == "pending" ? nlohmann::json(format_iso8601(entry.next_attempt_at))
                                                                         : nlohmann::json()},
                          {"sent_at", entry.sent_at ? nlohmann::json(format_iso8601(*entry.sent_at)) : nlohmann::json()},
                          {"last_error", entry.last_error.empty() ? nlohmann::json() : nlohmann::json(entry.last_error)}};
    return out;
}

}  // namespace

void add_notification_routes(Router& router, Service& service) {
    router.add({"POST", "/api/v1/me/contact", kAnyRole, false, "set where notifications reach oneself", "auth",
                {{"requestBody", json_body(kContactSchema)},
                 {"responses",
                  json_responses("The caller's contact, as saved", schema_ref("UserContact"), {400, 401, 415, 422})}},
                [&service](Request& request) {
                    const auto [email, phone] = read_contact(request);
                    service.identity().set_contact(request.caller().id, email, phone);
                    return Response::json(contact_json(*service.identity().user_by_id(request.caller().id)));
                }});

    router.add({"POST", "/api/v1/admin/users/{username}/contact", {"admin"}, false,
                "set where notifications reach a user of the regency", "admin",
                {{"parameters", {path_parameter("username", "A user of the admin's regency", false)}},
                 {"requestBody", json_body(kContactSchema)},
                 {"responses", json_responses("The user's contact, as saved", schema_ref("UserContact"),
                                              {400, 401, 403, 404, 415, 422})}},
                [&service](Request& request) {
                    const User target = managed_user(service, request);
                    const auto [email, phone] = read_contact(request);
                    service.identity().set_contact(target.id, email, phone);
                    return Response::json(contact_json(*service.identity().user_by_id(target.id)));
                }});

    router.add({"GET", "/api/v1/admin/notifications", {"admin"}, false, "list the regency's notification outbox",
                "admin",
                {{"parameters",
                  {query_parameter("status", "pending, sent or failed (given up); absent: all"),
                   query_parameter("page", "1-based page", "integer"),
                   query_parameter("per_page", "1 to 200, default 50", "integer")}},
                 {"responses", json_responses("A page of the regency's notifications, newest first",
                                              schema_ref("NotificationOutboxPage"), {400, 401, 403})}},
                [&service](Request& request) {
                    const std::string status = request.query_value("status").value_or("");
                    if (!status.empty() && status != "pending" && status != "sent" && status != "failed")
                        throw bad_request("status", "one of pending, sent, failed");
                    const Page page = page_of(request);
                    // One more than the page: whether there is a next one, without counting all.
                    auto entries = service.outbox().list(request.caller().regency, status, page.per_page + 1,
                                                         page.offset());
                    const bool more = entries.size() > page.per_page;
                    if (more) entries.pop_back();
                    std::map<std::int64_t, std::string> names;
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& entry : entries) {
                        auto it = names.find(entry.user_id);
                        if (it == names.end()) {
                            const auto user = service.identity().user_by_id(entry.user_id);
                            it = names.emplace(entry.user_id, user ? user->username : std::string()).first;
                        }
                        items.push_back(entry_json(entry, it->second));
                    }
                    return Response::json(
                        {{"items", items}, {"page", page.page}, {"per_page", page.per_page}, {"more", more}});
                }});
}

}  // namespace tata::server
