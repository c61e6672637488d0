// Running the server: reload while requests run (and a refused generation
// that leaves the old one serving), the file watch, due escalations fired by
// the server itself, /healthz and /metrics, admin users, and the real
// `tata serve` binary stopping cleanly on SIGTERM.
#include "serve_process.hpp"
#include "server_fixture.hpp"

#include "app/background.hpp"

#include <tata/database_location.hpp>

#include <catch2/catch.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <atomic>
#include <map>
#include <mutex>
#include <csignal>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// The shipped definitions copied where the test may break them.
void copy_definitions(const TempDir& dir) {
    fs::copy(source_dir() / "workflows", dir / "workflows", fs::copy_options::recursive);
    fs::copy(source_dir() / "rules", dir / "rules", fs::copy_options::recursive);
}

auto own_definitions(const TempDir& dir, std::chrono::seconds watch = std::chrono::seconds(0)) {
    return [&dir, watch](server::ServerConfig& config) {
        config.sources.workflows = {dir / "workflows"};
        config.sources.rules = {dir / "rules"};
        config.watch_interval = watch;
    };
}

void append(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::app);
    out << text;
}

}  // namespace

TEST_CASE("reload while requests run, a broken generation is refused with its errors", "[server][reload]") {
    TempDir definitions;
    copy_definitions(definitions);
    ServerFixture f(own_definitions(definitions));
    const CaseId id = f.worker_case(kWorkerNik);
    const std::string officer = f.token("officer");
    const std::string admin = f.token("admin");

    std::atomic<bool> done{false};
    std::atomic<int> answered{0}, failed{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < 4; ++i)
        readers.emplace_back([&] {
            while (!done) {
                const auto r = f.get("/api/v1/cases/" + std::to_string(id), officer);
                (r.status == 200 ? answered : failed)++;
            }
        });
    int generation = f.get("/healthz", "").json()["generation"];
    for (int i = 0; i < 5; ++i) {
        const auto reload = f.post_json("/api/v1/admin/reload", json::object(), admin);
        REQUIRE(reload.status == 200);
        CHECK(reload.json()["generation"] == generation + 1);
        generation = reload.json()["generation"];
    }
    done = true;
    for (auto& t : readers) t.join();
    CHECK(failed == 0);
    CHECK(answered > 0);

    // A scorecard naming a scorer no plugin has: refused, the old generation serves on.
    const auto card = definitions / "rules" / "62.03" / "prioritization.yaml";
    std::string text = read_text(card);
    text.replace(text.find("kapuas.keahlian"), std::string("kapuas.keahlian").size(), "kapuas.keahlan");
    write_file(card, text);
    const auto refused = f.post_json("/api/v1/admin/reload", json::object(), admin);
    CHECK(refused.status == 422);
    CHECK(refused.json()["generation"] == generation);
    CHECK_THAT(refused.body, Contains("prioritization.yaml"));
    CHECK_THAT(refused.body, Contains("kapuas.keahlan"));
    // A broken workflow: FILE:LINE:COL errors.
    append(definitions / "workflows" / "grievance.yaml", "  rusak: {kind: task}\n");
    const auto broken = f.post_json("/api/v1/admin/reload", json::object(), admin);
    CHECK(broken.status == 422);
    CHECK_THAT(broken.body, Contains("grievance.yaml:"));
    CHECK(f.get("/healthz", "").json()["generation"] == generation);
    CHECK(f.get("/api/v1/cases/" + std::to_string(id), officer).status == 200);
    // The serving generation ranks by the scorecard it was checked with,
    // not by the broken file now on disk.
    CHECK(f.get("/api/v1/ranking", officer).status == 200);
    CHECK(f.get("/api/v1/reports/rekap", officer).status == 200);

    const auto defs = f.get("/api/v1/admin/definitions", admin).json();
    CHECK(defs["generation"] == generation);
    CHECK(defs["workflows"].size() >= 5);
    bool kapuas_plugin = false;
    for (const auto& plugin : defs["plugins"]) kapuas_plugin = kapuas_plugin || plugin["name"] == "kapuas";
    CHECK(kapuas_plugin);
    CHECK(defs["regency"]["code"] == "62.03");
}

TEST_CASE("nodes on one database follow a reload made on any of them, and one whose folders differ says so",
          "[server][reload][cluster]") {
    // Three nodes of one deployment, each with its own copy of the folders.
    TempDir one, two, three;
    for (const TempDir* dir : {&one, &two, &three}) copy_definitions(*dir);
    ServerFixture a(own_definitions(one));
    const std::string database = a.service().config().database.string();
    auto on_database = [&](const TempDir& dir) {
        return [&dir, database](server::ServerConfig& config) {
            own_definitions(dir)(config);
            config.database = database;
        };
    };
    ServerFixture b(on_database(two));
    const auto health = [](ServerFixture& node) { return node.get("/healthz", ""); };
    const std::int64_t first = health(a).json()["deployment_generation"];
    CHECK(first > 0);
    CHECK(health(b).json()["deployment_generation"] == first);  // the same files: the same generation

    // The same change on every node's folders, reloaded on one: the others
    // load theirs when they look, and serve the same generation.
    const std::string regency = "rules/62.03/regency.yaml";
    for (const TempDir* dir : {&one, &two, &three}) append(*dir / regency, "# perubahan bersama\n");
    const auto reloaded = a.post_json("/api/v1/admin/reload", json::object(), a.token("admin"));
    REQUIRE(reloaded.status == 200);
    const std::int64_t second = reloaded.json()["deployment_generation"];
    CHECK(second > first);
    const int b_loads = health(b).json()["generation"];
    const auto followed = b.service().follow_deployment();
    CHECK(followed.changed);
    CHECK(followed.status.in_step);
    CHECK(followed.status.generation == second);
    const auto b_health = health(b);
    CHECK(b_health.status == 200);
    CHECK(b_health.json()["deployment_generation"] == second);
    CHECK(b_health.json()["generation"] > b_loads);  // it loaded them
    CHECK_FALSE(b.service().follow_deployment().changed);  // acted on once

    // A change on one node only: the others cannot serve it. They keep
    // what they had and answer 503, /healthz included, so that a proxy
    // sends requests elsewhere; what an admin needs to mend it stays open.
    append(one / regency, "# hanya di simpul pertama\n");
    REQUIRE(a.post_json("/api/v1/admin/reload", json::object(), a.token("admin")).status == 200);
    const std::int64_t third = health(a).json()["deployment_generation"];
    CHECK(third > second);
    CHECK_FALSE(b.service().follow_deployment().status.in_step);
    const auto out_of_step = health(b);
    CHECK(out_of_step.status == 503);
    CHECK(out_of_step.json()["status"] == "out_of_step");
    CHECK(out_of_step.json()["deployment_generation"] == second);
    const auto refused = b.get("/api/v1/cases", a.token("officer"));
    CHECK(refused.status == 503);
    CHECK(refused.header("retry-after") == "5");
    CHECK(b.get("/api/v1/admin/definitions", a.token("admin")).status == 200);
    // Its folders brought level (a deploy), its own look finds them: the
    // same content joins the generation already posted, no new one.
    append(two / regency, "# hanya di simpul pertama\n");
    const auto caught_up = b.post_json("/api/v1/admin/reload", json::object(), b.token("admin"));
    REQUIRE(caught_up.status == 200);
    CHECK(caught_up.json()["deployment_generation"] == third);
    CHECK(health(b).status == 200);
    CHECK(b.get("/api/v1/cases", a.token("officer")).status == 200);

    // A node that starts with stale folders does not take the others back
    // with it: it is out of step alone, and posts nothing.
    ServerFixture c(on_database(three));
    CHECK(health(c).status == 503);
    CHECK(health(a).json()["deployment_generation"] == third);
    CHECK_FALSE(a.service().follow_deployment().changed);
}

TEST_CASE("the server reloads by itself when a definition file changes", "[server][reload]") {
    TempDir definitions;
    copy_definitions(definitions);
    ServerFixture f(own_definitions(definitions, std::chrono::seconds(1)));
    const int before = f.get("/healthz", "").json()["generation"];
    const auto fingerprint = server::definitions_fingerprint(f.service().config().sources);
    append(definitions / "rules" / "62.03" / "regency.yaml", "# catatan admin\n");
    CHECK(server::definitions_fingerprint(f.service().config().sources) != fingerprint);
    int now = before;
    for (int i = 0; i < 50 && now == before; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        now = f.get("/healthz", "").json()["generation"];
    }
    CHECK(now == before + 1);
}

TEST_CASE("the server fires due escalations itself, /metrics shows requests, cases and overdue tasks", "[server][operations]") {
    ServerFixture f([](server::ServerConfig& config) { config.timer_interval = std::chrono::seconds(1); });
    const CaseId id = f.worker_case(kWorkerNik);
    REQUIRE(f.engine().get_case(id).state == "konfirmasi_opd");
    CHECK(f.get("/healthz", "").status == 200);

    f.clock().set(at("2025-06-25T09:00:00+07:00"));  // the SPTJM deadline passed
    std::string state;
    for (int i = 0; i < 50; ++i) {
        state = f.engine().get_case(id).state;
        if (state != "konfirmasi_opd") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(state == "eskalasi_bkpsdm");

    f.forget_tokens();
    // The escalated file is late at once (it keeps the deadline it missed):
    // the officer's inbox marks it, the dashboard's report counts it.
    const auto late = f.get("/api/v1/tasks?overdue=true&state=eskalasi_bkpsdm", f.token("officer")).json();
    REQUIRE(late["items"].size() == 1);
    CHECK(late["items"][0]["case_id"] == id);
    CHECK(late["items"][0]["overdue"] == true);
    const auto report = f.get("/api/v1/reports/tasks", f.token("admin")).json();
    CHECK(report["overdue"].get<int>() >= 1);
    f.get("/api/v1/cases", f.token("officer"));
    const auto metrics = f.get("/metrics", f.token("admin"));  // not for the world: identity_hardening_test
    REQUIRE(metrics.status == 200);
    CHECK_THAT(metrics.header("content-type"), Contains("text/plain"));
    CHECK_THAT(metrics.body, Contains("tata_http_requests_total{method=\"GET\",route=\"/api/v1/cases\",status=\"200\"} 1"));
    CHECK_THAT(metrics.body, Contains("tata_http_request_duration_seconds_bucket{route=\"/api/v1/cases\",le=\"+Inf\"} 1"));
    CHECK_THAT(metrics.body, Contains("tata_cases{workflow=\"verification\",state=\"eskalasi_bkpsdm\"} 1"));
    CHECK_THAT(metrics.body, Contains("tata_cases_with_incident 0"));
    CHECK_THAT(metrics.body, Contains("tata_tasks_overdue "));
    CHECK(metrics.body.find("Bearer") == std::string::npos);
}

TEST_CASE("admins add users to their own regency, passwords are never answered back", "[server][admin]") {
    ServerFixture f;
    const std::string admin = f.token("admin");
    const auto added = f.post_json("/api/v1/admin/users",
                                   {{"username", "kadis.kesehatan"}, {"role", "opd_head"}, {"opd", "Dinas Kesehatan"},
                                    {"password", "rahasia-kadis-2025"}},
                                   admin);
    REQUIRE(added.status == 201);
    CHECK(added.json()["regency"] == "62.03");
    CHECK(added.body.find("rahasia") == std::string::npos);
    CHECK(f.post_json("/api/v1/auth/login", {{"username", "kadis.kesehatan"}, {"password", "rahasia-kadis-2025"}}, "").status ==
          200);
    CHECK(f.post_json("/api/v1/admin/users", {{"username", "kadis.kesehatan"}, {"role", "officer"}, {"password", "rahasia-lain-2025"}},
                      admin)
              .status == 409);
    const auto bad = f.post_json("/api/v1/admin/users", {{"username", "X"}, {"role", "system"}, {"password", "pendek"}}, admin);
    CHECK(bad.status == 422);
    CHECK(bad.json()["errors"].size() == 3);
    const auto users = f.get("/api/v1/admin/users", admin).json()["users"];
    for (const auto& user : users) {
        CHECK(user["regency"] == "62.03");
        CHECK_FALSE(user.contains("password_hash"));
    }
}

TEST_CASE("tata serve answers, logs without secrets, and stops cleanly on SIGTERM", "[server][process]") {
    TempDir dir;
    const fs::path log = dir / "serve.log";
    const auto [child, port] = start_serve(test_database(dir), log);
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    Poco::Net::HTTPRequest login(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/auth/login");
    const std::string body = R"({"username":"tidak-ada","password":"kata-sandi-rahasia-9"})";
    login.setContentType("application/json");
    login.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(login) << body;
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response);
    CHECK(response.getStatus() == Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);

    stop_serve(child, log);
    const std::string text = read_text(log);
    CHECK_THAT(text, Contains("\"route\":\"/api/v1/auth/login\""));
    CHECK_THAT(text, Contains("tata serve: stopped"));
    CHECK(text.find("kata-sandi-rahasia-9") == std::string::npos);
}

TEST_CASE("SIGTERM during requests loses nothing acknowledged", "[server][process]") {
    TempDir dir;
    const fs::path db = test_database(dir);
    server::IdentityStore(db).add_user({"pekerja", "62.03", "worker", "", kWorkerNik, ""}, ServerFixture::password());
    const fs::path log = dir / "serve.log";
    // Plain variables, not structured bindings: lambdas capture them (clang 14
    // cannot capture a structured binding).
    const ServeProcess serve = start_serve(db, log);
    const pid_t child = serve.child;
    const int port = serve.port;
    auto post = [port](const std::string& path, const std::string& body, const std::string& token) {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
        session.setTimeout(Poco::Timespan(10, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json");
        if (!token.empty()) request.set("Authorization", "Bearer " + token);
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::ostringstream out;
        out << session.receiveResponse(response).rdbuf();
        return std::make_pair(static_cast<int>(response.getStatus()), out.str());
    };
    const auto login = post("/api/v1/auth/login",
                            json{{"username", "pekerja"}, {"password", ServerFixture::password()}}.dump(), "");
    REQUIRE(login.first == 200);
    const std::string token = json::parse(login.second)["token"];

    // Eight clients file grievances until the server goes away.
    std::mutex mutex;
    std::map<std::int64_t, std::string> acknowledged;  // ticket → what it said
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c)
        clients.emplace_back([&, c] {
            for (int n = 0; !stop; ++n) {
                const std::string text = "aduan " + std::to_string(c) + "-" + std::to_string(n);
                try {
                    const auto r = post("/api/v1/grievances",
                                        json{{"nama_pelapor", "Natalia"}, {"kategori", "lainnya"}, {"uraian", text}}.dump(),
                                        token);
                    if (r.first != 201) continue;
                    std::lock_guard lock(mutex);
                    acknowledged[json::parse(r.second)["nomor_tiket"].get<std::int64_t>()] = text;
                } catch (const Poco::Exception&) {
                    return;  // the server stopped accepting
                }
            }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    stop_serve(child, log);
    stop = true;
    for (auto& t : clients) t.join();
    REQUIRE(acknowledged.size() > 10);

    // Every acknowledged grievance is in the database as it was answered.
    EngineOptions options;
    options.database = db;
    options.sources.workflows = {source_dir() / "workflows"};
    options.sources.rules = {source_dir() / "rules"};
    options.sources.plugins = {core_plugin_dir()};
    Engine engine(options);
    for (const auto& [ticket, text] : acknowledged) {
        INFO("ticket " << ticket);
        CHECK(engine.get_case(ticket).data["uraian"] == text);
    }
    CHECK(engine.verify_audit({}).intact);
}

TEST_CASE("an OPD head's account names an OPD of the regency's list, spelled as listed", "[server][admin][opd]") {
    ServerFixture f;
    const std::string admin = f.token("admin");
    const auto listed = f.get("/api/v1/opd", f.token("officer"));
    REQUIRE(listed.status == 200);
    const json names = listed.json()["opd"];
    CHECK(names.size() == 58);  // Kapuas' list in rules/62.03/regency.yaml
    CHECK(std::find(names.begin(), names.end(), "Dinas Kesehatan") != names.end());
    CHECK(f.get("/api/v1/opd", f.token("vendor_a")).status == 403);

    const json head = {{"username", "kadis.kesehatan"}, {"role", "opd_head"}, {"password", "rahasia-kadis-2025"}};
    json misspelt = head;
    misspelt["opd"] = "Dinas  kesehatan";
    const auto refused = f.post_json("/api/v1/admin/users", misspelt, admin);
    CHECK(refused.status == 422);
    REQUIRE(refused.json()["errors"].size() == 1);
    CHECK(refused.json()["errors"][0]["field"] == "opd");
    CHECK_THAT(refused.json()["errors"][0]["message"].get<std::string>(),
               Contains("tidak ada dalam daftar OPD Kabupaten Kapuas") && Contains("maksud Anda «Dinas Kesehatan»"));
    json unknown = head;
    unknown["opd"] = "Dinas Antariksa";
    CHECK(f.post_json("/api/v1/admin/users", unknown, admin).status == 422);
    CHECK(f.post_json("/api/v1/auth/login", {{"username", "kadis.kesehatan"}, {"password", "rahasia-kadis-2025"}}, "").status ==
          401);  // nobody was added

    json right = head;
    right["opd"] = "Dinas Kesehatan";
    CHECK(f.post_json("/api/v1/admin/users", right, admin).status == 201);
}

TEST_CASE("the database's password never reaches the server's log", "[server][process][secrets]") {
    CHECK(location_for_log("postgresql://tata:rahasia@db.internal/tata") == "postgresql://tata:***@db.internal/tata");
    CHECK(location_for_log("postgres://tata@db/tata?password=rahasia&sslmode=require") ==
          "postgres://tata@db/tata?password=***&sslmode=require");
    CHECK(location_for_log("postgresql:///tata?host=/run/postgresql&user=tata") ==
          "postgresql:///tata?host=/run/postgresql&user=tata");
    CHECK(location_for_log("/var/lib/tata/tata.db") == "/var/lib/tata/tata.db");
    if (!on_postgresql()) return;
    // The real server, with a password in its URI (the test server trusts
    // its socket, so any password connects).
    TempDir dir;
    const fs::path log = dir / "serve.log";
    const auto [child, port] = start_serve(test_database(dir) + "&password=kata-sandi-basis-data", log);
    CHECK(port > 0);
    stop_serve(child, log);
    const std::string text = read_text(log);
    CHECK_THAT(text, Contains("password=***"));
    CHECK(text.find("kata-sandi-basis-data") == std::string::npos);
}
