#include "api/bulk_decision_request.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"

#include <set>

namespace tata::server {
namespace {

// An outcome is a workflow name ([a-z][a-z0-9_]*); longer than any.
constexpr std::size_t kLongestOutcomeName = 64;

DecisionTarget target_of(const nlohmann::json& item, const std::string& at) {
    const auto id = item.is_object() ? item.find("id") : item.end();
    const auto version = item.is_object() ? item.find("version") : item.end();
    if (!item.is_object() || item.size() != 2 || id == item.end() || version == item.end() ||
        !id->is_number_integer() || !version->is_number_integer() || id->get<std::int64_t>() <= 0 ||
        version->get<std::int64_t>() <= 0)
        throw bad_request(at, "must be {\"id\": <case number>, \"version\": <the version seen>}");
    return {id->get<CaseId>(), version->get<std::int64_t>()};
}

}  // namespace

DecisionRequest read_decision_request(const Request& request) {
    const auto body = read_json_object(
        request, {{"outcome", JsonKind::string, true}, {"input", JsonKind::object, false}, {"cases", JsonKind::array, true}});
    DecisionRequest asked;
    asked.outcome = body["outcome"].get<std::string>();
    if (asked.outcome.empty() || asked.outcome.size() > kLongestOutcomeName)
        throw bad_request("outcome", "must name a decision");
    if (const auto input = body.find("input"); input != body.end()) asked.input = *input;
    const nlohmann::json& cases = body["cases"];
    if (cases.empty()) throw bad_request("cases", "must name at least one case");
    if (cases.size() > kMaxCasesPerDecision)
        throw bad_request("cases", "names " + std::to_string(cases.size()) + " cases; at most " +
                                       std::to_string(kMaxCasesPerDecision) + " are decided at once");
    std::set<CaseId> seen;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string at = "cases[" + std::to_string(i) + "]";
        const DecisionTarget target = target_of(cases[i], at);
        if (!seen.insert(target.id).second) throw bad_request(at, "names case " + std::to_string(target.id) + " twice");
        asked.cases.push_back(target);
    }
    return asked;
}

}  // namespace tata::server
