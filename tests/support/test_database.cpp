// The databases of the tests, on either store. The PostgreSQL server the
// tests of the PostgreSQL store run on: the one
// ctest started for the whole run (the postgresql fixture, whose folder is
// in the file TATA_TEST_STORE=postgresql:FILE names), or with
// TATA_TEST_STORE=postgresql alone one of this process's own, started on
// first use and stopped when the process ends. Each test gets a database
// of its own.
#include "support/test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>

namespace tata::test {
namespace {

std::string read_first_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

// This process's own server, when ctest started none.
class OwnServer {
public:
    // The file naming the server's folder is in a private folder of its
    // own: a name in /tmp another user could guess and plant a link at.
    OwnServer() : file_(marker_dir_ / "server") {
        run("start");
        host_ = read_first_line(file_);
        if (host_.empty()) throw std::runtime_error("the test PostgreSQL server did not start");
    }
    ~OwnServer() { run("stop"); }
    const std::string& host() const { return host_; }

private:
    void run(const std::string& verb) {
        const std::string command = "bash '" + (source_dir() / "tests/postgresql/pg-cluster").string() + "' " + verb + " '" +
                                    file_.string() + "'";
        if (std::system(command.c_str()) != 0 && verb == "start")
            throw std::runtime_error("cannot start the test PostgreSQL server: " + command);
    }
    TempDir marker_dir_;
    fs::path file_;
    std::string host_;
};

const std::string& server_host() {
    static const std::string host = [] {
        const std::string store = std::getenv("TATA_TEST_STORE");
        if (const auto colon = store.find(':'); colon != std::string::npos) {
            const std::string file = store.substr(colon + 1);
            std::string found = read_first_line(file);
            if (found.empty()) throw std::runtime_error("no test PostgreSQL server is named in " + file);
            return found;
        }
        static OwnServer own;
        return own.host();
    }();
    return host;
}

std::string uri_of(const std::string& database) { return "postgresql:///" + database + "?host=" + server_host() + "&user=tata"; }

// Runs SQL (one or more statements) on a database of the test server and
// returns the first column of the last statement's first row ("" if none).
std::string run_on(const std::string& uri, const std::string& sql) {
    const std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(uri.c_str()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error(std::string("test PostgreSQL server: ") + PQerrorMessage(conn.get()));
    const std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw std::runtime_error("test PostgreSQL server: " + sql + ": " + PQresultErrorMessage(result.get()));
    if (status != PGRES_TUPLES_OK || PQntuples(result.get()) == 0 || PQgetisnull(result.get(), 0, 0)) return "";
    return PQgetvalue(result.get(), 0, 0);
}

void administer(const std::string& sql) { run_on(uri_of("postgres"), sql); }

}  // namespace

bool on_postgresql() {
    const char* store = std::getenv("TATA_TEST_STORE");
    return store && std::string_view(store).starts_with("postgresql");
}

std::string test_database(const TempDir& dir, const std::string& name) {
    const fs::path file = dir / name;
    if (!on_postgresql()) return file.string();
    // The same database for the same folder and name, as the same file
    // would be: a test that opens its engine again finds its cases.
    static std::mutex mutex;
    static std::map<fs::path, std::string> made;
    static int count = 0;
    std::lock_guard lock(mutex);
    if (const auto known = made.find(file); known != made.end()) return uri_of(known->second);
    const std::string database = "t" + std::to_string(::getpid()) + "_" + std::to_string(++count);
    administer("CREATE DATABASE " + database);
    made.emplace(file, database);
    dir.on_remove([file, database] {
        try {
            administer("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (...) {  // the server goes at the end of the run anyway
        }
        std::lock_guard forget(mutex);
        made.erase(file);
    });
    return uri_of(database);
}

void sql_exec(const std::string& database, const std::string& sql) { sql_text(database, sql); }

std::string sql_text(const std::string& database, const std::string& sql) {
    if (database.starts_with("postgresql://")) return run_on(database, sql);
    SQLite::Database db(database, SQLite::OPEN_READWRITE);
    db.setBusyTimeout(10'000);  // the code under test may be writing
    // Statement by statement (sqlite3_prepare_v2 says where the next one
    // starts), keeping the first row of the last that returned one.
    std::string first_value;
    const char* next = sql.c_str();
    while (next && *next) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db.getHandle(), next, -1, &raw, &next) != SQLITE_OK)
            throw std::runtime_error("test SQL: " + std::string(sqlite3_errmsg(db.getHandle())) + ": " + sql);
        if (!raw) continue;  // only whitespace or a comment was left
        const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, &sqlite3_finalize);
        const int step = sqlite3_step(raw);
        if (step == SQLITE_ROW) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
            first_value = text ? text : "";
        } else if (step != SQLITE_DONE) {
            throw std::runtime_error("test SQL: " + std::string(sqlite3_errmsg(db.getHandle())) + ": " + sql);
        }
    }
    return first_value;
}

std::int64_t sql_integer(const std::string& database, const std::string& sql) {
    const std::string text = sql_text(database, sql);
    return text.empty() ? 0 : std::stoll(text);
}

}  // namespace tata::test
