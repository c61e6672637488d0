// Cases, tasks and events as the API returns them: times in the regency's
// time zone, and for a case the outcomes the caller may fire now, with the
// form each one asks for (what a page builds its buttons and fields from).
#pragma once

#include "identity/user.hpp"

#include <tata/engine.hpp>

namespace tata::server {

int regency_offset_minutes(const DefinitionSet& definitions, const std::string& regency);

nlohmann::json form_json(const std::vector<FormField>& fields);

// The outcomes `user` may fire on the case in its current state.
nlohmann::json allowed_outcomes(const CaseRecord& record, const Workflow& workflow, const User& user);

nlohmann::json task_json(const TaskRecord& task, TimePoint now, int offset_minutes);

nlohmann::json case_json(Engine& engine, CaseRecord record, const User& user);
// The same without its "data" member (the summary's names are read from
// record.data), for an answer that adds the data itself (api/case_read.hpp).
nlohmann::json case_json_without_data(Engine& engine, const CaseRecord& record, const User& user);

// A short line for lists: no history, no forms.
nlohmann::json case_summary_json(Engine& engine, const CaseRecord& record, const User& user);

nlohmann::json event_json(const EventRecord& event, int offset_minutes);

}  // namespace tata::server
