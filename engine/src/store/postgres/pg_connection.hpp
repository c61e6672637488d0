// A thin RAII layer over libpq for the PostgreSQL store: one connection,
// its prepared statements (named after their SQL, prepared on first use),
// and results read as text. Values travel as text parameters; NULL is an
// empty optional. Errors carry the server's SQLSTATE so that callers can
// tell a serialization failure or a unique violation from a bug.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace tata::pg {

class Error : public std::runtime_error {
public:
    Error(const std::string& what, std::string sqlstate) : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
    // Five characters ("23505": unique violation), empty when the
    // connection itself failed.
    const std::string& sqlstate() const { return sqlstate_; }

private:
    std::string sqlstate_;
};

// Parameters of one statement, in order ($1, $2, ...).
class Params {
public:
    Params() = default;
    Params& text(std::string value) {
        values_.emplace_back(std::move(value));
        return *this;
    }
    Params& integer(std::int64_t value) { return text(std::to_string(value)); }
    Params& null() {
        values_.emplace_back(std::nullopt);
        return *this;
    }
    Params& optional_text(const std::optional<std::string>& value) {
        values_.push_back(value);
        return *this;
    }
    std::size_t size() const { return values_.size(); }
    const std::vector<std::optional<std::string>>& values() const { return values_; }

private:
    std::vector<std::optional<std::string>> values_;
};

class Result {
public:
    Result() = default;
    explicit Result(pg_result* result);
    Result(Result&&) noexcept = default;
    Result& operator=(Result&&) noexcept = default;

    int rows() const;
    int columns() const;
    bool is_null(int row, int column) const;
    std::string_view text(int row, int column) const;
    std::string string(int row, int column) const { return std::string(text(row, column)); }
    std::int64_t integer(int row, int column) const;
    double number(int row, int column) const;
    // Rows an INSERT, UPDATE or DELETE touched.
    std::int64_t affected() const;

private:
    struct Clear {
        void operator()(pg_result* result) const;
    };
    std::unique_ptr<pg_result, Clear> result_;
};

class Connection {
public:
    // A libpq connection string or URI (postgresql://...).
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // One or more statements without parameters (schema, BEGIN, ...).
    Result exec(const std::string& sql);
    // A statement with parameters, prepared once per connection and
    // reused: the SQL text is the statement's identity.
    Result run(const std::string& sql, const Params& params = {});
    // A statement with parameters run once (SQL built per call: lists).
    Result run_once(const std::string& sql, const Params& params = {});
    // Drops every prepared statement (after the schema changed shape).
    void forget_statements();
    // Whether the server dropped the connection (a restart, a failover,
    // pg_terminate_backend): libpq knows once a statement has failed on it.
    bool lost() const;
    // Connects again if it was lost; its prepared statements went with it.
    // Throws if it cannot.
    void reopen_if_lost();

private:
    Result check(pg_result* result, const std::string& sql);
    pg_conn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;  // SQL → statement name
};

}  // namespace tata::pg
