// Outsourcing: procurement packages, contracts, monthly compliance reports
// (the packages' sealed bids: api/bid_routes.cpp). A vendor sees the packages
// (their definition, not other bids) and only its own contracts, bids and
// reports.
#include "api/access.hpp"
#include "api/bid_routes.hpp"
#include "api/case_json.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"
#include "api/upload.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"

#include "compliance/compliance.hpp"
#include "compliance/rates.hpp"
#include "compliance/report_json.hpp"
#include "compliance/settings.hpp"
#include "compliance/submission.hpp"
#include "csv/csv_reader.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>

#include <sstream>

namespace tata::server {
namespace {

Response list_of(Engine& engine, Request& request, const char* workflow) {
    CaseFilter filter;
    filter.workflow_id = workflow;
    if (auto v = request.query_value("state")) filter.state = *v;
    const Page page = page_of(request);
    const auto found = list_visible(engine, request.caller(), filter, page.offset(), page.per_page);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& record : found.items) items.push_back(case_summary_json(engine, record, request.caller()));
    return Response::json(page_json(page, found.total, std::move(items)));
}

CaseRecord visible_of(Engine& engine, const Request& request, const char* workflow) {
    auto record = visible_case(engine, request.caller(), id_param(request, "id"));
    if (record.workflow_id != workflow) throw not_found("no such " + std::string(workflow) + " case");
    return record;
}

std::optional<int> jkk_class(const Request& request) {
    const auto text = request.query_value("jkk_class");
    if (!text) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < compliance::min_jkk_class ||
        value > compliance::max_jkk_class)
        throw bad_request("jkk_class", "must be 1 to 5 (kelompok risiko JKK I-V)");
    return value;
}

// A report's findings, checked again from the kept file with the contract's
// settings; null when the file was not kept (sent before files were kept, or
// through the CLI) or the settings no longer allow a check.
nlohmann::json recheck(Engine& engine, Service& service, const CaseRecord& contract, const std::string& reference) {
    const std::string prefix = "sha256:";
    if (reference.rfind(prefix, 0) != 0) return nullptr;
    const std::string sha = reference.substr(prefix.size());
    std::string name;
    for (const auto& d : service.identity().documents_of(contract.id))
        if (d.sha256 == sha) name = d.name;
    const auto bytes = name.empty() ? std::nullopt : service.document_blobs().read(sha);
    if (!bytes) return nullptr;
    std::istringstream in(*bytes);
    const auto definitions = engine.definitions();
    const Regency* regency = definitions->find_regency(contract.regency);
    if (!regency) return nullptr;
    try {
        return compliance::to_json(
            compliance::check_report(in, name, compliance::settings_for_contract(*regency, contract.data)));
    } catch (const std::exception&) {
        return nullptr;
    }
}

// The monthly reports from the contract's history: each kirim_laporan with
// the hasil_pemeriksaan that followed it (a check opened by a grievance,
// pengaduan_upah, is no report and is left out).
nlohmann::json reports_of(Engine& engine, Service& service, const CaseRecord& contract) {
    const int offset = regency_offset_minutes(*engine.definitions(), contract.regency);
    nlohmann::json reports = nlohmann::json::array();
    bool awaiting_result = false;
    for (const auto& event : engine.history(contract.id)) {
        if (event.type != "fired") continue;
        const std::string outcome = event.payload.value("outcome", "");
        const nlohmann::json input = event.payload.value("input", nlohmann::json::object());
        if (outcome == "kirim_laporan") {
            const std::string document = input.value("berkas_laporan", "");
            reports.push_back({{"periode", input.value("periode", "")},
                               {"workers", input.value("jumlah_pekerja", nlohmann::json())},
                               {"document", document.empty() ? nlohmann::json() : nlohmann::json(document)},
                               {"note", input.value("catatan_penyedia", nlohmann::json())},
                               {"submitted_at", format_iso8601(event.at, offset)},
                               {"submitted_by", event.actor},
                               {"result", nullptr},
                               {"check", recheck(engine, service, contract, document)}});
            awaiting_result = true;
        } else if (outcome == "pengaduan_upah") {
            awaiting_result = false;
        } else if (outcome == "hasil_pemeriksaan" && awaiting_result) {
            reports.back()["result"] = {{"findings", input.value("temuan", nlohmann::json())},
                                        {"serious", input.value("pelanggaran_berat", nlohmann::json())},
                                        {"shortfall", input.value("kekurangan_upah", nlohmann::json())},
                                        {"details", input.value("rincian_temuan", nlohmann::json())},
                                        {"checked_at", format_iso8601(event.at, offset)},
                                        {"checked_by", event.actor}};
            awaiting_result = false;
        }
    }
    std::reverse(reports.begin(), reports.end());
    return reports;
}

}  // namespace

void add_vendor_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const std::set<std::string> officers_and_vendors = {"admin", "officer", "vendor"};
    const nlohmann::json case_id = path_parameter("id", "The case number");
    const nlohmann::json paging = {query_parameter("state", "the state the case is in"),
                                   query_parameter("page", "from 1", "integer"),
                                   query_parameter("per_page", "1 to 200", "integer")};

    router.add({"GET", "/api/v1/packages", officers_and_vendors, false, "list procurement packages", "vendors",
                {{"parameters", paging},
                 {"responses",
                  json_responses("One page of packages", schema::page_of(schema_ref("CaseSummary")), {400, 401, 403})}},
                [&engine](Request& request) { return list_of(engine, request, "vendor_selection"); }});

    // Bids are sealed records of their own (api/bid_routes.cpp).
    add_bid_routes(router, service);

    router.add({"GET", "/api/v1/contracts", officers_and_vendors, false, "list outsourcing contracts", "vendors",
                {{"parameters", paging},
                 {"responses", json_responses("One page of contracts; a vendor sees its own",
                                              schema::page_of(schema_ref("CaseSummary")), {400, 401, 403})}},
                [&engine](Request& request) { return list_of(engine, request, "vendor_contract"); }});

    router.add({"POST", "/api/v1/contracts/{id}/reports", {"vendor"}, false, "submit a monthly compliance report", "vendors",
                {{"parameters", {case_id, query_parameter("name", "the file's name, used in FILE:ROW findings")}},
                 {"requestBody", raw_body("text/csv", "the monthly compliance report CSV (periode,nik,nama,...)")},
                 {"responses", json_responses("The report's findings and the contract afterwards",
                                              schema_ref("ComplianceSubmission"),
                                              {400, 401, 403, 404, 409, 413, 415})}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const auto record = visible_of(engine, request, "vendor_contract");
                    require_csv(request);
                    const std::string name = upload_name(request, "laporan.csv");
                    compliance::Submission submission;
                    try {
                        submission = compliance::submit_report(engine, record.id, request.body, name, user.actor());
                    } catch (const compliance::SubmissionRefused& e) {
                        throw ApiError(409, "Laporan ditolak", e.what());
                    } catch (const compliance::SettingsError& e) {
                        throw ApiError(409, "Pengaturan kabupaten/kota tidak lengkap", e.what());
                    } catch (const csv::Error& e) {
                        throw bad_request("body", e.what());
                    }
                    // The report is kept as the contract's document: its
                    // reference (berkas_laporan) then opens, and the report's
                    // findings can be shown again (GET .../reports).
                    const std::string sha = submission.document.substr(std::string("sha256:").size());
                    service.document_blobs().store(sha, request.body);
                    service.identity().add_document({sha, record.id, name, "text/csv",
                                                     static_cast<std::int64_t>(request.body.size()), user.username,
                                                     service.now()});
                    nlohmann::json body = compliance::to_json(submission.report);
                    body["document"] = submission.document;
                    body["case"] = case_json(engine, submission.contract, user);
                    return Response::json(body);
                }});

    router.add({"GET", "/api/v1/contracts/{id}/reports", officers_and_vendors, false,
                "list a contract's monthly compliance reports", "vendors",
                {{"parameters", {case_id}},
                 {"responses", json_responses("The reports, newest first: what was sent, the recorded result and, "
                                              "when the file is kept, its findings checked again with the "
                                              "contract's settings",
                                              schema::closed({{"contract", schema::integer()},
                                                              {"reports",
                                                               schema::array_of(schema_ref("ContractReport"))}}),
                                              {401, 403, 404})}},
                [&engine, &service](Request& request) {
                    const auto record = visible_of(engine, request, "vendor_contract");
                    return Response::json({{"contract", record.id}, {"reports", reports_of(engine, service, record)}});
                }});

    router.add({"POST", "/api/v1/compliance/check", officers_and_vendors, false,
                "check a monthly compliance report without submitting it", "vendors",
                {{"parameters", {query_parameter("contract", "check as this contract will on submission (its JKK class, pay day, headcount)", "integer"),
                                 query_parameter("jkk_class", "the JKK risk class 1-5 (default the contract's or the regency's)", "integer"),
                                 query_parameter("name", "the file's name, used in FILE:ROW findings")}},
                 {"requestBody", raw_body("text/csv", "the monthly compliance report CSV")},
                 {"responses", json_responses("The findings, each with row, NIK, rule and shortfall in rupiah",
                                              schema_ref("ComplianceReport"), {400, 401, 403, 404, 409, 415})}},
                [&engine](Request& request) {
                    require_csv(request);
                    const auto definitions = engine.definitions();  // outlives `regency`, whatever a reload does
                    const Regency* regency = definitions->find_regency(request.caller().regency);
                    if (!regency) throw not_found("unknown regency " + request.caller().regency);
                    compliance::Settings settings;
                    try {
                        if (const auto contract = id_query(request, "contract")) {
                            // The settings a submission to that contract will use.
                            const auto record = visible_case(engine, request.caller(), *contract);
                            if (record.workflow_id != "vendor_contract") throw not_found("no such vendor_contract case");
                            settings = compliance::settings_for_contract(*regency, record.data);
                        } else {
                            settings = compliance::settings_for(*regency);
                        }
                    } catch (const compliance::SettingsError& e) {
                        throw ApiError(409, "Pengaturan kabupaten/kota tidak lengkap", e.what());
                    }
                    if (const auto jkk = jkk_class(request)) settings.jkk_class = *jkk;
                    std::istringstream report(request.body);
                    try {
                        return Response::json(compliance::to_json(
                            compliance::check_report(report, upload_name(request, "laporan.csv"), settings)));
                    } catch (const csv::Error& e) {
                        throw bad_request("body", e.what());
                    }
                }});
}

}  // namespace tata::server
