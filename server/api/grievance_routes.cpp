// Grievances: filed by a worker (for themselves) or an officer (for a
// worker); the case number is the ticket. Following, responding, confirming
// and appealing are the case routes (GET /cases/{id}, POST .../outcomes/...).
#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/routes.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "privacy/record_access.hpp"

namespace tata::server {

void add_grievance_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const std::set<std::string> filers = {"admin", "officer", "worker"};

    router.add({"POST", "/api/v1/grievances", filers, false, "file a grievance", "grievances",
                {{"requestBody",
                  json_body({{"type", "object"},
                             {"required", {"nama_pelapor", "kategori", "uraian"}},
                             {"additionalProperties", false},
                             {"properties",
                              {{"nama_pelapor", {{"type", "string"}}},
                               {"nik", {{"type", "string"}, {"description", "the worker's NIK; a worker's own, always"}}},
                               {"kategori",
                                {{"type", "string"},
                                 {"enum", {"data_salah", "keberatan_peringkat", "upah_tidak_dibayar",
                                           "bpjs_tidak_terdaftar", "lainnya"}}}},
                               {"uraian", {{"type", "string"}}},
                               {"kontak", {{"type", "string"}}},
                               {"kasus_terkait", {{"type", "integer"}}},
                               {"kontrak_terkait", {{"type", "integer"}}}}}})},
                 {"responses", responses("The grievance; its id is the ticket number", {400, 401, 403, 404, 415, 422}, 201)}},
                [&engine](Request& request) {
                    const User& user = request.caller();
                    auto data = read_json_object(request, {{"nama_pelapor", JsonKind::string, true},
                                                           {"nik", JsonKind::string, false},
                                                           {"kategori", JsonKind::string, true},
                                                           {"uraian", JsonKind::string, true},
                                                           {"kontak", JsonKind::string, false},
                                                           {"kasus_terkait", JsonKind::integer, false},
                                                           {"kontrak_terkait", JsonKind::integer, false}});
                    if (user.role == "worker") {
                        if (data.contains("nik") && data["nik"] != user.nik)
                            throw invalid_fields({{"nik", "a worker files grievances for themselves only"}});
                        data["nik"] = user.nik;
                    }
                    // Links must point at cases the filer may see.
                    for (const char* link : {"kasus_terkait", "kontrak_terkait"}) {
                        if (!data.contains(link) || data[link].is_null()) continue;
                        try {
                            const CaseRecord linked = engine.get_case(data[link].get<CaseId>());
                            const bool visible = can_see(user, linked) ||
                                                 (user.role == "worker" && linked.regency == user.regency &&
                                                  linked.workflow_id == "vendor_contract");
                            if (!visible) throw NotFound("");
                        } catch (const NotFound&) {
                            throw invalid_fields({{link, "no such case"}});
                        }
                    }
                    data["diajukan_oleh"] = user.role == "worker" ? "pekerja" : "petugas";
                    const auto created = engine.create_case("grievance", user.regency, data, user.actor());
                    nlohmann::json body = case_json(engine, created.record, user);
                    body["nomor_tiket"] = created.record.id;
                    return Response::json(body, 201);
                }});

    router.add({"GET", "/api/v1/grievances", filers, false, "list grievances", "grievances",
                {{"parameters", {query_parameter("state", "the state the grievance is in"),
                                 query_parameter("page", "from 1", "integer"),
                                 query_parameter("per_page", "1 to 200", "integer")}},
                 {"responses", responses("One page of grievances; a worker sees their own", {400, 401, 403})}},
                [&engine, &service](Request& request) {
                    CaseFilter filter;
                    filter.workflow_id = "grievance";
                    if (auto v = request.query_value("state")) filter.state = *v;
                    const Page page = page_of(request);
                    const auto found = list_visible(engine, request.caller(), filter, page.offset(), page.per_page);
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& record : found.items) items.push_back(case_summary_json(engine, record, request.caller()));
                    privacy::record_cases(service, request, found.items, privacy::action::kGrievanceList);
                    return Response::json(page_json(page, found.total, std::move(items)));
                }});
}

}  // namespace tata::server
