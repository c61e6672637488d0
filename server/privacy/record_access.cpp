#include "privacy/record_access.hpp"

#include "api/service.hpp"
#include "http/router.hpp"

namespace tata::server::privacy {
namespace {

AccessEvent event_of(Service& service, const Request& request, const std::string& action) {
    const User& user = request.caller();
    AccessEvent event;
    event.regency = user.regency;
    event.at = service.now();
    event.user_id = user.id;
    event.username = user.username;
    event.role = user.role;
    event.unit = !user.opd.empty() ? user.opd : user.vendor;
    event.action = action;
    event.route = route_of(request);
    event.purpose = request.header(kPurposeHeader);
    return event;
}

}  // namespace

std::optional<std::string> worker_nik_of(const CaseRecord& record) {
    if (record.workflow_id == "verification" && !record.key.empty()) return record.key;
    // A grievance names its complainant, an evaluation the evaluated worker.
    if (record.workflow_id == "grievance" || record.workflow_id == "performance_evaluation") {
        const auto nik = record.data.find("nik");
        if (nik != record.data.end() && nik->is_string() && !nik->get<std::string>().empty()) return nik->get<std::string>();
    }
    return std::nullopt;
}

std::string route_of(const Request& request) { return request.method + " " + request.route; }

bool searched(const Request& request) {
    const auto q = request.query_value("q");
    return q && !q->empty();
}

void record_case(Service& service, const Request& request, const CaseRecord& record, const std::string& action) {
    record_cases(service, request, std::span(&record, 1), action);
}

void record_cases(Service& service, const Request& request, std::span<const CaseRecord> records,
                  const std::string& action) {
    PersonalDataLog& log = service.personal_data_log();
    AccessEvent event = event_of(service, request, action);
    for (const auto& record : records)
        if (const auto nik = worker_nik_of(record)) event.subjects.push_back({record.id, log.nik_mac(*nik)});
    if (!event.subjects.empty()) log.record(event);
}

void record_niks(Service& service, const Request& request, const std::vector<std::string>& niks,
                 const std::string& action) {
    PersonalDataLog& log = service.personal_data_log();
    AccessEvent event = event_of(service, request, action);
    for (const auto& nik : niks)
        if (!nik.empty()) event.subjects.push_back({0, log.nik_mac(nik)});
    if (!event.subjects.empty()) log.record(event);
}

void record_whole_regency(Service& service, const Request& request, const std::string& action) {
    AccessEvent event = event_of(service, request, action);
    event.whole_regency = true;
    service.personal_data_log().record(event);
}

}  // namespace tata::server::privacy
