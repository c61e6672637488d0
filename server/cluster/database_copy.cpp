#include "cluster/database_copy.hpp"

#include "documents/document_blobs.hpp"
#include "identity/identity_store.hpp"
#include "notify/outbox.hpp"
#include "privacy/personal_data_log.hpp"
#include "procurement/bid_store.hpp"
#include "ranking/round_snapshots.hpp"
#include "roster/import_batches.hpp"

#include <tata/database_location.hpp>
#include <tata/engine.hpp>
#include <tata/sha256.hpp>
#include <tata/tables.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <set>
#include <stdexcept>

namespace tata::server {
namespace {

struct TableToCopy {
    const char* name;
    const char* order;    // the source's order: ids ascending keep a chain's and a log's order
    bool in_access_log;   // in the access log's file, not the database's
};

// Parents before children, as the target's foreign keys want them.
constexpr TableToCopy kTables[] = {
    // The engine's (engine/src/store/schema.cpp).
    {"workflow_definitions", "workflow_id, version", false},
    {"cases", "id", false},
    {"tasks", "id", false},
    {"timers", "id", false},
    {"incidents", "id", false},
    {"events", "seq", false},
    {"audit_head", "id", false},
    {"operation_events", "operation, seq", false},
    {"case_changes", "regency", false},
    // IdentityStore's: users with their hashes, sessions, Idempotency-Key
    // answers, who uploaded which document.
    {"server_users", "id", false},
    {"server_sessions", "id", false},
    {"server_idempotency", "user_id, key", false},
    {"server_documents", "sha256, case_id, name", false},
    // The outbox's, BidStore's, ImportBatches' and RoundSnapshots'.
    {"notify_outbox", "id", false},
    {"notify_cursor", "id", false},
    {"procurement_bids", "package_id, vendor", false},
    {"procurement_imports", "name", false},
    {"import_batch", "id", false},
    {"ranking_frozen", "number", false},
    {"ranking_frozen_worker", "number, nik", false},
    // PersonalDataLog's; a subject row's place among its entry's is its rowid.
    {"privacy_access", "id", true},
    {"privacy_access_subjects", "rowid", true},
    {"privacy_access_heads", "regency", true},
};

// Rows a group writes into its own tables when it opens: replaced by the
// source's, not counted as the target being in use.
bool seeded_on_open(const std::string& table) { return table == "audit_head"; }

constexpr std::size_t kValuesPerInsert = 4000;  // well under libpq's 65,535 parameters

struct TargetColumn {
    std::string name;
    std::string type;     // information_schema's data_type
    bool identity = false;
    bool always = false;  // GENERATED ALWAYS: the target numbers it
};

std::vector<TargetColumn> target_columns(tables::Database& target, const std::string& table) {
    const tables::Rows rows = target.query(
        "SELECT column_name, data_type, is_identity, coalesce(identity_generation, '') FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
        {table});
    std::vector<TargetColumn> columns;
    for (std::size_t i = 0; i < rows.size(); ++i)
        columns.push_back({rows[i].text(0), rows[i].text(1), rows[i].text(2) == "YES", rows[i].text(3) == "ALWAYS"});
    if (columns.empty()) throw std::runtime_error("the target database has no table " + table);
    return columns;
}

std::vector<std::string> source_columns(SQLite::Database& source, const std::string& table) {
    SQLite::Statement info(source, "SELECT name FROM pragma_table_info(?)");
    info.bind(1, table);
    std::vector<std::string> names;
    while (info.executeStep()) names.push_back(info.getColumn(0).getString());
    return names;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// A source cell as the target column's type takes it. SQLite keeps any
// value in any column: one the target's type cannot hold as it is (text in
// an integer column, a blob in a text one) stops the copy, naming where,
// rather than arriving as 0 or cut short.
struct CellPlace {  // where a cell is, named only when it cannot be copied
    const std::string& table;
    const char* order;
    std::int64_t row;
    const std::string& column;
    std::string text() const {
        return "table " + table + ", row " + std::to_string(row) + " (by " + order + "), column " + column;
    }
};

tables::Value value_of(const SQLite::Column& cell, const std::string& target_type, const CellPlace& where) {
    const int type = cell.getType();
    if (type == SQLITE_NULL) return std::monostate{};
    if (target_type == "bytea") return tables::Blob{cell.getString()};
    const bool integer_target = target_type == "bigint" || target_type == "integer" || target_type == "smallint";
    if (integer_target && type != SQLITE_INTEGER)
        throw std::runtime_error(where.text() + " holds " + (type == SQLITE_TEXT ? "text" : "a non-integer value") +
                                 " where the target keeps an integer");
    if (integer_target) return cell.getInt64();
    if (target_type == "double precision" || target_type == "real") return cell.getDouble();
    if (type == SQLITE_BLOB) throw std::runtime_error(where.text() + " holds bytes where the target keeps text");
    return cell.getString();
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::string insert_statement(const std::string& table, const std::vector<std::string>& columns, std::size_t rows) {
    std::string one = "(";
    for (std::size_t i = 0; i < columns.size(); ++i) one += i ? ", ?" : "?";
    one += ")";
    std::string sql = "INSERT INTO " + table + " (" + joined(columns) + ") VALUES ";
    for (std::size_t i = 0; i < rows; ++i) sql += (i ? ", " : "") + one;
    return sql;
}

std::int64_t count_of(tables::Database& db, const std::string& table) {
    return db.query("SELECT count(*) FROM " + table)[0].integer(0);
}

// The highest id an AUTOINCREMENT table of the source ever gave (SQLite's
// sqlite_sequence), which may be above its rows' highest: a deleted timer's
// id must not come back on the target either.
std::int64_t source_sequence(SQLite::Database& source, const std::string& table) {
    if (!source.tableExists("sqlite_sequence")) return 0;
    SQLite::Statement seq(source, "SELECT seq FROM sqlite_sequence WHERE name = ?");
    seq.bind(1, table);
    return seq.executeStep() ? seq.getColumn(0).getInt64() : 0;
}

// Copies one table's rows; how many.
std::int64_t copy_table(SQLite::Database& source, tables::Database& target, const TableToCopy& table) {
    const std::string name = table.name;
    const auto targets = target_columns(target, name);
    if (!source.tableExists(name)) return 0;  // a group this deployment never opened
    const auto sources = source_columns(source, name);

    std::vector<std::string> columns;  // copied, in the target's order
    std::vector<std::string> types;
    for (const auto& column : targets) {
        if (column.always) continue;
        if (!has(sources, column.name))
            throw std::runtime_error("table " + name + ": the source has no column " + column.name +
                                     " (is it from a newer or older tata?)");
        columns.push_back(column.name);
        types.push_back(column.type);
    }
    for (const auto& column : sources) {
        const bool known = std::any_of(targets.begin(), targets.end(), [&](const TargetColumn& t) { return t.name == column; });
        if (!known) throw std::runtime_error("table " + name + ": the target has no column " + column + " to copy into");
    }

    if (seeded_on_open(name)) target.run("DELETE FROM " + name);
    SQLite::Statement read(source, "SELECT " + joined(columns) + " FROM " + name + " ORDER BY " + table.order);
    const std::size_t rows_per_insert = std::max<std::size_t>(1, kValuesPerInsert / columns.size());
    tables::Values values;
    std::size_t pending = 0;
    std::int64_t copied = 0;
    const auto flush = [&] {
        if (pending == 0) return;
        target.run(insert_statement(name, columns, pending), values);
        values.clear();
        pending = 0;
    };
    while (read.executeStep()) {
        ++copied;
        for (std::size_t i = 0; i < columns.size(); ++i)
            values.push_back(value_of(read.getColumn(static_cast<int>(i)), types[i], {name, table.order, copied, columns[i]}));
        if (++pending == rows_per_insert) flush();
    }
    flush();

    // The target's sequences go on after the copied ids.
    for (const auto& column : targets) {
        if (!column.identity || column.always) continue;
        const std::int64_t highest =
            std::max(target.query("SELECT coalesce(max(" + column.name + "), 0) FROM " + name)[0].integer(0),
                     source_sequence(source, name));
        if (highest > 0)
            target.query("SELECT setval(pg_get_serial_sequence(?, ?), ?)", {name, column.name, highest});
    }
    return copied;
}

// The access log's key, as its file holds it (hex digits and a newline).
std::optional<std::string> access_key_hex(const std::filesystem::path& database) {
    const auto path = privacy::access_key_path(database);
    if (!std::filesystem::exists(path)) return std::nullopt;
    std::ifstream in(path);
    std::string hex;
    in >> hex;
    std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool valid = hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](char c) {
                           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                       });
    if (!valid) throw std::runtime_error(path.string() + " does not hold an access-log key");
    return hex;
}

// Each document named in server_documents, read from the source's folder
// and checked against its name before it goes into the target.
void copy_documents(SQLite::Database& source, const std::filesystem::path& from, tables::Database& target,
                    DatabaseCopyReport& report) {
    if (!source.tableExists("server_documents")) return;
    DocumentBlobs files(from.string());
    SQLite::Statement names(source, "SELECT sha256, min(case_id), min(name) FROM server_documents GROUP BY sha256 ORDER BY sha256");
    while (names.executeStep()) {
        const std::string sha256 = names.getColumn(0).getString();
        const std::string which = "the document '" + names.getColumn(2).getString() + "' of case " +
                                  std::to_string(names.getColumn(1).getInt64()) + " (" + sha256 + ")";
        const auto bytes = files.read(sha256);
        if (!bytes) throw std::runtime_error(which + " is missing from " + from.string() + ".dokumen");
        if (sha256_hex(*bytes) != sha256) throw std::runtime_error(which + " is damaged: its bytes no longer match its name");
        target.run("INSERT INTO document_blobs (sha256, bytes) VALUES (?, ?)", {sha256, tables::Blob{*bytes}});
        ++report.documents;
        report.document_bytes += static_cast<std::int64_t>(bytes->size());
    }
}

// Every table of the source must be copied or be one the target makes
// for itself: a new table group nobody taught the copy about stops it
// here instead of staying behind.
void check_every_table_known(SQLite::Database& source, const std::string& what) {
    SQLite::Statement tables(source, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (tables.executeStep()) {
        const std::string name = tables.getColumn(0).getString();
        if (!has(copied_table_names(), name) && !derived_or_local_table(name))
            throw std::runtime_error(what + " holds a table tata db copy does not know: " + name);
    }
}

// Opening each group of tables brings it to this build's schema (and
// creates the groups a deployment never used), on either database.
void bring_to_this_version(const std::string& database) {
    prepare_database(database);
    IdentityStore{database};
    notify::Outbox{database};
    procurement::BidStore{database};
    privacy::PersonalDataLog{database};
    ranking::RoundSnapshots{database};
    roster::ImportBatches{database};
    DocumentBlobs{database};
}

// A target some deployment already uses: rows in a copied table (those a
// group writes when it opens aside), or, when `connections`, another
// connection (a node; not asked once this copy's own setup connections
// may still be closing).
void refuse_used_target(tables::Database& target, bool connections) {
    for (const auto& table : kTables) {
        if (seeded_on_open(table.name)) continue;
        const bool exists = target.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                         "current_schema() AND table_name = ?",
                                         {std::string(table.name)})[0]
                                .integer(0) > 0;
        if (!exists) continue;
        if (const std::int64_t there = count_of(target, table.name); there > 0)
            throw std::runtime_error("the target database is not empty: its table " + std::string(table.name) + " holds " +
                                     std::to_string(there) + " row(s); db copy fills only a new database");
    }
    if (!connections) return;
    const std::int64_t others =
        target.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")[0]
            .integer(0);
    if (others > 0)
        throw std::runtime_error(std::to_string(others) +
                                 " other connection(s) to the target database: stop the nodes before copying into it");
}

// SQLite's write lock on a file for as long as it lives; nothing is written.
class HeldWriteLock {
public:
    explicit HeldWriteLock(SQLite::Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    ~HeldWriteLock() {
        try {
            db_.exec("ROLLBACK");
        } catch (const std::exception&) {  // the connection closes next anyway
        }
    }
    HeldWriteLock(const HeldWriteLock&) = delete;
    HeldWriteLock& operator=(const HeldWriteLock&) = delete;

private:
    SQLite::Database& db_;
};

// The chain copied is the one verified: a writer between the verification
// and the lock (a server still running) stops the copy before it writes.
void check_same_head(SQLite::Database& source, const VerifiedHead& verified) {
    SQLite::Statement head(source, "SELECT seq, hash FROM audit_head WHERE id = 1");
    const bool found = head.executeStep();
    const std::int64_t seq = found ? head.getColumn(0).getInt64() : 0;
    if (seq != verified.seq || (seq > 0 && head.getColumn(1).getString() != verified.hash))
        throw std::runtime_error("the source's audit chain moved on after it was verified (event " + std::to_string(seq) +
                                 " instead of " + std::to_string(verified.seq) +
                                 "): is a server still writing to it? Stop it and copy again");
}

}  // namespace

const std::vector<std::string>& copied_table_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& table : kTables) out.emplace_back(table.name);
        return out;
    }();
    return names;
}

bool derived_or_local_table(const std::string& name) {
    static const std::set<std::string> known = {
        // Each group's schema version.
        "tata_schema", "server_schema", "notify_schema", "procurement_schema", "privacy_schema", "cluster_schema",
        "ranking_schema", "import_batch_schema", "document_blobs_schema", "login_throttle_schema",
        // The text index (FTS5 and its shadow tables) and what the store keeps beside it.
        "case_search", "case_search_data", "case_search_idx", "case_search_content", "case_search_docsize",
        "case_search_config", "case_search_fields", "case_search_numbers", "case_search_regencies",
        // The deadline queue (kept by triggers).
        "case_deadlines",
        // Copied apart, from files.
        "document_blobs", "privacy_key",
        // Each deployment's own: the login throttle, the generations of definitions.
        "login_failures", "login_throttle_key", "cluster_generations"};
    // SQLite's own tables, and each workflow's case index (idx_<workflow>).
    return known.count(name) > 0 || name.starts_with("sqlite_") || name.starts_with("idx_");
}

DatabaseCopyReport copy_database(const std::filesystem::path& from, const std::string& to, const VerifiedHead& source_head) {
    if (!names_postgresql(to)) throw std::runtime_error("--to must be a PostgreSQL database (postgresql://...)");
    if (names_postgresql(from.string()) || !std::filesystem::is_regular_file(from))
        throw std::runtime_error(from.string() + ": no such SQLite database file");
    {
        // Before anything is made there: a database in use is refused as it is.
        const auto target = tables::open(to);
        refuse_used_target(*target, true);
    }
    bring_to_this_version(from.string());
    bring_to_this_version(to);

    // Each source file's write lock for the whole copy (SQLite's IMMEDIATE):
    // one consistent view of both, which no writer can move on meanwhile.
    SQLite::Database source(from, SQLite::OPEN_READWRITE);
    SQLite::Database access_log(privacy::access_log_path(from), SQLite::OPEN_READWRITE);
    source.setBusyTimeout(10'000);
    access_log.setBusyTimeout(10'000);
    const HeldWriteLock hold_source(source);
    const HeldWriteLock hold_access_log(access_log);
    check_every_table_known(source, from.string());
    check_every_table_known(access_log, privacy::access_log_path(from).string());
    check_same_head(source, source_head);

    const auto target = tables::open(to);
    tables::Transaction write(*target);
    // No node may write the tables while they fill (a node started meanwhile waits).
    std::string locked = "LOCK TABLE document_blobs, privacy_key";
    for (const auto& table : kTables) locked += std::string(", ") + table.name;
    target->exec(locked + " IN EXCLUSIVE MODE");
    refuse_used_target(*target, false);
    DatabaseCopyReport report;
    for (const auto& table : kTables) {
        const std::int64_t copied = copy_table(table.in_access_log ? access_log : source, *target, table);
        const std::int64_t counted = count_of(*target, table.name);
        if (counted != copied)
            throw std::runtime_error("table " + std::string(table.name) + ": " + std::to_string(copied) +
                                     " row(s) read, " + std::to_string(counted) + " on the target");
        report.tables.push_back({table.name, counted});
    }
    if (const auto key = access_key_hex(from)) {
        target->run("DELETE FROM privacy_key");
        target->run("INSERT INTO privacy_key (id, key) VALUES (1, ?)", {*key});
        report.access_key_copied = true;
    }
    copy_documents(source, from, *target, report);
    write.commit();
    return report;
}

}  // namespace tata::server
