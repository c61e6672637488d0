// Sessions and users under attack (issue 11, item 7), against the real
// server: huge credentials, parallel guesses, lock-out of another client,
// disabled users, password change and reset, the session list, revocation
// seen by a second server process on the same database, /metrics behind a
// token, and the scope of every new route.
#include "server_fixture.hpp"

#include "app/forwarded_client.hpp"
#include "identity/login_throttle.hpp"

#include <catch2/catch.hpp>

#include <tata/sha256.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// One request over a socket bound to `source` (any 127.x.y.z is on
// loopback), so that the server sees another client address than the
// fixture's 127.0.0.1.
HttpResult send_from(const std::string& source, int port, const std::string& method, const std::string& path,
                     const std::string& body = "", const std::string& token = "") {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    timeval timeout{30, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    REQUIRE(::inet_pton(AF_INET, source.c_str(), &from.sin_addr) == 1);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
    if (!body.empty() || method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    request += "\r\n" + body;
    for (std::size_t sent = 0; sent < request.size();) {
        const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        REQUIRE(n > 0);
        sent += static_cast<std::size_t>(n);
    }
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    HttpResult result;
    REQUIRE(answer.size() > 12);
    result.status = std::stoi(answer.substr(9, 3));
    const auto end = answer.find("\r\n\r\n");
    REQUIRE(end != std::string::npos);
    result.body = answer.substr(end + 4);
    return result;
}

json credentials(const std::string& username, const std::string& password) {
    return {{"username", username}, {"password", password}};
}

HttpResult login(const ServerFixture& f, const std::string& username, const std::string& password) {
    return f.post_json("/api/v1/auth/login", credentials(username, password), "");
}

std::string login_token(const ServerFixture& f, const std::string& username, const std::string& password) {
    const auto r = login(f, username, password);
    REQUIRE(r.status == 200);
    return r.json()["token"];
}

std::string field_of(const HttpResult& r) {
    const json body = r.json();
    if (!body.contains("errors") || body["errors"].empty()) return "";
    return body["errors"][0]["field"];
}

HttpResult send_json(const ServerFixture& f, const std::string& method, const std::string& path, const json& body,
                     const std::string& token) {
    return f.send({method, path, body.is_null() ? "" : body.dump(), body.is_null() ? "" : "application/json", token, {}});
}

}  // namespace

TEST_CASE("huge user names and passwords are refused before the password hash and the throttle's tables",
          "[server][identity][hardening]") {
    ServerFixture f;
    auto& throttle = f.service().login_throttle();
    auto& identity = f.service().identity();
    const std::size_t tracked = throttle.tracked();
    const auto checks = identity.password_checks();

    const std::string huge(200 * 1024, 'a');  // the fixture's body limit is 256 KiB
    for (int i = 0; i < 25; ++i) {
        const auto r = login(f, huge + std::to_string(i), "salah-sekali-123");
        REQUIRE(r.status == 400);
        CHECK(field_of(r) == "username");
        CHECK(r.body.size() < 2000);  // the name is not echoed back
    }
    const auto long_password = login(f, "officer", std::string(server::kMaxPasswordBytes + 1, 'x'));
    CHECK(long_password.status == 400);
    CHECK(field_of(long_password) == "password");
    CHECK(throttle.tracked() == tracked);
    CHECK(identity.password_checks() == checks);

    // At the limits the request is an ordinary (wrong) login.
    CHECK(login(f, std::string(server::kMaxUsernameBytes, 'a'), "salah-sekali-123").status == 401);
    CHECK(login(f, "officer", std::string(server::kMaxPasswordBytes, 'x')).status == 401);
    CHECK(identity.password_checks() == checks + 2);
    CHECK(throttle.tracked() == tracked + 3);  // two pairs and the one client

    // However many names and addresses a guesser uses, the tables stay bounded.
    server::LoginThrottle alone;
    const auto now = f.clock().now();
    for (int i = 0; i < 250'000; ++i)
        alone.begin("nama-" + std::to_string(i), "10." + std::to_string(i / 65536) + "." + std::to_string(i / 256 % 256) +
                                                      "." + std::to_string(i % 256),
                    now);
    CHECK(alone.tracked() <= 2 * server::LoginThrottle::kMaxTracked);
}

TEST_CASE("parallel guesses: the throttle lets exactly its allowance of passwords be checked",
          "[server][identity][hardening]") {
    ServerFixture f;
    auto& identity = f.service().identity();
    const auto checks = identity.password_checks();
    std::atomic<int> refused{0}, wrong{0}, other{0};
    std::vector<std::thread> guessers;
    for (int i = 0; i < 32; ++i)
        guessers.emplace_back([&, i] {
            const auto r = login(f, "officer", "tebakan-ke-" + std::to_string(i));
            (r.status == 429 ? refused : r.status == 401 ? wrong : other)++;
        });
    for (auto& t : guessers) t.join();
    CHECK(other == 0);
    CHECK(wrong == server::LoginThrottle::kFreeFailuresPerPair);
    CHECK(refused == 32 - server::LoginThrottle::kFreeFailuresPerPair);
    CHECK(identity.password_checks() - checks == static_cast<std::uint64_t>(server::LoginThrottle::kFreeFailuresPerPair));

    // The right password waits too, until the delay has passed.
    CHECK(login(f, "officer", ServerFixture::password()).status == 429);
    f.clock().set(f.clock().now() + std::chrono::seconds(2));
    CHECK(login(f, "officer", ServerFixture::password()).status == 200);
    CHECK(identity.password_checks() - checks == 6u);
}

TEST_CASE("one client's failures do not lock the account for another, each client has an overall allowance",
          "[server][identity][hardening]") {
    ServerFixture f;
    const std::string wrong = credentials("officer", "tebak-tebakan-1").dump();
    const std::string right = credentials("officer", ServerFixture::password()).dump();
    for (int i = 0; i < server::LoginThrottle::kFreeFailuresPerPair; ++i)
        CHECK(send_from("127.0.0.1", f.port(), "POST", "/api/v1/auth/login", wrong).status == 401);
    CHECK(send_from("127.0.0.1", f.port(), "POST", "/api/v1/auth/login", right).status == 429);
    // The officer at another address logs in; the attacker stays slowed.
    const auto elsewhere = send_from("127.0.0.2", f.port(), "POST", "/api/v1/auth/login", right);
    REQUIRE(elsewhere.status == 200);
    CHECK(send_from("127.0.0.1", f.port(), "POST", "/api/v1/auth/login", wrong).status == 429);

    // A success clears the pair: the next mistakes start from scratch.
    for (int i = 0; i < 3; ++i)
        CHECK(send_from("127.0.0.2", f.port(), "POST", "/api/v1/auth/login", wrong).status == 401);
    CHECK(send_from("127.0.0.2", f.port(), "POST", "/api/v1/auth/login", right).status == 200);
    for (int i = 0; i < server::LoginThrottle::kFreeFailuresPerPair; ++i)
        CHECK(send_from("127.0.0.2", f.port(), "POST", "/api/v1/auth/login", wrong).status == 401);

    // Spraying many names from one address runs out of the client's allowance.
    for (int i = 0; i < server::LoginThrottle::kFreeFailuresPerClient; ++i) {
        INFO("name " << i);
        CHECK(send_from("127.0.0.3", f.port(), "POST", "/api/v1/auth/login",
                        credentials("nama-" + std::to_string(i), "tebak-tebakan-1").dump())
                  .status == 401);
    }
    CHECK(send_from("127.0.0.3", f.port(), "POST", "/api/v1/auth/login", right).status == 429);
    CHECK(send_from("127.0.0.4", f.port(), "POST", "/api/v1/auth/login", right).status == 200);
}

TEST_CASE("a disabled user cannot log in and their tokens stop working, enabled, they log in again",
          "[server][identity][users]") {
    ServerFixture f;
    const std::string admin = f.token("admin");
    const std::string officer = f.token("officer");
    REQUIRE(f.get("/api/v1/me", officer).status == 200);

    const auto disabled = f.post_json("/api/v1/admin/users/officer/disable", json::object(), admin);
    REQUIRE(disabled.status == 200);
    CHECK(disabled.json()["disabled"] == true);
    CHECK(f.get("/api/v1/me", officer).status == 401);
    const auto refused = login(f, "officer", ServerFixture::password());
    CHECK(refused.status == 401);
    CHECK(refused.json()["detail"] == login(f, "siapa-saja", ServerFixture::password()).json()["detail"]);
    bool listed = false;
    // Kept in a local: a range-for over json()["users"] would iterate a
    // temporary destroyed before the loop body runs.
    const json users = f.get("/api/v1/admin/users", admin).json();
    for (const auto& u : users["users"])
        if (u["username"] == "officer") listed = u["disabled"] == true;
    CHECK(listed);

    const auto self = f.post_json("/api/v1/admin/users/admin/disable", json::object(), admin);
    CHECK(self.status == 409);
    CHECK(f.get("/api/v1/me", admin).status == 200);

    const auto enabled = f.post_json("/api/v1/admin/users/officer/enable", json::object(), admin);
    REQUIRE(enabled.status == 200);
    CHECK(enabled.json()["disabled"] == false);
    CHECK(f.get("/api/v1/me", officer).status == 401);  // the old session stays ended
    const std::string again = login_token(f, "officer", ServerFixture::password());
    CHECK(f.get("/api/v1/me", again).status == 200);
}

TEST_CASE("changing one's password needs the current one and ends every other session", "[server][identity][users]") {
    ServerFixture f;
    const std::string here = login_token(f, "worker", ServerFixture::password());
    const std::string phone = login_token(f, "worker", ServerFixture::password());
    const std::string next = "kata-sandi-baru-456";

    const auto wrong = f.post_json("/api/v1/me/password", {{"current_password", "bukan-ini-123"}, {"new_password", next}}, here);
    CHECK(wrong.status == 422);
    CHECK(field_of(wrong) == "current_password");
    const auto shortened =
        f.post_json("/api/v1/me/password", {{"current_password", ServerFixture::password()}, {"new_password", "pendek"}}, here);
    CHECK(shortened.status == 422);
    CHECK(field_of(shortened) == "new_password");
    const auto huge = f.post_json("/api/v1/me/password",
                                  {{"current_password", std::string(5000, 'x')}, {"new_password", next}}, here);
    CHECK(huge.status == 400);
    CHECK(field_of(huge) == "current_password");
    CHECK(f.get("/api/v1/me", phone).status == 200);  // nothing changed yet

    const auto changed =
        f.post_json("/api/v1/me/password", {{"current_password", ServerFixture::password()}, {"new_password", next}}, here);
    CHECK(changed.status == 204);
    CHECK(f.get("/api/v1/me", here).status == 200);
    CHECK(f.get("/api/v1/me", phone).status == 401);
    CHECK(login(f, "worker", ServerFixture::password()).status == 401);
    CHECK(login(f, "worker", next).status == 200);

    // Guessing the current password through this route is throttled like logging in.
    int last = 0;
    for (int i = 0; i < server::LoginThrottle::kFreeFailuresPerPair + 1; ++i)
        last = f.post_json("/api/v1/me/password", {{"current_password", "tebak-" + std::to_string(i) + "-xyz"},
                                                   {"new_password", next}},
                           here)
                   .status;
    CHECK(last == 429);
}

TEST_CASE("an admin resets a password, generated once or chosen, all the user's sessions end", "[server][identity][users]") {
    ServerFixture f;
    const std::string admin = f.token("admin");
    const std::string officer = f.token("officer");

    const auto generated = f.send({"POST", "/api/v1/admin/users/officer/password", "", "", admin, {}});
    REQUIRE(generated.status == 200);
    CHECK(generated.header("cache-control") == "no-store");
    const std::string password = generated.json()["password"];
    CHECK(password.size() == 19);  // 16 characters in groups of four
    CHECK(f.get("/api/v1/me", officer).status == 401);
    CHECK(login(f, "officer", ServerFixture::password()).status == 401);
    const std::string fresh = login_token(f, "officer", password);

    const auto chosen = f.post_json("/api/v1/admin/users/officer/password", {{"password", "pilihan-admin-789"}}, admin);
    REQUIRE(chosen.status == 200);
    CHECK_FALSE(chosen.json().contains("password"));
    CHECK(f.get("/api/v1/me", fresh).status == 401);
    CHECK(login(f, "officer", "pilihan-admin-789").status == 200);

    const auto too_short = f.post_json("/api/v1/admin/users/officer/password", {{"password", "pendek"}}, admin);
    CHECK(too_short.status == 422);
    CHECK(field_of(too_short) == "password");
    CHECK(login(f, "officer", "pilihan-admin-789").status == 200);  // unchanged
    CHECK(f.post_json("/api/v1/admin/users/admin/password", {{"password", "pilihan-admin-789"}}, admin).status == 409);
}

TEST_CASE("sessions are listed without their tokens and end one by one or all at once", "[server][identity][sessions]") {
    ServerFixture f;
    const std::string first = login_token(f, "officer", ServerFixture::password());
    const auto remote = send_from("127.0.0.2", f.port(), "POST", "/api/v1/auth/login",
                                  credentials("officer", ServerFixture::password()).dump());
    REQUIRE(remote.status == 200);
    const std::string second = remote.json()["token"];
    const std::string third = login_token(f, "officer", ServerFixture::password());

    f.clock().set(f.clock().now() + std::chrono::minutes(5));
    const auto listed = f.get("/api/v1/me/sessions", first);
    REQUIRE(listed.status == 200);
    const json sessions = listed.json()["sessions"];
    REQUIRE(sessions.size() == 3);
    for (const auto& token : {first, second, third}) {
        CHECK(listed.body.find(token) == std::string::npos);
        CHECK(listed.body.find(sha256_hex(token)) == std::string::npos);
    }
    int current = 0;
    std::int64_t second_id = 0;
    for (const auto& s : sessions) {
        current += s["current"].get<bool>();
        if (s["client"] == "127.0.0.2") second_id = s["id"];
        CHECK(s.contains("created_at"));
        CHECK(s.contains("expires_at"));
    }
    CHECK(current == 1);
    REQUIRE(second_id != 0);
    for (const auto& s : sessions)  // the listing request itself was seen five minutes on
        if (s["current"] == true) CHECK(s["last_seen_at"] != s["created_at"]);

    // Another user cannot end it: 404, as if it did not exist.
    CHECK(f.send({"DELETE", "/api/v1/me/sessions/" + std::to_string(second_id), "", "", f.token("worker"), {}}).status == 404);
    CHECK(f.get("/api/v1/me", second).status == 200);
    CHECK(f.send({"DELETE", "/api/v1/me/sessions/" + std::to_string(second_id), "", "", first, {}}).status == 204);
    CHECK(f.get("/api/v1/me", second).status == 401);

    const auto rest = f.send({"DELETE", "/api/v1/me/sessions", "", "", first, {}});
    REQUIRE(rest.status == 200);
    CHECK(rest.json()["revoked"] == 1);
    CHECK(f.get("/api/v1/me", third).status == 401);
    CHECK(f.get("/api/v1/me", first).status == 200);

    // The admin sees the officer's sessions and ends them.
    const std::string admin = f.token("admin");
    const auto seen = f.get("/api/v1/admin/users/officer/sessions", admin);
    REQUIRE(seen.status == 200);
    REQUIRE(seen.json()["sessions"].size() == 1);
    CHECK(seen.json()["sessions"][0]["current"] == false);
    const std::int64_t id = seen.json()["sessions"][0]["id"];
    CHECK(f.send({"DELETE", "/api/v1/admin/users/officer/sessions/" + std::to_string(id), "", "", admin, {}}).status == 204);
    CHECK(f.get("/api/v1/me", first).status == 401);
    const std::string later = login_token(f, "officer", ServerFixture::password());
    const auto all = f.send({"DELETE", "/api/v1/admin/users/officer/sessions", "", "", admin, {}});
    CHECK(all.json()["revoked"] == 1);
    CHECK(f.get("/api/v1/me", later).status == 401);
    CHECK(f.get("/api/v1/me", admin).status == 200);
}

TEST_CASE("a token revoked in one server process stops working in another on the same database within the recheck",
          "[server][identity][sessions]") {
    ServerFixture a;
    const auto recheck = std::chrono::milliseconds(300);
    a.service().identity().set_token_recheck(recheck);
    // A second server on the same SQLite file: its own service, cache and port.
    server::ServerConfig config = a.service().config();
    config.port = 0;
    auto clock = std::make_shared<FixedClock>(a.clock().now());
    server::Service service_b(config, clock);
    service_b.identity().set_token_recheck(recheck);
    server::HttpFrontend b(service_b, nullptr);

    auto refused_within = [&](int port, const std::string& token) {
        const auto started = std::chrono::steady_clock::now();
        while (std::chrono::steady_clock::now() - started < std::chrono::seconds(5)) {
            if (send_from("127.0.0.1", port, "GET", "/api/v1/me", "", token).status == 401)
                return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return std::chrono::milliseconds(5000);
    };

    // Logged out in A: B refuses the token soon after.
    const std::string token = login_token(a, "officer", ServerFixture::password());
    REQUIRE(send_from("127.0.0.1", b.port(), "GET", "/api/v1/me", "", token).status == 200);  // B caches it
    REQUIRE(a.send({"POST", "/api/v1/auth/logout", "", "", token, {}}).status == 204);
    CHECK(refused_within(b.port(), token) < std::chrono::milliseconds(1500));

    // A user disabled through B: A refuses their token soon after.
    const std::string worker = login_token(a, "worker", ServerFixture::password());
    REQUIRE(a.get("/api/v1/me", worker).status == 200);
    const auto admin_b = send_from("127.0.0.1", b.port(), "POST", "/api/v1/auth/login",
                                   credentials("admin", ServerFixture::password()).dump());
    REQUIRE(admin_b.status == 200);
    REQUIRE(send_from("127.0.0.1", b.port(), "POST", "/api/v1/admin/users/worker/disable", "{}",
                      admin_b.json()["token"].get<std::string>())
                .status == 200);
    CHECK(refused_within(a.port(), worker) < std::chrono::milliseconds(1500));
    b.stop();
}

TEST_CASE("/metrics answers the scraper's metrics token or an admin, nobody else", "[server][identity][metrics]") {
    const std::string secret = "rahasia-pengumpul-metrik-0123456789";
    ServerFixture f([&](server::ServerConfig& config) { config.metrics_token = secret; });
    const auto open = f.get("/metrics", "");
    CHECK(open.status == 401);
    CHECK(open.body.find("tata_cases") == std::string::npos);
    CHECK(f.get("/metrics", secret.substr(0, 10)).status == 401);
    CHECK(f.get("/metrics", secret + "x").status == 401);
    for (const auto& user : {"officer", "opd_head", "bkad", "vendor_a", "worker"}) {
        INFO(user);
        CHECK(f.get("/metrics", f.token(user)).status == 403);
    }
    const auto scraped = f.get("/metrics", secret);
    CHECK(scraped.status == 200);
    CHECK_THAT(scraped.body, Contains("tata_http_requests_total"));
    CHECK(f.get("/metrics", f.token("admin")).status == 200);

    // No metrics token configured: an admin only, and an empty token opens nothing.
    ServerFixture plain;
    CHECK(plain.get("/metrics", "").status == 401);
    CHECK(plain.send({"GET", "/metrics", "", "", "", {{"Authorization", "Bearer "}}}).status == 401);
    CHECK(plain.get("/metrics", plain.token("admin")).status == 200);
}

TEST_CASE("the user and session routes: another regency's admin and every other role are refused",
          "[server][identity][scope]") {
    ServerFixture f;
    f.service().identity().add_user({"admin_64_71", "64.71", "admin", "", "", ""}, ServerFixture::password());
    const std::string stranger = login_token(f, "admin_64_71", ServerFixture::password());
    const std::string officer = f.token("officer");
    const auto sessions = f.get("/api/v1/admin/users/officer/sessions", f.token("admin")).json()["sessions"];
    REQUIRE(sessions.size() == 1);
    const std::string session = std::to_string(sessions[0]["id"].get<std::int64_t>());

    struct Call {
        std::string method, path;
        json body;
    };
    const std::vector<Call> calls = {
        {"POST", "/api/v1/admin/users/officer/disable", json::object()},
        {"POST", "/api/v1/admin/users/officer/enable", json::object()},
        {"POST", "/api/v1/admin/users/officer/password", {{"password", "diambil-alih-123"}}},
        {"GET", "/api/v1/admin/users/officer/sessions", nullptr},
        {"DELETE", "/api/v1/admin/users/officer/sessions/" + session, nullptr},
        {"DELETE", "/api/v1/admin/users/officer/sessions", nullptr},
    };
    for (const auto& call : calls) {
        INFO(call.method << " " << call.path);
        const auto r = send_json(f, call.method, call.path, call.body, stranger);
        CHECK(r.status == 404);
        CHECK(r.body.find("\"sessions\"") == std::string::npos);
        for (const auto& user : {"officer", "opd_head", "bkad", "vendor_a", "worker"}) {
            INFO(user);
            CHECK(send_json(f, call.method, call.path, call.body, f.token(user)).status == 403);
        }
        CHECK(f.get("/api/v1/me", officer).status == 200);  // nothing happened to the officer
    }
    CHECK(login(f, "officer", ServerFixture::password()).status == 200);

    // A user's own session routes reach only their own sessions.
    for (const auto& user : {"admin", "opd_head", "bkad", "vendor_a", "worker", "admin_64_71"}) {
        INFO(user);
        const std::string token = user == std::string("admin_64_71") ? stranger : f.token(user);
        CHECK(f.send({"DELETE", "/api/v1/me/sessions/" + session, "", "", token, {}}).status == 404);
        const auto own = f.get("/api/v1/me/sessions", token).json()["sessions"];
        for (const auto& s : own) CHECK(std::to_string(s["id"].get<std::int64_t>()) != session);
        CHECK(f.send({"DELETE", "/api/v1/me/sessions", "", "", token, {}}).status == 200);
    }
    CHECK(f.get("/api/v1/me", officer).status == 200);
}

TEST_CASE("a user moved with their password's hash logs in with the same password, and a hash that is not one is refused",
          "[server][identity][users]") {
    ServerFixture f;
    auto& identity = f.service().identity();
    const std::string hash = identity.password_hash_of("officer");
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find(ServerFixture::password()) == std::string::npos);
    identity.add_user_with_hash({"pindahan", "62.03", "officer", "", "", ""}, hash);
    CHECK(f.post_json("/api/v1/auth/login", json{{"username", "pindahan"}, {"password", ServerFixture::password()}}, "")
              .status == 200);
    CHECK(f.post_json("/api/v1/auth/login", json{{"username", "pindahan"}, {"password", "kata-sandi-lain-123"}}, "")
              .status == 401);

    for (const std::string& bad : {std::string("rahasia"), std::string("$argon2i$v=19$m=4096,t=3,p=1$abc"),
                                  "$argon2id$" + std::string(200, 'x')}) {
        try {
            identity.add_user_with_hash({"palsu", "62.03", "officer", "", "", ""}, bad);
            FAIL("a hash that is not one was taken: " << bad);
        } catch (const InvalidInput& e) {
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors()[0].field == "password_hash");
        }
    }
    CHECK_FALSE(identity.find_user("palsu"));
    CHECK_THROWS_AS(identity.password_hash_of("tidak-ada"), NotFound);
}

TEST_CASE("behind a trusted proxy the throttle counts the client X-Forwarded-For names, from anyone else the header is ignored",
          "[server][identity][throttle]") {
    using server::client_behind_proxies;
    const std::vector<std::string> proxies = {"127.0.0.1", "10.0.0.5"};
    CHECK(client_behind_proxies("127.0.0.1", "203.0.113.7", proxies) == "203.0.113.7");
    // Each proxy appends where it was reached from: the last untrusted one.
    CHECK(client_behind_proxies("127.0.0.1", "198.51.100.1, 203.0.113.7, 10.0.0.5", proxies) == "203.0.113.7");
    // From a client directly, the header is its own word: ignored.
    CHECK(client_behind_proxies("203.0.113.9", "10.0.0.99", proxies) == "203.0.113.9");
    CHECK(client_behind_proxies("127.0.0.1", "", proxies) == "127.0.0.1");
    CHECK(client_behind_proxies("127.0.0.1", "bukan-alamat", proxies) == "127.0.0.1");
    CHECK(client_behind_proxies("127.0.0.1", "203.0.113.7, bukan, 10.0.0.5", proxies) == "127.0.0.1");
    CHECK(client_behind_proxies("127.0.0.1", "10.0.0.5", proxies) == "127.0.0.1");
    CHECK(client_behind_proxies("127.0.0.1", "203.0.113.7", {}) == "127.0.0.1");  // no proxy trusted
    // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d.
    CHECK(client_behind_proxies("::ffff:10.0.0.5", "203.0.113.7", proxies) == "203.0.113.7");
    CHECK(client_behind_proxies("127.0.0.1", "::ffff:203.0.113.7", proxies) == "203.0.113.7");

    // Through the server: two clients behind one proxy each have their own
    // allowance of wrong passwords for a name.
    ServerFixture f([](server::ServerConfig& config) { config.trusted_proxies = {"127.0.0.1"}; });
    const auto attempt = [&](const std::string& client, const std::string& password) {
        HttpRequest login{"POST", "/api/v1/auth/login", json{{"username", "officer"}, {"password", password}}.dump(),
                          "application/json", "", {{"X-Forwarded-For", client}}};
        return f.send(login).status;
    };
    for (int i = 0; i < server::LoginThrottle::kFreeFailuresPerPair; ++i) CHECK(attempt("203.0.113.7", "salah-salah-1") == 401);
    CHECK(attempt("203.0.113.7", "salah-salah-1") == 429);
    CHECK(attempt("198.51.100.1", ServerFixture::password()) == 200);  // another client behind the same proxy
}

TEST_CASE("trusted_proxies in the config file: a list of IP addresses, anything else refused at its place",
          "[server][identity][throttle][config]") {
    TempDir dir;
    server::ServerConfig config;
    server::read_config_file(dir.write("tata.yaml", "trusted_proxies: [127.0.0.1, '::1', 10.0.0.5]\n"), config);
    CHECK(config.trusted_proxies == std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.5"});
    try {
        server::read_config_file(dir.write("salah.yaml", "port: 8080\ntrusted_proxies:\n  - 127.0.0.1\n  - proxy.lokal\n"),
                                 config);
        FAIL("a name was taken for an address");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Contains("salah.yaml:4:5: error: 'proxy.lokal' is not an IP address"));
    }
    CHECK_THROWS_WITH(server::read_config_file(dir.write("bukan-daftar.yaml", "trusted_proxies: 127.0.0.1\n"), config),
                      Contains("bukan-daftar.yaml:1:18: error: 'trusted_proxies' is a list of IP addresses"));
}
