// Performance evaluation (penilaian kinerja): opening a year for a list of
// workers, and the leadership's predikat per OPD. Everything else about an
// evaluation is a case: the supervisor's tasks are in the inbox, the
// worker's agreement, check-ins and objection are outcomes of their case.
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/upload.hpp"

#include "http/api_error.hpp"
#include "performance/evaluation_list.hpp"
#include "performance/open_year.hpp"
#include "performance/predikat_summary.hpp"

#include <charconv>
#include <sstream>

namespace tata::server {
namespace {

int year_param(const std::string& name, const std::string& value) {
    int year = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), year);
    if (value.empty() || error != std::errc() || end != value.data() + value.size())
        throw bad_request(name, "a year, such as 2026");
    return year;
}

}  // namespace

void add_performance_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const std::set<std::string> leaders = {"admin", "officer", "opd_head"};

    router.add({"POST", "/api/v1/performance/{tahun}/open", kOfficers, false,
                "open a year of performance evaluation for a list of workers", "performance",
                {{"parameters", {path_parameter("tahun", "The year evaluated"),
                                 query_parameter("name", "the file's name, used in FILE:ROW messages")}},
                 {"requestBody", raw_body("text/csv", "nik,nama,opd,jabatan,jenis_kepegawaian,id_kontrak (docs/performance.md)")},
                 {"responses", json_responses("How many evaluations were opened and how many were open already; "
                                              "nothing is opened when a row is wrong (422, every row named)",
                                              schema_ref("PerformanceYearOpened"),
                                              {400, 401, 403, 413, 415, 422}, 201)}},
                [&engine](Request& request) {
                    const User& user = request.caller();
                    const int year = year_param("tahun", request.params.at("tahun"));
                    if (!performance::acceptable_year(engine, user.regency, year))
                        throw bad_request("tahun", "from 2024 to next year");
                    require_csv(request);
                    std::istringstream body(request.body);
                    const auto list = performance::read_evaluation_list(body, upload_name(request, "daftar-penilaian.csv"));
                    auto refuse = [](const std::vector<std::string>& problems) {
                        std::vector<FieldError> errors;
                        for (const auto& problem : problems) errors.push_back({"body", problem});
                        return invalid_fields(std::move(errors));
                    };
                    if (!list.problems.empty()) throw refuse(list.problems);
                    if (list.workers.empty()) throw bad_request("body", "the list names no worker");
                    performance::OpenYearReport report;
                    try {
                        report = performance::open_evaluation_year(engine, user.regency, year, list.workers, user.actor());
                    } catch (const performance::ListRefused& e) {
                        throw refuse(e.problems());
                    }
                    return Response::json(
                        {{"tahun", year}, {"dibuka", report.opened}, {"sudah_ada", report.already_open}, {"kasus", report.cases}},
                        201);
                }});

    router.add({"GET", "/api/v1/performance/summary", leaders, false, "count predikat per OPD for a year", "performance",
                {{"parameters", {query_parameter("tahun", "the year evaluated", "integer")}},
                 {"responses", json_responses("Per OPD (an OPD head: their own only) and in total: evaluations not yet "
                                              "rated, announced and final, each predikat's count, objections, and the "
                                              "predikat past the regency's distribution cap",
                                              schema_ref("PredikatSummary"), {400, 401, 403})}},
                [&engine](Request& request) {
                    const User& user = request.caller();
                    const auto tahun = request.query_value("tahun");
                    if (!tahun) throw bad_request("tahun", "required: the year evaluated");
                    const int year = year_param("tahun", *tahun);
                    const auto summary = performance::summarize_year(engine, user.regency, year);
                    nlohmann::json opd = nlohmann::json::array();
                    for (const auto& [name, counts] : summary.by_opd) {
                        if (user.role == "opd_head" && name != user.opd) continue;
                        auto row = performance::counts_json(counts);
                        row["opd"] = name;
                        opd.push_back(std::move(row));
                    }
                    nlohmann::json body = {{"tahun", year},
                                           {"batas_sebaran", summary.caps},
                                           {"label_predikat", summary.labels},
                                           {"per_opd", std::move(opd)}};
                    if (user.role != "opd_head") body["total"] = performance::counts_json(summary.total);
                    return Response::json(body);
                }});
}

}  // namespace tata::server
