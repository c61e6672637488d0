// The HTTP transport under attack, on the real server with raw sockets:
// slow and idle clients do not hold the workers, a body that did not arrive
// whole is never acted on, invalid UTF-8 and control characters are 400s
// naming the part, the access log stays one JSON line per request with NIKs
// masked, head limits answer 431, and the port is bound exclusively.
#include "server_fixture.hpp"

#include "app/listen_socket.hpp"

#include <catch2/catch.hpp>

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;
using Steady = std::chrono::steady_clock;

namespace {

Poco::Net::StreamSocket connect_to(const ServerFixture& f) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(f.port())));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    return socket;
}

void send_text(Poco::Net::StreamSocket& socket, const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) sent += static_cast<std::size_t>(socket.sendBytes(text.data() + sent, static_cast<int>(text.size() - sent)));
}

// Everything the server sends until it closes the connection.
std::string read_to_close(Poco::Net::StreamSocket& socket) {
    std::string answer;
    char buffer[4096];
    try {
        for (int got; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(got));
    } catch (const Poco::Exception&) {
        // a reset after the answer: what arrived is what counts
    }
    return answer;
}

// One answer on a kept-alive connection: the head, then Content-Length bytes.
std::string read_one(Poco::Net::StreamSocket& socket) {
    std::string answer;
    char c;
    while (answer.find("\r\n\r\n") == std::string::npos && socket.receiveBytes(&c, 1) == 1) answer += c;
    const auto at = answer.find("Content-Length: ");
    std::size_t length = at == std::string::npos ? 0 : std::stoul(answer.substr(at + 16));
    std::string body(length, '\0');
    std::size_t got = 0;
    while (got < length) {
        const int n = socket.receiveBytes(body.data() + got, static_cast<int>(length - got));
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    return answer + body.substr(0, got);
}

int status_of(const std::string& answer) { return answer.size() > 12 ? std::stoi(answer.substr(9, 3)) : 0; }

json body_of(const std::string& answer) {
    const auto at = answer.find("\r\n\r\n");
    REQUIRE(at != std::string::npos);
    return json::parse(answer.substr(at + 4));
}

std::string round_trip(const ServerFixture& f, const std::string& request) {
    auto socket = connect_to(f);
    send_text(socket, request);
    return read_to_close(socket);
}

std::string field_of(const std::string& answer) { return body_of(answer)["errors"][0]["field"]; }

const json kGrievance = {{"nama_pelapor", "Natalia"}, {"kategori", "lainnya"}, {"uraian", "gaji belum dibayar"}};

}  // namespace

TEST_CASE("64 trickling and 64 idle clients do not delay anyone else", "[server][transport]") {
    ServerFixture f([](server::ServerConfig& config) { config.threads = 4; });
    const CaseId id = f.worker_case(kWorkerNik);
    const std::string officer = f.token("officer");

    // 64 idle keep-alive connections, each after one answered request.
    std::vector<Poco::Net::StreamSocket> idle;
    for (int i = 0; i < 64; ++i) {
        idle.push_back(connect_to(f));
        send_text(idle.back(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        REQUIRE(status_of(read_one(idle.back())) == 200);
    }
    // 64 clients sending a request line, then a header byte at a time.
    std::vector<Poco::Net::StreamSocket> slow;
    for (int i = 0; i < 64; ++i) {
        slow.push_back(connect_to(f));
        send_text(slow.back(), "GET /api/v1/cases HTTP/1.1\r\nHost: x\r\nX-Lambat: ");
    }
    std::atomic<bool> done{false};
    std::thread trickle([&] {
        while (!done) {
            for (auto& s : slow) {
                try {
                    send_text(s, "a");
                } catch (const Poco::Exception&) {
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));

    for (int round = 0; round < 3; ++round) {
        auto started = Steady::now();
        CHECK(f.get("/healthz", "").status == 200);
        CHECK(Steady::now() - started < std::chrono::seconds(1));
        started = Steady::now();
        CHECK(f.get("/api/v1/cases/" + std::to_string(id), officer).status == 200);
        CHECK(Steady::now() - started < std::chrono::seconds(1));
    }
    // The idle ones are still served when they come back.
    send_text(idle.front(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(status_of(read_one(idle.front())) == 200);
    done = true;
    trickle.join();
}

TEST_CASE("a head that trickles past its deadline is answered 408 and closed", "[server][transport]") {
    ServerFixture f([](server::ServerConfig& config) { config.head_timeout = std::chrono::seconds(1); });
    auto socket = connect_to(f);
    send_text(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    const auto started = Steady::now();
    std::string answer;
    try {
        for (int i = 0; i < 40; ++i) {  // a header byte every 100 ms: every recv is quick, the whole is not
            if (socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) break;  // the answer came
            send_text(socket, "X");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    } catch (const Poco::Exception&) {
        // the server closed: expected
    }
    answer = read_to_close(socket);
    CHECK(status_of(answer) == 408);
    CHECK(Steady::now() - started < std::chrono::milliseconds(4500));

    // An idle connection is closed quietly after the keep-alive limit.
    ServerFixture g([](server::ServerConfig& config) { config.keep_alive_timeout = std::chrono::seconds(1); });
    auto kept = connect_to(g);
    send_text(kept, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(status_of(read_one(kept)) == 200);
    const auto idle_since = Steady::now();
    CHECK(read_to_close(kept).empty());
    CHECK(Steady::now() - idle_since < std::chrono::seconds(3));
}

TEST_CASE("a body that did not arrive whole is never acted on", "[server][transport]") {
    ServerFixture f;
    const std::string worker = f.token("worker");
    const CaseId id = f.worker_case(kWorkerNik);
    const std::string officer = f.token("officer");
    const auto cases_before = f.engine().count_cases(CaseFilter{});
    const auto audit_before = f.engine().verify_audit({}).head_seq;

    SECTION("Content-Length larger than what was sent, write side closed") {
        const std::string body = kGrievance.dump();
        auto socket = connect_to(f);
        send_text(socket, "POST /api/v1/grievances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + worker +
                              "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size() + 10) +
                              "\r\n\r\n" + body);
        socket.shutdownSend();
        const std::string answer = read_to_close(socket);
        CHECK(status_of(answer) == 400);
        CHECK(field_of(answer) == "body");

        // An upload cut short is not stored either.
        auto upload = connect_to(f);
        send_text(upload, "POST /api/v1/cases/" + std::to_string(id) +
                              "/documents?name=ktp.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + officer +
                              "\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\nsepotong");
        upload.shutdownSend();
        CHECK(status_of(read_to_close(upload)) == 400);
        CHECK(f.get("/api/v1/cases/" + std::to_string(id) + "/documents", officer).json()["documents"].empty());
    }
    SECTION("a broken chunked body") {
        const std::string answer =
            round_trip(f, "POST /api/v1/grievances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + worker +
                            "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"nam\r\nzz\r\n");
        CHECK(status_of(answer) == 400);
        CHECK(field_of(answer) == "body");
        // Chunks that end before the last one, the write side closed.
        auto socket = connect_to(f);
        send_text(socket, "POST /api/v1/grievances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + worker +
                              "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"nam\r\n");
        socket.shutdownSend();
        CHECK(status_of(read_to_close(socket)) == 400);
    }
    CHECK(f.engine().count_cases(CaseFilter{}) == cases_before);
    CHECK(f.engine().verify_audit({}).head_seq == audit_before);

    SECTION("a whole chunked body is run") {
        const std::string body = kGrievance.dump();
        const std::string half = body.substr(0, 10);
        const std::string rest = body.substr(10);
        char size_a[16], size_b[16];
        std::snprintf(size_a, sizeof size_a, "%zx", half.size());
        std::snprintf(size_b, sizeof size_b, "%zx", rest.size());
        const std::string answer = round_trip(
            f, "POST /api/v1/grievances HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + worker +
                   "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + size_a + ";ext=1\r\n" + half +
                   "\r\n" + size_b + "\r\n" + rest + "\r\n0\r\nX-Trailer: ok\r\n\r\n");
        CHECK(status_of(answer) == 201);
        CHECK(f.engine().count_cases(CaseFilter{}) == cases_before + 1);
    }
}

TEST_CASE("oversized bodies are refused with 413 before they are read", "[server][transport]") {
    ServerFixture f;
    const std::string answer = round_trip(f, "POST /api/v1/grievances HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                           "Content-Length: 999999999\r\n\r\n{");
    CHECK(status_of(answer) == 413);
    CHECK(field_of(answer) == "body");
}

TEST_CASE("invalid UTF-8 or control characters in the path or query are 400s naming the part", "[server][transport]") {
    ServerFixture f;
    const std::string worker = f.token("worker");
    auto get = [&](const std::string& target) {
        return round_trip(f, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + worker + "\r\n\r\n");
    };
    for (const std::string target : {"/api/v1/cases/%FF/outcomes/x", "/api/v1/cases/%0A", "/api/v1/cases/\xC3\x28",
                                     "/api/v1/%C0%AF", "/api/v1/cases/%ED%A0%80", "/api/v1/cases/%G1", "/api/v1/cases/%7F"}) {
        INFO(target);
        const std::string answer = get(target);
        CHECK(status_of(answer) == 400);
        CHECK_THAT(answer, Contains("application/problem+json"));
        CHECK(field_of(answer) == "path");
    }
    const std::string query = get("/api/v1/cases?q=%FF%FE");
    CHECK(status_of(query) == 400);
    CHECK(field_of(query) == "query parameter q");
    CHECK(field_of(get("/api/v1/cases?q=a%00b")) == "query parameter q");

    // A header value that is no UTF-8 text.
    const std::string header = round_trip(f, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nIdempotency-Key: \xFF\xFE\r\n\r\n");
    CHECK(status_of(header) == 400);
    CHECK(field_of(header) == "header idempotency-key");

    // Malformed request lines.
    for (const std::string line : {"GARBAGE", "GET /healthz", "GET healthz HTTP/1.1", "GET /a b HTTP/1.1", "GET /healthz HTTP/1.1 x",
                                   "G\x01T /healthz HTTP/1.1", "GET /healthz HTTP/2.0"}) {
        INFO(line);
        const std::string answer = round_trip(f, line + "\r\nHost: x\r\n\r\n");
        CHECK((status_of(answer) == 400 || status_of(answer) == 505));
        CHECK(body_of(answer)["status"] == status_of(answer));
    }
    // Still healthy.
    CHECK(f.get("/healthz", "").status == 200);
}

TEST_CASE("the access log is one JSON line per request, escaped, with NIKs masked", "[server][transport]") {
    ServerFixture f({}, /*keep_access_log=*/true);
    const std::string officer = f.token("officer");  // one request: the login
    int requests = 1;
    const std::vector<std::string> targets = {
        "/api/v1/cases/%0A%7B%22forged%22%3Atrue%7D%0A",  // a forged line, decoded: refused as a path with control characters
        "/api/v1/cases/1%22%2C%22status%22%3A200",        // a quote: valid path, not found
        "/api/v1/cases/\xFF\xFE",                         // raw invalid bytes
        "/api/v1/workers/" + kWorkerNik,                  // a NIK in the path
        "/api/v1/workers/%36%32%30%33%30%31%34%34%31%30%38%30%30%31%36%30",  // the same, percent-encoded
        "/x\\u000a"};
    for (const auto& target : targets) {
        round_trip(f, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + officer + "\r\n\r\n");
        ++requests;
    }
    round_trip(f, "BROKEN\n\x01\r\n\r\n");
    ++requests;
    round_trip(f, "GET /healthz HTTP/1.1\r\nHost: x\r\n" + std::string(200, 'A') + "\n\r\n");  // a header line without a colon
    ++requests;
    f.stop_serving();

    const std::string log = f.access_log();
    std::vector<json> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = log.find('\n', start)) != std::string::npos; start = end + 1) {
        const std::string line = log.substr(start, end - start);
        INFO(line);
        REQUIRE_NOTHROW(lines.push_back(json::parse(line)));
        CHECK(lines.back().is_object());
    }
    CHECK(start == log.size());
    CHECK(static_cast<int>(lines.size()) == requests);
    CHECK(log.find(kWorkerNik) == std::string::npos);
    CHECK_THAT(log, Contains("620301**********"));
    CHECK(log.find("\"forged\":true") == std::string::npos);
    for (const auto& line : lines) CHECK(line.contains("status"));
}

TEST_CASE("head limits: header count and size answer 431, folding and bare CR 400", "[server][transport]") {
    ServerFixture f([](server::ServerConfig& config) {
        config.max_headers = 20;
        config.max_head_bytes = 4096;
    });
    std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 25; ++i) many += "X-H" + std::to_string(i) + ": 1\r\n";
    CHECK(status_of(round_trip(f, many + "\r\n")) == 431);
    CHECK(status_of(round_trip(f, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(5000, 'b') + "\r\n\r\n")) == 431);
    CHECK(status_of(round_trip(f, "GET /" + std::string(5000, 'p') + " HTTP/1.1\r\nHost: x\r\n\r\n")) == 414);
    CHECK(status_of(round_trip(f, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n")) == 400);
    CHECK(status_of(round_trip(f, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: 1\r2\r\n\r\n")) == 400);
    CHECK(status_of(round_trip(f, "GET /healthz HTTP/1.1\r\n\r\n")) == 400);  // no Host
    CHECK(status_of(round_trip(f, "POST /api/v1/grievances HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")) == 400);
    CHECK(status_of(round_trip(f, "POST /api/v1/grievances HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")) ==
          400);
    // Within the limits all is well, and keep-alive, pipelining and HEAD work.
    auto socket = connect_to(f);
    send_text(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nHEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string first = read_one(socket);
    CHECK(status_of(first) == 200);
    CHECK_THAT(first, Contains("\"generation\""));
    std::string second;
    char c;
    while (second.find("\r\n\r\n") == std::string::npos && socket.receiveBytes(&c, 1) == 1) second += c;
    CHECK(status_of(second) == 200);
    CHECK_THAT(second, Contains("Content-Length: "));
    send_text(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string last = read_to_close(socket);
    CHECK(status_of(last) == 200);
    CHECK_THAT(last, Contains("Connection: close"));
}

TEST_CASE("the port is bound exclusively", "[server][transport]") {
    ServerFixture f;
    // Poco's ServerSocket(address) asks for SO_REUSEPORT: it must not get in.
    CHECK_THROWS_AS(Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(f.port()))),
                    Poco::Exception);
    try {
        server::listen_exclusively("127.0.0.1", f.port(), 16);
        FAIL("a second server bound the port");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Contains("127.0.0.1:" + std::to_string(f.port())));
        CHECK_THAT(e.what(), Contains("in use"));
    }
    CHECK(f.get("/healthz", "").status == 200);
}

TEST_CASE("a chunked body arriving a byte at a time is decoded whole", "[server][transport]") {
    ServerFixture f;
    const std::string worker = f.token("worker");
    const auto cases_before = f.engine().count_cases(CaseFilter{});
    const std::string body = kGrievance.dump();
    char size[16];
    std::snprintf(size, sizeof size, "%zX", body.size());
    auto socket = connect_to(f);
    socket.setNoDelay(true);
    send_text(socket, "POST /api/v1/grievances HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + worker +
                          "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunked = std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n";
    for (const char c : chunked) {
        send_text(socket, std::string(1, c));
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    CHECK(status_of(read_to_close(socket)) == 201);
    CHECK(f.engine().count_cases(CaseFilter{}) == cases_before + 1);
}

TEST_CASE("at the connection limit the longest-idle connections make room", "[server][transport]") {
    ServerFixture f([](server::ServerConfig& config) { config.max_connections = 16; });
    std::vector<Poco::Net::StreamSocket> idle;
    for (int i = 0; i < 40; ++i) idle.push_back(connect_to(f));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto started = Steady::now();
    CHECK(f.get("/healthz", "").status == 200);
    CHECK(Steady::now() - started < std::chrono::seconds(1));
}
