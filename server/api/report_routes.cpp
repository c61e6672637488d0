// Reports for the regency's leadership: the rekap as JSON or CSV, and the
// open and overdue tasks of every role per procedure (the inbox shows only
// the caller's role; leadership needs to see where the whole regency is late).
#include "api/routes.hpp"

#include "api/case_json.hpp"
#include "api/schemas/response_schemas.hpp"

#include "http/api_error.hpp"
#include "privacy/record_access.hpp"

#include "reports/rekap.hpp"
#include "reports/rekap_format.hpp"

#include <tata/calendar.hpp>

#include <sstream>

namespace tata::server {

void add_report_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    router.add({"GET", "/api/v1/reports/rekap", kOfficers, false, "read the rekap", "reports",
                {{"parameters", {query_parameter("format", "json (default) or csv")}},
                 {"responses", file_responses("Counts by category, selection result, verification stage and proposed "
                                              "outcome, per OPD and in total",
                                              {"text/csv"}, {400, 401, 403}, 200, schema_ref("Rekap"))}},
                [&engine, &service](Request& request) {
                    const std::string format = request.query_value("format").value_or("json");
                    if (format != "json" && format != "csv") throw bad_request("format", "json or csv");
                    const std::string& regency = request.caller().regency;
                    const auto rekap = reports::build_rekap(
                        engine, regency, reports::approved_ranking(engine, service.round_snapshots(), regency));
                    privacy::record_whole_regency(service, request, format == "csv" ? privacy::action::kRekapDownload : privacy::action::kRekapRead);
                    if (format == "json") return Response::json(reports::rekap_json(rekap));
                    std::ostringstream csv;
                    reports::print_rekap_csv(csv, rekap);
                    Response response = Response::text(csv.str(), "text/csv; charset=utf-8");
                    response.headers.emplace_back("Content-Disposition",
                                                  "attachment; filename=\"rekap-" + rekap.regency + ".csv\"");
                    return response;
                }});

    router.add({"GET", "/api/v1/reports/tasks", kOfficers, false, "count open and overdue tasks per procedure", "reports",
                {{"responses", json_responses("Per procedure of the current generation: the open tasks of the regency "
                                              "and how many are past their due date, in total and per role that may "
                                              "take them",
                                              schema_ref("OpenTasksReport"), {401, 403})}},
                [&engine, &service](Request& request) {
                    const auto definitions = engine.definitions();
                    const TimePoint now = service.now();
                    const std::vector<std::string> roles = {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"};
                    nlohmann::json workflows = nlohmann::json::array();
                    std::size_t open_total = 0;
                    std::size_t overdue_total = 0;
                    for (const auto& [key, workflow] : definitions->workflows) {
                        if (definitions->latest(workflow->id) != workflow) continue;
                        TaskFilter filter;
                        filter.regency = request.caller().regency;
                        filter.workflow_id = workflow->id;
                        auto count = [&](const std::vector<std::string>& only, bool overdue) {
                            TaskFilter f = filter;
                            f.roles = only;
                            if (overdue) f.overdue_at = now;
                            return engine.count_tasks(f);
                        };
                        nlohmann::json by_role = nlohmann::json::object();
                        for (const auto& role : roles) {
                            const std::size_t open = count({role}, false);
                            if (open > 0) by_role[role] = {{"open", open}, {"overdue", count({role}, true)}};
                        }
                        const std::size_t open = count({}, false);
                        const std::size_t overdue = count({}, true);
                        open_total += open;
                        overdue_total += overdue;
                        workflows.push_back({{"workflow", workflow->id}, {"title", workflow->title}, {"open", open},
                                             {"overdue", overdue}, {"per_role", by_role}});
                    }
                    return Response::json({{"at", format_iso8601(now, regency_offset_minutes(*definitions, request.caller().regency))},
                                           {"open", open_total}, {"overdue", overdue_total}, {"workflows", workflows}});
                }});
}

}  // namespace tata::server
