// Reports for the regency's leadership: the rekap as JSON or CSV.
#include "api/routes.hpp"

#include "http/api_error.hpp"

#include "reports/rekap.hpp"
#include "reports/rekap_format.hpp"

#include <sstream>

namespace tata::server {

void add_report_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    router.add({"GET", "/api/v1/reports/rekap", kOfficers, false, "read the rekap", "reports",
                {{"parameters", {query_parameter("format", "json (default) or csv")}},
                 {"responses",
                  {{"200",
                    {{"description", "Counts by category, selection result, verification stage and proposed outcome, per OPD "
                                     "and in total"},
                     {"content", {{"application/json", nlohmann::json::object()}, {"text/csv", nlohmann::json::object()}}}}},
                   {"400", {{"$ref", "#/components/responses/Problem"}}}}}},
                [&engine](Request& request) {
                    const std::string format = request.query_value("format").value_or("json");
                    if (format != "json" && format != "csv") throw bad_request("format", "json or csv");
                    const auto rekap = reports::build_rekap(engine, request.caller().regency);
                    if (format == "json") return Response::json(reports::rekap_json(rekap));
                    std::ostringstream csv;
                    reports::print_rekap_csv(csv, rekap);
                    Response response = Response::text(csv.str(), "text/csv; charset=utf-8");
                    response.headers.emplace_back("Content-Disposition",
                                                  "attachment; filename=\"rekap-" + rekap.regency + ".csv\"");
                    return response;
                }});
}

}  // namespace tata::server
