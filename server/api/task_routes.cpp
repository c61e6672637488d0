// Tasks: the caller's inbox (tasks their role may take, in their regency,
// by due date or by when they were opened; an OPD head's only for their
// OPD), claim and unclaim.
#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"
#include "api/routes.hpp"

#include "http/api_error.hpp"
#include "privacy/record_access.hpp"

namespace tata::server {
namespace {

nlohmann::json inbox_item(Engine& engine, const TaskListing& listing, const CaseRecord& record, const User& user,
                          TimePoint now) {
    const int offset = regency_offset_minutes(*engine.definitions(), listing.regency);
    nlohmann::json item = task_json(listing.task, now, offset);
    item["case"] = case_summary_json(engine, record, user);
    return item;
}

// ?urut=: the inbox's order, in the words of the page's column headers.
TaskOrder task_order_param(const Request& request) {
    const auto value = request.query_value("urut");
    if (!value || *value == "tenggat") return TaskOrder::deadline;
    if (*value == "terbaru") return TaskOrder::newest;
    if (*value == "terlama") return TaskOrder::oldest;
    throw bad_request("urut", "one of tenggat, terbaru, terlama");
}

}  // namespace

void add_task_routes(Router& router, Service& service) {
    Engine& engine = service.engine();

    router.add({"GET", "/api/v1/tasks", kStaff, false, "list the caller's inbox", "tasks",
                {{"parameters",
                  {query_parameter("mine", "only tasks the caller claimed", "boolean"),
                   query_parameter("unclaimed", "only tasks nobody claimed", "boolean"),
                   query_parameter("workflow", "only this procedure"),
                   query_parameter("state", "only tasks in this state"),
                   query_parameter("opd", "only tasks on files of this OPD"),
                   query_parameter("q", "text in the name or NIK of the task's case"),
                   query_parameter("overdue", "only tasks past their due date", "boolean"),
                   query_parameter("urut", "tenggat (nearest due date first, the default), terbaru or terlama (by when the task was opened)"),
                   query_parameter("page", "from 1", "integer"), query_parameter("per_page", "1 to 200", "integer")}},
                 {"responses", json_responses("One page of open tasks, in the order asked for",
                                              schema::page_of(schema_ref("InboxItem"), {{"total_exact", {{"type", "boolean"}}}}), {400, 401, 403})}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    TaskFilter filter;
                    filter.regency = user.regency;
                    filter.roles = {user.role};
                    if (flag_param(request, "mine")) filter.assignee = user.username;
                    else if (flag_param(request, "unclaimed")) filter.assignee = "";
                    if (auto v = request.query_value("workflow")) filter.workflow_id = *v;
                    if (auto v = request.query_value("state")) filter.state = *v;
                    if (auto v = request.query_value("opd")) filter.data_equals.emplace_back("opd", *v);
                    if (auto v = request.query_value("q"); v && !v->empty()) filter.search = search_param(*v);
                    const TimePoint now = service.now();
                    if (flag_param(request, "overdue")) filter.overdue_at = now;
                    filter.order = task_order_param(request);
                    const Page page = page_of(request);

                    nlohmann::json items = nlohmann::json::array();
                    std::size_t total = 0;
                    if (user.role == "opd_head" || user.role == "supervisor") {
                        // Only the cases of their own OPD: verification files
                        // and evaluations for the head, evaluations for the
                        // supervisor (can_see below holds the line).
                        if (user.opd.empty()) return Response::json(page_json(page, 0, std::move(items)));
                        if (user.role == "supervisor") {
                            if (filter.workflow_id && *filter.workflow_id != "performance_evaluation")
                                return Response::json(page_json(page, 0, std::move(items)));
                            filter.workflow_id = "performance_evaluation";
                        }
                        filter.data_equals.emplace_back("opd", user.opd);
                    }
                    filter.offset = page.offset();
                    filter.limit = page.per_page;
                    const TaskPage found = engine.task_page(filter, kExactCountUpTo + 1);
                    const TaskCount& counted = found.count;
                    const auto& listed = found.tasks;
                    std::vector<CaseRecord> shown;  // for the personal-data access log
                    for (const auto& listing : listed) {
                        const auto record = engine.get_case(listing.task.case_id);
                        if (can_see(user, record)) items.push_back(inbox_item(engine, listing, record, user, now));
                        if (can_see(user, record)) shown.push_back(record);
                    }
                    privacy::record_cases(service, request, shown, privacy::searched(request) ? privacy::action::kTaskSearch : privacy::action::kTaskList);
                    // A lower bound (a search that checked only the first
                    // tasks) is at least what this page shows, and one more
                    // when the page is full: the next page may hold more.
                    total = std::min(counted.count, kExactCountUpTo);
                    if (!counted.exact)
                        total = std::max(total, page.offset() + listed.size() + (listed.size() == page.per_page ? 1 : 0));
                    nlohmann::json body = page_json(page, total, std::move(items));
                    body["total_exact"] = counted.exact && counted.count <= kExactCountUpTo;
                    return Response::json(body);
                }});

    auto claim_route = [&](const std::string& verb, bool claim) {
        router.add({"POST", "/api/v1/tasks/{id}/" + verb, kStaff, false, verb + " a task", "tasks",
                    {{"parameters", {path_parameter("id", "The task number")}},
                     {"responses", json_responses("The task afterwards", schema_ref("Task"), {401, 403, 404, 409})}},
                    [&engine, &service, claim](Request& request) {
                        const User& user = request.caller();
                        const std::int64_t id = id_param(request, "id");
                        // The task's case must be visible, or the task does not exist for the caller.
                        const auto open = engine.find_open_task(id);
                        std::optional<CaseRecord> record;
                        if (open) record = engine.get_case(open->case_id);
                        if (!record || !can_see(user, *record)) throw not_found("no open task " + std::to_string(id));
                        const TaskRecord task = claim ? engine.claim_task(id, user.actor()) : engine.unclaim_task(id, user.actor());
                        return Response::json(task_json(task, service.now(),
                                                        regency_offset_minutes(*engine.definitions(), record->regency)));
                    }});
    };
    claim_route("claim", true);
    claim_route("unclaim", false);
}

}  // namespace tata::server
