// Grievances: filed by a worker (for themselves) or an officer (for a
// worker); the case number is the ticket. Following, responding, confirming
// and appealing are the case routes (GET /cases/{id}, POST .../outcomes/...).
#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "privacy/record_access.hpp"

namespace tata::server {
namespace {

// Longer than any contract number a regency writes ("027/PBJ-ALIHDAYA/BKPSDM/2025").
constexpr std::size_t kMaxContractNumberBytes = 100;

// Fills the links a grievance's filer gave by the numbers they know: the
// contract named by `nomor_kontrak` (in the filer's regency), and the
// worker's verification file by `nik` when no kasus_terkait is given and the
// filer may see it. A contract number that names none is refused at its field.
void link_by_numbers(Engine& engine, const User& user, nlohmann::json& data) {
    if (const auto number = data.find("nomor_kontrak"); number != data.end() && !number->is_null()) {
        const std::string text = number->get<std::string>();
        if (text.empty() || text.size() > kMaxContractNumberBytes)
            throw invalid_fields({{"nomor_kontrak", "isi nomor kontrak, paling banyak " +
                                                        std::to_string(kMaxContractNumberBytes) + " karakter"}});
        CaseFilter filter;
        filter.regency = user.regency;
        filter.workflow_id = "vendor_contract";
        filter.data_equals.emplace_back("nomor_kontrak", text);
        const auto found = engine.list_cases(filter);
        if (found.empty())
            throw invalid_fields({{"nomor_kontrak", "tidak ada kontrak dengan nomor «" + text + "» di kabupaten/kota ini"}});
        data["kontrak_terkait"] = found.front().id;
    }
    const auto nik = data.find("nik");
    if (nik == data.end() || !nik->is_string() || (data.contains("kasus_terkait") && !data["kasus_terkait"].is_null())) return;
    if (const auto file = engine.find_case_by_key(user.regency, "verification", nik->get<std::string>()); file && can_see(user, *file))
        data["kasus_terkait"] = file->id;
}

}  // namespace

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
                               {"kasus_terkait", {{"type", "integer"}, {"description", "the worker's verification case; found by nik when not given"}}},
                               {"kontrak_terkait", {{"type", "integer"}}},
                               {"nomor_kontrak",
                                {{"type", "string"}, {"maxLength", kMaxContractNumberBytes},
                                 {"description", "the contract's number, instead of kontrak_terkait"}}},
                               {"putaran",
                                {{"type", "integer"},
                                 {"description", "an objection (sanggah) to this announced prioritization round, "
                                                 "inside its objection window; kategori keberatan_peringkat"}}}}}})},
                 {"responses", json_responses("The grievance; its id is the ticket number",
                                              schema_ref("FiledGrievance"), {400, 401, 403, 404, 415, 422}, 201)}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    auto data = read_json_object(request, {{"nama_pelapor", JsonKind::string, true},
                                                           {"nik", JsonKind::string, false},
                                                           {"kategori", JsonKind::string, true},
                                                           {"uraian", JsonKind::string, true},
                                                           {"kontak", JsonKind::string, false},
                                                           {"kasus_terkait", JsonKind::integer, false},
                                                           {"kontrak_terkait", JsonKind::integer, false},
                                                           {"nomor_kontrak", JsonKind::string, false},
                                                           {"putaran", JsonKind::integer, false}});
                    if (user.role == "worker") {
                        if (data.contains("nik") && data["nik"] != user.nik)
                            throw invalid_fields({{"nik", "pekerja hanya dapat mengadu untuk dirinya sendiri"}});
                        data["nik"] = user.nik;
                    }
                    // Officers name a worker by NIK and a contract by its
                    // number, as they know them, not by case numbers.
                    link_by_numbers(engine, user, data);
                    link_objection_round(service, user, data);
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
                            throw invalid_fields({{link, "tidak ada berkas dengan nomor ini yang dapat Anda lihat"}});
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
                 {"responses", json_responses("One page of grievances; a worker sees their own",
                                              schema::page_of(schema_ref("CaseSummary")), {400, 401, 403})}},
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
