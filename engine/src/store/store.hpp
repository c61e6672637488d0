// The persistence boundary of the engine. The runtime speaks only to this
// interface: sqlite_store.cpp is the embedded default, postgres/ the store
// several server nodes share.
//
// Transactions nest: the outermost begin() starts one, inner ones are
// savepoints, so an advance inside a batch can fail alone.
#pragma once

#include "tata/records.hpp"
#include "tata/workflow.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tata {

struct TimerRecord {
    std::int64_t id = 0;
    CaseId case_id = 0;
    std::int64_t task_id = 0;  // 0 for wait-state timers
    std::string state;         // the state the timer belongs to
    std::string kind;          // "due" (task escalation) or "wait"
    TimePoint due_at{};
};

// What a workflow's rows of the text index hold (store/search_text.hpp): the
// fields searched, and the `filters:` fields whose values are coded in
// front of them, so that a search with an OPD reads only that OPD's rows.
struct SearchLayout {
    std::vector<std::string> fields;
    std::vector<std::string> filters;
};

struct PinnedDefinition {
    std::string sha256;
    std::string source_text;
};

class Store {
public:
    virtual ~Store() = default;

    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual int transaction_depth() const = 0;

    // nullopt when the record's key is taken: a key is unique per regency
    // and workflow (checked by the insert itself, not by a query before it).
    virtual std::optional<CaseId> insert_case(const CaseRecord& record) = 0;
    virtual std::optional<CaseId> find_case_by_key(const std::string& regency, const std::string& workflow_id,
                                                   const std::string& key) = 0;
    virtual std::optional<CaseRecord> load_case(CaseId id) = 0;  // open_tasks filled
    // The last committed state of a case, safe to call from any thread
    // without the engine's lock (readers do not wait for the writer); its
    // data as the stored JSON text, unparsed.
    virtual std::optional<StoredCase> read_committed_stored_case(CaseId id) = 0;
    // The same with its data parsed.
    std::optional<CaseRecord> read_committed_case(CaseId id) {
        auto stored = read_committed_stored_case(id);
        if (!stored) return std::nullopt;
        stored->record.data = nlohmann::json::parse(stored->data_json);
        return std::move(stored->record);
    }
    virtual void update_case(const CaseRecord& record) = 0;      // state, status, result, data, version, updated_at
    // Frees a case's business key for another case (a withdrawn case).
    virtual void release_key(CaseId id) = 0;
    virtual std::vector<CaseRecord> list_cases(const CaseFilter& filter) = 0;
    // Counts at most `cap` cases (a page's "more than 10,000" needs no
    // exact figure of a million).
    virtual std::size_t count_cases(const CaseFilter& filter, std::size_t cap) = 0;
    // How many cases the filter finds in each state (its own state ignored).
    virtual std::vector<std::pair<std::string, std::size_t>> count_cases_by_state(const CaseFilter& filter) = 0;
    // How many committed transactions have written a case of `regency`
    // (from any process on the database): what a cache of results derived
    // from its cases (the ranking) is kept for.
    virtual std::int64_t data_version(const std::string& regency) = 0;
    virtual std::vector<TaskListing> list_open_tasks(const TaskFilter& filter) = 0;
    // Counts at most `cap` tasks, as count_cases does; a page's count (a finite cap) of a search that checks
    // each task's case may stop earlier and say so (TaskCount::exact).
    virtual TaskCount count_open_tasks(const TaskFilter& filter, std::size_t cap) = 0;
    // One page (filter.limit, offset) and the count, as both calls above
    // would give, reading the text index once where it can.
    virtual TaskPage open_task_page(const TaskFilter& filter, std::size_t cap) = 0;
    virtual std::optional<TaskRecord> load_open_task(std::int64_t task_id) = 0;
    virtual void assign_task(std::int64_t task_id, const std::string& assignee) = 0;

    virtual std::int64_t open_task(const TaskRecord& task) = 0;
    // Closes every open task of the case with `status` (done, escalated, cancelled).
    virtual void close_tasks(CaseId id, TimePoint at, const std::string& status, const std::string& by) = 0;

    virtual std::int64_t add_timer(const TimerRecord& timer) = 0;
    virtual void cancel_timers(CaseId id) = 0;
    // Timers due at `now` with ids above `after_id` and at most `up_to_id`, by id.
    virtual std::vector<TimerRecord> due_timers(TimePoint now, std::int64_t after_id, std::int64_t up_to_id,
                                                std::size_t limit) = 0;
    virtual std::int64_t last_timer_id() = 0;
    // Regencies that cases not yet completed belong to.
    virtual std::vector<std::string> regencies_in_flight() = 0;
    virtual std::optional<TimerRecord> load_timer(std::int64_t id) = 0;
    // False when the timer is gone: another run (on another node, sharing
    // the database) fired it first. Inside a transaction the delete claims
    // it: a second run's delete waits for this transaction and then finds
    // nothing, or, if it rolled back, claims the timer itself.
    virtual bool delete_timer(std::int64_t id) = 0;

    // Fills seq, prev_hash and hash, and appends to the chain.
    virtual EventRecord append_event(EventRecord event) = 0;
    virtual std::vector<EventRecord> events(CaseId id) = 0;
    // The events recorded with this operation (Actor::operation), in chain order.
    virtual std::vector<EventRecord> operation_events(const std::string& operation) = 0;
    // Up to `limit` committed events after `after_seq`, in chain order, read
    // beside the writer (any thread): what a feed such as the notification
    // outbox follows, never seeing a batch that may still roll back.
    virtual std::vector<EventRecord> committed_events_after(std::int64_t after_seq, std::size_t limit) = 0;
    // The seq of the newest committed event (0: none yet).
    virtual std::int64_t last_committed_event_seq() = 0;
    virtual AuditReport verify_audit(const std::vector<AuditAnchor>& anchors) = 0;

    virtual std::int64_t open_incident(const IncidentRecord& incident) = 0;
    virtual std::vector<IncidentRecord> incidents(CaseId id) = 0;
    virtual void resolve_incidents(CaseId id, TimePoint at, const std::string& by) = 0;

    // The case index: one table per workflow id with a typed column per
    // index field (the union over its versions). ensure_index creates or
    // widens it and fills new columns for existing cases.
    virtual void ensure_index(const std::string& workflow_id, const std::vector<IndexField>& fields) = 0;
    virtual void write_index(const std::string& workflow_id, const std::vector<IndexField>& fields,
                             const CaseRecord& record) = 0;
    virtual void scan_index(const IndexQuery& query, const std::function<void(const IndexRow&)>& visit) = 0;

    // The text index a search reads: each case's key and its workflow's
    // `search:` fields. ensure_search (re)builds a workflow's rows when its
    // layout is new or changed; write_search keeps a case's row current.
    virtual void ensure_search(const std::string& workflow_id, const SearchLayout& layout) = 0;
    virtual void write_search(const SearchLayout& layout, const CaseRecord& record) = 0;

    // The YAML of each workflow version that cases have used.
    // Called for every case created: takes the texts by reference, the
    // source of a workflow being several kilobytes.
    virtual void remember_definition(const std::string& id, int version, const std::string& sha256,
                                     const std::string& source_text) = 0;
    virtual std::optional<PinnedDefinition> pinned_definition(const std::string& id, int version) = 0;
};

struct StoreOptions {
    bool synchronous_full = false;  // synchronous=FULL instead of NORMAL (WAL)
    ListTuning list_tuning;
};

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file, StoreOptions options = {});
// A PostgreSQL database (a libpq connection URI), which several nodes may
// share (store/postgres/pg_store.cpp).
std::unique_ptr<Store> open_postgresql_store(const std::string& conninfo, StoreOptions options = {});
// The store a --db value names: postgresql://... or postgres://... a
// PostgreSQL database, anything else a SQLite file.
std::unique_ptr<Store> open_store(const std::string& location, StoreOptions options = {});

// RAII scope: commits on commit(), rolls back when left otherwise.
class StoreTransaction {
public:
    explicit StoreTransaction(Store& store) : store_(store) { store_.begin(); }
    ~StoreTransaction() {
        if (!done_) store_.rollback();
    }
    StoreTransaction(const StoreTransaction&) = delete;
    StoreTransaction& operator=(const StoreTransaction&) = delete;
    void commit() {
        store_.commit();
        done_ = true;
    }

private:
    Store& store_;
    bool done_ = false;
};

}  // namespace tata
