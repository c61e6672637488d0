// Workforce planning for the regency's leadership (docs/planning.md): needs
// by workload (ABK) and the formasi they propose, the regency's scenarios,
// and scenarios simulated side by side. Simulation runs the real ranking on
// the current data and writes nothing.
#include "api/routes.hpp"

#include "api/case_json.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "privacy/record_access.hpp"

#include "planning/adoption.hpp"
#include "planning/planning_json.hpp"

#include <algorithm>
#include <filesystem>


namespace tata::server {
namespace {

// At most this many scenarios side by side, each at most this long.
constexpr std::size_t kMostScenarios = 5;
constexpr std::size_t kMostScenarioBytes = 64 * 1024;
constexpr std::size_t kMostDifferences = 500;
constexpr std::size_t kMostNoteBytes = 2000;

std::filesystem::path scenario_dir(Engine& engine, const std::string& regency) {
    const auto definitions = engine.definitions();  // outlives `known`, whatever a reload does
    const Regency* known = definitions->find_regency(regency);
    if (!known) throw not_found("unknown regency " + regency);
    return std::filesystem::path(known->where.file).parent_path() / "skenario";
}

planning::PlanningContext context_of(Engine& engine, const std::string& regency) {
    try {
        return planning::planning_context(engine, regency);
    } catch (const planning::PlanningFileError& e) {
        // The regency's own files are broken: the admin fixes them.
        throw ApiError(409, "Berkas perencanaan daerah bermasalah", e.what());
    }
}

// The scenario files shipped for the regency, by file name.
std::vector<std::pair<std::string, planning::Scenario>> regency_scenarios(Engine& engine, const std::string& regency) {
    std::vector<std::pair<std::string, planning::Scenario>> out;
    const auto dir = scenario_dir(engine, regency);
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return out;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        try {
            out.emplace_back(file.filename().string(), planning::load_scenario(file));
        } catch (const planning::PlanningFileError& e) {
            throw ApiError(409, "Berkas perencanaan daerah bermasalah", e.what());
        }
    }
    return out;
}

// The scenarios a request names: the regency's files by name (field
// `skenario`), then those given as YAML text (field `yaml`).
std::vector<planning::Scenario> scenarios_of(Engine& engine, const std::string& regency, const nlohmann::json& names,
                                             const nlohmann::json& texts) {
    std::vector<planning::Scenario> scenarios;
    const auto shipped = regency_scenarios(engine, regency);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string field = "skenario/" + std::to_string(i);
        if (!names[i].is_string()) throw bad_request(field, "a scenario file name");
        const auto it = std::find_if(shipped.begin(), shipped.end(),
                                     [&](const auto& s) { return s.first == names[i].get<std::string>(); });
        if (it == shipped.end()) throw bad_request(field, "no scenario file " + names[i].get<std::string>());
        scenarios.push_back(it->second);
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string field = "yaml/" + std::to_string(i);
        if (!texts[i].is_string()) throw bad_request(field, "a scenario as YAML text");
        const std::string& text = texts[i].get_ref<const std::string&>();
        if (text.size() > kMostScenarioBytes)
            throw bad_request(field, "at most " + std::to_string(kMostScenarioBytes) + " bytes");
        try {
            // Given here, a scenario names no formasi file: only the
            // regency's files are read from disk.
            scenarios.push_back(planning::parse_scenario(text, "skenario " + std::to_string(i + 1), {}));
        } catch (const planning::PlanningFileError& e) {
            throw invalid_fields({{field, e.what()}});
        }
    }
    return scenarios;
}

// The note of an adoption or revocation: who decided it and why.
std::string adoption_note(const nlohmann::json& body) {
    const std::string note = body.value("catatan", std::string());
    if (note.size() > kMostNoteBytes) throw bad_request("catatan", "at most " + std::to_string(kMostNoteBytes) + " bytes");
    return note;
}

planning::Reload reload_of(Service& service) {
    return [&service] {
        const ReloadResult result = service.reload();
        std::vector<std::string> errors = result.policy_errors;
        for (const auto& d : result.errors) errors.push_back(d.to_string());
        return errors;
    };
}

Response adoption_response(const planning::AdoptionResult& result) {
    if (!result.ok) {
        // As the reload route answers: every problem, and nothing changed.
        Response response = problem_response(422, "Penetapan ditolak",
                                             "the reload refused the adopted scenario; the previous rules keep applying");
        auto body = nlohmann::json::parse(response.body);
        for (const auto& e : result.errors) body["errors"].push_back({{"text", e}});
        response.body = body.dump();
        return response;
    }
    Response response = Response::json({{"ditetapkan", true},
                                        {"kasus", result.record},
                                        {"nomor_pemeringkatan", result.ranking_number}},
                                       201);
    response.headers.emplace_back("Location", "/api/v1/cases/" + std::to_string(result.record));
    return response;
}

nlohmann::json adopted_json(const ranking::AdoptedPolicy& adopted) {
    nlohmann::json out = {{"nama", adopted.nama}, {"keterangan", adopted.keterangan}, {"oleh", adopted.oleh},
                          {"pada", adopted.pada}, {"catatan", adopted.catatan}};
    const auto& c = adopted.changes;
    out["jumlah_formasi"] = c.formasi ? nlohmann::json(c.formasi->size()) : nlohmann::json();
    out["bobot"] = c.points;
    out["min_masa_kerja"] = c.min_service_years ? nlohmann::json(*c.min_service_years) : nlohmann::json();
    return out;
}

constexpr const char* kNoteDescription = "the decision's number or reason (at most 2,000 bytes)";

// The request bodies, as read_json_object checks them: the fields named,
// nothing else.
nlohmann::json simulate_body() {
    nlohmann::json body = json_body(
        {{"type", "object"},
         {"additionalProperties", false},
         {"properties",
          {{"skenario",
            {{"type", "array"}, {"items", schema::string()}, {"description", "the regency's scenario files by name"}}},
           {"yaml",
            {{"type", "array"},
             {"items", {{"type", "string"}, {"description", "at most 64 KiB"}}},
             {"description", "scenarios as YAML text"}}},
           {"beda_batas",
            {{"type", "integer"},
             {"minimum", 0},
             {"maximum", kMostDifferences},
             {"description", "how many differing workers to list; 50 when not given"}}}}}});
    body["description"] = "at least one and at most 5 scenarios in all, from skenario and yaml";
    return body;
}

nlohmann::json adopt_body() {
    nlohmann::json body = json_body(
        {{"type", "object"},
         {"additionalProperties", false},
         {"properties",
          {{"skenario", {{"type", "string"}, {"description", "one of the regency's scenario files"}}},
           {"yaml", {{"type", "string"}, {"description", "one scenario as YAML text (at most 64 KiB)"}}},
           {"catatan", {{"type", "string"}, {"description", kNoteDescription}}}}}});
    body["description"] = "exactly one of skenario and yaml";
    return body;
}

// Optional: an empty body revokes without a note.
nlohmann::json revoke_body() {
    nlohmann::json body = json_body(
        {{"type", "object"},
         {"additionalProperties", false},
         {"properties",
          {{"catatan", {{"type", "string"}, {"description", kNoteDescription}}}}}});
    body["required"] = false;
    return body;
}

}  // namespace

void add_planning_routes(Router& router, Service& service) {
    Engine& engine = service.engine();

    router.add({"GET", "/api/v1/planning/needs", kOfficers, false, "read the workload analysis (ABK) and the formasi it proposes",
                "planning",
                {{"responses", json_responses("Needs per jabatan and OPD against the staff, the proposed formasi (list "
                                              "and YAML text)",
                                              schema_ref("PlanningNeeds"), {401, 403, 404, 409})}},
                [&engine](Request& request) {
                    const auto context = context_of(engine, request.caller().regency);
                    if (!context.needs) throw not_found("this regency has no ABK table (settings.planning.abk)");
                    nlohmann::json body = planning::needs_json(*context.needs);
                    nlohmann::json proposed = nlohmann::json::array();
                    for (const auto& f : context.abk_formasi)
                        proposed.push_back({{"id", f.id}, {"jenis", f.jenis}, {"jabatan", f.jabatan.value_or("")},
                                            {"sektor", f.sektor.value_or("")}, {"opd", f.opd.value_or("")}, {"jumlah", f.jumlah}});
                    body["usulan_formasi"] = proposed;
                    body["usulan_formasi_yaml"] = planning::formasi_yaml(
                        context.abk_formasi, "Usulan formasi dari analisis beban kerja (ABK) " + context.regency_name + ".");
                    return Response::json(body);
                }});

    router.add({"GET", "/api/v1/planning/scenarios", kOfficers, false, "list the regency's planning scenarios", "planning",
                {{"responses", json_responses("The scenario files under rules/<code>/skenario (file, name, "
                                              "description) and the adopted one (berlaku), if any",
                                              schema_ref("PlanningScenarios"), {401, 403, 409})}},
                [&engine](Request& request) {
                    nlohmann::json items = nlohmann::json::array();
                    const std::string& regency = request.caller().regency;
                    for (const auto& [file, scenario] : regency_scenarios(engine, regency))
                        items.push_back({{"berkas", file}, {"nama", scenario.nama}, {"keterangan", scenario.keterangan}});
                    const auto context = context_of(engine, regency);
                    return Response::json(
                        {{"items", items}, {"berlaku", context.adopted ? adopted_json(*context.adopted) : nlohmann::json()}});
                }});

    router.add({"POST", "/api/v1/planning/simulate", kOfficers, false, "simulate scenarios side by side (writes nothing)",
                "planning",
                {{"requestBody", simulate_body()},
                 {"responses", json_responses("Each scenario's outcomes, costs and needs left open; the workers whose "
                                              "outcome differs between the first two, with why",
                                              schema_ref("PlanningSimulation"), {400, 401, 403, 409, 415, 422})}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const auto body = read_json_object(request, {{"skenario", JsonKind::array, false},
                                                                 {"yaml", JsonKind::array, false},
                                                                 {"beda_batas", JsonKind::integer, false}});
                    const nlohmann::json names = body.value("skenario", nlohmann::json::array());
                    const nlohmann::json texts = body.value("yaml", nlohmann::json::array());
                    if (names.size() + texts.size() == 0) throw bad_request("skenario", "name at least one scenario");
                    if (names.size() + texts.size() > kMostScenarios)
                        throw bad_request("skenario", "at most " + std::to_string(kMostScenarios) + " scenarios side by side");
                    const long long limit = body.value("beda_batas", 50LL);
                    if (limit < 0 || limit > static_cast<long long>(kMostDifferences))
                        throw bad_request("beda_batas", "from 0 to " + std::to_string(kMostDifferences));

                    const std::vector<planning::Scenario> scenarios = scenarios_of(engine, user.regency, names, texts);
                    const auto context = context_of(engine, user.regency);
                    std::vector<planning::ScenarioResult> results;
                    try {
                        for (const auto& scenario : scenarios) results.push_back(planning::simulate(engine, context, scenario));
                    } catch (const planning::PlanningFileError& e) {
                        throw invalid_fields({{"skenario", e.what()}});
                    }
                    nlohmann::json out_scenarios = nlohmann::json::array();
                    for (const auto& r : results) out_scenarios.push_back(planning::scenario_json(r));
                    nlohmann::json out = {{"skenario", out_scenarios}};
                    if (results.size() >= 2) {
                        std::size_t total = 0;
                        const auto differences =
                            planning::differences(results[0], results[1], static_cast<std::size_t>(limit), total);
                        std::vector<std::string> niks;
                        for (const auto& d : differences) niks.push_back(d.nik);
                        privacy::record_niks(service, request, niks, privacy::action::kPlanningDifferences);
                        out["beda"] = planning::differences_json(differences, total);
                    }
                    return Response::json(out);
                }});
    const std::set<std::string> admins = {"admin"};
    router.add({"POST", "/api/v1/planning/adopt", admins, false,
                "adopt a scenario: its formasi and rules become the regency's (reloaded, audited)", "planning",
                {{"requestBody", adopt_body()},
                 {"responses", json_responses("The planning_adoption case that records it and the ranking number the "
                                              "regency ranks by now",
                                              schema_ref("PlanningAdoption"), {400, 401, 403, 409, 415, 422}, 201)}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const auto body = read_json_object(request, {{"skenario", JsonKind::string, false},
                                                                 {"yaml", JsonKind::string, false},
                                                                 {"catatan", JsonKind::string, false}});
                    const nlohmann::json names = body.contains("skenario") ? nlohmann::json::array({body["skenario"]})
                                                                           : nlohmann::json::array();
                    const nlohmann::json texts =
                        body.contains("yaml") ? nlohmann::json::array({body["yaml"]}) : nlohmann::json::array();
                    if (names.size() + texts.size() != 1) throw bad_request("skenario", "name one scenario, or give one as yaml");
                    const std::string note = adoption_note(body);
                    const auto scenarios = scenarios_of(engine, user.regency, names, texts);
                    try {
                        return adoption_response(planning::adopt_scenario(engine, user.regency, scenarios.front(),
                                                                          {user.username, user.role}, note, reload_of(service)));
                    } catch (const planning::PlanningFileError& e) {
                        throw ApiError(409, "Skenario tidak dapat ditetapkan", e.what());
                    } catch (const ranking::RulesFileError& e) {
                        throw ApiError(409, "Skenario tidak dapat ditetapkan", e.what());
                    }
                }});

    router.add({"DELETE", "/api/v1/planning/adopted", admins, false,
                "revoke the adopted scenario: the regency's own files apply again (reloaded, audited)", "planning",
                {{"requestBody", revoke_body()},
                 {"responses", json_responses("The planning_adoption case that records it",
                                              schema_ref("PlanningAdoption"), {400, 401, 403, 409, 415, 422}, 201)}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const auto body = request.body.empty() ? nlohmann::json::object()
                                                           : read_json_object(request, {{"catatan", JsonKind::string, false}});
                    try {
                        return adoption_response(planning::revoke_adoption(engine, user.regency, {user.username, user.role},
                                                                           adoption_note(body), reload_of(service)));
                    } catch (const planning::PlanningFileError& e) {
                        throw ApiError(409, "Penetapan tidak dapat dicabut", e.what());
                    }
                }});
}

}  // namespace tata::server
