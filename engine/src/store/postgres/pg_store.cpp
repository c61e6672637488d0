// The PostgreSQL store: the same Store as the embedded SQLite one, for
// deployments where several `tata serve` nodes share one database server.
//
// Several writers on one database (nodes sharing it) take turns: every
// transaction takes one advisory lock first (begin, kWritersTurn), and
// holds it to its end. (Not a row's lock: an intruder who deletes the
// audit head must not stop every node.) So the transactions that write run one after another, in one
// order, cluster-wide, which gives
//   - no lost update: an advance reads its case after the previous writer
//     committed, and a version check against what the caller saw fails on
//     whichever node it reached (a Conflict, a 412);
//   - one audit chain, extended in commit order, a committed seq never
//     overtaken (the event feed relies on it);
//   - no deadlock between two writers: each waits for that one lock only.
// It also caps writes at one transaction at a time for the whole
// database, as one SQLite file does; one chain per regency would let
// regencies write side by side (the next step, and a different chain).
// A due timer fires once: the run that fires it deletes it first, in that
// transaction; another node's run then finds it gone (delete_timer false).
// Readers beside the writer (read_committed_case, the event feed, audit
// verification) use one connection per thread, as the SQLite store's do.
#include "store/audit_chain.hpp"
#include "store/epoch_seconds.hpp"
#include "store/postgres/pg_case_index.hpp"
#include "store/postgres/pg_case_query.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_schema.hpp"
#include "store/search_text.hpp"
#include "store/store.hpp"
#include "tata/database_location.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace tata {
namespace {

using pg::Params;
using pg::Result;


constexpr const char* kCaseColumns =
    "c.id, c.regency, c.workflow_id, c.workflow_version, c.state, c.status, c.result, c.data, c.version, "
    "c.created_at, c.updated_at, c.case_key";
constexpr const char* kTaskColumns = "t.id, t.case_id, t.state, t.title, t.roles, t.assignee, t.opened_at, t.due_at";
constexpr const char* kEventColumns = "seq, case_id, at, actor, role, type, from_state, to_state, payload, prev_hash, hash";

// Every column but the data (7).
CaseRecord read_case_columns(const Result& r, int row) {
    CaseRecord c;
    c.id = r.integer(row, 0);
    c.regency = r.string(row, 1);
    c.workflow_id = r.string(row, 2);
    c.workflow_version = static_cast<int>(r.integer(row, 3));
    c.state = r.string(row, 4);
    c.status = case_status_from_string(r.string(row, 5)).value_or(CaseStatus::active);
    c.result = r.string(row, 6);
    c.version = r.integer(row, 8);
    c.created_at = from_seconds(r.integer(row, 9));
    c.updated_at = from_seconds(r.integer(row, 10));
    if (!r.is_null(row, 11)) c.key = r.string(row, 11);
    return c;
}

CaseRecord read_case(const Result& r, int row) {
    CaseRecord c = read_case_columns(r, row);
    c.data = nlohmann::json::parse(r.text(row, 7));
    return c;
}

// Columns first..first+7: id, case_id, state, title, roles, assignee, opened_at, due_at.
TaskRecord read_task(const Result& r, int row, int first = 0) {
    TaskRecord t;
    t.id = r.integer(row, first);
    t.case_id = r.integer(row, first + 1);
    t.state = r.string(row, first + 2);
    t.title = r.string(row, first + 3);
    t.roles = nlohmann::json::parse(r.text(row, first + 4)).get<std::vector<std::string>>();
    t.assignee = r.string(row, first + 5);
    t.opened_at = from_seconds(r.integer(row, first + 6));
    if (!r.is_null(row, first + 7)) t.due_at = from_seconds(r.integer(row, first + 7));
    return t;
}

TimerRecord read_timer(const Result& r, int row) {
    return {r.integer(row, 0), r.integer(row, 1), r.integer(row, 2), r.string(row, 3), r.string(row, 4),
            from_seconds(r.integer(row, 5))};
}

EventRecord read_event(const Result& r, int row) {
    EventRecord e;
    e.seq = r.integer(row, 0);
    e.case_id = r.integer(row, 1);
    e.at = from_seconds(r.integer(row, 2));
    e.actor = r.string(row, 3);
    e.role = r.string(row, 4);
    e.type = r.string(row, 5);
    e.from_state = r.string(row, 6);
    e.to_state = r.string(row, 7);
    e.payload = nlohmann::json::parse(r.text(row, 8));
    e.prev_hash = r.string(row, 9);
    e.hash = r.string(row, 10);
    return e;
}

std::string layout_text(const SearchLayout& layout) {
    return nlohmann::json{{"fields", layout.fields}, {"filters", layout.filters}}.dump();
}

// The advisory lock every writing transaction holds (any number of our
// own; PostgreSQL scopes it to the database).
constexpr std::int64_t kWritersTurn = 7306120212;

class PgStore final : public Store {
public:
    // StoreOptions::synchronous_full has nothing to choose here: a commit
    // always waits for the server's WAL flush (PostgreSQL's default,
    // synchronous_commit = on). Turned off, a crash of the database server
    // would lose commits that nodes had already acknowledged to people.
    PgStore(std::string conninfo, StoreOptions) : conninfo_(std::move(conninfo)), db_(conninfo_) { pg::migrate(db_); }

    void begin() override {
        if (depth_ == 0) {
            // A connection the server dropped (a restart, a failover) is
            // opened again between transactions, never inside one: BEGIN is
            // the first statement to find it gone, and nothing is lost by
            // sending it again.
            db_.reopen_if_lost();
            // READ COMMITTED said, not assumed: the head is read after the
            // writers' lock below, which a snapshot taken before the wait (a
            // server whose default is REPEATABLE READ) would not show.
            const std::string begin = "BEGIN ISOLATION LEVEL READ COMMITTED";
            try {
                db_.run(begin);
            } catch (const pg::Error&) {
                if (!db_.lost()) throw;
                db_.reopen_if_lost();
                db_.run(begin);
            }
            // The writers' turn (see the top of this file).
            db_.run("SELECT pg_advisory_xact_lock(" + std::to_string(kWritersTurn) + ")");
            head_.reset();
        } else {
            db_.run("SAVEPOINT s" + std::to_string(depth_));
        }
        ++depth_;
    }

    void commit() override {
        if (depth_ == 0) throw std::logic_error("commit without a transaction");
        if (depth_ == 1) {
            write_audit_head();
            count_changes();
        }
        --depth_;
        if (depth_ == 0) {
            head_.reset();  // the lock on the head goes with the commit
            db_.run("COMMIT");
        } else {
            db_.run("RELEASE SAVEPOINT s" + std::to_string(depth_));
        }
    }

    // Never throws: it runs from StoreTransaction's destructor. If the
    // server cannot be told (the connection is gone), the server has
    // rolled the transaction back itself; the next begin() reconnects.
    void rollback() override {
        if (depth_ == 0) return;
        head_.reset();  // re-read from the events (the lock is still held)
        pinned_.clear();
        --depth_;
        try {
            if (depth_ == 0) {
                head_dirty_ = false;
                touched_.clear();
                db_.exec("ROLLBACK");
            } else {
                const std::string name = "s" + std::to_string(depth_);
                db_.exec("ROLLBACK TO SAVEPOINT " + name);
                db_.exec("RELEASE SAVEPOINT " + name);
            }
        } catch (const std::exception&) {
            // The whole transaction goes, on a connection still there too:
            // nothing of it may linger under the next begin().
            try {
                if (!db_.lost()) db_.exec("ROLLBACK");
            } catch (const std::exception&) {  // the server ends it with the session
            }
            depth_ = 0;
            head_dirty_ = false;
            touched_.clear();
        }
    }

    int transaction_depth() const override { return depth_; }

    std::int64_t data_version(const std::string& regency) override {
        const Result r = db_.run("SELECT version FROM case_changes WHERE regency = $1", Params().text(regency));
        return r.rows() ? r.integer(0, 0) : 0;
    }

    std::optional<CaseId> insert_case(const CaseRecord& r) override {
        Params params;
        params.text(r.regency).text(r.workflow_id).integer(r.workflow_version).text(r.state).text(to_string(r.status));
        params.text(r.result).text(r.data.dump()).integer(r.version).integer(seconds(r.created_at));
        params.integer(seconds(r.updated_at));
        if (r.key.empty()) params.null();
        else params.text(r.key);
        // A taken key is no error here: an error would abort the whole
        // transaction (a batch of an import), where SQLite's fails alone.
        const Result inserted = db_.run(
            "INSERT INTO cases (regency, workflow_id, workflow_version, state, status, result, data, version, created_at, "
            "updated_at, case_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
            "ON CONFLICT (regency, workflow_id, case_key) WHERE case_key IS NOT NULL DO NOTHING RETURNING id",
            params);
        if (inserted.rows() == 0) return std::nullopt;
        touch(r.regency);
        return inserted.integer(0, 0);
    }

    std::optional<CaseId> find_case_by_key(const std::string& regency, const std::string& workflow_id,
                                           const std::string& key) override {
        const Result r = db_.run("SELECT id FROM cases WHERE regency = $1 AND workflow_id = $2 AND case_key = $3",
                                 Params().text(regency).text(workflow_id).text(key));
        if (r.rows() == 0) return std::nullopt;
        return r.integer(0, 0);
    }

    void release_key(CaseId id) override {
        db_.run("UPDATE cases SET case_key = NULL WHERE id = $1", Params().integer(id));
    }

    std::optional<CaseRecord> load_case(CaseId id) override {
        const Result r = db_.run(std::string("SELECT ") + kCaseColumns + " FROM cases c WHERE c.id = $1", Params().integer(id));
        if (r.rows() == 0) return std::nullopt;
        CaseRecord record = read_case(r, 0);
        record.open_tasks = open_tasks(db_, id);
        return record;
    }

    std::optional<StoredCase> read_committed_stored_case(CaseId id) override {
        pg::Connection& reader = read_connection();
        const Result r = reader.run(std::string("SELECT ") + kCaseColumns + " FROM cases c WHERE c.id = $1",
                                    Params().integer(id));
        if (r.rows() == 0) return std::nullopt;
        StoredCase stored{read_case_columns(r, 0), r.string(0, 7)};
        stored.record.data = nullptr;
        stored.record.open_tasks = open_tasks(reader, id);
        return stored;
    }

    void update_case(const CaseRecord& r) override {
        const Result updated = db_.run(
            "UPDATE cases SET state = $1, status = $2, result = $3, data = $4, version = $5, updated_at = $6 WHERE id = $7",
            Params()
                .text(r.state)
                .text(to_string(r.status))
                .text(r.result)
                .text(r.data.dump())
                .integer(r.version)
                .integer(seconds(r.updated_at))
                .integer(r.id));
        if (updated.affected() != 1) throw std::runtime_error("case " + std::to_string(r.id) + " vanished during an update");
        touch(r.regency);
    }

    std::vector<CaseRecord> list_cases(const CaseFilter& filter) override {
        const pg::Sql sql = pg::case_list_sql(filter, kCaseColumns, text_fields());
        const Result r = db_.run_once(sql.text, sql.params);
        std::vector<CaseRecord> out;
        for (int row = 0; row < r.rows(); ++row) out.push_back(read_case(r, row));
        for (auto& record : out) record.open_tasks = open_tasks(db_, record.id);
        return out;
    }

    std::size_t count_cases(const CaseFilter& filter, std::size_t cap) override {
        const pg::Sql sql = pg::case_count_sql(filter, cap, text_fields());
        return static_cast<std::size_t>(db_.run_once(sql.text, sql.params).integer(0, 0));
    }

    std::vector<std::pair<std::string, std::size_t>> count_cases_by_state(const CaseFilter& filter) override {
        const pg::Sql sql = pg::case_states_sql(filter, text_fields());
        const Result r = db_.run_once(sql.text, sql.params);
        std::vector<std::pair<std::string, std::size_t>> out;
        for (int row = 0; row < r.rows(); ++row) out.emplace_back(r.string(row, 0), static_cast<std::size_t>(r.integer(row, 1)));
        return out;
    }

    std::vector<TaskListing> list_open_tasks(const TaskFilter& filter) override { return list_tasks(filter, false).first; }

    TaskCount count_open_tasks(const TaskFilter& filter, std::size_t cap) override {
        const pg::Sql sql = pg::task_count_sql(filter, cap, text_fields());
        return {static_cast<std::size_t>(db_.run_once(sql.text, sql.params).integer(0, 0)), true};
    }

    TaskPage open_task_page(const TaskFilter& filter, std::size_t cap) override {
        auto [tasks, all] = list_tasks(filter, true);
        TaskPage page;
        // Past the last page no row carries the number: count apart.
        page.count = tasks.empty() ? count_open_tasks(filter, cap) : TaskCount{std::min(all, cap), true};
        page.tasks = std::move(tasks);
        return page;
    }

    std::optional<TaskRecord> load_open_task(std::int64_t task_id) override {
        const Result r = db_.run(std::string("SELECT ") + kTaskColumns + " FROM tasks t WHERE t.id = $1 AND t.status = 'open'",
                                 Params().integer(task_id));
        if (r.rows() == 0) return std::nullopt;
        return read_task(r, 0);
    }

    void assign_task(std::int64_t task_id, const std::string& assignee) override {
        db_.run("UPDATE tasks SET assignee = $1 WHERE id = $2", Params().text(assignee).integer(task_id));
    }

    std::int64_t open_task(const TaskRecord& t) override {
        Params params;
        params.integer(t.case_id).text(t.state).text(t.title).text(nlohmann::json(t.roles).dump()).text(t.assignee);
        params.integer(seconds(t.opened_at));
        if (t.due_at) params.integer(seconds(*t.due_at));
        else params.null();
        return db_
            .run("INSERT INTO tasks (case_id, state, title, roles, assignee, opened_at, due_at) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                 params)
            .integer(0, 0);
    }

    void close_tasks(CaseId id, TimePoint at, const std::string& status, const std::string& by) override {
        db_.run("UPDATE tasks SET status = $1, closed_at = $2, closed_by = $3 WHERE case_id = $4 AND status = 'open'",
                Params().text(status).integer(seconds(at)).text(by).integer(id));
    }

    std::int64_t add_timer(const TimerRecord& t) override {
        return db_
            .run("INSERT INTO timers (case_id, task_id, state, kind, due_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                 Params().integer(t.case_id).integer(t.task_id).text(t.state).text(t.kind).integer(seconds(t.due_at)))
            .integer(0, 0);
    }

    void cancel_timers(CaseId id) override { db_.run("DELETE FROM timers WHERE case_id = $1", Params().integer(id)); }

    std::vector<TimerRecord> due_timers(TimePoint now, std::int64_t after_id, std::int64_t up_to_id,
                                        std::size_t limit) override {
        const Result r = db_.run(
            "SELECT id, case_id, task_id, state, kind, due_at FROM timers WHERE due_at <= $1 AND id > $2 AND id <= $3 "
            "ORDER BY id LIMIT $4",
            Params().integer(seconds(now)).integer(after_id).integer(up_to_id).integer(static_cast<std::int64_t>(limit)));
        std::vector<TimerRecord> out;
        for (int row = 0; row < r.rows(); ++row) out.push_back(read_timer(r, row));
        return out;
    }

    std::int64_t last_timer_id() override {
        // The sequence's last value: the highest id ever given, deleted or not.
        const Result r = db_.run("SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('timers', 'id')), 0)");
        return r.integer(0, 0);
    }

    std::vector<std::string> regencies_in_flight() override {
        const Result r =
            db_.run("SELECT DISTINCT regency FROM cases WHERE status IN ('active', 'incident') ORDER BY regency");
        std::vector<std::string> out;
        for (int row = 0; row < r.rows(); ++row) out.push_back(r.string(row, 0));
        return out;
    }

    std::optional<TimerRecord> load_timer(std::int64_t id) override {
        const Result r =
            db_.run("SELECT id, case_id, task_id, state, kind, due_at FROM timers WHERE id = $1", Params().integer(id));
        if (r.rows() == 0) return std::nullopt;
        return read_timer(r, 0);
    }

    bool delete_timer(std::int64_t id) override {
        return db_.run("DELETE FROM timers WHERE id = $1", Params().integer(id)).affected() == 1;
    }

    EventRecord append_event(EventRecord e) override {
        // Outside a transaction the append is one of its own: the lock on
        // the chain's head must last until the event is committed.
        if (depth_ == 0) {
            StoreTransaction own(*this);
            EventRecord appended = append_event(std::move(e));
            own.commit();
            return appended;
        }
        const ChainHead& last = chain_head();
        e.seq = last.seq + 1;
        e.prev_hash = last.hash;
        const std::string payload_text = e.payload.dump();
        e.hash = audit_event_hash(e, payload_text);
        db_.run(
            "INSERT INTO events (seq, case_id, at, actor, role, type, from_state, to_state, payload, prev_hash, hash) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            Params()
                .integer(e.seq)
                .integer(e.case_id)
                .integer(seconds(e.at))
                .text(e.actor)
                .text(e.role)
                .text(e.type)
                .text(e.from_state)
                .text(e.to_state)
                .text(payload_text)
                .text(e.prev_hash)
                .text(e.hash));
        if (const auto operation = e.payload.find("operation"); operation != e.payload.end() && operation->is_string())
            db_.run("INSERT INTO operation_events (operation, seq, case_id) VALUES ($1, $2, $3)",
                    Params().text(operation->get<std::string>()).integer(e.seq).integer(e.case_id));
        head_ = ChainHead{e.seq, e.hash};
        head_dirty_ = true;
        return e;
    }

    std::vector<EventRecord> events(CaseId id) override {
        return read_events(db_.run(std::string("SELECT ") + kEventColumns + " FROM events WHERE case_id = $1 ORDER BY seq",
                                   Params().integer(id)));
    }

    std::vector<EventRecord> operation_events(const std::string& operation) override {
        return read_events(db_.run(
            "SELECT e.seq, e.case_id, e.at, e.actor, e.role, e.type, e.from_state, e.to_state, e.payload, e.prev_hash, "
            "e.hash FROM operation_events o JOIN events e ON e.seq = o.seq WHERE o.operation = $1 ORDER BY o.seq",
            Params().text(operation)));
    }

    std::vector<EventRecord> committed_events_after(std::int64_t after_seq, std::size_t limit) override {
        return read_events(read_connection().run(
            std::string("SELECT ") + kEventColumns + " FROM events WHERE seq > $1 ORDER BY seq LIMIT $2",
            Params().integer(after_seq).integer(static_cast<std::int64_t>(limit))));
    }

    std::int64_t last_committed_event_seq() override {
        return read_connection().run("SELECT coalesce(max(seq), 0) FROM events").integer(0, 0);
    }

    // On a reader connection, in one snapshot: other nodes go on writing,
    // and the head read last must belong to the events read before it.
    AuditReport verify_audit(const std::vector<AuditAnchor>& anchors) override {
        pg::Connection& reader = read_connection();
        reader.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        try {
            AuditReport report = verify_chain(reader, anchors);
            reader.exec("COMMIT");
            return report;
        } catch (...) {
            try {
                reader.exec("ROLLBACK");
            } catch (const std::exception&) {  // the connection is gone; so is the snapshot
            }
            throw;
        }
    }

    static AuditReport verify_chain(pg::Connection& db, const std::vector<AuditAnchor>& anchors) {
        AuditChainVerifier verifier(anchors);
        // A chunk at a time: a national chain holds tens of millions.
        constexpr std::int64_t kChunk = 10'000;
        for (std::int64_t after = 0;;) {
            const Result r = db.run(std::string("SELECT ") + kEventColumns + " FROM events WHERE seq > $1 ORDER BY seq LIMIT $2",
                                     Params().integer(after).integer(kChunk));
            for (int row = 0; row < r.rows(); ++row) {
                EventRecord e;
                try {
                    e = read_event(r, row);
                } catch (const std::exception& ex) {  // e.g. a payload edited into invalid JSON
                    return verifier.broken_at(r.integer(row, 0), std::string("unreadable event: ") + ex.what());
                }
                if (!verifier.accept(e, r.string(row, 8))) return verifier.report();
                after = e.seq;
            }
            if (r.rows() < kChunk) break;
        }
        const Result h = db.run("SELECT seq, hash FROM audit_head WHERE id = 1");
        if (h.rows())
            verifier.check_head(h.integer(0, 0), h.string(0, 1));
        else
            verifier.check_head(0, audit_genesis_hash());
        return verifier.report();
    }

    std::int64_t open_incident(const IncidentRecord& i) override {
        return db_
            .run("INSERT INTO incidents (case_id, opened_at, state, action, message) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                 Params().integer(i.case_id).integer(seconds(i.opened_at)).text(i.state).text(i.action).text(i.message))
            .integer(0, 0);
    }

    std::vector<IncidentRecord> incidents(CaseId id) override {
        const Result r = db_.run(
            "SELECT id, case_id, opened_at, state, action, message, resolved_at IS NULL FROM incidents WHERE case_id = $1 "
            "ORDER BY id",
            Params().integer(id));
        std::vector<IncidentRecord> out;
        for (int row = 0; row < r.rows(); ++row)
            out.push_back({r.integer(row, 0), r.integer(row, 1), from_seconds(r.integer(row, 2)), r.string(row, 3),
                           r.string(row, 4), r.string(row, 5), r.text(row, 6) == "t"});
        return out;
    }

    void resolve_incidents(CaseId id, TimePoint at, const std::string& by) override {
        db_.run("UPDATE incidents SET resolved_at = $1, resolved_by = $2 WHERE case_id = $3 AND resolved_at IS NULL",
                Params().integer(seconds(at)).text(by).integer(id));
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
        const std::string wanted = layout_text(layout);
        const Result known = db_.run("SELECT fields FROM case_search_fields WHERE workflow_id = $1", Params().text(workflow_id));
        if (known.rows() && known.text(0, 0) == wanted) return;
        // First sight of the workflow, or its layout changed: its rows again.
        db_.run("DELETE FROM case_search WHERE workflow_id = $1", Params().text(workflow_id));
        constexpr std::int64_t kChunk = 20'000;  // cases read at a time
        for (std::int64_t after = 0;;) {
            const Result cases = db_.run(
                "SELECT id, regency, workflow_id, case_key, data FROM cases WHERE workflow_id = $1 AND id > $2 "
                "ORDER BY id LIMIT $3",
                Params().text(workflow_id).integer(after).integer(kChunk));
            for (int row = 0; row < cases.rows(); ++row) {
                CaseRecord record;
                record.id = cases.integer(row, 0);
                record.regency = cases.string(row, 1);
                record.workflow_id = cases.string(row, 2);
                if (!cases.is_null(row, 3)) record.key = cases.string(row, 3);
                record.data = nlohmann::json::parse(cases.text(row, 4));
                write_search(layout, record);
                after = record.id;
            }
            if (cases.rows() < kChunk) break;
        }
        db_.run("INSERT INTO case_search_fields (workflow_id, fields) VALUES ($1, $2) "
                "ON CONFLICT (workflow_id) DO UPDATE SET fields = EXCLUDED.fields",
                Params().text(workflow_id).text(wanted));
    }

    void write_search(const SearchLayout& layout, const CaseRecord& record) override {
        db_.run("INSERT INTO case_search (case_id, regency, workflow_id, text) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (case_id) DO UPDATE SET text = EXCLUDED.text WHERE case_search.text <> EXCLUDED.text",
                Params()
                    .integer(record.id)
                    .text(record.regency)
                    .text(record.workflow_id)
                    .text(search_text::of_case(record, layout.fields, layout.filters)));
    }

    void remember_definition(const std::string& id, int version, const std::string& sha256,
                             const std::string& source_text) override {
        if (pinned_.count({id, version})) return;
        db_.run("INSERT INTO workflow_definitions (workflow_id, version, sha256, source) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT DO NOTHING",
                Params().text(id).integer(version).text(sha256).text(source_text));
        pinned_.emplace(id, version);
    }

    std::optional<PinnedDefinition> pinned_definition(const std::string& id, int version) override {
        const Result r = db_.run("SELECT sha256, source FROM workflow_definitions WHERE workflow_id = $1 AND version = $2",
                                 Params().text(id).integer(version));
        if (r.rows() == 0) return std::nullopt;
        return PinnedDefinition{r.string(0, 0), r.string(0, 1)};
    }

private:
    struct ChainHead {
        std::int64_t seq = 0;
        std::string hash;
    };

    // The newest link: the newest event, read under the writers' turn and
    // cached between appends of a transaction (audit_head is written at
    // the commit only; after a savepoint rolled back it is read again).
    const ChainHead& chain_head() {
        if (!head_) {
            const Result r = db_.run("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
            head_ = r.rows() ? ChainHead{r.integer(0, 0), r.string(0, 1)} : ChainHead{0, audit_genesis_hash()};
        }
        return *head_;
    }

    void write_audit_head() {
        if (!head_dirty_) return;
        const ChainHead& last = chain_head();
        db_.run("INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) "
                "ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash",
                Params().integer(last.seq).text(last.hash));
        head_dirty_ = false;
    }

    std::pair<std::vector<TaskListing>, std::size_t> list_tasks(const TaskFilter& filter, bool counted) {
        const pg::Sql sql = pg::task_list_sql(
            filter, std::string(kTaskColumns) + ", c.regency, c.workflow_id, coalesce(c.case_key, ''), c.state", counted,
            text_fields());
        const Result r = db_.run_once(sql.text, sql.params);
        std::vector<TaskListing> out;
        std::size_t total = 0;
        for (int row = 0; row < r.rows(); ++row) {
            TaskListing listing;
            listing.task = read_task(r, row);
            listing.regency = r.string(row, 8);
            listing.workflow_id = r.string(row, 9);
            listing.case_key = r.string(row, 10);
            listing.case_state = r.string(row, 11);
            if (counted) total = static_cast<std::size_t>(r.integer(row, 12));
            out.push_back(std::move(listing));
        }
        return {std::move(out), total};
    }

    pg::TextFieldTable text_fields() {
        return [this](const std::string& workflow_id, const std::string& field) {
            return index_.text_field_table(workflow_id, field);
        };
    }

    static std::vector<TaskRecord> open_tasks(pg::Connection& db, CaseId id) {
        const Result r = db.run(std::string("SELECT ") + kTaskColumns +
                                    " FROM tasks t WHERE t.case_id = $1 AND t.status = 'open' ORDER BY t.id",
                                Params().integer(id));
        std::vector<TaskRecord> out;
        for (int row = 0; row < r.rows(); ++row) out.push_back(read_task(r, row));
        return out;
    }

    static std::vector<EventRecord> read_events(const Result& r) {
        std::vector<EventRecord> out;
        for (int row = 0; row < r.rows(); ++row) out.push_back(read_event(r, row));
        return out;
    }

    pg::Connection& read_connection() {
        std::lock_guard lock(readers_mutex_);
        auto& reader = readers_[std::this_thread::get_id()];
        if (!reader) reader = std::make_unique<pg::Connection>(conninfo_);
        reader->reopen_if_lost();
        return *reader;
    }

    void touch(const std::string& regency) {
        touched_.insert(regency);
        if (depth_ == 0) count_changes();
    }

    void count_changes() {
        for (const auto& regency : touched_)
            db_.run("INSERT INTO case_changes (regency, version) VALUES ($1, 1) "
                    "ON CONFLICT (regency) DO UPDATE SET version = case_changes.version + 1",
                    Params().text(regency));
        touched_.clear();
    }

    std::string conninfo_;
    pg::Connection db_;
    pg::CaseIndex index_{db_};
    std::mutex readers_mutex_;
    std::unordered_map<std::thread::id, std::unique_ptr<pg::Connection>> readers_;
    int depth_ = 0;
    std::optional<ChainHead> head_;
    bool head_dirty_ = false;
    std::set<std::pair<std::string, int>> pinned_;
    std::set<std::string> touched_;
};

}  // namespace

std::unique_ptr<Store> open_postgresql_store(const std::string& conninfo, StoreOptions options) {
    return std::make_unique<PgStore>(conninfo, options);
}

std::unique_ptr<Store> open_store(const std::string& location, StoreOptions options) {
    if (names_postgresql(location)) return open_postgresql_store(location, options);
    return open_sqlite_store(location, options);
}

}  // namespace tata
