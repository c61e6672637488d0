// What the routes call to record a read of workers' personal data before
// they answer (privacy/personal_data_log.hpp says why synchronously). One
// call per route; each builds one event for the request.
#pragma once

#include "privacy/access_event.hpp"

#include "http/exchange.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tata::server {
class Service;
}

namespace tata::server::privacy {

// The header in which a reader may state why (kept, digits masked, at most
// kMaxPurposeBytes; shown to the regency's admin, not to the worker).
inline const std::string kPurposeHeader = "x-access-purpose";

// The worker a case is about: a verification case's key, or the NIK of a
// grievance or a performance evaluation; nullopt for cases about no worker
// (packages, contracts, rounds).
std::optional<std::string> worker_nik_of(const CaseRecord& record);

// "GET /api/v1/workers/{nik}": the method and the pattern the request
// matched, so no NIK or name is stored in the route.
std::string route_of(const Request& request);

// Whether the request searched (a non-empty ?q=).
bool searched(const Request& request);

// One case read; nothing recorded when the case is about no worker.
void record_case(Service& service, const Request& request, const CaseRecord& record, const std::string& action);
// A list: one event naming the cases about workers (none: nothing recorded).
void record_cases(Service& service, const Request& request, std::span<const CaseRecord> records,
                  const std::string& action);
// Workers named by NIK (ranking rows): one event; none: nothing recorded.
void record_niks(Service& service, const Request& request, const std::vector<std::string>& niks,
                 const std::string& action);
// A read of every worker of the caller's regency (the rekap).
void record_whole_regency(Service& service, const Request& request, const std::string& action);

}  // namespace tata::server::privacy
