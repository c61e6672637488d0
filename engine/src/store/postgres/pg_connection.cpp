#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

namespace tata::pg {
namespace {

std::string trimmed(const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// Notices ("relation already exists, skipping") are the server talking
// to a person at a terminal; the store has nobody to show them to.
void ignore_notice(void*, const char*) {}

}  // namespace

void Result::Clear::operator()(pg_result* result) const { PQclear(result); }

Result::Result(pg_result* result) : result_(result) {}

int Result::rows() const { return result_ ? PQntuples(result_.get()) : 0; }

int Result::columns() const { return result_ ? PQnfields(result_.get()) : 0; }

bool Result::is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string_view Result::text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t Result::integer(int row, int column) const {
    const std::string_view value = text(row, column);
    std::int64_t out = 0;
    std::from_chars(value.data(), value.data() + value.size(), out);
    return out;
}

double Result::number(int row, int column) const {
    // strtod: the server's float text ("1e+20", "Infinity") in the C
    // locale the engine runs in.
    return std::strtod(PQgetvalue(result_.get(), row, column), nullptr);
}

std::int64_t Result::affected() const {
    const char* count = PQcmdTuples(result_.get());
    return count && *count ? std::strtoll(count, nullptr, 10) : 0;
}

Connection::Connection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    if (!conn_) throw Error("PostgreSQL: out of memory while connecting", "");
    if (PQstatus(conn_) != CONNECTION_OK) {
        // The message names host and user, never the password.
        const std::string message = trimmed(PQerrorMessage(conn_));
        PQfinish(conn_);
        conn_ = nullptr;
        throw Error("cannot connect to PostgreSQL: " + message, "");
    }
    PQsetNoticeProcessor(conn_, &ignore_notice, nullptr);
    // Times are seconds since the epoch in BIGINT columns; text is UTF-8.
    exec("SET client_encoding = 'UTF8'");
}

Connection::~Connection() {
    if (conn_) PQfinish(conn_);
}

Result Connection::check(pg_result* raw, const std::string& sql) {
    Result result(raw);
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return result;
    const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = trimmed(raw ? PQresultErrorMessage(raw) : PQerrorMessage(conn_));
    if (message.empty()) message = trimmed(PQerrorMessage(conn_));
    // The statement, shortened: enough to find it in the source.
    const std::string head = sql.size() > 120 ? sql.substr(0, 120) + "..." : sql;
    throw Error("PostgreSQL: " + message + " (in: " + head + ")", state ? state : "");
}

Result Connection::exec(const std::string& sql) { return check(PQexec(conn_, sql.c_str()), sql); }

namespace {

std::vector<const char*> pointers(const Params& params) {
    std::vector<const char*> out;
    out.reserve(params.size());
    for (const auto& value : params.values()) out.push_back(value ? value->c_str() : nullptr);
    return out;
}

}  // namespace

Result Connection::run(const std::string& sql, const Params& params) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
        std::string name = "s" + std::to_string(prepared_.size() + 1);
        check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), sql);
        it = prepared_.emplace(sql, std::move(name)).first;
    }
    const auto values = pointers(params);
    return check(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                nullptr, 0),
                 sql);
}

Result Connection::run_once(const std::string& sql, const Params& params) {
    const auto values = pointers(params);
    return check(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0),
                 sql);
}

void Connection::forget_statements() {
    if (prepared_.empty()) return;
    exec("DEALLOCATE ALL");
    prepared_.clear();
}

bool Connection::lost() const { return PQstatus(conn_) != CONNECTION_OK; }

void Connection::reopen_if_lost() {
    if (!lost()) return;
    prepared_.clear();
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK)
        throw Error("lost the connection to PostgreSQL and cannot connect again: " + trimmed(PQerrorMessage(conn_)), "");
    exec("SET client_encoding = 'UTF8'");
}

}  // namespace tata::pg
