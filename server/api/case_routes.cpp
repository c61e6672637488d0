// Cases: list with filters and paging, create, read (with the caller's
// allowed outcomes), fire an outcome (If-Match), history, incidents, retry.
#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/case_read.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"
#include "api/routes.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "privacy/record_access.hpp"

#include <charconv>

namespace tata::server {
namespace {

// If-Match: "3", W/"3" or 3. Absent: no check. Anything else: 400.
std::optional<std::int64_t> if_match(const Request& request) {
    std::string value = request.header("if-match");
    if (value.empty()) return std::nullopt;
    if (value.rfind("W/", 0) == 0) value = value.substr(2);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    std::int64_t version = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
    if (ec != std::errc() || end != value.data() + value.size() || version < 1)
        throw bad_request("If-Match", "must be the case version as an entity tag, for example \"3\"");
    return version;
}

// A case's answer carries its version as the entity tag If-Match compares.
Response with_etag(Response response, std::int64_t version) {
    response.headers.emplace_back("ETag", "\"" + std::to_string(version) + "\"");
    return response;
}

Response case_response(Engine& engine, CaseRecord record, const User& user, int status = 200) {
    const std::int64_t version = record.version;
    return with_etag(Response::json(case_json(engine, std::move(record), user), status), version);
}

// A next_after of the deadline order back: "<due>:<number>" (due empty when
// the case had no dated open task); 400 naming `after` otherwise.
CaseFilter::DeadlineCursor deadline_cursor(const std::string& text) {
    const auto fail = [] {
        return bad_request("after", "with sort=deadline, the next_after of the previous page (due:number)");
    };
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon > 20 || text.size() - colon > 20) throw fail();
    const auto number = [&](std::string_view digits, std::int64_t& out) {
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
        return ec == std::errc() && end == digits.data() + digits.size();
    };
    CaseFilter::DeadlineCursor cursor;
    std::int64_t id = 0;
    if (!number(std::string_view(text).substr(colon + 1), id) || id < 1) throw fail();
    cursor.id = id;
    if (colon > 0) {
        std::int64_t due = 0;
        if (!number(std::string_view(text).substr(0, colon), due)) throw fail();
        cursor.due = TimePoint(std::chrono::seconds(due));
    }
    return cursor;
}

CaseFilter filter_of(const Request& request) {
    CaseFilter filter;
    if (auto v = request.query_value("workflow")) filter.workflow_id = *v;
    if (auto v = request.query_value("state")) filter.state = *v;
    if (auto v = request.query_value("status")) {
        filter.status = case_status_from_string(*v);
        if (!filter.status) throw bad_request("status", "one of active, incident, completed");
    }
    if (auto v = request.query_value("opd")) filter.data_equals.emplace_back("opd", *v);
    if (auto v = request.query_value("q"); v && !v->empty()) filter.search = search_param(*v);
    if (auto v = request.query_value("sort")) {
        if (*v == "deadline") filter.order = CaseOrder::by_deadline;
        else if (*v != "id") throw bad_request("sort", "one of id (oldest first) or deadline (nearest due date first)");
    }
    if (filter.order == CaseOrder::by_deadline) {
        if (auto v = request.query_value("after")) filter.after_deadline = deadline_cursor(*v);
    } else {
        filter.after = id_query(request, "after");
    }
    return filter;
}

// The cursor of the page after `last` (next_after): its case number, or in
// deadline order the text "<due>:<number>", the nearest due date in seconds
// since 1970 (empty when it has none).
nlohmann::json cursor_after(const CaseRecord& last, CaseOrder order) {
    if (order == CaseOrder::by_id) return last.id;
    const auto due = next_due(last);
    return (due ? std::to_string(due->time_since_epoch().count()) : std::string()) + ":" + std::to_string(last.id);
}

// [{state, title, count}] of the cases the filter finds, by title; the title
// from the filter's workflow (the state's name when there is none).
nlohmann::json states_json(Engine& engine, const User& user, const CaseFilter& filter) {
    const auto definitions = engine.definitions();
    const auto workflow = filter.workflow_id ? definitions->latest(*filter.workflow_id) : nullptr;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [state, count] : states_visible(engine, user, filter)) {
        const State* found = workflow ? workflow->find_state(state) : nullptr;
        out.push_back({{"state", state}, {"title", found ? found->title : state}, {"count", count}});
    }
    return out;
}

const nlohmann::json kCaseIdParameter = path_parameter("id", "The case number");

}  // namespace

void add_case_routes(Router& router, Service& service) {
    Engine& engine = service.engine();

    router.add({"GET", "/api/v1/cases", kAnyRole, false, "list cases", "cases",
                {{"parameters",
                  {query_parameter("workflow", "verification, prioritization, vendor_selection, vendor_contract, grievance"),
                   query_parameter("state", "the state the case is in"),
                   query_parameter("status", "active, incident or completed"), query_parameter("opd", "the worker's OPD"),
                   query_parameter("overdue", "only cases with an open task past its due date", "boolean"),
                   query_parameter("q", "text in the name or NIK (any part, ignoring case and accents)"),
                   query_parameter("sort", "id (oldest first, the default) or deadline (nearest due date first)"),
                   query_parameter("after", "the next_after of the previous page: the page after it (a case number; with sort=deadline, due:number)"),
                   query_parameter("states", "also count the cases in each state, this filter's own state aside (a state filter's choices)", "boolean"),
                   query_parameter("page", "from 1, up to the page holding the 1,000th case (ignored with after)", "integer"),
                   query_parameter("per_page", "1 to 200, default 50", "integer")}},
                 {"responses", json_responses("One page of the cases the caller may see", schema::page_of(schema_ref("CaseSummary"),
                                                      {{"total_exact", {{"type", "boolean"}}},
                                                       {"next_after", {{"type", {"integer", "string", "null"}}}},
                                                       {"states", schema::array_of(schema_ref("StateCount"))}}), {400, 401})}},
                [&engine, &service](Request& request) {
                    CaseFilter filter = filter_of(request);
                    if (flag_param(request, "overdue")) filter.overdue_at = service.now();
                    const Page page = page_of(request);
                    const bool by_cursor = filter.after || filter.after_deadline;
                    // Numbered pages reach as far as a count is exact; past
                    // that a page is found by the cursor, not by skipping
                    // thousands of matches on every request.
                    if (!by_cursor && page.offset() >= kExactCountUpTo)
                        throw bad_request("page", "numbered pages reach the first " + std::to_string(kExactCountUpTo) +
                                                      " cases; go further with after (next_after)");
                    const std::size_t offset = by_cursor ? 0 : page.offset();
                    const auto found = list_visible(engine, request.caller(), filter, offset, page.per_page);
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& record : found.items) items.push_back(case_summary_json(engine, record, request.caller()));
                    privacy::record_cases(service, request, found.items, privacy::searched(request) ? privacy::action::kCaseSearch : privacy::action::kCaseList);
                    nlohmann::json body = page_json(page, found.total, std::move(items));
                    body["total_exact"] = found.total_exact;
                    // A full page may have a next one.
                    const bool full = found.items.size() == page.per_page;
                    body["next_after"] = full ? cursor_after(found.items.back(), filter.order) : nlohmann::json(nullptr);
                    if (flag_param(request, "states")) body["states"] = states_json(engine, request.caller(), filter);
                    return Response::json(body);
                }});

    router.add({"POST", "/api/v1/cases", kOfficers, false, "create a case", "cases",
                {{"requestBody", json_body({{"type", "object"},
                                            {"required", {"workflow"}},
                                            {"additionalProperties", false},
                                            {"properties",
                                             {{"workflow", {{"type", "string"}}},
                                              {"data", {{"type", "object"}}},
                                              {"key", {{"type", "string"}, {"description", "business key, e.g. the NIK"}}}}}})},
                 {"responses", json_responses("The new case", schema_ref("Case"), {400, 401, 403, 404, 409, 415, 422}, 201)}},
                [&engine](Request& request) {
                    const auto body = read_json_object(request, {{"workflow", JsonKind::string, true},
                                                                 {"data", JsonKind::object, false},
                                                                 {"key", JsonKind::string, false}});
                    const std::string workflow = body["workflow"];
                    if (!engine.definitions()->latest(workflow)) throw bad_request("workflow", "no workflow '" + workflow + "'");
                    auto created = engine.create_case(workflow, request.caller().regency,
                                                            body.value("data", nlohmann::json::object()),
                                                            request.caller().actor(), body.value("key", std::string()));
                    return case_response(engine, std::move(created.record), request.caller(), 201);
                }});

    router.add({"GET", "/api/v1/cases/{id}", kAnyRole, false, "read a case", "cases",
                {{"parameters", {kCaseIdParameter}},
                 {"responses", json_responses("The case with its open tasks and the caller's allowed outcomes; ETag is its version",
                                              schema_ref("Case"), {401, 404})}},
                [&engine, &service](Request& request) {
                    CaseRead read = read_visible_case(engine, request.caller(), id_param(request, "id"));
                    privacy::record_case(service, request, read.record, privacy::action::kCaseRead);
                    const std::int64_t version = read.record.version;
                    return with_etag(case_read_response(engine, std::move(read), request.caller()), version);
                }});

    Route fire{"POST", "/api/v1/cases/{id}/outcomes/{outcome}", kAnyRole, false, "fire an outcome of a case", "cases",
                {{"parameters",
                  {kCaseIdParameter, path_parameter("outcome", "the outcome's name", false),
                   {{"name", "If-Match"}, {"in", "header"}, {"required", false},
                    {"description", "the case version (ETag) the caller saw: a stale one answers 412, nothing written"},
                    {"schema", {{"type", "string"}}}},
                   {{"name", "Idempotency-Key"}, {"in", "header"}, {"required", false},
                    {"description", "a retry with the same key answers as the first time"},
                    {"schema", {{"type", "string"}}}}}},
                 {"requestBody", json_body({{"type", "object"},
                                            {"additionalProperties", false},
                                            {"properties", {{"input", {{"type", "object"}}}}}})},
                 // A retry with the Idempotency-Key is answered the stored body
                 // of the first time: the same shape, incident included.
                 {"responses",
                  json_responses("The case afterwards, with the incident when a step after the decision failed and "
                                 "parked it",
                                 schema_ref("CaseAfterOutcome"), {400, 401, 403, 404, 409, 412, 415, 422})}},
                [&engine](Request& request) {
                    const User& user = request.caller();
                    const CaseId id = id_param(request, "id");
                    const std::string& outcome = request.params.at("outcome");
                    const auto body = read_json_object(request, {{"input", JsonKind::object, false}});
                    const auto expected = if_match(request);
                    // Who may act on the case is checked on the case as the
                    // engine loads it to fire: one read, in the transaction
                    // (this runs on the group commit's thread, every read
                    // there delays every advance waiting for it).
                    const auto admit = [&](const CaseRecord& record) {
                        require_visible(user, record);
                        if (auto route = dedicated_route(user, record, outcome))
                            throw forbidden("'" + outcome + "' is sent through " + *route + ", which checks it first");
                    };
                    AdvanceResult result;
                    try {
                        result = engine.fire(id, outcome, body.value("input", nlohmann::json::object()), user.actor(),
                                             expected, admit);
                    } catch (const Conflict& e) {
                        if (expected) throw ApiError(412, "Versi kasus sudah berubah", e.what());
                        throw;
                    }
                    Response response = case_response(engine, std::move(result.record), user);
                    if (result.incident) {
                        auto body_json = nlohmann::json::parse(response.body);
                        body_json["incident"] = {{"id", result.incident->id},
                                                 {"action", result.incident->action},
                                                 {"message", result.incident->message}};
                        response.body = body_json.dump();
                    }
                    return response;
                }};
    // Advances share commits with concurrent ones (app/group_commit.hpp).
    fire.group_commit = true;
    router.add(std::move(fire));

    router.add({"GET", "/api/v1/cases/{id}/history", kAnyRole, false, "read a case's audit history", "cases",
                {{"parameters", {kCaseIdParameter}},
                 {"responses",
                  json_responses("The case's audit events, oldest first", schema_ref("CaseHistory"), {401, 404})}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const auto record = visible_case(engine, user, id_param(request, "id"));
                    privacy::record_case(service, request, record, privacy::action::kCaseHistory);
                    const int offset = regency_offset_minutes(*engine.definitions(), record.regency);
                    // Where the data is redacted (a vendor reading a package or
                    // an evaluation), so are the events that carried it.
                    const bool own_only = data_redacted(user, record);
                    nlohmann::json events = nlohmann::json::array();
                    for (const auto& event : engine.history(record.id))
                        if (!own_only || event.actor == user.username) events.push_back(event_json(event, offset));
                    return Response::json({{"case_id", record.id}, {"events", events}});
                }});

    router.add({"GET", "/api/v1/cases/{id}/incidents", kOfficers, false, "read a case's incidents", "cases",
                {{"parameters", {kCaseIdParameter}},
                 {"responses",
                  json_responses("Open and resolved incidents", schema_ref("CaseIncidents"), {401, 403, 404})}},
                [&engine](Request& request) {
                    const auto record = visible_case(engine, request.caller(), id_param(request, "id"));
                    const int offset = regency_offset_minutes(*engine.definitions(), record.regency);
                    nlohmann::json out = nlohmann::json::array();
                    for (const auto& i : engine.incidents(record.id))
                        out.push_back({{"id", i.id}, {"opened_at", format_iso8601(i.opened_at, offset)}, {"state", i.state},
                                       {"action", i.action}, {"message", i.message}, {"open", i.open}});
                    return Response::json({{"case_id", record.id}, {"incidents", out}});
                }});

    router.add({"POST", "/api/v1/cases/{id}/resolve", kOfficers, false,
                "resolve an incident by hand and send the case on", "cases",
                {{"parameters", {kCaseIdParameter}},
                 {"requestBody", json_body({{"type", "object"},
                                            {"required", {"to", "note"}},
                                            {"additionalProperties", false},
                                            {"properties",
                                             {{"to", {{"type", "string"}, {"description", "a state the parked state leads to"}}},
                                              {"note", {{"type", "string"}, {"description", "what was done by hand"}}}}}})},
                 {"responses", json_responses("The case afterwards", schema_ref("Case"), {400, 401, 403, 404, 409, 415, 422})}},
                [&engine](Request& request) {
                    const auto record = visible_case(engine, request.caller(), id_param(request, "id"));
                    const auto body = read_json_object(request, {{"to", JsonKind::string, true}, {"note", JsonKind::string, true}});
                    auto result = engine.resolve_incident(record.id, body["to"], body["note"], request.caller().actor());
                    return case_response(engine, std::move(result.record), request.caller());
                }});

    router.add({"POST", "/api/v1/cases/{id}/retry", kOfficers, false, "retry the step that opened an incident", "cases",
                {{"parameters", {kCaseIdParameter}}, {"responses", json_responses("The case afterwards", schema_ref("Case"), {401, 403, 404, 409})}},
                [&engine](Request& request) {
                    const auto record = visible_case(engine, request.caller(), id_param(request, "id"));
                    auto result = engine.retry(record.id, request.caller().actor());
                    return case_response(engine, std::move(result.record), request.caller());
                }});
}

}  // namespace tata::server
