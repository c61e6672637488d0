// Each file of api/ adds the routes of one resource to the router.
#pragma once

#include "api/service.hpp"

namespace tata::server {

void add_auth_routes(Router& router, Service& service);
void add_case_routes(Router& router, Service& service);
void add_document_routes(Router& router, Service& service);
void add_task_routes(Router& router, Service& service);
// One decision on many tasks, per-case results (api/bulk_decision_routes.cpp).
void add_bulk_decision_routes(Router& router, Service& service);
void add_worker_routes(Router& router, Service& service);
void add_import_batch_routes(Router& router, Service& service);
void add_vendor_routes(Router& router, Service& service);
void add_grievance_routes(Router& router, Service& service);
void add_report_routes(Router& router, Service& service);
void add_admin_routes(Router& router, Service& service);
void add_system_routes(Router& router, Service& service);
void add_planning_routes(Router& router, Service& service);
void add_performance_routes(Router& router, Service& service);
// The words of a workflow's codes, for pages (api/workflow_routes.cpp).
void add_workflow_routes(Router& router, Service& service);
// The regency's OPD names (api/opd_routes.cpp).
void add_opd_routes(Router& router, Service& service);
// The approved prioritization round: its frozen counts for the dashboard,
// a worker's announced result (api/round_routes.cpp).
void add_round_routes(Router& router, Service& service);
// A grievance's `putaran` (a round's case number): an objection to the
// announced ranking, taken only inside the round's objection window, of
// kategori keberatan_peringkat, by a worker the round ranked. Adds the
// round's nomor_pemeringkatan; 422 at the field otherwise.
void link_objection_round(Service& service, const User& user, nlohmann::json& data);
// Where notifications reach a person, and the regency's outbox
// (api/notification_routes.cpp).
void add_notification_routes(Router& router, Service& service);
// Letters printed from a case as PDF, and their verification codes checked
// (api/letter_routes.cpp).
void add_letter_routes(Router& router, Service& service);
// The words of a workflow's codes as GET .../labels gives them (fields,
// values, states, results), for pages and letters.
nlohmann::json workflow_labels_json(const Workflow& workflow);
// Who read a worker's personal data (server/privacy/access_log_routes.cpp).
void add_access_log_routes(Router& router, Service& service);

// The role sets routes use.
inline const std::set<std::string> kAnyRole = {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"};
inline const std::set<std::string> kOfficers = {"admin", "officer"};
inline const std::set<std::string> kStaff = {"admin", "officer", "opd_head", "supervisor", "bkad"};

// Paging from ?page=&per_page= (1-based; per_page 1..200, default 50);
// 400 naming the parameter when it is not a number in range.
struct Page {
    std::size_t page = 1;
    std::size_t per_page = 50;
    std::size_t offset() const { return (page - 1) * per_page; }
};
Page page_of(const Request& request);
nlohmann::json page_json(const Page& page, std::size_t total, nlohmann::json items);

// A path parameter as a positive integer id; 404 when it is not one.
std::int64_t id_param(const Request& request, const std::string& name);
// A query parameter as a positive integer id; nullopt when absent, 400 when
// it is not one.
std::optional<std::int64_t> id_query(const Request& request, const std::string& name);
// The text of a search (?q=): 400 above kMaxSearchBytes. The request line
// already holds only valid UTF-8 without control characters.
inline constexpr std::size_t kMaxSearchBytes = 200;
std::string search_param(const std::string& text);
// A query flag: true for "true"/"1"/"ya", false when absent; 400 otherwise.
bool flag_param(const Request& request, const std::string& name);

// The bearer token the request presents ("" when none), and a session as
// its user or their admin sees it (never the token).
std::string presented_token(const Request& request);
nlohmann::json session_json(const Session& session, const std::string& caller_token);
// The OpenAPI schema of session_json's list.
nlohmann::json sessions_schema();

// The user named in the path ({username}) when they belong to the caller's
// regency; 404 otherwise, as if they did not exist (admin routes).
User managed_user(Service& service, const Request& request);

// A stage of `workflow` in its words (its title), or the state's name when
// it has none (or the workflow is not loaded).
std::string stage_title(const Workflow* workflow, const std::string& state);
// OpenAPI fragments.
nlohmann::json path_parameter(const std::string& name, const std::string& description, bool integer = true);
nlohmann::json query_parameter(const std::string& name, const std::string& description, const std::string& type = "string");
nlohmann::json json_body(const nlohmann::json& schema);
nlohmann::json raw_body(const std::string& content_type, const std::string& description);
nlohmann::json responses(const std::string& ok_description, std::initializer_list<int> errors = {}, int ok_status = 200);

}  // namespace tata::server
