// The tables' PostgreSQL connection: the store's libpq layer, with the
// `?`s of the shared SQL numbered as PostgreSQL wants them ($1, $2, ...).
#include <tata/tables.hpp>

#include "store/postgres/pg_connection.hpp"

#include <cstdio>
#include <unordered_map>

namespace tata::tables {
namespace {

// `?` outside quotes becomes $n. The tables' SQL has no `?` operator
// (jsonb's), so every other `?` is a placeholder.
std::string numbered(const std::string& sql) {
    std::string out;
    out.reserve(sql.size() + 8);
    int next = 0;
    char quote = 0;
    for (const char c : sql) {
        if (quote) {
            if (c == quote) quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$' + std::to_string(++next);
        } else {
            out += c;
        }
    }
    return out;
}

std::string hex_of(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + bytes.size() * 2);
    for (const unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

struct AddParam {
    pg::Params& params;
    void operator()(std::monostate) const { params.null(); }
    void operator()(std::int64_t value) const { params.integer(value); }
    void operator()(double value) const {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", value);
        params.text(text);
    }
    void operator()(const std::string& value) const { params.text(value); }
    void operator()(const Blob& value) const { params.text(hex_of(value.bytes)); }
};

class PostgresDatabase final : public Database {
public:
    explicit PostgresDatabase(const std::string& uri) : connection_(uri) { configure(); }

    Dialect dialect() const override { return Dialect::postgresql; }

    void exec(const std::string& sql) override {
        ready();
        connection_.exec(sql);
    }

    Rows query(const std::string& sql, const Values& values) override {
        const pg::Result result = execute(sql, values);
        std::vector<std::vector<std::optional<std::string>>> rows(static_cast<std::size_t>(result.rows()));
        const int columns = result.columns();
        for (int r = 0; r < result.rows(); ++r) {
            auto& row = rows[static_cast<std::size_t>(r)];
            row.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                if (result.is_null(r, c))
                    row.emplace_back();
                else
                    row.emplace_back(result.string(r, c));
            }
        }
        return Rows(std::move(rows), true);
    }

    std::int64_t run(const std::string& sql, const Values& values) override { return execute(sql, values).affected(); }

    void begin() override {
        // Said, not assumed: take_turns() reads a chain's head after the
        // lock wait, which a snapshot taken before it (a database whose
        // default is REPEATABLE READ) would not show.
        start("BEGIN ISOLATION LEVEL READ COMMITTED");
    }
    void begin_snapshot() override { start("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    void commit() override {
        in_transaction_ = false;
        connection_.exec("COMMIT");
    }
    void rollback() noexcept override {
        in_transaction_ = false;
        try {
            connection_.exec("ROLLBACK");
        } catch (...) {
            // The connection is gone, and the transaction with it.
        }
    }

private:
    // BEGIN is the first statement to find a connection the server dropped
    // (a restart, a failover) while it sat idle: sent again on a new one,
    // as nothing was lost.
    void start(const std::string& begin) {
        ready();
        try {
            connection_.exec(begin);
        } catch (const pg::Error&) {
            if (!connection_.lost()) throw;
            ready();
            connection_.exec(begin);
        }
        in_transaction_ = true;
    }

    // Outside a transaction, a connection the server dropped (a restart,
    // a failover) is opened again before the next statement; inside one,
    // the transaction is lost and its error goes to the caller.
    void ready() {
        if (in_transaction_ || !connection_.lost()) return;
        connection_.reopen_if_lost();
        statements_.clear();
        configure();
    }

    // As SQLite's busy timeout: wait a while for a lock, then fail rather
    // than hang a request; never leave a transaction open on a stalled node.
    void configure() {
        // BYTEA in the hex form Row::blob reads, whatever the server's default.
        connection_.exec("SET lock_timeout = '5s'; SET idle_in_transaction_session_timeout = '60s'; "
                         "SET bytea_output = 'hex'");
    }

    pg::Result execute(const std::string& sql, const Values& values) {
        ready();
        auto it = statements_.find(sql);
        if (it == statements_.end()) it = statements_.emplace(sql, numbered(sql)).first;
        pg::Params params;
        for (const Value& value : values) std::visit(AddParam{params}, value);
        return connection_.run(it->second, params);
    }

    pg::Connection connection_;
    std::unordered_map<std::string, std::string> statements_;  // shared SQL → PostgreSQL's
    bool in_transaction_ = false;
};

}  // namespace

std::unique_ptr<Database> open_postgresql(const std::string& uri) { return std::make_unique<PostgresDatabase>(uri); }

}  // namespace tata::tables
