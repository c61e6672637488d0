// One decision on many tasks at once (300 SPTJM reminders, a day's BKAD
// validations): each case is decided on its own, as if fired one by one
// with its If-Match version, and the answer says for each what happened.
// One case refused (changed meanwhile, out of the caller's sight, a field
// its form refuses) never undoes or blocks the others.
#include "api/access.hpp"
#include "api/bulk_decision_request.hpp"
#include "api/case_json.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"

#include "http/api_error.hpp"

namespace tata::server {
namespace {

// Cases decided per transaction: one commit for many advances, short enough
// that other requests wait little between chunks.
constexpr std::size_t kCasesPerTransaction = 50;

nlohmann::json refusal(CaseId id, int status, const std::string& title, const std::string& detail,
                       const std::vector<FieldError>& errors = {}) {
    nlohmann::json out = {{"id", id}, {"status", status}, {"title", title}, {"detail", detail}};
    if (!errors.empty()) {
        out["errors"] = nlohmann::json::array();
        for (const auto& e : errors) out["errors"].push_back({{"field", e.field}, {"message", e.message}});
    }
    return out;
}

// One case: decided, or why not (the statuses the single-case route answers).
nlohmann::json decide_one(Engine& engine, const User& user, const DecisionTarget& target, const std::string& outcome,
                          const nlohmann::json& input) {
    try {
        const CaseRecord record = visible_case(engine, user, target.id);
        if (auto route = dedicated_route(user, record, outcome))
            return refusal(target.id, 403, "Tidak diizinkan", "'" + outcome + "' is sent through " + *route);
        const AdvanceResult result = engine.fire(record.id, outcome, input, user.actor(), target.version);
        const auto workflow = engine.workflow_of(result.record);
        const State* state = workflow ? workflow->find_state(result.record.state) : nullptr;
        nlohmann::json done = {{"id", target.id},
                               {"status", 200},
                               {"state", result.record.state},
                               {"state_title", state ? state->title : result.record.state},
                               {"version", result.record.version}};
        if (result.incident) done["incident"] = result.incident->message;
        return done;
    } catch (const ApiError& e) {
        return refusal(target.id, e.status(), e.title(), e.what(), e.errors());
    } catch (const InvalidInput& e) {
        return refusal(target.id, 422, "Isian tidak valid", e.what(), e.errors());
    } catch (const NotFound&) {
        return refusal(target.id, 404, "Tidak ditemukan", "no case " + std::to_string(target.id) + " you may see");
    } catch (const Forbidden& e) {
        return refusal(target.id, 403, "Tidak diizinkan", e.what());
    } catch (const Conflict& e) {
        return refusal(target.id, 412, "Versi kasus sudah berubah", e.what());
    } catch (const InvalidTransition& e) {
        return refusal(target.id, 409, "Tidak dapat dilakukan pada tahap ini", e.what());
    }
}

}  // namespace

void add_bulk_decision_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const nlohmann::json request_schema = {
        {"type", "object"},
        {"additionalProperties", false},
        {"required", {"outcome", "cases"}},
        {"properties",
         {{"outcome",
           {{"type", "string"},
            {"minLength", 1},
            {"maxLength", 64},
            {"description", "the decision, as a case's allowed_outcomes names it"}}},
          {"input", {{"type", "object"}, {"description", "the decision's fields, the same for every case"}}},
          {"cases",
           {{"type", "array"},
            {"minItems", 1},
            {"maxItems", kMaxCasesPerDecision},
            {"description", "each case once"},
            {"items",
             {{"type", "object"},
              {"additionalProperties", false},
              {"required", {"id", "version"}},
              {"properties", {{"id", {{"type", "integer"}, {"minimum", 1}}}, {"version", {{"type", "integer"}, {"minimum", 1}}}}}}}}}}}};
    router.add(
        {"POST", "/api/v1/tasks/decisions", kStaff, false, "take one decision on many cases, each with its version",
         "tasks",
         {{"parameters",
           {{{"name", "Idempotency-Key"}, {"in", "header"}, {"required", false},
             {"description", "a retry with the same key answers as the first time"}, {"schema", {{"type", "string"}}}}}},
          {"requestBody", json_body(request_schema)},
          // 422: an Idempotency-Key used before with another body.
          {"responses",
           json_responses("For each case, in order: decided (status 200, its new state and version) or refused (the "
                          "status, title and field errors the single-case route would answer)",
                          schema_ref("BulkDecision"), {400, 401, 403, 415, 422})}},
         [&engine](Request& request) {
             const User& user = request.caller();
             const DecisionRequest asked = read_decision_request(request);
             const std::string& outcome = asked.outcome;
             const nlohmann::json& input = asked.input;
             const std::vector<DecisionTarget>& targets = asked.cases;
             nlohmann::json results = nlohmann::json::array();
             std::size_t decided = 0;
             for (std::size_t from = 0; from < targets.size(); from += kCasesPerTransaction) {
                 const std::size_t to = std::min(targets.size(), from + kCasesPerTransaction);
                 // A refused advance rolls back alone; the chunk commits once.
                 engine.batch([&] {
                     for (std::size_t i = from; i < to; ++i) results.push_back(decide_one(engine, user, targets[i], outcome, input));
                 });
             }
             for (const auto& result : results) decided += result["status"] == 200 ? 1 : 0;
             return Response::json({{"outcome", outcome},
                                    {"decided", decided},
                                    {"refused", results.size() - decided},
                                    {"results", std::move(results)}});
         }});
}

}  // namespace tata::server
