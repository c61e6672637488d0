// What the engine hands back about cases: plain values, safe to keep.
#pragma once

#include "tata/clock.hpp"
#include "tata/field_value.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tata {

using CaseId = std::int64_t;

// Who acts. `system` actors fire timers and automatic steps.
struct Actor {
    std::string user;
    std::string role;
    // The operation this change belongs to (a roster import's batch), when
    // one may later be undone as a whole: written into each event's payload
    // as "operation" (so the audit chain covers it) and indexed, so that
    // Engine::events_of_operation finds the operation's events.
    std::string operation = {};
    static Actor system() { return {"system", "system"}; }
};

// withdrawn: taken out of the procedure by hand (an import undone), not
// finished by the workflow; its tasks and timers are gone, its business key
// is released, and counts over the case index leave it out.
enum class CaseStatus { active, incident, completed, withdrawn };
std::string to_string(CaseStatus status);
std::optional<CaseStatus> case_status_from_string(const std::string& text);

struct TaskRecord {
    std::int64_t id = 0;
    CaseId case_id = 0;
    std::string state;
    std::string title;
    std::vector<std::string> roles;
    std::string assignee;  // empty while unclaimed
    TimePoint opened_at{};
    std::optional<TimePoint> due_at;
};

struct CaseRecord {
    CaseId id = 0;
    std::string key;  // the business key, unique per regency and workflow (a worker's NIK); may be empty
    std::string regency;
    std::string workflow_id;
    int workflow_version = 0;
    std::string state;
    CaseStatus status = CaseStatus::active;
    std::string result;  // the end state's result once completed
    nlohmann::json data = nlohmann::json::object();
    std::int64_t version = 0;  // bumped by every change; what If-Match compares
    TimePoint created_at{};
    TimePoint updated_at{};
    std::vector<TaskRecord> open_tasks;
};

// A case as its store holds it, its data still the JSON text that was
// written (record.data stays null). A read that hands the data on whole
// (GET /api/v1/cases/{id}) splices these bytes into its answer instead of
// parsing 2 to 5 KB of JSON into objects and serializing them again.
struct StoredCase {
    CaseRecord record;
    std::string data_json;
};

// One row of the append-only, hash-chained audit log.
struct EventRecord {
    std::int64_t seq = 0;
    CaseId case_id = 0;
    TimePoint at{};
    std::string actor;
    std::string role;
    std::string type;  // created, fired, entered, escalated, timer, incident, retried, ...
    std::string from_state;
    std::string to_state;
    nlohmann::json payload = nlohmann::json::object();
    std::string prev_hash;
    std::string hash;
};

struct IncidentRecord {
    std::int64_t id = 0;
    CaseId case_id = 0;
    TimePoint opened_at{};
    std::string state;
    std::string action;
    std::string message;
    bool open = true;
};

enum class CaseOrder {
    by_id,        // oldest case first
    by_deadline,  // the nearest due date of an open task first, cases without one last; then newest first
};

struct CaseFilter {
    std::optional<std::string> regency;
    std::optional<std::string> workflow_id;
    std::optional<std::string> state;
    std::optional<CaseStatus> status;
    std::optional<std::string> key;
    // data.<field> equals the text, for every pair (a vendor's contracts, a
    // worker's grievances, an OPD's files).
    std::vector<std::pair<std::string, std::string>> data_equals;
    // A case whose key or a searchable field contains the text, ignoring
    // case and Latin accents: with search_fields empty, the workflow's
    // `search:` fields through the store's text index (search by name or
    // NIK); otherwise only these data fields, read case by case (a narrower
    // view, such as what a vendor may read of a package).
    std::string search;
    std::vector<std::string> search_fields;
    // Only cases with an open task due before this instant.
    std::optional<TimePoint> overdue_at;
    CaseOrder order = CaseOrder::by_id;
    // Keyset paging (by_id): cases with a larger id than the last one of the
    // previous page. Cases added meanwhile never shift a page.
    std::optional<CaseId> after;
    // Keyset paging (by_deadline): the cases after the previous page's last
    // one in deadline order, given its nearest due date (none: it had no
    // dated open task) and its id.
    struct DeadlineCursor {
        std::optional<TimePoint> due;
        CaseId id = 0;
    };
    std::optional<DeadlineCursor> after_deadline;
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// Open tasks across cases: an inbox.
// The order of an inbox: nearest deadline first (undated last), or by when
// the task was opened, newest or oldest first; ties by task id.
enum class TaskOrder { deadline, newest, oldest };

struct TaskFilter {
    std::optional<std::string> regency;
    std::vector<std::string> roles;        // tasks any of these roles may take; empty: any
    std::optional<std::string> assignee;   // "" for unclaimed tasks only
    std::optional<std::string> workflow_id;
    std::optional<std::string> state;      // the task's state
    std::optional<TimePoint> overdue_at;   // only tasks due before this instant
    std::optional<TimePoint> due_after;    // only tasks due after this instant (a reminder's window)
    // On the task's case, as in CaseFilter: data.<field> equals the text
    // (an OPD's files), and the key or a searchable field contains the text.
    std::vector<std::pair<std::string, std::string>> data_equals;
    std::string search;
    std::vector<std::string> search_fields;
    TaskOrder order = TaskOrder::deadline;
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// How many open tasks a TaskFilter finds, for an inbox's page. `exact`
// false: `count` is a lower bound, the matches among the first tasks read
// (a text search that checks each task's case stops after a budget of
// rows instead of reading a whole regency's inbox).
struct TaskCount {
    std::size_t count = 0;
    bool exact = true;
};

// An open task with what an inbox shows of its case, in the filter's order.
struct TaskListing {
    TaskRecord task;
    std::string regency;
    std::string workflow_id;
    std::string case_key;
    std::string case_state;
};

// Where a list's plan changes with the number of rows: fixed for a server
// (the defaults were measured at 2.3 M cases); tests set them small to
// reach both sides of each with a few cases.
struct ListTuning {
    // A search with at most this many matches takes them as a set (sorted
    // by case, or their tasks sorted by due date); more are walked in order.
    std::size_t few_matches = 2'000;
    // A page's count of an inbox search that checks each task's case checks
    // at most this many tasks, and says "at least" past them.
    std::size_t tasks_checked_for_count = 3'000;
};

// One page of an inbox and how many tasks the filter finds in all.
struct TaskPage {
    std::vector<TaskListing> tasks;
    TaskCount count;
};

// A link of the chain recorded outside the database (in signed minutes, a
// letter to the inspectorate, another system): whoever can rewrite the file
// can rebuild the chain after it, but not make an anchored hash come back.
struct AuditAnchor {
    std::int64_t seq = 0;
    std::string hash;
};

// A bulk read of a workflow's case index (the fields its YAML lists under
// `index:`), filtered on the case's own columns.
struct IndexQuery {
    std::string workflow_id;
    std::optional<std::string> regency;
    std::optional<std::string> state;
    std::optional<CaseStatus> status;  // unset: every status but withdrawn
    std::optional<std::string> result;
    std::vector<std::string> columns;  // index fields to read, in this order
    // Rows come in case id order unless a caller that orders them itself
    // says otherwise: sorting a whole regency (SQLite's temporary B-tree
    // when it searches by regency) costs more than reading it.
    bool case_order = true;
};

// One row of an index scan; column i is IndexQuery::columns[i]. Valid only
// inside the callback: nothing is copied unless the caller copies it.
class IndexRow {
public:
    virtual ~IndexRow() = default;
    virtual CaseId case_id() const = 0;
    virtual const std::string& state() const = 0;
    virtual const std::string& result() const = 0;  // the end state's result once completed
    virtual bool is_null(std::size_t column) const = 0;
    virtual std::string_view text(std::size_t column) const = 0;
    virtual std::int64_t integer(std::size_t column) const = 0;
    virtual double number(std::size_t column) const = 0;
    // The column as stored (null, text, integer or number); text views the
    // row and is valid until the scan moves on.
    virtual FieldValue value(std::size_t column) const = 0;
};

struct AuditReport {
    bool intact = true;
    std::int64_t events_checked = 0;
    std::int64_t head_seq = 0;  // the newest event, to be anchored elsewhere
    std::string head_hash;
    std::optional<std::int64_t> first_bad_seq;  // the first event that does not verify
    std::string problem;                        // what is wrong with it
};

}  // namespace tata
