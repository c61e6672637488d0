// The PostgreSQL server the tests of the PostgreSQL store run on: the one
// ctest started for the whole run (the postgresql fixture, whose folder is
// in the file TATA_TEST_STORE=postgresql:FILE names), or with
// TATA_TEST_STORE=postgresql alone one of this process's own, started on
// first use and stopped when the process ends. Each test gets a database
// of its own.
#include "support/test_support.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
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
    OwnServer() : file_(fs::temp_directory_path() / ("tata-pg-" + std::to_string(::getpid()))) {
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

// Runs one statement on the server's maintenance database.
void administer(const std::string& sql) {
    const std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(uri_of("postgres").c_str()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error(std::string("test PostgreSQL server: ") + PQerrorMessage(conn.get()));
    const std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
        throw std::runtime_error("test PostgreSQL server: " + sql + ": " + PQresultErrorMessage(result.get()));
}

}  // namespace

bool on_postgresql() {
    const char* store = std::getenv("TATA_TEST_STORE");
    return store && std::string_view(store).starts_with("postgresql");
}

std::string test_database(const TempDir& dir, const std::string& name) {
    if (!on_postgresql()) return (dir / name).string();
    static std::atomic<int> made{0};
    const std::string database = "t" + std::to_string(::getpid()) + "_" + std::to_string(++made);
    administer("CREATE DATABASE " + database);
    dir.on_remove([database] {
        try {
            administer("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (...) {  // the server goes at the end of the run anyway
        }
    });
    return uri_of(database);
}

}  // namespace tata::test
