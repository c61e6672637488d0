// Who read a worker's personal data: the worker's own view (officials'
// reads of their file, in words) and the regency admin's view for an
// investigation (by NIK or by reader, with routes and stated purposes).
#include "api/case_json.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

#include "http/api_error.hpp"
#include "privacy/access_words.hpp"

#include <regex>

namespace tata::server {
namespace {

nlohmann::json worker_item(const privacy::AccessEntry& e, int offset) {
    return {{"at", format_iso8601(e.at, offset)},
            {"role", e.role},
            {"role_text", privacy::role_words(e.role)},
            {"unit", e.unit},
            {"username", e.username},
            {"action", e.action},
            {"action_text", privacy::action_words(e.action)},
            {"whole_regency", e.whole_regency},
            {"case_ids", e.case_ids}};
}

nlohmann::json admin_item(const privacy::AccessEntry& e, int offset) {
    nlohmann::json item = worker_item(e, offset);
    item["id"] = e.id;
    item["seq"] = e.seq;
    item["route"] = e.route;
    item["purpose"] = e.purpose;
    item["workers_read"] = e.subject_count;
    return item;
}

// The 200 answer: a page of entries (AccessLogEntry, or AdminAccessLogEntry
// with the route and purpose that only the admin sees).
nlohmann::json paged_responses(const std::string& description, bool admin) {
    return json_responses(description, schema::page_of(schema_ref(admin ? "AdminAccessLogEntry" : "AccessLogEntry")),
                          {400, 401, 403});
}

}  // namespace

void add_access_log_routes(Router& router, Service& service) {
    Engine& engine = service.engine();

    router.add({"GET", "/api/v1/me/access-log", {"worker"}, false, "who in the government read my file", "privacy",
                {{"parameters", {query_parameter("page", "from 1", "integer"), query_parameter("per_page", "1 to 200", "integer")}},
                 {"responses", paged_responses("One page of officials' reads of the caller's data, newest first (the caller's own "
                                               "reads are not listed)", false)}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const Page page = page_of(request);
                    std::size_t total = 0;
                    const auto entries = service.personal_data_log().entries_about(user.regency, user.nik, true, page.offset(),
                                                                                   page.per_page, total);
                    const int offset = regency_offset_minutes(*engine.definitions(), user.regency);
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& entry : entries) items.push_back(worker_item(entry, offset));
                    return Response::json(page_json(page, total, std::move(items)));
                }});

    router.add({"GET", "/api/v1/admin/access-log", {"admin"}, false, "who read a worker's data, or what a user read",
                "privacy",
                {{"parameters",
                  {query_parameter("nik", "the worker's NIK (16 digits): every read of their data, theirs included"),
                   query_parameter("user", "a username: everything that user read"),
                   query_parameter("page", "from 1", "integer"), query_parameter("per_page", "1 to 200", "integer")}},
                 {"responses", paged_responses("One page of the regency's reads, newest first", true)}},
                [&engine, &service](Request& request) {
                    const User& admin = request.caller();
                    const auto nik = request.query_value("nik");
                    const auto username = request.query_value("user");
                    if (nik.has_value() == username.has_value())
                        throw bad_request(nik ? "user" : "nik", "give either nik or user, one of them");
                    static const std::regex nik_pattern(R"(\d{16})");
                    if (nik && !std::regex_match(*nik, nik_pattern)) throw bad_request("nik", "a 16-digit NIK");
                    const Page page = page_of(request);
                    std::size_t total = 0;
                    auto& log = service.personal_data_log();
                    const auto entries = nik ? log.entries_about(admin.regency, *nik, false, page.offset(), page.per_page, total)
                                             : log.entries_by(admin.regency, *username, page.offset(), page.per_page, total);
                    const int offset = regency_offset_minutes(*engine.definitions(), admin.regency);
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& entry : entries) items.push_back(admin_item(entry, offset));
                    return Response::json(page_json(page, total, std::move(items)));
                }});
}

}  // namespace tata::server
