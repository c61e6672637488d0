// Tables kept beside the engine's cases by the server and the procedures
// (users, sessions, the outbox, bids, import batches, ranking rounds), in
// whichever database the deployment chose: the SQLite file or PostgreSQL.
//
// Each group of tables opens its own connection and keeps its own schema
// version. Statements are written once, in the SQL both databases accept
// (`?` placeholders, `INSERT ... ON CONFLICT`, `RETURNING`); only the
// migrations are written per dialect, since their types differ.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tata::tables {

enum class Dialect { sqlite, postgresql };

// Bytes stored as they are (SQLite BLOB, PostgreSQL BYTEA).
struct Blob {
    std::string bytes;
};

// One value bound to a `?`, in order.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;
using Values = std::vector<Value>;

// One row of a result, its cells read as text (NULL: no value). Typed
// reads convert; a blob is read with blob().
class Row {
public:
    Row(const std::vector<std::optional<std::string>>& cells, bool hex_blobs) : cells_(&cells), hex_blobs_(hex_blobs) {}
    bool is_null(std::size_t column) const { return !(*cells_)[column]; }
    const std::string& text(std::size_t column) const;
    std::int64_t integer(std::size_t column) const;
    std::string blob(std::size_t column) const;

private:
    const std::vector<std::optional<std::string>>* cells_;
    bool hex_blobs_;
};

class Rows {
public:
    Rows() = default;
    Rows(std::vector<std::vector<std::optional<std::string>>> cells, bool hex_blobs)
        : cells_(std::move(cells)), hex_blobs_(hex_blobs) {}
    std::size_t size() const { return cells_.size(); }
    bool empty() const { return cells_.empty(); }
    Row operator[](std::size_t row) const { return Row(cells_[row], hex_blobs_); }

private:
    std::vector<std::vector<std::optional<std::string>>> cells_;
    bool hex_blobs_ = false;
};

// One connection. Not for two threads at once: each group of tables
// guards its own with a mutex, as it did its SQLite connection.
class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    // One or more statements without values (a migration).
    virtual void exec(const std::string& sql) = 0;
    // A statement with values for its `?`s, prepared once per connection.
    virtual Rows query(const std::string& sql, const Values& values = {}) = 0;
    // A statement that returns no rows; how many rows it changed.
    virtual std::int64_t run(const std::string& sql, const Values& values = {}) = 0;
    // A writing transaction: SQLite's IMMEDIATE, so that two processes on
    // one file take turns rather than fail at their first write.
    virtual void begin() = 0;
    // A reading transaction: one consistent view of every table, taking
    // no write lock (SQLite's DEFERRED, PostgreSQL's REPEATABLE READ).
    virtual void begin_snapshot() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
};

// Commits only when told to: leaving the scope early rolls back.
class Transaction {
public:
    enum class Kind { write, snapshot };
    explicit Transaction(Database& db, Kind kind = Kind::write) : db_(db) {
        if (kind == Kind::write)
            db_.begin();
        else
            db_.begin_snapshot();
    }
    ~Transaction() {
        if (!done_) db_.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        db_.commit();
        done_ = true;
    }

private:
    Database& db_;
    bool done_ = false;
};

// The database named by `location`: a postgresql:// (or postgres://) URI,
// otherwise an SQLite file, created when missing, in WAL mode with
// synchronous NORMAL and waiting up to 5 s for another writer.
std::unique_ptr<Database> open(const std::string& location);

// In a writing transaction: makes the group's writers on every node take
// turns until it ends (a PostgreSQL advisory lock, `lock` naming the
// group), as SQLite's IMMEDIATE does for every process on one file. For a
// chain whose next link depends on the last one read.
void take_turns(Database& db, std::int64_t lock);

// Migrations for one group of tables, per dialect: `[i]` moves the group
// from version i to i + 1.
struct Migrations {
    std::span<const char* const> sqlite;
    std::span<const char* const> postgresql;
};

// Brings the group to its newest version, kept in `schema_table`, in one
// transaction (on PostgreSQL under an advisory lock, so that nodes starting
// together migrate once); a database newer than this build is refused,
// naming `what` ("the server tables").
void migrate(Database& db, const std::string& schema_table, const Migrations& migrations, const std::string& what);

}  // namespace tata::tables
