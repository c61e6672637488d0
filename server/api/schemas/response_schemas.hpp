// The bodies the API answers with, as JSON Schemas (2020-12, the dialect
// of OpenAPI 3.1) under components.schemas of /openapi.json, one file per
// area beside this one. A route names its answer with json_responses();
// the server tests validate every answer they receive against it
// (tests/support/json_schema_check.hpp, through ServerFixture) and the
// browser tests every answer they read (tests/web/contract.mjs), so the
// document cannot drift from what the server sends. The web pages' types
// are generated from these schemas (web/src/generated/api.ts).
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>

namespace tata::server {

// Each area's schemas, name → schema.
nlohmann::json case_schemas();            // cases, tasks, history, documents, letters, workflows' words, OPDs
nlohmann::json roster_schemas();          // roster imports and their undo
nlohmann::json identity_schemas();        // users, sessions, administration, logs, notifications
nlohmann::json ranking_schemas();         // ranking, rounds, grievances, reports
nlohmann::json planning_schemas();        // workforce planning and performance evaluation
nlohmann::json procurement_schemas();     // packages, bids, contracts, compliance reports

// All of them; a name defined twice is a std::logic_error.
nlohmann::json response_schemas();

// {"$ref": "#/components/schemas/NAME"}
nlohmann::json schema_ref(const std::string& name);

// Like responses() (route_helpers), with the JSON body of the success.
nlohmann::json json_responses(const std::string& ok_description, const nlohmann::json& schema,
                              std::initializer_list<int> errors = {}, int ok_status = 200);

// A success that is a file or text, not JSON: each media type it may come
// as ("text/csv", "application/pdf", "text/plain; version=0.0.4"), with a
// JSON body too when `json_schema` is not null (a route with ?format=).
nlohmann::json file_responses(const std::string& ok_description, std::initializer_list<const char*> media_types,
                              std::initializer_list<int> errors = {}, int ok_status = 200,
                              const nlohmann::json& json_schema = nullptr);

}  // namespace tata::server
