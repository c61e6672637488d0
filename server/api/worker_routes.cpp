// Workers: one worker's file by NIK (a worker: only their own), roster
// import (a CSV or XLSX body, the same per-row report as `tata import
// workers`), the
// ranking, one worker's explanation, and proposing the ranking as the round.
#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"
#include "api/routes.hpp"
#include "api/upload.hpp"

#include "http/api_error.hpp"
#include "privacy/record_access.hpp"

#include "csv/csv_reader.hpp"
#include "ranking/ranking.hpp"
#include "ranking/round.hpp"
#include "roster/worker_import.hpp"

#include <cctype>
#include <map>
#include <optional>
#include <tuple>

namespace tata::server {
namespace {

// The regency's ranking, kept by the service until its inputs change.
std::shared_ptr<const ranking::RankingSnapshot> ranking_of(Service& service, const std::string& regency) {
    if (!service.engine().definitions()->find_regency(regency)) throw not_found("unknown regency " + regency);
    return service.rankings().get(service.engine(), regency);
}

// The import's problems and warnings name the file as the caller called it,
// not the scratch copy (whose path means nothing to them and should not
// leak), and come again as rows a page can show: row, the row's NIK as
// written (a rejected row's NIK may be the very problem), column and
// message.
struct ImportProblems {
    nlohmann::json lines = nlohmann::json::array();
    nlohmann::json rows = nlohmann::json::array();
};

// Each of `lists` ("FILE:ROW: column: message" lines) as ImportProblems,
// in order; the NIKs of all their rows come from one read of the file.
std::vector<ImportProblems> import_problems(const std::vector<const std::vector<std::string>*>& lists,
                                            const std::filesystem::path& scratch, const std::string& name) {
    std::vector<ImportProblems> out(lists.size());
    const std::string prefix = scratch.string() + ":";
    std::map<std::size_t, std::string> niks;
    std::vector<std::vector<std::tuple<std::size_t, std::string, std::string>>> parsed(lists.size());
    for (std::size_t list = 0; list < lists.size(); ++list) {
        for (const auto& problem : *lists[list]) {
            std::string rest = problem.rfind(prefix, 0) == 0 ? problem.substr(prefix.size()) : problem;
            out[list].lines.push_back(name + ":" + rest);
            std::size_t row = 0;
            std::string column;
            const auto colon = rest.find(": ");
            if (colon != std::string::npos && colon > 0 && rest.find_first_not_of("0123456789") == colon) {
                row = std::stoul(rest.substr(0, colon));
                rest = rest.substr(colon + 2);
                if (const auto next = rest.find(": "); next != std::string::npos && rest.find(' ') >= next) {
                    column = rest.substr(0, next);
                    rest = rest.substr(next + 2);
                }
                niks.emplace(row, std::string());
            }
            parsed[list].emplace_back(row, column, rest);
        }
    }
    if (!niks.empty()) {
        try {
            csv::Reader reader(scratch);
            const auto& header = reader.read_header({"nik"});
            const std::size_t nik = header.index("nik");
            for (const csv::Row& row : reader)
                if (auto it = niks.find(row.number()); it != niks.end()) it->second = std::string(row[nik]);
        } catch (const std::exception&) {
            // The rows before a broken part were read; the rest go without a NIK.
        }
    }
    for (std::size_t list = 0; list < lists.size(); ++list) {
        for (const auto& [row, column, message] : parsed[list]) {
            const auto it = niks.find(row);
            out[list].rows.push_back({{"row", row == 0 ? nlohmann::json() : nlohmann::json(row)},
                                      {"nik", it == niks.end() || it->second.empty() ? nlohmann::json() : nlohmann::json(it->second)},
                                      {"column", column.empty() ? nlohmann::json() : nlohmann::json(column)},
                                      {"message", message}});
        }
    }
    return out;
}

// The ranking page's filters: a proposed outcome, an OPD, and text in the
// name or NIK (folded like the case search's).
ranking::RankingFilter ranking_filter(const Request& request) {
    ranking::RankingFilter filter;
    if (auto v = request.query_value("usulan"); v && !v->empty()) filter.outcome = *v;
    if (auto v = request.query_value("opd"); v && !v->empty()) filter.opd = *v;
    if (auto v = request.query_value("q")) filter.text = search_param(*v);
    return filter;
}

// The NIKs of the ranking rows a page shows (what the access log records).
std::vector<std::string> listed_niks(const nlohmann::json& rows) {
    std::vector<std::string> niks;
    for (const auto& row : rows)
        if (const auto it = row.find("nik"); it != row.end() && it->is_string()) niks.push_back(it->get<std::string>());
    return niks;
}

// The roster as CSV or as the Excel workbook officers keep it in.
nlohmann::json roster_body() {
    nlohmann::json body = raw_body("text/csv", "the roster of DESIGN.md section 4, as CSV or as an Excel workbook "
                                               "(.xlsx: its first sheet, the header in its first row)");
    body["content"][kXlsxContentType] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
    return body;
}

// A new round answers 201, the round already waiting in susun_usulan 200:
// both with the round's case.
nlohmann::json proposal_responses() {
    nlohmann::json out = json_responses("The round's case", schema_ref("ProposedRound"), {401, 403, 409}, 201);
    out["200"] = json_responses("The round's case (the round already waiting in susun_usulan)",
                                schema_ref("ProposedRound"))["200"];
    return out;
}

}  // namespace


void add_worker_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const std::set<std::string> staff_and_worker = {"admin", "officer", "opd_head", "bkad", "worker"};

    router.add({"GET", "/api/v1/workers/{nik}", staff_and_worker, false, "read a worker's file by NIK", "workers",
                {{"parameters", {path_parameter("nik", "The worker's NIK", false)}},
                 {"responses", json_responses("The worker's verification case", schema_ref("Case"), {401, 403, 404})}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const std::string nik = request.params.at("nik");
                    auto found = engine.find_case_by_key(user.regency, "verification", nik);
                    if (!found || !can_see(user, *found)) throw not_found("no worker with NIK " + nik);
                    privacy::record_case(service, request, *found, privacy::action::kWorkerRead);
                    const std::string etag = "\"" + std::to_string(found->version) + "\"";
                    Response response = Response::json(case_json(engine, std::move(*found), user));
                    response.headers.emplace_back("ETag", etag);
                    return response;
                }});

    router.add({"POST", "/api/v1/workers/import", kOfficers, false, "import a roster", "workers",
                {{"parameters", {query_parameter("name", "the file's name, used in FILE:ROW messages"),
                                 query_parameter("pratinjau", "true: check every row and report what an import would "
                                                              "do, writing nothing")}},
                 {"requestBody", roster_body()},
                 {"responses", json_responses("How many rows were created, updated, unchanged and rejected, with FILE:ROW problems",
                                              schema_ref("ImportReport"), {400, 401, 403, 413, 415})}},
                [&engine, &service](Request& request) {
                    const bool workbook = require_table_file(request);
                    ScratchFile file(upload_name(request, workbook ? "roster.xlsx" : "roster.csv"), request.body);
                    roster::ImportOptions options;
                    options.regency = request.caller().regency;
                    options.actor = request.caller().actor();
                    options.preview = flag_param(request, "pratinjau");
                    options.batches = &service.import_batches();
                    options.file_name = file.path().filename().string();
                    roster::ImportReport report;
                    try {
                        report = roster::import_workers(engine, file.path(), service.areas(), options);
                    } catch (const csv::Error& e) {
                        const std::string name = file.path().filename().string();
                        throw bad_request("body", e.row() ? name + ":" + std::to_string(e.row()) + ": " + e.message()
                                                          : name + ": " + e.message());
                    }
                    const std::string name = file.path().filename().string();
                    auto listed = import_problems({&report.problems, &report.warnings}, file.path(), name);
                    ImportProblems& problems = listed[0];
                    ImportProblems& warnings = listed[1];
                    return Response::json({{"pratinjau", options.preview},
                                           {"batch", report.batch ? nlohmann::json(report.batch) : nlohmann::json()},
                                           {"created", report.created},
                                           {"updated", report.updated},
                                           {"unchanged", report.unchanged},
                                           {"rejected", report.rejected},
                                           {"flagged", report.flagged},
                                           {"other_regency", report.other_regency},
                                           {"unknown_opd", report.unknown_opd},
                                           {"problems", std::move(problems.lines)},
                                           {"problem_rows", std::move(problems.rows)},
                                           {"warning_count", report.warning_count},
                                           {"warning_rows", std::move(warnings.rows)},
                                           {"file_warnings", report.file_warnings}});
                }});

    router.add({"GET", "/api/v1/ranking", kOfficers, false, "rank the verified workers", "ranking",
                {{"parameters", {query_parameter("usulan", "only this proposed outcome (cpns, pppk, pppk_paruh_waktu, alih_daya, dirumahkan)"),
                                 query_parameter("opd", "only this OPD"), query_parameter("q", "text in the name or NIK"),
                                 query_parameter("page", "from 1", "integer"), query_parameter("per_page", "1 to 200", "integer")}},
                 {"responses", json_responses("The ranking's number and counts (per_usulan over all, per_opd), and one "
                                              "page of the ranked workers that match",
                                              schema_ref("RankingPage"), {400, 401, 403})}},
                [&service](Request& request) {
                    const Page page = page_of(request);
                    const ranking::RankingFilter filter = ranking_filter(request);
                    const auto snapshot = ranking_of(service, request.caller().regency);
                    const ranking::Ranking& result = snapshot->ranking();
                    const auto selection = snapshot->select(filter, page.offset(), page.per_page);
                    nlohmann::json workers = nlohmann::json::array();
                    for (const std::size_t position : selection.positions)
                        workers.push_back(ranking::worker_json(result.workers[position]));
                    privacy::record_niks(service, request, listed_niks(workers), filter.any() ? privacy::action::kRankingSearch : privacy::action::kRankingList);
                    nlohmann::json per_opd = nlohmann::json::object();
                    for (const auto& [opd, outcomes] : snapshot->per_opd()) per_opd[opd] = outcomes;
                    nlohmann::json body = page_json(page, selection.total, std::move(workers));
                    body["per_opd"] = std::move(per_opd);
                    body["nomor_pemeringkatan"] = snapshot->number();
                    body["tanggal_acuan"] = result.reference_date;
                    body["per_usulan"] = result.by_outcome;
                    body["sisa_formasi"] = result.formasi_left;
                    // The adopted planning scenario it follows, and whom that left out.
                    body["skenario_ditetapkan"] =
                        result.adopted_scenario.empty()
                            ? nlohmann::json()
                            : nlohmann::json{{"nama", result.adopted_scenario}, {"pada", result.adopted_at}};
                    body["tidak_diperingkat_masa_kerja"] = result.left_out_for_service;
                    return Response::json(body);
                }});

    router.add({"GET", "/api/v1/ranking/{nik}", {"admin", "officer", "worker"}, false,
                "explain one worker's rank and proposed outcome", "ranking",
                {{"parameters", {path_parameter("nik", "The worker's NIK", false)}},
                 {"responses", json_responses("Which rules gave how many points, and why that outcome",
                                              schema_ref("RankedWorker"), {401, 403, 404})}},
                [&service](Request& request) {
                    const User& user = request.caller();
                    const std::string nik = request.params.at("nik");
                    if (user.role == "worker" && nik != user.nik) throw not_found("no ranked worker with NIK " + nik);
                    const auto worker = ranking_of(service, user.regency)->find(nik);
                    if (!worker) throw not_found("NIK " + nik + " is not among the ranked (verified) workers");
                    privacy::record_niks(service, request, {nik}, privacy::action::kRankingExplain);
                    return Response::json(ranking::worker_json(*worker));
                }});

    router.add({"POST", "/api/v1/ranking/propose", {"officer"}, false, "propose the ranking as the prioritization round",
                "ranking", {{"responses", proposal_responses()}},
                [&engine, &service](Request& request) {
                    const auto snapshot = ranking_of(service, request.caller().regency);
                    ranking::RoundProposal proposal;
                    try {
                        proposal = ranking::propose_round(engine, snapshot->ranking(), request.caller().actor(),
                                                          service.round_snapshots());
                    } catch (const ranking::RoundBusy& e) {
                        throw ApiError(409, "Putaran masih berjalan", e.what());
                    }
                    nlohmann::json body = case_json(engine, proposal.round, request.caller());
                    body["nomor_pemeringkatan"] = snapshot->number();
                    body["putaran_baru"] = proposal.created;
                    return Response::json(body, proposal.created ? 201 : 200);
                }});
}

}  // namespace tata::server
