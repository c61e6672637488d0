// Three real `tata serve` nodes on one database (PostgreSQL, or on SQLite
// three processes on one file), as a proxy spreads clients over them: 32
// clients file grievances while due deadlines fire, one node is killed
// with SIGKILL in the middle. Every acknowledged request must be in the
// database as it was answered, no deadline may fire twice, the audit chain
// must hold, and a reload on one node must be served by the others, the
// killed one too once it is back.
#include "serve_process.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

// An overdue confirmation is asked again with a new deadline: the case
// stays in its state, so only the cluster-wide claim of its timer keeps a
// second node from firing the same deadline again.
const char* const kDeadlineYaml = R"(id: tenggat
version: 1
title: Tenggat
start: konfirmasi
states:
  konfirmasi:
    kind: task
    title: Konfirmasi kepala OPD
    role: opd_head
    due: 2 working days
    on_due: konfirmasi
    outcomes:
      setuju: selesai
  selesai: {kind: end, result: done}
)";

struct Answer {
    int status = 0;  // 0: no answer (the node is gone)
    std::string body;
};

Answer call(int port, const std::string& method, const std::string& path, const std::string& body,
            const std::string& token) {
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
        session.setTimeout(Poco::Timespan(20, 0));
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!token.empty()) request.set("Authorization", "Bearer " + token);
        if (!body.empty()) {
            request.setContentType("application/json");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::ostringstream out;
        out << session.receiveResponse(response).rdbuf();
        return {static_cast<int>(response.getStatus()), out.str()};
    } catch (const Poco::Exception&) {
        return {};
    }
}

std::string login(int port, const std::string& username) {
    const Answer answer = call(port, "POST", "/api/v1/auth/login",
                               json{{"username", username}, {"password", ServerFixture::password()}}.dump(), "");
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    return json::parse(answer.body)["token"];
}

std::size_t escalations(Engine& engine, CaseId id) {
    std::size_t found = 0;
    for (const auto& event : engine.history(id)) found += event.type == "escalated";
    return found;
}

}  // namespace

TEST_CASE("three nodes on one database: a node killed mid-load loses nothing acknowledged, deadlines fire once",
          "[server][cluster][process]") {
    TempDir dir;
    const std::string db = test_database(dir);
    server::IdentityStore users(db);
    users.add_user({"pekerja", "62.03", "worker", "", kWorkerNik, ""}, ServerFixture::password());
    users.add_user({"kepala", "62.03", "admin", "", "", ""}, ServerFixture::password());

    // Each node has its own copy of the definitions, as separate machines.
    std::vector<std::unique_ptr<TempDir>> folders;
    for (int n = 0; n < 3; ++n) {
        auto& folder = *folders.emplace_back(std::make_unique<TempDir>());
        fs::copy(source_dir() / "workflows", folder / "workflows", fs::copy_options::recursive);
        fs::copy(source_dir() / "rules", folder / "rules", fs::copy_options::recursive);
        folder.write("workflows/tenggat.yaml", kDeadlineYaml);
        folder.write("node.yaml", "timer_interval_seconds: 1\nwatch_interval_seconds: 1\nthreads: 8\n");
    }
    auto start_node = [&](int n) {
        const TempDir& folder = *folders[static_cast<std::size_t>(n)];
        return start_serve(db, dir / ("node" + std::to_string(n) + ".log"),
                           {"--config", (folder / "node.yaml").string(), "--workflows", (folder / "workflows").string(),
                            "--rules", (folder / "rules").string()});
    };
    std::vector<ServeProcess> nodes;
    for (int n = 0; n < 3; ++n) nodes.push_back(start_node(n));
    const std::string token = login(nodes[0].port, "pekerja");  // a session every node knows

    // Deadlines long past, made while the nodes run their timers: each
    // must be escalated once, whichever node gets there first.
    EngineOptions options;
    options.database = db;
    options.sources.workflows = {(*folders[0]) / "workflows"};
    options.sources.rules = {(*folders[0]) / "rules"};
    options.sources.plugins = {core_plugin_dir()};
    options.clock = std::make_shared<FixedClock>(at("2025-03-03T09:00:00+07:00"));
    Engine engine(options);
    std::vector<CaseId> overdue;
    std::thread deadlines([&] {
        for (int i = 0; i < 90; ++i) {
            overdue.push_back(engine.create_case("tenggat", "62.03", json::object(), {"budi", "officer"}).record.id);
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
    });

    // 32 clients, spread over the nodes; a client whose node is gone goes
    // on at the next one, as a proxy would send it.
    std::mutex mutex;
    std::map<std::int64_t, std::string> acknowledged;  // ticket → what it said
    std::array<std::atomic<int>, 3> acknowledged_by{};
    std::atomic<bool> stop{false};
    std::atomic<int> killed{-1};
    std::vector<std::thread> clients;
    for (int c = 0; c < 32; ++c)
        clients.emplace_back([&, c] {
            int node = c % 3;
            for (int n = 0; !stop; ++n) {
                const std::string text = "aduan " + std::to_string(c) + "-" + std::to_string(n);
                const Answer answer = call(nodes[static_cast<std::size_t>(node)].port, "POST", "/api/v1/grievances",
                                           json{{"nama_pelapor", "Natalia"}, {"kategori", "lainnya"}, {"uraian", text}}.dump(),
                                           token);
                const int asked = node;
                if (answer.status == 0 || node == killed) node = (node + 1) % 3;
                if (answer.status != 201) continue;
                ++acknowledged_by[static_cast<std::size_t>(asked)];
                std::lock_guard lock(mutex);
                acknowledged[json::parse(answer.body)["nomor_tiket"].get<std::int64_t>()] = text;
            }
        });
    // Node 2 dies mid-load: after 1.2 s, and once every node has answered
    // some (under a sanitizer on a busy machine a node's first answers can
    // take longer than that).
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    for (int waited = 0; waited < 300; ++waited) {
        if (std::all_of(acknowledged_by.begin(), acknowledged_by.end(), [](const auto& count) { return count > 0; })) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill_serve(nodes[1].child);
    killed = 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stop = true;
    for (auto& client : clients) client.join();
    deadlines.join();
    INFO(acknowledged.size() << " grievances acknowledged");
    REQUIRE(acknowledged.size() > 30);
    for (const auto& count : acknowledged_by) CHECK(count > 0);  // the killed node too, before it died

    // A reload on node 1 (the same change in every node's folders, as a
    // deploy makes it): node 3 serves the same generation, and node 2 once
    // it is back. (Each node's watcher also sees its own folder change and
    // posts the same content, which joins that generation; a node following
    // a generation only another node posted is checked in operations_test.)
    for (const auto& folder : folders) {
        std::ofstream out(*folder / "rules" / "62.03" / "regency.yaml", std::ios::app);
        out << "# diubah saat uji\n";
    }
    const std::string admin = login(nodes[0].port, "kepala");
    const Answer reloaded = call(nodes[0].port, "POST", "/api/v1/admin/reload", "{}", admin);
    INFO(reloaded.body);
    REQUIRE(reloaded.status == 200);
    const std::int64_t generation = json::parse(reloaded.body)["deployment_generation"];
    nodes[1] = start_node(1);
    for (const int n : {1, 2}) {
        std::int64_t served = 0;
        for (int i = 0; i < 100 && served != generation; ++i) {
            const Answer health = call(nodes[static_cast<std::size_t>(n)].port, "GET", "/healthz", "", "");
            if (health.status == 200) served = json::parse(health.body)["deployment_generation"];
            if (served != generation) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        INFO("node " << n + 1);
        CHECK(served == generation);
    }
    // Every deadline has fired by now (timers run each second on each node).
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    for (const int n : {0, 1, 2}) stop_serve(nodes[static_cast<std::size_t>(n)].child, dir / ("node" + std::to_string(n) + ".log"));

    for (const auto& [ticket, text] : acknowledged) {
        INFO("ticket " << ticket);
        CHECK(engine.get_case(ticket).data["uraian"] == text);
    }
    std::size_t fired = 0;
    for (const CaseId id : overdue) {
        INFO("case " << id);
        const std::size_t times = escalations(engine, id);
        CHECK(times <= 1);
        fired += times;
    }
    CHECK(fired == overdue.size());
    CHECK(engine.verify_audit({}).intact);
}
