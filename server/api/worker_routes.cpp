// Workers: one worker's file by NIK (a worker: only their own), roster
// import (CSV body, the same per-row report as `tata import workers`), the
// ranking, one worker's explanation, and proposing the ranking as the round.
#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/routes.hpp"
#include "api/upload.hpp"

#include "http/api_error.hpp"

#include "csv/csv_reader.hpp"
#include "ranking/ranking.hpp"
#include "ranking/round.hpp"
#include "roster/worker_import.hpp"

namespace tata::server {
namespace {

ranking::Ranking rank(Engine& engine, const std::string& regency) {
    const Regency* known = engine.definitions()->find_regency(regency);
    if (!known) throw not_found("unknown regency " + regency);
    return ranking::rank_regency(engine, regency, ranking::regency_formasi(*known));
}

}  // namespace


void add_worker_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const std::set<std::string> staff_and_worker = {"admin", "officer", "opd_head", "bkad", "worker"};

    router.add({"GET", "/api/v1/workers/{nik}", staff_and_worker, false, "read a worker's file by NIK", "workers",
                {{"parameters", {path_parameter("nik", "The worker's NIK", false)}},
                 {"responses", responses("The worker's verification case", {401, 403, 404})}},
                [&engine](Request& request) {
                    const User& user = request.caller();
                    const std::string nik = request.params.at("nik");
                    const auto found = engine.find_case_by_key(user.regency, "verification", nik);
                    if (!found || !can_see(user, *found)) throw not_found("no worker with NIK " + nik);
                    Response response = Response::json(case_json(engine, *found, user));
                    response.headers.emplace_back("ETag", "\"" + std::to_string(found->version) + "\"");
                    return response;
                }});

    router.add({"POST", "/api/v1/workers/import", kOfficers, false, "import a roster", "workers",
                {{"parameters", {query_parameter("name", "the file's name, used in FILE:ROW messages")}},
                 {"requestBody", raw_body("text/csv", "the roster CSV of DESIGN.md section 4")},
                 {"responses", responses("How many rows were created, updated, unchanged and rejected, with FILE:ROW problems",
                                         {400, 401, 403, 413, 415})}},
                [&engine, &service](Request& request) {
                    require_csv(request);
                    ScratchFile file(upload_name(request, "roster.csv"), request.body);
                    roster::ImportOptions options;
                    options.regency = request.caller().regency;
                    options.actor = request.caller().actor();
                    roster::ImportReport report;
                    try {
                        report = roster::import_workers(engine, file.path(), service.areas(), options);
                    } catch (const csv::Error& e) {
                        throw bad_request("body", e.what());
                    }
                    return Response::json({{"created", report.created},
                                           {"updated", report.updated},
                                           {"unchanged", report.unchanged},
                                           {"rejected", report.rejected},
                                           {"flagged", report.flagged},
                                           {"problems", report.problems}});
                }});

    router.add({"GET", "/api/v1/ranking", kOfficers, false, "rank the verified workers", "ranking",
                {{"parameters", {query_parameter("page", "from 1", "integer"), query_parameter("per_page", "1 to 200", "integer")}},
                 {"responses", responses("The ranking's number and counts, and one page of ranked workers", {400, 401, 403})}},
                [&engine](Request& request) {
                    const Page page = page_of(request);
                    const auto result = rank(engine, request.caller().regency);
                    nlohmann::json workers = nlohmann::json::array();
                    for (std::size_t i = page.offset(); i < result.workers.size() && workers.size() < page.per_page; ++i)
                        workers.push_back(ranking::worker_json(result.workers[i]));
                    nlohmann::json body = page_json(page, result.workers.size(), std::move(workers));
                    body["nomor_pemeringkatan"] = ranking::ranking_number(result);
                    body["tanggal_acuan"] = result.reference_date;
                    body["per_usulan"] = result.by_outcome;
                    body["sisa_formasi"] = result.formasi_left;
                    return Response::json(body);
                }});

    router.add({"GET", "/api/v1/ranking/{nik}", {"admin", "officer", "worker"}, false,
                "explain one worker's rank and proposed outcome", "ranking",
                {{"parameters", {path_parameter("nik", "The worker's NIK", false)}},
                 {"responses", responses("Which rules gave how many points, and why that outcome", {401, 403, 404})}},
                [&engine](Request& request) {
                    const User& user = request.caller();
                    const std::string nik = request.params.at("nik");
                    if (user.role == "worker" && nik != user.nik) throw not_found("no ranked worker with NIK " + nik);
                    const auto result = rank(engine, user.regency);
                    const auto* worker = result.find(nik);
                    if (!worker) throw not_found("NIK " + nik + " is not among the ranked (verified) workers");
                    return Response::json(ranking::worker_json(*worker));
                }});

    router.add({"POST", "/api/v1/ranking/propose", {"officer"}, false, "propose the ranking as the prioritization round",
                "ranking", {{"responses", responses("The round's case", {401, 403, 409})}},
                [&engine](Request& request) {
                    const auto result = rank(engine, request.caller().regency);
                    ranking::RoundProposal proposal;
                    try {
                        proposal = ranking::propose_round(engine, result, request.caller().actor());
                    } catch (const ranking::RoundBusy& e) {
                        throw ApiError(409, "Putaran masih berjalan", e.what());
                    }
                    nlohmann::json body = case_json(engine, proposal.round, request.caller());
                    body["nomor_pemeringkatan"] = ranking::ranking_number(result);
                    body["putaran_baru"] = proposal.created;
                    return Response::json(body, proposal.created ? 201 : 200);
                }});
}

}  // namespace tata::server
