// libFuzzer target for the body of a decision on many tasks
// (POST /api/v1/tasks/decisions). Invariant: it either returns a request
// with a named outcome, an object as input and 1..500 distinct positive
// case ids each with a positive version, or throws ApiError (a 4xx).
// Nothing else escapes, nothing crashes. Links: tata::server.
#include "api/bulk_decision_request.hpp"
#include "http/api_error.hpp"

#include <cstdint>
#include <cstdlib>
#include <set>

using namespace tata::server;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Request request;
    request.method = "POST";
    request.headers["content-type"] = "application/json";
    request.body.assign(reinterpret_cast<const char*>(data), size);
    try {
        const DecisionRequest asked = read_decision_request(request);
        if (asked.outcome.empty() || !asked.input.is_object()) std::abort();
        if (asked.cases.empty() || asked.cases.size() > kMaxCasesPerDecision) std::abort();
        std::set<tata::CaseId> ids;
        for (const auto& target : asked.cases) {
            if (target.id <= 0 || target.version <= 0 || !ids.insert(target.id).second) std::abort();
        }
    } catch (const ApiError& e) {
        if (e.status() < 400 || e.status() >= 500) std::abort();
    }
    return 0;
}
