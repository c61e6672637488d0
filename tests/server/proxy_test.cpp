// The shipped nginx configuration (examples/deployment/nginx-tata.conf) in
// front of two real `tata serve` nodes, as docs/deployment.md deploys it:
// Debian's nginx accepts it, answers HTTPS (plain HTTP is sent there),
// passes requests to either node and on when one dies, and sets the
// X-Forwarded-For the nodes trust, so a client cannot choose the address
// the login throttle counts it by.
#include "serve_process.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <regex>
#include <thread>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

// A port nothing listens on now (nginx needs numbers in its config).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// Runs a shell command; its exit status and what it printed.
std::pair<int, std::string> shell(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string replaced(std::string text, const std::string& pattern, const std::string& with) {
    const std::string out = std::regex_replace(text, std::regex(pattern), with);
    REQUIRE(out != text);  // the shipped file still has what the test adapts
    return out;
}

// curl's HTTP status and body, over HTTPS to the proxy (its certificate
// is the test's own, hence -k).
struct Reply {
    int status = 0;
    std::string body;
};
Reply curl(const std::string& arguments) {
    const auto [code, out] = shell("curl -sk -o - -w '\\n%{http_code}' " + arguments);
    INFO(out);
    REQUIRE(code == 0);
    const auto cut = out.rfind('\n');
    return {std::stoi(out.substr(cut + 1)), out.substr(0, cut)};
}

}  // namespace

TEST_CASE("the shipped nginx configuration in front of two nodes: HTTPS, failover, and an X-Forwarded-For clients cannot set",
          "[server][proxy][process]") {
    REQUIRE(std::filesystem::exists("/usr/sbin/nginx"));  // scripts/setup-debian --tests installs nginx-light
    TempDir dir;
    const std::string db = test_database(dir);
    server::IdentityStore(db).add_user({"petugas", "62.03", "officer", "", "", ""}, ServerFixture::password());
    dir.write("node.yaml", "trusted_proxies: [127.0.0.1]\n");
    std::vector<ServeProcess> nodes;
    for (int n = 0; n < 2; ++n)
        nodes.push_back(start_serve(db, dir / ("node" + std::to_string(n) + ".log"), {"--config", (dir / "node.yaml").string()}));

    // The shipped file, with the test's nodes, ports and certificate.
    const auto [made, openssl] = shell("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=tata.test -keyout " +
                                       (dir / "tata.key").string() + " -out " + (dir / "tata.pem").string());
    INFO(openssl);
    REQUIRE(made == 0);
    const int http = free_port(), https = free_port();
    std::string site = read_text(source_dir() / "examples" / "deployment" / "nginx-tata.conf");
    site = replaced(site, R"((    server 10\.0\.0\.11:8080[^\n]*\n)(    server 10\.0\.0\.12[^\n]*\n)(    server 10\.0\.0\.13[^\n]*\n))",
                    "    server 127.0.0.1:" + std::to_string(nodes[0].port) + " max_fails=2 fail_timeout=10s;\n" +
                        "    server 127.0.0.1:" + std::to_string(nodes[1].port) + " max_fails=2 fail_timeout=10s;\n");
    site = replaced(site, R"(    listen 80;\n    listen \[::\]:80;)", "    listen 127.0.0.1:" + std::to_string(http) + ";");
    site = replaced(site, R"(    listen 443 ssl http2;\n    listen \[::\]:443 ssl http2;)",
                    "    listen 127.0.0.1:" + std::to_string(https) + " ssl http2;");
    site = replaced(site, R"(/etc/ssl/certs/tata\.example\.go\.id\.pem)", (dir / "tata.pem").string());
    site = replaced(site, R"(/etc/ssl/private/tata\.example\.go\.id\.key)", (dir / "tata.key").string());
    dir.write("tata.conf", site);
    const fs::path prefix = dir.path();
    dir.write("nginx.conf", "user root;\nworker_processes 1;\npid " + (prefix / "nginx.pid").string() +
                                ";\nerror_log " + (prefix / "error.log").string() +
                                ";\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n"
                                "  client_body_temp_path " + (prefix / "body").string() + ";\n"
                                "  proxy_temp_path " + (prefix / "proxy").string() + ";\n"
                                "  fastcgi_temp_path " + (prefix / "fastcgi").string() + ";\n"
                                "  uwsgi_temp_path " + (prefix / "uwsgi").string() + ";\n"
                                "  scgi_temp_path " + (prefix / "scgi").string() + ";\n"
                                "  include " + (prefix / "tata.conf").string() + ";\n}\n");
    const std::string nginx = "/usr/sbin/nginx -p " + prefix.string() + " -c " + (prefix / "nginx.conf").string();
    const auto [valid, checked] = shell(nginx + " -t");
    INFO(checked);
    REQUIRE(valid == 0);
    REQUIRE(shell(nginx).first == 0);  // it daemonises; stopped below with -s stop
    struct Stop {
        std::string nginx;
        ~Stop() { std::system((nginx + " -s stop > /dev/null 2>&1").c_str()); }
    } stop{nginx};
    const std::string base = "https://127.0.0.1:" + std::to_string(https);
    Reply health;
    for (int i = 0; i < 50 && health.status != 200; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        health = curl(base + "/healthz");
    }
    REQUIRE(health.status == 200);
    CHECK(json::parse(health.body)["status"] == "ok");

    // Plain HTTP is sent to HTTPS.
    const Reply plain = curl("http://127.0.0.1:" + std::to_string(http) + "/healthz");
    CHECK(plain.status == 301);

    // A client naming a new address in X-Forwarded-For each time is still
    // counted by its own: the proxy sets the header, the nodes trust only
    // it. Were the header believed, every attempt would be a new client
    // and none would ever be slowed. (How many pass first depends on the
    // store and the clock: on PostgreSQL the nodes share the counts; beside
    // a SQLite file each node counts its own, and an Argon2id check slower
    // than the 1 s wait after the fifth failure lets one more through.)
    const auto login = [&](const std::string& password, const std::string& claimed) {
        return curl("-X POST -H 'Content-Type: application/json' -H 'X-Forwarded-For: " + claimed + "' -d '" +
                    json{{"username", "petugas"}, {"password", password}}.dump() + "' " + base + "/api/v1/auth/login");
    };
    constexpr int kAttempts = 30;
    int failures = 0;
    while (failures < kAttempts && login("salah-salah-1", "203.0.113." + std::to_string(failures)).status == 401)
        ++failures;
    CHECK(failures >= server::LoginThrottle::kFreeFailuresPerPair);
    CHECK(failures < kAttempts);  // then 429, whatever address it claimed

    // One node dies: requests go on to the other.
    kill_serve(nodes[0].child);
    for (int i = 0; i < 6; ++i) CHECK(curl(base + "/healthz").status == 200);
    stop_serve(nodes[1].child, dir / "node1.log");
}
