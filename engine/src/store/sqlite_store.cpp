// The embedded store: one SQLite file in WAL mode, one writer, prepared
// statements cached per connection.
#include "store/audit_chain.hpp"
#include "store/case_index.hpp"
#include "store/case_query.hpp"
#include "store/case_search.hpp"
#include "store/epoch_seconds.hpp"
#include "store/schema.hpp"
#include "store/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <set>
#include <stdexcept>
#include <mutex>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <variant>

namespace tata {
namespace {

std::string join_roles(const std::vector<std::string>& roles) { return nlohmann::json(roles).dump(); }
std::vector<std::string> split_roles(const std::string& text) {
    return nlohmann::json::parse(text).get<std::vector<std::string>>();
}

class SqliteStore final : public Store {
public:
    SqliteStore(const std::filesystem::path& file, StoreOptions options)
        // NOMUTEX: the engine already serializes every call (one writer), so
        // SQLite's own per-call locking is pure overhead.
        : file_(file),
          tuning_(options.list_tuning),
          db_(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX) {
        db_.setBusyTimeout(10'000);
        db_.exec("PRAGMA journal_mode=WAL");
        db_.exec(options.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        db_.exec("PRAGMA foreign_keys=ON");
        db_.exec("PRAGMA temp_store=MEMORY");
        // Checkpoint every 8,000 pages of WAL (32 MB) rather than SQLite's
        // 1,000: the committing thread runs the checkpoint, and pages that
        // every advance dirties again (the audit head, the index's inner
        // pages) are copied into the file once per checkpoint, not once per
        // 1,000 pages. Advances over HTTP on 100,000 cases: 2 to 25% more
        // per second in six runs against 1,000, alternating.
        db_.exec("PRAGMA wal_autocheckpoint=8000");
        // 16 MiB of page cache. 32 MiB filled up in a server over 100,000
        // cases and held a third of its resident memory (95 against 66 MB in
        // bench/list_bench.sh over 600,000 cases), with no latency to show
        // for it beyond the runs' noise: the pages it leaves out come from
        // the file cache.
        db_.exec("PRAGMA cache_size=-16384");
        migrate();
    }

    void begin() override {
        if (depth_ == 0) {
            run_cached("BEGIN IMMEDIATE");
            head_.reset();  // another connection may have appended since
        } else {
            run_cached("SAVEPOINT s" + std::to_string(depth_));
        }
        ++depth_;
    }

    void commit() override {
        if (depth_ == 0) throw std::logic_error("commit without a transaction");
        if (depth_ == 1) {
            flush_search();
            write_audit_head();
            count_changes();
        }
        --depth_;
        if (depth_ == 0) {
            run_cached("COMMIT");
        } else {
            run_cached("RELEASE s" + std::to_string(depth_));
            // The released savepoint's text rows are the enclosing one's now.
            for (auto& pending : pending_search_) pending.depth = std::min(pending.depth, depth_);
            for (auto& flushed : flushed_in_savepoints_) {
                flushed.at = std::min(flushed.at, depth_);
                flushed.pending.depth = std::min(flushed.pending.depth, depth_);
            }
            if (depth_ == 1) flushed_in_savepoints_.clear();  // no savepoint left to undo them
        }
    }

    void rollback() override {
        if (depth_ == 0) return;
        head_.reset();  // the rolled-back part may have moved it
        pinned_.clear();  // or removed a definition it pinned
        --depth_;
        restore_search_rows();
        if (depth_ == 0) {
            head_dirty_ = false;
            touched_.clear();
            db_.exec("ROLLBACK");
        } else {
            const std::string name = "s" + std::to_string(depth_);
            db_.exec("ROLLBACK TO " + name);
            db_.exec("RELEASE " + name);
        }
    }

    int transaction_depth() const override { return depth_; }

    std::int64_t data_version(const std::string& regency) override {
        auto q = statement("SELECT version FROM case_changes WHERE regency = ?");
        q.bind(1, regency);
        return q.executeStep() ? q.getColumn(0).getInt64() : 0;
    }

    std::optional<CaseId> insert_case(const CaseRecord& r) override {
        auto q = statement(
            "INSERT INTO cases (regency, workflow_id, workflow_version, state, status, result, data, version, "
            "created_at, updated_at, case_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, r.regency);
        q.bind(2, r.workflow_id);
        q.bind(3, r.workflow_version);
        q.bind(4, r.state);
        q.bind(5, to_string(r.status));
        q.bind(6, r.result);
        q.bind(7, r.data.dump());
        q.bind(8, static_cast<int64_t>(r.version));
        q.bind(9, seconds(r.created_at));
        q.bind(10, seconds(r.updated_at));
        if (r.key.empty())
            q.bind(11);
        else
            q.bind(11, r.key);
        try {
            q.exec();
        } catch (const SQLite::Exception& e) {
            // sqlite3_reset repeats the failed step's error: take it here,
            // not in StatementUse's destructor, which must not throw.
            q.get().tryReset();
            // The only UNIQUE constraint of cases is cases_by_key.
            if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) return std::nullopt;
            throw;
        }
        touch(r.regency);
        return db_.getLastInsertRowid();
    }

    std::optional<CaseId> find_case_by_key(const std::string& regency, const std::string& workflow_id,
                                           const std::string& key) override {
        auto q = statement("SELECT id FROM cases WHERE regency = ? AND workflow_id = ? AND case_key = ?");
        q.bind(1, regency);
        q.bind(2, workflow_id);
        q.bind(3, key);
        if (!q.executeStep()) return std::nullopt;
        return q.getColumn(0).getInt64();
    }

    void release_key(CaseId id) override {
        auto q = statement("UPDATE cases SET case_key = NULL WHERE id = ?");
        q.bind(1, static_cast<int64_t>(id));
        q.exec();
    }

    std::optional<CaseRecord> load_case(CaseId id) override {
        auto q = statement(
            "SELECT id, regency, workflow_id, workflow_version, state, status, result, data, version, created_at, "
            "updated_at, case_key FROM cases WHERE id = ?");
        q.bind(1, static_cast<int64_t>(id));
        if (!q.executeStep()) return std::nullopt;
        CaseRecord record = read_case(q.get());
        record.open_tasks = open_tasks(id);
        return record;
    }

    // On a read-only connection of the calling thread: WAL lets it read the
    // last committed state while the writer works, without the engine's lock.
    std::optional<StoredCase> read_committed_stored_case(CaseId id) override {
        ReadConnection& reader = read_connection();
        SQLite::Statement& q = reader.case_query;
        q.reset();
        q.bind(1, static_cast<int64_t>(id));
        if (!q.executeStep()) {
            q.tryReset();
            return std::nullopt;
        }
        StoredCase stored{read_case_columns(q), q.getColumn(7).getString()};
        stored.record.data = nullptr;
        q.tryReset();
        SQLite::Statement& t = reader.tasks_query;
        t.reset();
        t.bind(1, static_cast<int64_t>(id));
        while (t.executeStep()) stored.record.open_tasks.push_back(read_task(t));
        t.tryReset();
        return stored;
    }

    void update_case(const CaseRecord& r) override {
        auto q = statement(
            "UPDATE cases SET state = ?, status = ?, result = ?, data = ?, version = ?, updated_at = ? WHERE id = ?");
        q.bind(1, r.state);
        q.bind(2, to_string(r.status));
        q.bind(3, r.result);
        q.bind(4, r.data.dump());
        q.bind(5, static_cast<int64_t>(r.version));
        q.bind(6, seconds(r.updated_at));
        q.bind(7, static_cast<int64_t>(r.id));
        if (q.exec() != 1) throw std::runtime_error("case " + std::to_string(r.id) + " vanished during an update");
        touch(r.regency);
    }

    std::vector<CaseRecord> list_cases(const CaseFilter& filter) override {
        const SqlText query = case_list_sql(filter,
                                            "cases.id, cases.regency, cases.workflow_id, cases.workflow_version, "
                                            "cases.state, cases.status, cases.result, cases.data, cases.version, "
                                            "cases.created_at, cases.updated_at, cases.case_key",
                                            catalog());
        SQLite::Statement q(db_, query.sql);
        bind_values(q, query.values);
        std::vector<CaseRecord> out;
        while (q.executeStep()) out.push_back(read_case(q));
        for (auto& record : out) record.open_tasks = open_tasks(record.id);
        return out;
    }

    std::size_t count_cases(const CaseFilter& filter, std::size_t cap) override {
        const SqlText query = case_count_sql(filter, cap, catalog());
        SQLite::Statement q(db_, query.sql);
        bind_values(q, query.values);
        q.executeStep();
        return static_cast<std::size_t>(q.getColumn(0).getInt64());
    }

    std::vector<std::pair<std::string, std::size_t>> count_cases_by_state(const CaseFilter& filter) override {
        const SqlText query = case_states_sql(filter, catalog());
        SQLite::Statement q(db_, query.sql);
        bind_values(q, query.values);
        std::vector<std::pair<std::string, std::size_t>> out;
        while (q.executeStep())
            out.emplace_back(q.getColumn(0).getString(), static_cast<std::size_t>(q.getColumn(1).getInt64()));
        return out;
    }

    // task_query says which rows drive: a rare search's few cases, or the
    // open tasks in the order an inbox shows them.
    std::vector<TaskListing> list_open_tasks(const TaskFilter& filter) override {
        return list_tasks(task_query(filter, catalog()), filter, false).first;
    }

    TaskCount count_open_tasks(const TaskFilter& filter, std::size_t cap) override {
        return count_tasks(task_query(filter, catalog()), cap);
    }

    // A search with few matches sorts all their tasks for any page: the
    // page's query counts them too (count(*) OVER ()), and the text index
    // is read once, not once more for the count (half of such a request).
    TaskPage open_task_page(const TaskFilter& filter, std::size_t cap) override {
        const TaskQuery query = task_query(filter, catalog());
        if (!query.sorts_all) {
            TaskPage page;
            page.count = count_tasks(query, cap);
            page.tasks = list_tasks(query, filter, false).first;
            return page;
        }
        auto [tasks, all] = list_tasks(query, filter, true);
        TaskPage page;
        // Past the last page no row carries the number: count apart.
        page.count = tasks.empty() && filter.offset > 0 ? count_tasks(query, cap) : TaskCount{std::min(all, cap), true};
        page.tasks = std::move(tasks);
        return page;
    }

    // Each order reads a partial index of open tasks in that order
    // (open_tasks_by_deadline, open_tasks_by_opened) when the tasks drive.
    static std::string order_of(TaskOrder order) {
        switch (order) {
            case TaskOrder::newest: return " ORDER BY t.opened_at DESC, t.id DESC";
            case TaskOrder::oldest: return " ORDER BY t.opened_at, t.id";
            case TaskOrder::deadline: break;
        }
        return " ORDER BY t.due_at IS NULL, t.due_at, t.id";
    }

    // One page of the query's tasks, and with `counted` the number of all
    // of them (0 when the page is empty).
    std::pair<std::vector<TaskListing>, std::size_t> list_tasks(const TaskQuery& query, const TaskFilter& filter,
                                                                bool counted) {
        const SqlText all = query.all();
        SQLite::Statement q(db_,
                            "SELECT t.id, t.case_id, t.state, t.title, t.roles, t.assignee, t.opened_at, t.due_at, "
                            "c.regency, c.workflow_id, coalesce(c.case_key, ''), c.state" +
                                std::string(counted ? ", count(*) OVER ()" : "") + all.sql +
                                order_of(filter.order) + " LIMIT ? OFFSET ?");
        int index = bind_values(q, all.values);
        q.bind(index++, static_cast<int64_t>(filter.limit));
        q.bind(index, static_cast<int64_t>(filter.offset));
        std::vector<TaskListing> out;
        std::size_t total = 0;
        while (q.executeStep()) {
            TaskListing listing;
            listing.task = read_task(q);
            listing.regency = q.getColumn(8).getString();
            listing.workflow_id = q.getColumn(9).getString();
            listing.case_key = q.getColumn(10).getString();
            listing.case_state = q.getColumn(11).getString();
            if (counted) total = static_cast<std::size_t>(q.getColumn(12).getInt64());
            out.push_back(std::move(listing));
        }
        return {std::move(out), total};
    }

    TaskCount count_tasks(const TaskQuery& query, std::size_t cap) {
        const bool page_count = cap != std::numeric_limits<std::size_t>::max();
        const auto bound = static_cast<int64_t>(std::min<std::size_t>(cap, std::numeric_limits<int64_t>::max()));
        if (!query.row_check || !page_count) {
            const SqlText all = query.all();
            SQLite::Statement q(db_, "SELECT count(*) FROM (SELECT 1" + all.sql + " LIMIT ?)");
            q.bind(bind_values(q, all.values), bound);
            q.executeStep();
            return {static_cast<std::size_t>(q.getColumn(0).getInt64()), true};
        }
        // A search with many matches checks each task's case against its
        // text row: a page's count checks tasks_checked_for_count tasks
        // (3,000: ~15 ms at 2.3 M cases), and says "at least" past them,
        // instead of reading a regency's whole inbox (460,000 tasks: 2 s).
        // In case order, not the inbox's: the cases and their text rows are
        // then read along their tables (5 us a task) rather than at random
        // (25 us).
        const auto checked = static_cast<std::int64_t>(tuning_.tasks_checked_for_count);
        SQLite::Statement q(db_, "SELECT count(*), coalesce(sum(matched), 0) FROM (SELECT " + query.row_check->sql +
                                     " AS matched" + query.from.sql + query.where.sql + " ORDER BY t.case_id LIMIT ?)");
        int next = bind_values(q, query.row_check->values);
        next = bind_values(q, query.from.values, next);
        next = bind_values(q, query.where.values, next);
        q.bind(next, checked);
        q.executeStep();
        const auto matched = static_cast<std::size_t>(q.getColumn(1).getInt64());
        const bool read_all = q.getColumn(0).getInt64() < checked;
        return {std::min(matched, cap), read_all || matched >= cap};
    }

    std::optional<TaskRecord> load_open_task(std::int64_t task_id) override {
        auto q = statement(
            "SELECT id, case_id, state, title, roles, assignee, opened_at, due_at FROM tasks WHERE id = ? AND "
            "status = 'open'");
        q.bind(1, static_cast<int64_t>(task_id));
        if (!q.executeStep()) return std::nullopt;
        return read_task(q.get());
    }

    void assign_task(std::int64_t task_id, const std::string& assignee) override {
        auto q = statement("UPDATE tasks SET assignee = ? WHERE id = ?");
        q.bind(1, assignee);
        q.bind(2, static_cast<int64_t>(task_id));
        q.exec();
    }

    std::int64_t open_task(const TaskRecord& t) override {
        auto q = statement(
            "INSERT INTO tasks (case_id, state, title, roles, assignee, opened_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, static_cast<int64_t>(t.case_id));
        q.bind(2, t.state);
        q.bind(3, t.title);
        q.bind(4, join_roles(t.roles));
        q.bind(5, t.assignee);
        q.bind(6, seconds(t.opened_at));
        if (t.due_at)
            q.bind(7, seconds(*t.due_at));
        else
            q.bind(7);
        q.exec();
        return db_.getLastInsertRowid();
    }

    void close_tasks(CaseId id, TimePoint at, const std::string& status, const std::string& by) override {
        // Updated by primary key: an UPDATE that changes the column its own
        // index lookup filters on makes SQLite build a temporary table first.
        std::vector<std::int64_t> open;
        auto find = statement("SELECT id FROM tasks WHERE case_id = ? AND status = 'open'");
        find.bind(1, static_cast<int64_t>(id));
        while (find.executeStep()) open.push_back(find.getColumn(0).getInt64());
        auto q = statement("UPDATE tasks SET status = ?, closed_at = ?, closed_by = ? WHERE id = ?");
        for (const std::int64_t task : open) {
            q.reset();
            q.bind(1, status);
            q.bind(2, seconds(at));
            q.bind(3, by);
            q.bind(4, static_cast<int64_t>(task));
            q.exec();
        }
    }

    std::int64_t add_timer(const TimerRecord& t) override {
        auto q = statement("INSERT INTO timers (case_id, task_id, state, kind, due_at) VALUES (?, ?, ?, ?, ?)");
        q.bind(1, static_cast<int64_t>(t.case_id));
        q.bind(2, static_cast<int64_t>(t.task_id));
        q.bind(3, t.state);
        q.bind(4, t.kind);
        q.bind(5, seconds(t.due_at));
        q.exec();
        return db_.getLastInsertRowid();
    }

    void cancel_timers(CaseId id) override {
        auto q = statement("DELETE FROM timers WHERE case_id = ?");
        q.bind(1, static_cast<int64_t>(id));
        q.exec();
    }

    std::vector<TimerRecord> due_timers(TimePoint now, std::int64_t after_id, std::int64_t up_to_id,
                                        std::size_t limit) override {
        auto q = statement(
            "SELECT id, case_id, task_id, state, kind, due_at FROM timers WHERE due_at <= ? AND id > ? AND id <= ? "
            "ORDER BY id LIMIT ?");
        q.bind(1, seconds(now));
        q.bind(2, static_cast<int64_t>(after_id));
        q.bind(3, static_cast<int64_t>(up_to_id));
        q.bind(4, static_cast<int64_t>(limit));
        std::vector<TimerRecord> out;
        while (q.executeStep()) out.push_back(read_timer(q.get()));
        return out;
    }

    std::int64_t last_timer_id() override {
        // sqlite_sequence remembers the highest id ever given, deleted or not.
        auto q = statement("SELECT seq FROM sqlite_sequence WHERE name = 'timers'");
        return q.executeStep() ? q.getColumn(0).getInt64() : 0;
    }

    std::vector<std::string> regencies_in_flight() override {
        auto q = statement("SELECT DISTINCT regency FROM cases WHERE status IN ('active', 'incident') ORDER BY regency");
        std::vector<std::string> out;
        while (q.executeStep()) out.push_back(q.getColumn(0).getString());
        return out;
    }

    std::optional<TimerRecord> load_timer(std::int64_t id) override {
        auto q = statement("SELECT id, case_id, task_id, state, kind, due_at FROM timers WHERE id = ?");
        q.bind(1, static_cast<int64_t>(id));
        if (!q.executeStep()) return std::nullopt;
        return read_timer(q.get());
    }

    bool delete_timer(std::int64_t id) override {
        auto q = statement("DELETE FROM timers WHERE id = ?");
        q.bind(1, static_cast<int64_t>(id));
        return q.exec() == 1;
    }

    EventRecord append_event(EventRecord e) override {
        const ChainHead& last = chain_head();
        e.seq = last.seq + 1;
        e.prev_hash = last.hash;
        const std::string payload_text = e.payload.dump();
        e.hash = audit_event_hash(e, payload_text);
        auto q = statement(
            "INSERT INTO events (seq, case_id, at, actor, role, type, from_state, to_state, payload, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, static_cast<int64_t>(e.seq));
        q.bind(2, static_cast<int64_t>(e.case_id));
        q.bind(3, seconds(e.at));
        q.bind(4, e.actor);
        q.bind(5, e.role);
        q.bind(6, e.type);
        q.bind(7, e.from_state);
        q.bind(8, e.to_state);
        q.bind(9, payload_text);
        q.bind(10, e.prev_hash);
        q.bind(11, e.hash);
        q.exec();
        if (const auto operation = e.payload.find("operation"); operation != e.payload.end() && operation->is_string()) {
            auto index = statement("INSERT INTO operation_events (operation, seq, case_id) VALUES (?, ?, ?)");
            index.bind(1, operation->get_ref<const std::string&>());
            index.bind(2, static_cast<int64_t>(e.seq));
            index.bind(3, static_cast<int64_t>(e.case_id));
            index.exec();
        }
        head_ = ChainHead{e.seq, e.hash};
        head_dirty_ = true;
        return e;
    }

    std::vector<EventRecord> events(CaseId id) override {
        auto q = statement(
            "SELECT seq, case_id, at, actor, role, type, from_state, to_state, payload, prev_hash, hash FROM events "
            "WHERE case_id = ? ORDER BY seq");
        q.bind(1, static_cast<int64_t>(id));
        std::vector<EventRecord> out;
        while (q.executeStep()) out.push_back(read_event(q.get()));
        return out;
    }

    std::vector<EventRecord> operation_events(const std::string& operation) override {
        auto q = statement(
            "SELECT e.seq, e.case_id, e.at, e.actor, e.role, e.type, e.from_state, e.to_state, e.payload, e.prev_hash, "
            "e.hash FROM operation_events o JOIN events e ON e.seq = o.seq WHERE o.operation = ? ORDER BY o.seq");
        q.bind(1, operation);
        std::vector<EventRecord> out;
        while (q.executeStep()) out.push_back(read_event(q.get()));
        return out;
    }

    std::vector<EventRecord> committed_events_after(std::int64_t after_seq, std::size_t limit) override {
        ReadConnection& reader = read_connection();
        SQLite::Statement q(reader.db,
                            "SELECT seq, case_id, at, actor, role, type, from_state, to_state, payload, prev_hash, hash "
                            "FROM events WHERE seq > ? ORDER BY seq LIMIT ?");
        q.bind(1, static_cast<int64_t>(after_seq));
        q.bind(2, static_cast<int64_t>(limit));
        std::vector<EventRecord> out;
        while (q.executeStep()) out.push_back(read_event(q));
        return out;
    }

    std::int64_t last_committed_event_seq() override {
        SQLite::Statement q(read_connection().db, "SELECT coalesce(max(seq), 0) FROM events");
        q.executeStep();
        return q.getColumn(0).getInt64();
    }

    AuditReport verify_audit(const std::vector<AuditAnchor>& anchors) override {
        SQLite::Statement q(db_,
                            "SELECT seq, case_id, at, actor, role, type, from_state, to_state, payload, prev_hash, hash "
                            "FROM events ORDER BY seq");
        AuditChainVerifier verifier(anchors);
        while (q.executeStep()) {
            EventRecord e;
            try {
                e = read_event(q);
            } catch (const std::exception& ex) {  // e.g. a payload edited into invalid JSON
                return verifier.broken_at(q.getColumn(0).getInt64(), std::string("unreadable event: ") + ex.what());
            }
            if (!verifier.accept(e, q.getColumn(8).getString())) return verifier.report();
        }
        SQLite::Statement h(db_, "SELECT seq, hash FROM audit_head WHERE id = 1");
        if (h.executeStep())
            verifier.check_head(h.getColumn(0).getInt64(), h.getColumn(1).getString());
        else
            verifier.check_head(0, audit_genesis_hash());
        return verifier.report();
    }

    std::int64_t open_incident(const IncidentRecord& i) override {
        auto q = statement("INSERT INTO incidents (case_id, opened_at, state, action, message) VALUES (?, ?, ?, ?, ?)");
        q.bind(1, static_cast<int64_t>(i.case_id));
        q.bind(2, seconds(i.opened_at));
        q.bind(3, i.state);
        q.bind(4, i.action);
        q.bind(5, i.message);
        q.exec();
        return db_.getLastInsertRowid();
    }

    std::vector<IncidentRecord> incidents(CaseId id) override {
        auto q = statement(
            "SELECT id, case_id, opened_at, state, action, message, resolved_at IS NULL FROM incidents WHERE case_id = ? "
            "ORDER BY id");
        q.bind(1, static_cast<int64_t>(id));
        std::vector<IncidentRecord> out;
        while (q.executeStep()) {
            out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), from_seconds(q.getColumn(2).getInt64()),
                           q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                           q.getColumn(6).getInt() != 0});
        }
        return out;
    }

    void resolve_incidents(CaseId id, TimePoint at, const std::string& by) override {
        auto q = statement(
            "UPDATE incidents SET resolved_at = ?, resolved_by = ? WHERE case_id = ? AND resolved_at IS NULL");
        q.bind(1, seconds(at));
        q.bind(2, by);
        q.bind(3, static_cast<int64_t>(id));
        q.exec();
    }

    void ensure_index(const std::string& workflow_id, const std::vector<IndexField>& fields) override {
        index_.ensure(workflow_id, fields);
    }

    void write_index(const std::string& workflow_id, const std::vector<IndexField>& fields,
                     const CaseRecord& record) override {
        index_.write(workflow_id, fields, record);
        touch(record.regency);
    }

    void scan_index(const IndexQuery& query, const std::function<void(const IndexRow&)>& visit) override {
        index_.scan(query, visit);
    }

    void ensure_search(const std::string& workflow_id, const SearchLayout& layout) override {
        flush_search();
        search_.ensure(workflow_id, layout);
    }

    // Inside a transaction the row waits for the commit (flush_search).
    void write_search(const SearchLayout& layout, const CaseRecord& record) override {
        if (depth_ == 0) {
            search_.write(layout, record);
            return;
        }
        pending_search_.push_back({depth_, SqliteCaseSearch::row_of(layout, record)});
    }

    void remember_definition(const std::string& id, int version, const std::string& sha256,
                             const std::string& source_text) override {
        // Every case created pins its definition; once written it stays
        // (INSERT OR IGNORE), so skip the statement unless a rollback may
        // have taken the row away again.
        if (pinned_.count({id, version})) return;
        auto q = statement(
            "INSERT OR IGNORE INTO workflow_definitions (workflow_id, version, sha256, source) VALUES (?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, version);
        q.bind(3, sha256);
        q.bind(4, source_text);
        q.exec();
        pinned_.emplace(id, version);
    }

    std::optional<PinnedDefinition> pinned_definition(const std::string& id, int version) override {
        auto q = statement("SELECT sha256, source FROM workflow_definitions WHERE workflow_id = ? AND version = ?");
        q.bind(1, id);
        q.bind(2, version);
        if (!q.executeStep()) return std::nullopt;
        return PinnedDefinition{q.getColumn(0).getString(), q.getColumn(1).getString()};
    }

private:
    struct ChainHead {
        std::int64_t seq = 0;
        std::string hash;
    };

    // The newest event, cached between appends of a transaction.
    const ChainHead& chain_head() {
        if (!head_) {
            auto q = statement("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
            head_ = q.executeStep() ? ChainHead{q.getColumn(0).getInt64(), q.getColumn(1).getString()}
                                    : ChainHead{0, audit_genesis_hash()};
        }
        return *head_;
    }

    // audit_head is written once per transaction, just before it commits.
    void write_audit_head() {
        if (!head_dirty_) return;
        const ChainHead& last = chain_head();
        auto q = statement("INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, ?, ?)");
        q.bind(1, static_cast<int64_t>(last.seq));
        q.bind(2, last.hash);
        q.exec();
        head_dirty_ = false;
    }

    // A cached prepared statement for one use: reset when the use ends, so
    // no read snapshot outlives the call (a statement left mid-result keeps
    // its read transaction open: stale reads and a WAL that cannot shrink).
    class StatementUse {
    public:
        explicit StatementUse(SQLite::Statement& statement) : statement_(statement) {}
        // tryReset: after a failed step, reset() repeats the error and would throw
        // from a destructor (std::terminate); the caller already has that error.
        ~StatementUse() { statement_.tryReset(); }
        StatementUse(const StatementUse&) = delete;
        StatementUse& operator=(const StatementUse&) = delete;

        template <typename... Values>
        void bind(Values&&... values) {
            statement_.bind(std::forward<Values>(values)...);
        }
        int exec() { return statement_.exec(); }
        bool executeStep() { return statement_.executeStep(); }
        SQLite::Column getColumn(int index) { return statement_.getColumn(index); }
        void reset() { statement_.reset(); }
        SQLite::Statement& get() { return statement_; }

    private:
        SQLite::Statement& statement_;
    };

    StatementUse statement(const char* sql) {
        auto it = statements_.find(sql);
        if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
        SQLite::Statement& q = *it->second;
        q.reset();
        q.clearBindings();
        return StatementUse(q);
    }

    // Transaction control prepared once: a batched import opens and releases
    // a savepoint per case, and compiling that SQL each time cost more than
    // running it.
    void run_cached(const std::string& sql) {
        auto it = control_statements_.find(sql);
        if (it == control_statements_.end())
            it = control_statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
        SQLite::Statement& q = *it->second;
        q.reset();
        StatementUse use(q);  // reset again when done, even if it throws
        use.exec();
    }

    void migrate() {
        const auto& migrations = schema_migrations();
        const int current = db_.execAndGet("PRAGMA user_version").getInt();
        if (current > static_cast<int>(migrations.size()))
            throw std::runtime_error("database schema version " + std::to_string(current) +
                                     " is newer than this tata understands (" + std::to_string(migrations.size()) + ")");
        for (int next = current; next < static_cast<int>(migrations.size()); ++next) {
            SQLite::Transaction transaction(db_);
            run_migration_code(db_, next + 1);
            db_.exec(std::string(migrations[next]));
            db_.exec("PRAGMA user_version = " + std::to_string(next + 1));
            transaction.commit();
        }
    }

    // Every query of cases and tasks starts here: rows still waiting for
    // the commit go into the text index first, so a search inside a
    // transaction finds what the transaction wrote.
    QueryCatalog catalog() {
        flush_search();
        QueryCatalog catalog;
        catalog.index_table = [this](const std::string& workflow_id, const std::string& field) -> std::optional<IndexedField> {
            const auto found = index_.text_field_table(workflow_id, field);
            if (!found) return std::nullopt;
            return IndexedField{found->first, found->second};
        };
        catalog.few_rows = [this](const std::string& table, const SqlText& condition) { return few_rows(table, condition); };
        catalog.regency_number = [this](const std::string& regency) { return search_.find_regency_number(regency); };
        return catalog;
    }

    // Whether `table` has at most few_matches rows WHERE `condition`: the
    // plans that take matches as a set (sorting them, or looking each task
    // up in them) when they are few. Remembered for a minute per condition:
    // officers page through the same search, a case list asks twice per
    // page (its rows and its count), and either plan gives the same rows,
    // so an answer a minute old costs at most speed.
    bool few_rows(const std::string& table, const SqlText& condition) {
        // Few (2,000 by default): a sort of this many case ids costs less
        // than a millisecond, and more matches than this fill a page from
        // the index at once.
        const auto few_rows_at_most = static_cast<std::int64_t>(tuning_.few_matches);
        constexpr auto kRemembered = std::chrono::minutes(1);
        std::string key = table + '\n' + condition.sql;
        for (const auto& value : condition.values)
            key += '\n' + std::visit([](const auto& v) {
                       if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) return v;
                       else return std::to_string(v);
                   }, value);
        const auto now = std::chrono::steady_clock::now();
        if (const auto known = few_rows_seen_.find(key); known != few_rows_seen_.end() && now - known->second.at < kRemembered)
            return known->second.few;
        SQLite::Statement q(db_, "SELECT count(*) FROM (SELECT 1 FROM " + table + " WHERE " + condition.sql + " LIMIT " +
                                     std::to_string(few_rows_at_most + 1) + ")");
        bind_values(q, condition.values);
        q.executeStep();
        const bool few = q.getColumn(0).getInt64() <= few_rows_at_most;
        if (few_rows_seen_.size() >= 256) few_rows_seen_.clear();
        few_rows_seen_[std::move(key)] = {few, now};
        return few;
    }

    std::vector<TaskRecord> open_tasks(CaseId id) {
        auto q = statement(
            "SELECT id, case_id, state, title, roles, assignee, opened_at, due_at FROM tasks WHERE case_id = ? AND "
            "status = 'open' ORDER BY id");
        q.bind(1, static_cast<int64_t>(id));
        std::vector<TaskRecord> out;
        while (q.executeStep()) out.push_back(read_task(q.get()));
        return out;
    }

    // Columns 0-7: id, case_id, state, title, roles, assignee, opened_at, due_at.
    static TaskRecord read_task(SQLite::Statement& q) {
        TaskRecord t;
        t.id = q.getColumn(0).getInt64();
        t.case_id = q.getColumn(1).getInt64();
        t.state = q.getColumn(2).getString();
        t.title = q.getColumn(3).getString();
        t.roles = split_roles(q.getColumn(4).getString());
        t.assignee = q.getColumn(5).getString();
        t.opened_at = from_seconds(q.getColumn(6).getInt64());
        if (!q.getColumn(7).isNull()) t.due_at = from_seconds(q.getColumn(7).getInt64());
        return t;
    }

    static CaseRecord read_case(SQLite::Statement& q) {
        CaseRecord r = read_case_columns(q);
        r.data = nlohmann::json::parse(q.getColumn(7).getString());
        return r;
    }

    // Every column but the data (7).
    static CaseRecord read_case_columns(SQLite::Statement& q) {
        CaseRecord r;
        r.id = q.getColumn(0).getInt64();
        r.regency = q.getColumn(1).getString();
        r.workflow_id = q.getColumn(2).getString();
        r.workflow_version = q.getColumn(3).getInt();
        r.state = q.getColumn(4).getString();
        r.status = case_status_from_string(q.getColumn(5).getString()).value_or(CaseStatus::active);
        r.result = q.getColumn(6).getString();
        r.version = q.getColumn(8).getInt64();
        r.created_at = from_seconds(q.getColumn(9).getInt64());
        r.updated_at = from_seconds(q.getColumn(10).getInt64());
        if (!q.getColumn(11).isNull()) r.key = q.getColumn(11).getString();
        return r;
    }

    static TimerRecord read_timer(SQLite::Statement& q) {
        return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                q.getColumn(3).getString(), q.getColumn(4).getString(), from_seconds(q.getColumn(5).getInt64())};
    }

    static EventRecord read_event(SQLite::Statement& q) {
        EventRecord e;
        e.seq = q.getColumn(0).getInt64();
        e.case_id = q.getColumn(1).getInt64();
        e.at = from_seconds(q.getColumn(2).getInt64());
        e.actor = q.getColumn(3).getString();
        e.role = q.getColumn(4).getString();
        e.type = q.getColumn(5).getString();
        e.from_state = q.getColumn(6).getString();
        e.to_state = q.getColumn(7).getString();
        e.payload = nlohmann::json::parse(q.getColumn(8).getString());
        e.prev_hash = q.getColumn(9).getString();
        e.hash = q.getColumn(10).getString();
        return e;
    }

    struct ReadConnection {
        explicit ReadConnection(const std::filesystem::path& file)
            : db(file.string(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX),
              case_query(db, "SELECT id, regency, workflow_id, workflow_version, state, status, result, data, version, "
                             "created_at, updated_at, case_key FROM cases WHERE id = ?"),
              tasks_query(db, "SELECT id, case_id, state, title, roles, assignee, opened_at, due_at FROM tasks WHERE "
                              "case_id = ? AND status = 'open' ORDER BY id") {
            db.setBusyTimeout(10'000);
            // Point reads of hot cases: a small cache each, since a server
            // holds one connection per thread (memory budget, DESIGN.md 8).
            db.exec("PRAGMA cache_size=-512");
        }
        SQLite::Database db;
        SQLite::Statement case_query;
        SQLite::Statement tasks_query;
    };

    ReadConnection& read_connection() {
        std::lock_guard lock(readers_mutex_);
        auto& reader = readers_[std::this_thread::get_id()];
        if (!reader) reader = std::make_unique<ReadConnection>(file_);
        return *reader;
    }

    std::filesystem::path file_;
    ListTuning tuning_;
    std::mutex readers_mutex_;
    std::unordered_map<std::thread::id, std::unique_ptr<ReadConnection>> readers_;
    SQLite::Database db_;
    SqliteCaseIndex index_{db_};
    SqliteCaseSearch search_{db_};
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> control_statements_;
    int depth_ = 0;
    std::optional<ChainHead> head_;
    bool head_dirty_ = false;
    std::set<std::pair<std::string, int>> pinned_;  // definitions known to be stored
    struct FewRowsSeen {
        bool few = false;
        std::chrono::steady_clock::time_point at;
    };
    std::unordered_map<std::string, FewRowsSeen> few_rows_seen_;  // few_rows' recent answers
    // Text rows written in the open transaction, not yet in the text index.
    // FTS5 writes its pending terms to disk at every SAVEPOINT, and an
    // import or a batch of advances opens one per case: a segment per case,
    // then merges of them (15% of an import's time). So the rows wait for
    // the commit, or for a query that reads the index, each with the
    // savepoint level that wrote it, so that a rolled-back savepoint drops
    // its own rows.
    struct PendingSearch {
        int depth = 0;
        SearchRow row;
    };
    std::vector<PendingSearch> pending_search_;

    // Rows written into the index inside a savepoint (a query there
    // flushed them), with the level they were written at: if it rolls
    // back, the rows queued by enclosing levels must wait again.
    struct FlushedSearch {
        int at = 0;
        PendingSearch pending;
    };
    std::vector<FlushedSearch> flushed_in_savepoints_;

    void flush_search() {
        if (pending_search_.empty()) return;
        std::vector<PendingSearch> rows;
        rows.swap(pending_search_);
        // Remembered before writing: a write that throws inside a savepoint
        // is undone with it, and its rows wait again. At the outer level
        // the transaction rolls back whole.
        if (depth_ > 1)
            for (const auto& pending : rows) flushed_in_savepoints_.push_back({depth_, pending});
        for (const auto& pending : rows) search_.write(pending.row);
    }

    // After a rollback to depth_: the rolled-back part's rows go; rows of
    // enclosing levels that it had written into the index (undone with it)
    // wait again, ahead of the rest, in the order they were written.
    void restore_search_rows() {
        std::vector<PendingSearch> again;
        std::erase_if(flushed_in_savepoints_, [&](FlushedSearch& flushed) {
            if (flushed.at <= depth_) return false;
            if (flushed.pending.depth <= depth_) again.push_back(std::move(flushed.pending));
            return true;
        });
        std::erase_if(pending_search_, [this](const PendingSearch& pending) { return pending.depth > depth_; });
        pending_search_.insert(pending_search_.begin(), std::make_move_iterator(again.begin()),
                               std::make_move_iterator(again.end()));
    }

    // Regencies whose cases the open transaction wrote (a rolled-back
    // savepoint's too: counting a change that did not happen only makes a
    // cache read again).
    std::set<std::string> touched_;

    void touch(const std::string& regency) {
        touched_.insert(regency);
        if (depth_ == 0) count_changes();  // autocommit
    }

    // One more change for each regency touched, in the committing transaction.
    void count_changes() {
        for (const auto& regency : touched_) {
            auto q = statement(
                "INSERT INTO case_changes (regency, version) VALUES (?, 1) "
                "ON CONFLICT (regency) DO UPDATE SET version = version + 1");
            q.bind(1, regency);
            q.exec();
        }
        touched_.clear();
    }
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file, StoreOptions options) {
    return std::make_unique<SqliteStore>(file, options);
}

}  // namespace tata
