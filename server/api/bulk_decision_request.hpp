// The body of POST /api/v1/tasks/decisions, read and bounded before any case
// is touched: one decision (its name and input) and the cases it is for,
// each with the version the caller saw.
#pragma once

#include "http/exchange.hpp"

#include <tata/records.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tata::server {

// More than a page of the inbox at its largest (200), few enough that one
// request holds the engine's writer for well under a second per chunk.
inline constexpr std::size_t kMaxCasesPerDecision = 500;

struct DecisionTarget {
    CaseId id = 0;
    std::int64_t version = 0;
};

struct DecisionRequest {
    std::string outcome;
    nlohmann::json input = nlohmann::json::object();
    std::vector<DecisionTarget> cases;  // 1..kMaxCasesPerDecision, each case once
};

// Throws ApiError 400/415 naming the field (`cases[3]`) that is wrong.
DecisionRequest read_decision_request(const Request& request);

}  // namespace tata::server
