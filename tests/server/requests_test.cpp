// Requests the server must refuse or repeat safely: stale If-Match,
// Idempotency-Key retries, malformed JSON, wrong types, unknown fields,
// oversized bodies, wrong content types — each leaving nothing written.
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {

// Everything a failed request could have touched.
struct Snapshot {
    std::size_t cases = 0;
    std::int64_t audit_head = 0;

    explicit Snapshot(Engine& engine) {
        cases = engine.count_cases(CaseFilter{});
        audit_head = engine.verify_audit({}).head_seq;
    }
    bool operator==(const Snapshot& other) const { return cases == other.cases && audit_head == other.audit_head; }
};

std::string field_of(const HttpResult& r) {
    const auto body = r.json();
    if (!body.contains("errors") || body["errors"].empty()) return {};
    return body["errors"][0]["field"];
}

}  // namespace

TEST_CASE("a stale If-Match answers 412 and writes nothing", "[server][requests]") {
    ServerFixture f;
    const CaseId id = f.worker_case(kWorkerNik);
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    const std::string head = f.token("opd_head");
    const auto read = f.get(path, head);
    REQUIRE(read.status == 200);
    const std::string etag = read.header("etag");
    CHECK(etag == "\"" + std::to_string(read.json()["version"].get<int>()) + "\"");

    // Someone else changes the case meanwhile (an upload is a change).
    const auto upload = f.send({"POST", path + "/documents?name=sptjm.pdf", "%PDF-1.4 sptjm", "application/pdf",
                                f.token("officer"), {}});
    REQUIRE(upload.status == 201);
    const Snapshot before(f.engine());
    const auto stale = f.post_json(path + "/outcomes/setuju", {{"input", {{"nomor_sptjm", "800/1/2025"}}}}, head,
                                   {{"If-Match", etag}});
    CHECK(stale.status == 412);
    CHECK(stale.header("content-type") == "application/problem+json");
    CHECK(Snapshot(f.engine()) == before);
    CHECK(f.engine().get_case(id).state == "konfirmasi_opd");

    const auto bad = f.post_json(path + "/outcomes/setuju", {{"input", {{"nomor_sptjm", "800/1/2025"}}}}, head,
                                 {{"If-Match", "versi-lama"}});
    CHECK(bad.status == 400);
    CHECK(field_of(bad) == "If-Match");

    const auto fresh = f.get(path, head).header("etag");
    const auto ok = f.post_json(path + "/outcomes/setuju", {{"input", {{"nomor_sptjm", "800/1/2025"}}}}, head,
                                {{"If-Match", fresh}});
    REQUIRE(ok.status == 200);
    CHECK(ok.json()["state"] == "validasi_bkad");
    CHECK(ok.header("etag") != fresh);
}

TEST_CASE("a POST retried with the same Idempotency-Key answers as the first time", "[server][requests]") {
    ServerFixture f;
    const std::string worker = f.token("worker");
    const json grievance = {{"nama_pelapor", "Natalia"}, {"kategori", "data_salah"}, {"uraian", "TMT saya keliru."}};
    const auto first = f.post_json("/api/v1/grievances", grievance, worker, {{"Idempotency-Key", "aduan-1"}});
    REQUIRE(first.status == 201);
    const auto retry = f.post_json("/api/v1/grievances", grievance, worker, {{"Idempotency-Key", "aduan-1"}});
    CHECK(retry.status == 201);
    CHECK(retry.header("idempotent-replayed") == "true");
    CHECK(retry.json()["nomor_tiket"] == first.json()["nomor_tiket"]);
    CaseFilter grievances;
    grievances.workflow_id = "grievance";
    CHECK(f.engine().count_cases(grievances) == 1);

    // The same key with another request is refused; another key files anew.
    auto other = grievance;
    other["uraian"] = "Lain lagi.";
    CHECK(f.post_json("/api/v1/grievances", other, worker, {{"Idempotency-Key", "aduan-1"}}).status == 422);
    CHECK(f.engine().count_cases(grievances) == 1);
    CHECK(f.post_json("/api/v1/grievances", other, worker, {{"Idempotency-Key", "aduan-2"}}).status == 201);
    // Keys belong to their user: the same key from another user is theirs.
    const auto officer = f.post_json("/api/v1/grievances", {{"nama_pelapor", "Budi"}, {"nik", kOtherWorkerNik},
                                                            {"kategori", "lainnya"}, {"uraian", "Titipan."}},
                                     f.token("officer"), {{"Idempotency-Key", "aduan-1"}});
    CHECK(officer.status == 201);
    CHECK(f.engine().count_cases(grievances) == 3);

    // Eight copies sent at the same moment act once.
    std::vector<std::thread> copies;
    std::atomic<int> created{0};
    for (int i = 0; i < 8; ++i)
        copies.emplace_back([&] {
            if (f.post_json("/api/v1/grievances", grievance, worker, {{"Idempotency-Key", "aduan-serentak"}}).status == 201)
                ++created;
        });
    for (auto& t : copies) t.join();
    CHECK(created == 8);
    CHECK(f.engine().count_cases(grievances) == 4);

    // A refusal is remembered too: the retry gets the same refusal.
    const auto refused = f.post_json("/api/v1/grievances", {{"nama_pelapor", "X"}, {"nik", kOtherWorkerNik},
                                                            {"kategori", "lainnya"}, {"uraian", "bukan saya"}},
                                     worker, {{"Idempotency-Key", "aduan-3"}});
    CHECK(refused.status == 422);
    CHECK(f.post_json("/api/v1/grievances", {{"nama_pelapor", "X"}, {"nik", kOtherWorkerNik}, {"kategori", "lainnya"},
                                             {"uraian", "bukan saya"}},
                      worker, {{"Idempotency-Key", "aduan-3"}})
              .body == refused.body);
}

TEST_CASE("malformed, mistyped, unknown, oversized and mislabelled bodies get a 4xx that says where", "[server][requests]") {
    ServerFixture f([](server::ServerConfig& config) { config.max_body_bytes = 64 * 1024; });
    const std::string officer = f.token("officer");
    const Snapshot before(f.engine());
    auto post = [&](const std::string& body, const std::string& type = "application/json") {
        return f.send({"POST", "/api/v1/cases", body, type, officer, {}});
    };

    const auto malformed = post(R"({"workflow": "grievance", "data": {)");
    CHECK(malformed.status == 400);
    CHECK(field_of(malformed) == "body");
    CHECK_THAT(malformed.json()["detail"].get<std::string>(), Contains("malformed JSON at byte"));

    const auto not_object = post("[1, 2]");
    CHECK(not_object.status == 400);
    CHECK(field_of(not_object) == "body");

    const auto wrong_type = post(R"({"workflow": 7, "data": "x"})");
    CHECK(wrong_type.status == 400);
    std::set<std::string> fields;
    const json wrong_type_body = wrong_type.json();
    for (const auto& e : wrong_type_body["errors"]) fields.insert(e["field"]);
    CHECK(fields == std::set<std::string>{"workflow", "data"});

    const auto unknown = post(R"({"workflow": "grievance", "dat": {}})");
    CHECK(unknown.status == 400);
    CHECK(field_of(unknown) == "dat");
    CHECK(unknown.json()["errors"][0]["message"] == "unknown field");

    const auto missing = post(R"({"data": {}})");
    CHECK(missing.status == 400);
    CHECK(field_of(missing) == "workflow");

    const auto no_such_workflow = post(R"({"workflow": "cuti"})");
    CHECK(no_such_workflow.status == 400);
    CHECK(field_of(no_such_workflow) == "workflow");

    CHECK(post(R"({"workflow": "grievance"})", "text/plain").status == 415);

    const auto huge = post(R"({"workflow": "grievance", "data": {"uraian": ")" + std::string(70 * 1024, 'a') + "\"}}");
    CHECK(huge.status == 413);

    // A form that does not fit the task: 422 naming the field.
    const CaseId id = f.worker_case(kWorkerNik);
    const Snapshot with_case(f.engine());
    const auto bad_input = f.post_json("/api/v1/cases/" + std::to_string(id) + "/outcomes/setuju",
                                       {{"input", {{"nomor_sptjm", 12}, {"warna", "biru"}}}}, f.token("opd_head"));
    CHECK(bad_input.status == 422);
    std::set<std::string> input_fields;
    const json bad_input_body = bad_input.json();
    for (const auto& e : bad_input_body["errors"]) input_fields.insert(e["field"]);
    CHECK(input_fields.count("nomor_sptjm") == 1);
    CHECK(input_fields.count("warna") == 1);
    CHECK(Snapshot(f.engine()) == with_case);

    // Nothing of the refused requests was written.
    CHECK(with_case.cases == before.cases + 1);

    // Bad query parameters and ids.
    CHECK(f.get("/api/v1/cases?per_page=1000", officer).status == 400);
    CHECK(f.get("/api/v1/cases?overdue=kadang", officer).status == 400);
    CHECK(f.get("/api/v1/cases/abc", officer).status == 404);
    CHECK(f.send({"DELETE", "/api/v1/cases", "", "", officer, {}}).status == 405);
    CHECK(f.get("/api/v1/tidak-ada", officer).status == 404);
}

TEST_CASE("a POST without Content-Length or chunks has no body and is answered at once", "[server][requests]") {
    ServerFixture f;
    const std::string admin = f.token("admin");
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(f.port())));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    const std::string request = "POST /api/v1/admin/reload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                admin + "\r\nConnection: close\r\n\r\n";
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    std::string answer;
    char buffer[4096];
    const auto started = std::chrono::steady_clock::now();
    for (int got; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(got));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(4));
    CHECK_THAT(answer, StartsWith("HTTP/1.1 200"));
    CHECK_THAT(answer, Contains("\"reloaded\":true"));
}

TEST_CASE("32 concurrent clients on the same cases lose no update, one stale version wins once", "[server][concurrency]") {
    ServerFixture f;
    std::vector<CaseId> cases;
    for (const char* nik : {"6203014410800160", "6203010101900002", "6203010101900003", "6203010101900004"})
        cases.push_back(f.worker_case(nik));
    const std::string officer = f.token("officer");
    std::vector<std::int64_t> versions;
    for (CaseId id : cases) versions.push_back(f.engine().get_case(id).version);

    // Every client adds its own document to every case: 32 × 4 changes.
    constexpr int kClients = 32;
    std::atomic<int> refused{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c)
        clients.emplace_back([&, c] {
            for (CaseId id : cases) {
                const auto r = f.send({"POST", "/api/v1/cases/" + std::to_string(id) + "/documents?name=berkas-" + std::to_string(c) + ".txt",
                                       "dokumen klien " + std::to_string(c), "text/plain", officer, {}});
                if (r.status != 201) ++refused;
            }
        });
    for (auto& t : clients) t.join();
    CHECK(refused == 0);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto record = f.engine().get_case(cases[i]);
        CHECK(record.data["dokumen_unggahan"].size() == kClients);
        CHECK(record.version == versions[i] + kClients);
    }

    // All clients fire the same outcome on the version they read: one wins.
    const std::string head = f.token("opd_head");
    const CaseId id = cases[0];
    const std::string etag = "\"" + std::to_string(f.engine().get_case(id).version) + "\"";
    std::atomic<int> won{0}, stale{0}, other{0};
    clients.clear();
    for (int c = 0; c < kClients; ++c)
        clients.emplace_back([&] {
            const auto r = f.post_json("/api/v1/cases/" + std::to_string(id) + "/outcomes/setuju",
                                       {{"input", {{"nomor_sptjm", "800/7/2025"}}}}, head, {{"If-Match", etag}});
            (r.status == 200 ? won : r.status == 412 ? stale : other)++;
        });
    for (auto& t : clients) t.join();
    CHECK(won == 1);
    CHECK(stale == kClients - 1);
    CHECK(other == 0);
    int fired = 0;
    for (const auto& event : f.engine().history(id)) fired += event.type == "fired";
    CHECK(fired == 1);
    CHECK(f.engine().verify_audit({}).intact);
}
