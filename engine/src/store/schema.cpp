#include "store/schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>
#include <string>

namespace tata {

const std::vector<std::string_view>& schema_migrations() {
    static const std::vector<std::string_view> migrations = {
        // 1: cases, tasks, timers, the audit chain, incidents, pinned definitions.
        R"sql(
        CREATE TABLE workflow_definitions (
            workflow_id TEXT NOT NULL,
            version     INTEGER NOT NULL,
            sha256      TEXT NOT NULL,
            source      TEXT NOT NULL,
            PRIMARY KEY (workflow_id, version)
        );
        CREATE TABLE cases (
            id               INTEGER PRIMARY KEY,
            regency          TEXT NOT NULL,
            workflow_id      TEXT NOT NULL,
            workflow_version INTEGER NOT NULL,
            state            TEXT NOT NULL,
            -- ORs, not IN (...): an IN list costs a temporary table on every UPDATE.
            status           TEXT NOT NULL CHECK (status = 'active' OR status = 'incident' OR status = 'completed'),
            result           TEXT NOT NULL DEFAULT '',
            data             TEXT NOT NULL,
            version          INTEGER NOT NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflow_definitions (workflow_id, version)
        );
        CREATE INDEX cases_by_workflow ON cases (regency, workflow_id, state);
        CREATE TABLE tasks (
            id        INTEGER PRIMARY KEY,
            case_id   INTEGER NOT NULL REFERENCES cases (id),
            state     TEXT NOT NULL,
            title     TEXT NOT NULL,
            roles     TEXT NOT NULL,
            assignee  TEXT NOT NULL DEFAULT '',
            opened_at INTEGER NOT NULL,
            due_at    INTEGER,
            status    TEXT NOT NULL DEFAULT 'open',
            closed_at INTEGER,
            closed_by TEXT
        );
        CREATE INDEX open_tasks_by_case ON tasks (case_id) WHERE status = 'open';
        -- AUTOINCREMENT: ids never come back, so a timer run can tell the
        -- timers it found from the ones it sets itself.
        CREATE TABLE timers (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases (id),
            task_id INTEGER NOT NULL DEFAULT 0,
            state   TEXT NOT NULL,
            kind    TEXT NOT NULL CHECK (kind = 'due' OR kind = 'wait'),
            due_at  INTEGER NOT NULL
        );
        CREATE INDEX timers_by_due ON timers (due_at);
        CREATE INDEX timers_by_case ON timers (case_id);
        CREATE TABLE events (
            seq        INTEGER PRIMARY KEY,
            case_id    INTEGER NOT NULL,
            at         INTEGER NOT NULL,
            actor      TEXT NOT NULL,
            role       TEXT NOT NULL,
            type       TEXT NOT NULL,
            from_state TEXT NOT NULL,
            to_state   TEXT NOT NULL,
            payload    TEXT NOT NULL,
            prev_hash  TEXT NOT NULL,
            hash       TEXT NOT NULL
        );
        CREATE INDEX events_by_case ON events (case_id, seq);
        -- The newest link of the chain, so that removing events from the end
        -- is detected too.
        CREATE TABLE audit_head (
            id   INTEGER PRIMARY KEY CHECK (id = 1),
            seq  INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE incidents (
            id          INTEGER PRIMARY KEY,
            case_id     INTEGER NOT NULL REFERENCES cases (id),
            opened_at   INTEGER NOT NULL,
            state       TEXT NOT NULL,
            action      TEXT NOT NULL,
            message     TEXT NOT NULL,
            resolved_at INTEGER,
            resolved_by TEXT
        );
        CREATE INDEX incidents_by_case ON incidents (case_id);
        )sql",
        // 2: a business key per case (a worker's NIK), unique per regency and workflow.
        R"sql(
        ALTER TABLE cases ADD COLUMN case_key TEXT;
        CREATE UNIQUE INDEX cases_by_key ON cases (regency, workflow_id, case_key) WHERE case_key IS NOT NULL;
        )sql",
        // 3: inboxes list open tasks by due date.
        R"sql(
        CREATE INDEX open_tasks_by_due ON tasks (due_at, id) WHERE status = 'open';
        )sql",
        // 4: searches by name or NIK through a text index. One row per case
        // (rowid = case id; store/search_text.hpp says what it holds); the
        // trigram tokenizer makes any substring of three characters an
        // index lookup. Case-sensitive because the text is folded before it
        // is stored (SQLite 3.40 cannot remove accents in the trigram
        // tokenizer), and GLOB, which the index serves, is case-sensitive.
        // (Migration 6 remakes it with positions.)
        R"sql(
        CREATE VIRTUAL TABLE case_search USING fts5(text, tokenize = 'trigram case_sensitive 1', detail = none);
        CREATE TABLE case_search_fields (
            workflow_id TEXT PRIMARY KEY,
            fields      TEXT NOT NULL
        );
        -- An inbox reads open tasks in the order it shows them (undated
        -- last), a page at a time, instead of sorting all of a regency's.
        CREATE INDEX open_tasks_by_deadline ON tasks (due_at IS NULL, due_at, id) WHERE status = 'open';
        -- A regency's cases, and those of one of its workflows, in case
        -- number order (an index orders equal keys by rowid): a page of a
        -- list without sorting the regency.
        CREATE INDEX cases_by_regency ON cases (regency);
        CREATE INDEX cases_by_regency_workflow ON cases (regency, workflow_id);
        )sql",
        // 5: a search of digits finds the numbers that start with them (a
        // NIK by its first digits) through a B-tree of every number in the
        // searched values: digit trigrams are too few (a thousand) to narrow
        // a 16-digit NIK down in the text index. store/case_search.hpp
        // fills it, for the cases already there too.
        R"sql(
        -- By regency, then number: a search of a regency's cases of any
        -- workflow is one range too (the workflow is checked within it).
        CREATE TABLE case_search_numbers (
            regency     TEXT NOT NULL,
            number      TEXT NOT NULL,
            workflow_id TEXT NOT NULL,
            case_id     INTEGER NOT NULL,
            PRIMARY KEY (regency, number, workflow_id, case_id)
        ) WITHOUT ROWID;
        -- How many committed transactions wrote a case of each regency: a
        -- derived result (the ranking) is kept while this stays, whichever
        -- process wrote.
        CREATE TABLE case_changes (
            regency TEXT PRIMARY KEY,
            version INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- Each case's nearest due date of its open tasks (NULL: none dated),
        -- kept by triggers in the transaction that changes a task: a queue
        -- in deadline order (nearest first, undated last, newest first on
        -- a tie) reads these indexes in order, a page at a time, instead
        -- of computing and sorting every case's date. Apart from `cases`,
        -- so that a task's change does not rewrite the case's row.
        CREATE TABLE case_deadlines (
            case_id     INTEGER PRIMARY KEY,
            regency     TEXT NOT NULL,
            workflow_id TEXT NOT NULL,
            next_due    INTEGER
        );
        INSERT INTO case_deadlines (case_id, regency, workflow_id, next_due)
            SELECT id, regency, workflow_id,
                   (SELECT min(due_at) FROM tasks WHERE tasks.case_id = cases.id AND tasks.status = 'open')
            FROM cases;
        CREATE INDEX case_deadlines_by_workflow ON case_deadlines (regency, workflow_id, next_due IS NULL, next_due, case_id DESC);
        CREATE INDEX case_deadlines_by_regency ON case_deadlines (regency, next_due IS NULL, next_due, case_id DESC);
        CREATE TRIGGER case_deadlines_new_case AFTER INSERT ON cases BEGIN
            INSERT INTO case_deadlines (case_id, regency, workflow_id) VALUES (NEW.id, NEW.regency, NEW.workflow_id);
        END;
        CREATE TRIGGER case_deadlines_gone_case AFTER DELETE ON cases BEGIN
            DELETE FROM case_deadlines WHERE case_id = OLD.id;
        END;
        CREATE TRIGGER case_deadlines_task_opened AFTER INSERT ON tasks BEGIN
            UPDATE case_deadlines SET next_due = (SELECT min(due_at) FROM tasks WHERE case_id = NEW.case_id AND status = 'open')
            WHERE case_id = NEW.case_id;
        END;
        CREATE TRIGGER case_deadlines_task_changed AFTER UPDATE OF status, due_at ON tasks BEGIN
            UPDATE case_deadlines SET next_due = (SELECT min(due_at) FROM tasks WHERE case_id = NEW.case_id AND status = 'open')
            WHERE case_id = NEW.case_id;
        END;
        -- A stage filter's counts (a workflow's cases by state, of one
        -- status) from the index alone, without reading each case's row.
        DROP INDEX cases_by_workflow;
        CREATE INDEX cases_by_workflow ON cases (regency, workflow_id, state, status);
        CREATE TRIGGER case_deadlines_task_gone AFTER DELETE ON tasks BEGIN
            UPDATE case_deadlines SET next_due = (SELECT min(due_at) FROM tasks WHERE case_id = OLD.case_id AND status = 'open')
            WHERE case_id = OLD.case_id;
        END;
        )sql",
        // 6: the text index keeps positions (detail=full): a search becomes
        // an FTS5 phrase query answered from the index alone, where the
        // GLOB of detail=none read every candidate's text again (a name in
        // one OPD of a regency: 4 to 10 times faster at 2.3 M cases, for an
        // index 3 times larger). Made empty here; the store refills it from
        // the cases when the workflows load (case_search_fields forgotten).
        R"sql(
        DROP TABLE case_search;
        CREATE VIRTUAL TABLE case_search USING fts5(text, tokenize = 'trigram case_sensitive 1', detail = full);
        DELETE FROM case_search_fields;
        )sql",
        // 7: the text index's rowids keep each regency's rows together
        // (store/search_rows.hpp): a search reads its regency's range of
        // each doclist instead of the whole country's. Refilled at load,
        // as in 6.
        R"sql(
        DROP TABLE case_search;
        CREATE VIRTUAL TABLE case_search USING fts5(text, tokenize = 'trigram case_sensitive 1', detail = full);
        CREATE TABLE case_search_regencies (
            regency TEXT PRIMARY KEY,
            number  INTEGER NOT NULL UNIQUE
        ) WITHOUT ROWID;
        DELETE FROM case_search_fields;
        )sql",
        // 8: cases may be withdrawn (run_migration_code widens the status
        // CHECK first); and the events of an operation that may be undone
        // as a whole (a roster import's batch: Actor::operation), found
        // without reading the chain. The operation is also in each event's
        // payload, which the chain's hashes cover; this is only its index.
        R"sql(
        CREATE TABLE operation_events (
            operation TEXT NOT NULL,
            seq       INTEGER NOT NULL,
            case_id   INTEGER NOT NULL,
            PRIMARY KEY (operation, seq)
        ) WITHOUT ROWID;
        )sql",
        // 9: an inbox sorted by when its tasks were opened (newest or
        // oldest first) reads them in that order, a page at a time, as the
        // deadline order reads open_tasks_by_deadline.
        R"sql(
        CREATE INDEX open_tasks_by_opened ON tasks (opened_at, id) WHERE status = 'open';
        )sql",
    };
    return migrations;
}

namespace {

// cases.status may also be 'withdrawn'. SQLite cannot ALTER a CHECK
// constraint; for a change every existing row already satisfies, its
// documented way ("Making Other Kinds Of Table Schema Changes",
// sqlite.org/lang_altertable.html) is to edit the table's SQL in
// sqlite_schema and bump schema_version in one transaction, instead of
// copying every case into a new table.
void allow_withdrawn_cases(SQLite::Database& db) {
    const int schema_version = db.execAndGet("PRAGMA schema_version").getInt();
    db.exec("PRAGMA writable_schema = ON");
    const int changed = db.exec(
        "UPDATE sqlite_schema SET sql = replace(sql, 'OR status = ''completed'')', "
        "'OR status = ''completed'' OR status = ''withdrawn'')') "
        "WHERE type = 'table' AND name = 'cases' AND sql LIKE '%OR status = ''completed'')%'");
    db.exec("PRAGMA schema_version = " + std::to_string(schema_version + 1));
    db.exec("PRAGMA writable_schema = OFF");
    if (changed != 1) throw std::runtime_error("migration 8: the cases table's status check was not found");
    const std::string check = db.execAndGet("PRAGMA quick_check(cases)").getString();
    if (check != "ok") throw std::runtime_error("migration 8: the cases table does not check: " + check);
}

}  // namespace

void run_migration_code(SQLite::Database& db, int number) {
    if (number == 8) allow_withdrawn_cases(db);
}

}  // namespace tata
