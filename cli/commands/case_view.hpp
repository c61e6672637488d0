// How cases, tasks and events look on a terminal and in --json.
#pragma once

#include <tata/engine.hpp>

#include <iosfwd>

namespace tata::cli {

nlohmann::json case_to_json(const CaseRecord& record);
nlohmann::json event_to_json(const EventRecord& event);
nlohmann::json incident_to_json(const IncidentRecord& incident);

// Times are shown in the regency's offset (minutes east of UTC).
void print_case(std::ostream& out, const CaseRecord& record, const Workflow* workflow, int utc_offset_minutes);
void print_history(std::ostream& out, const std::vector<EventRecord>& events, int utc_offset_minutes);
// The regency's UTC offset in minutes (UTC when the regency is unknown).
int regency_offset(Engine& engine, const std::string& regency);

void print_advance(std::ostream& out, const AdvanceResult& result);

}  // namespace tata::cli
