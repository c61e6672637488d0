// Identity and access: login, token expiry and logout; the whole route ×
// role matrix; data of another regency, vendor or worker never returned.
#include "server_fixture.hpp"

#include "api/openapi.hpp"
#include "identity/login_throttle.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// Who may call each route: the contract the server must keep. Written out
// here, not read from the router, so that a route that changes its roles or
// a new route without an entry fails this test.
const std::map<std::string, std::set<std::string>> kExpectedRoles = {
    {"POST /api/v1/auth/login", {}},
    {"POST /api/v1/auth/logout", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/me", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/cases", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"POST /api/v1/cases", {"admin", "officer"}},
    {"GET /api/v1/cases/{id}", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"POST /api/v1/cases/{id}/outcomes/{outcome}", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/cases/{id}/history", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/cases/{id}/incidents", {"admin", "officer"}},
    {"POST /api/v1/cases/{id}/retry", {"admin", "officer"}},
    {"POST /api/v1/cases/{id}/resolve", {"admin", "officer"}},
    {"GET /api/v1/cases/{id}/documents", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/cases/{id}/letters", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/cases/{id}/letters/{letter}", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"POST /api/v1/letters/verify", {"admin", "officer", "opd_head", "supervisor", "bkad"}},
    {"POST /api/v1/cases/{id}/documents", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/documents/{sha256}", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/tasks", {"admin", "officer", "opd_head", "supervisor", "bkad"}},
    {"POST /api/v1/tasks/decisions", {"admin", "officer", "opd_head", "supervisor", "bkad"}},
    {"POST /api/v1/tasks/{id}/claim", {"admin", "officer", "opd_head", "supervisor", "bkad"}},
    {"POST /api/v1/tasks/{id}/unclaim", {"admin", "officer", "opd_head", "supervisor", "bkad"}},
    {"GET /api/v1/workers/{nik}", {"admin", "officer", "opd_head", "bkad", "worker"}},
    {"POST /api/v1/workers/import", {"admin", "officer"}},
    {"GET /api/v1/workers/imports", {"admin", "officer"}},
    {"POST /api/v1/workers/imports/{batch}/undo", {"admin", "officer"}},
    {"GET /api/v1/ranking", {"admin", "officer"}},
    {"GET /api/v1/ranking/{nik}", {"admin", "officer", "worker"}},
    {"POST /api/v1/ranking/propose", {"officer"}},
    {"GET /api/v1/rounds/approved", {"admin", "officer"}},
    {"GET /api/v1/me/round", {"worker"}},
    {"GET /api/v1/packages", {"admin", "officer", "vendor"}},
    {"POST /api/v1/packages/{id}/bids", {"vendor"}},
    {"GET /api/v1/packages/{id}/bids", {"admin", "officer", "vendor"}},
    {"GET /api/v1/contracts", {"admin", "officer", "vendor"}},
    {"POST /api/v1/contracts/{id}/reports", {"vendor"}},
    {"GET /api/v1/contracts/{id}/reports", {"admin", "officer", "vendor"}},
    {"POST /api/v1/compliance/check", {"admin", "officer", "vendor"}},
    {"POST /api/v1/grievances", {"admin", "officer", "worker"}},
    {"GET /api/v1/grievances", {"admin", "officer", "worker"}},
    {"GET /api/v1/reports/rekap", {"admin", "officer"}},
    {"GET /api/v1/reports/tasks", {"admin", "officer"}},
    {"GET /api/v1/workflows/{workflow}/labels", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/opd", {"admin", "officer", "opd_head", "supervisor", "bkad"}},
    {"GET /api/v1/admin/definitions", {"admin"}},
    {"POST /api/v1/admin/reload", {"admin"}},
    {"GET /api/v1/admin/users", {"admin"}},
    {"POST /api/v1/admin/users", {"admin"}},
    {"POST /api/v1/admin/users/{username}/disable", {"admin"}},
    {"POST /api/v1/admin/users/{username}/enable", {"admin"}},
    {"POST /api/v1/admin/users/{username}/password", {"admin"}},
    {"GET /api/v1/admin/users/{username}/sessions", {"admin"}},
    {"DELETE /api/v1/admin/users/{username}/sessions/{session}", {"admin"}},
    {"DELETE /api/v1/admin/users/{username}/sessions", {"admin"}},
    {"POST /api/v1/me/password", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/me/sessions", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"DELETE /api/v1/me/sessions/{session}", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"DELETE /api/v1/me/sessions", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"GET /api/v1/me/access-log", {"worker"}},
    {"POST /api/v1/me/contact", {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"}},
    {"POST /api/v1/admin/users/{username}/contact", {"admin"}},
    {"GET /api/v1/admin/notifications", {"admin"}},
    {"GET /api/v1/planning/needs", {"admin", "officer"}},
    {"GET /api/v1/planning/scenarios", {"admin", "officer"}},
    {"POST /api/v1/planning/simulate", {"admin", "officer"}},
    {"POST /api/v1/planning/adopt", {"admin"}},
    {"POST /api/v1/performance/{tahun}/open", {"admin", "officer"}},
    {"GET /api/v1/performance/summary", {"admin", "officer", "opd_head"}},
    {"DELETE /api/v1/planning/adopted", {"admin"}},
    {"GET /api/v1/admin/access-log", {"admin"}},
    {"GET /healthz", {}},
    {"GET /metrics", {}},
    {"GET /openapi.json", {}},
};

const std::map<std::string, std::string> kUserOfRole = {{"admin", "admin"},       {"officer", "officer"},
                                                        {"opd_head", "opd_head"}, {"supervisor", "supervisor"},
                                                        {"bkad", "bkad"},
                                                        {"vendor", "vendor_a"},   {"worker", "worker"}};

bool role_refusal(const HttpResult& r) {
    return r.status == 403 && r.body.find("this route is not for role") != std::string::npos;
}

}  // namespace

TEST_CASE("login gives a token that expires, logout ends it, wrong passwords are refused", "[server][auth]") {
    ServerFixture f;
    const auto wrong = f.post_json("/api/v1/auth/login", {{"username", "officer"}, {"password", "salah-sekali-123"}}, "");
    CHECK(wrong.status == 401);
    CHECK(wrong.header("content-type") == "application/problem+json");
    const auto unknown = f.post_json("/api/v1/auth/login", {{"username", "siapa"}, {"password", "salah-sekali-123"}}, "");
    CHECK(unknown.status == 401);
    CHECK(unknown.json()["detail"] == wrong.json()["detail"]);  // no hint which part was wrong

    const auto login = f.post_json("/api/v1/auth/login", {{"username", "officer"}, {"password", ServerFixture::password()}}, "");
    REQUIRE(login.status == 200);
    const std::string token = login.json()["token"];
    CHECK(token.size() == 64);
    CHECK(login.json()["user"]["role"] == "officer");
    const auto me = f.get("/api/v1/me", token);
    REQUIRE(me.status == 200);
    CHECK(me.json()["username"] == "officer");
    CHECK(me.json()["regency"] == "62.03");

    CHECK(f.get("/api/v1/me", "").status == 401);
    CHECK(f.get("/api/v1/me", "").header("www-authenticate") == "Bearer");
    CHECK(f.get("/api/v1/me", token + "x").status == 401);

    // Eight hours later the token no longer works.
    f.clock().set(at("2025-06-10T16:59:00+07:00"));
    CHECK(f.get("/api/v1/me", token).status == 200);
    f.clock().set(at("2025-06-10T17:00:01+07:00"));
    CHECK(f.get("/api/v1/me", token).status == 401);

    const auto again = f.post_json("/api/v1/auth/login", {{"username", "officer"}, {"password", ServerFixture::password()}}, "");
    const std::string second = again.json()["token"];
    CHECK(f.send({"POST", "/api/v1/auth/logout", "", "", second, {}}).status == 204);
    CHECK(f.get("/api/v1/me", second).status == 401);
}

TEST_CASE("repeated failed logins are slowed down, per user name", "[server][auth]") {
    ServerFixture f;
    const json wrong = {{"username", "officer"}, {"password", "tebak-tebakan-1"}};
    for (int i = 0; i < server::LoginThrottle::kFreeFailuresPerName; ++i)
        CHECK(f.post_json("/api/v1/auth/login", wrong, "").status == 401);
    const auto slowed = f.post_json("/api/v1/auth/login", wrong, "");
    CHECK(slowed.status == 429);
    CHECK(slowed.header("retry-after") == "2");
    // Even the right password waits; another user does not.
    const json right = {{"username", "officer"}, {"password", ServerFixture::password()}};
    CHECK(f.post_json("/api/v1/auth/login", right, "").status == 429);
    CHECK(f.post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", ServerFixture::password()}}, "").status == 200);
    // Each further failure doubles the wait.
    f.clock().set(f.clock().now() + std::chrono::seconds(2));
    CHECK(f.post_json("/api/v1/auth/login", wrong, "").status == 401);
    CHECK(f.post_json("/api/v1/auth/login", wrong, "").header("retry-after") == "3");
    f.clock().set(f.clock().now() + std::chrono::seconds(3));
    CHECK(f.post_json("/api/v1/auth/login", right, "").status == 200);  // and success clears it
    CHECK(f.post_json("/api/v1/auth/login", wrong, "").status == 401);
}

TEST_CASE("every route checks the caller's role: the whole route × role matrix", "[server][auth][matrix]") {
    ServerFixture f;
    // The router holds exactly the routes of the expected table.
    std::set<std::string> routed;
    for (const auto& route : f.service().router().routes()) {
        const std::string name = route.method + " " + route.pattern;
        routed.insert(name);
        INFO(name);
        REQUIRE(kExpectedRoles.count(name) == 1);
        CHECK(route.roles == kExpectedRoles.at(name));
        CHECK(route.open == kExpectedRoles.at(name).empty());
    }
    CHECK(routed.size() == kExpectedRoles.size());

    const CaseId worker_case = f.worker_case(kWorkerNik);
    for (const auto& [name, allowed] : kExpectedRoles) {
        const auto space = name.find(' ');
        const std::string method = name.substr(0, space);
        std::string path = name.substr(space + 1);
        path = std::regex_replace(path, std::regex("\\{id\\}"), std::to_string(worker_case));
        path = std::regex_replace(path, std::regex("\\{nik\\}"), kWorkerNik);
        path = std::regex_replace(path, std::regex("\\{outcome\\}"), "setuju");
        path = std::regex_replace(path, std::regex("\\{sha256\\}"), std::string(64, 'a'));
        path = std::regex_replace(path, std::regex("\\{tahun\\}"), "2026");
        path = std::regex_replace(path, std::regex("\\{workflow\\}"), "verification");
        // Nobody of these names or ids: allowed callers get 404, nobody's
        // account or session is touched by the sweep.
        path = std::regex_replace(path, std::regex("\\{username\\}"), "tidak-ada");
        path = std::regex_replace(path, std::regex("\\{session\\}"), "999999");
        if (name == "POST /api/v1/auth/logout") continue;  // would end the token used below; tested above

        if (allowed.empty()) {
            INFO(name << " without a token");
            // /metrics checks its own token (the scraper's or an admin's):
            // identity_hardening_test covers it.
            const int status = f.send({method, path, "", "", "", {}}).status;
            if (name == "GET /metrics") CHECK(status == 401);
            else CHECK(status != 401);
            continue;
        }
        {
            INFO(name << " without a token");
            CHECK(f.send({method, path, "", "", "", {}}).status == 401);
        }
        for (const auto& [role, user] : kUserOfRole) {
            INFO(name << " as " << role);
            // An empty body: allowed callers get past the role check (and are
            // then refused or answered on the merits), the others are refused.
            const auto r = f.send({method, path, "", "", f.token(user), {}});
            if (allowed.count(role)) {
                CHECK_FALSE(role_refusal(r));
                CHECK(r.status != 401);
            } else {
                CHECK(r.status == 403);
                CHECK(role_refusal(r));
            }
        }
    }
}

TEST_CASE("the OpenAPI document describes every route the router knows", "[server][openapi]") {
    ServerFixture f;
    const auto r = f.get("/openapi.json", "");
    REQUIRE(r.status == 200);
    const json doc = r.json();
    CHECK(doc["openapi"] == "3.1.0");
    std::size_t operations = 0;
    for (const auto& route : f.service().router().routes()) {
        std::string method = route.method;
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        INFO(route.method << " " << route.pattern);
        REQUIRE(doc["paths"].contains(route.pattern));
        REQUIRE(doc["paths"][route.pattern].contains(method));
        const json& op = doc["paths"][route.pattern][method];
        CHECK(op["summary"] == route.summary);
        CHECK_FALSE(op["responses"].empty());
        if (!route.open) CHECK(op["x-roles"].size() == route.roles.size());
        // Every {param} of the path is described.
        for (const auto& segment : server::split_path(route.pattern)) {
            if (segment.front() != '{') continue;
            const std::string param = segment.substr(1, segment.size() - 2);
            bool described = false;
            for (const auto& p : op.value("parameters", json::array()))
                described = described || (p["in"] == "path" && p["name"] == param);
            CHECK(described);
        }
    }
    for (const auto& [path, methods] : doc["paths"].items()) operations += methods.size();
    CHECK(operations == f.service().router().routes().size());
}

TEST_CASE("another regency's, vendor's or worker's data answers 404", "[server][scope]") {
    ServerFixture f;
    const CaseId own = f.worker_case(kWorkerNik);
    const CaseId other = f.worker_case(kOtherWorkerNik, "Dinas Kesehatan");
    const CaseId contract_a = f.contract_case(kVendorA);
    const CaseId contract_b = f.contract_case(kVendorB);
    const auto path = [](CaseId id) { return "/api/v1/cases/" + std::to_string(id); };

    // Another regency: Balikpapan's officer sees nothing of Kapuas.
    const std::string balikpapan = f.token("officer_64_71");
    for (CaseId id : {own, other, contract_a}) {
        CHECK(f.get(path(id), balikpapan).status == 404);
        CHECK(f.get(path(id) + "/history", balikpapan).status == 404);
    }
    CHECK(f.get("/api/v1/cases", balikpapan).json()["total"] == 0);
    CHECK(f.get("/api/v1/workers/" + kWorkerNik, balikpapan).status == 404);
    CHECK(f.post_json(path(own) + "/outcomes/setuju", {{"input", {{"nomor_sptjm", "1"}}}}, balikpapan).status == 404);

    // Another vendor's contract: absent from its list and 404 when asked.
    const std::string vendor_a = f.token("vendor_a");
    CHECK(f.get(path(contract_a), vendor_a).status == 200);
    CHECK(f.get(path(contract_b), vendor_a).status == 404);
    CHECK(f.get(path(contract_b) + "/history", vendor_a).status == 404);
    CHECK(f.get(path(own), vendor_a).status == 404);  // workers' files are not a vendor's business
    const auto contracts = f.get("/api/v1/contracts", vendor_a).json();
    REQUIRE(contracts["total"] == 1);
    CHECK(contracts["items"][0]["id"] == contract_a);
    const auto all = f.get("/api/v1/cases", vendor_a).json();
    for (const auto& item : all["items"]) CHECK(item["id"] != contract_b);

    // Another worker's file: 404, by case number, by NIK and in lists.
    const std::string worker = f.token("worker");
    CHECK(f.get(path(own), worker).status == 200);
    CHECK(f.get(path(other), worker).status == 404);
    CHECK(f.get("/api/v1/workers/" + kOtherWorkerNik, worker).status == 404);
    CHECK(f.get("/api/v1/workers/" + kWorkerNik, worker).json()["id"] == own);
    const auto mine = f.get("/api/v1/cases", worker).json();
    REQUIRE(mine["total"] == 1);
    CHECK(mine["items"][0]["id"] == own);

    // An OPD head sees the files of their own OPD only.
    const std::string head = f.token("opd_head");
    CHECK(f.get(path(own), head).status == 200);
    CHECK(f.get(path(other), head).status == 404);
    CHECK(f.get(path(contract_a), head).status == 404);
    CHECK(f.get("/api/v1/cases", head).json()["total"] == 1);

    // The officer of the regency sees them all.
    CHECK(f.get("/api/v1/cases", f.token("officer")).json()["total"] == 4);
}

TEST_CASE("no role can fire an outcome its task does not give it", "[server][scope]") {
    ServerFixture f;
    const CaseId id = f.worker_case(kWorkerNik);
    const auto before = f.engine().get_case(id);
    REQUIRE(before.state == "konfirmasi_opd");
    const std::string path = "/api/v1/cases/" + std::to_string(id) + "/outcomes/setuju";
    const json input = {{"input", {{"nomor_sptjm", "800/12/2025"}}}};

    const auto as_worker = f.post_json(path, input, f.token("worker"));  // their own case, not their task
    CHECK(as_worker.status == 403);
    CHECK(f.post_json(path, input, f.token("bkad")).status == 403);
    CHECK(f.engine().get_case(id).version == before.version);

    // The case read tells each caller what they may do.
    CHECK(f.get("/api/v1/cases/" + std::to_string(id), f.token("worker")).json()["allowed_outcomes"].empty());
    const auto head_view = f.get("/api/v1/cases/" + std::to_string(id), f.token("opd_head")).json();
    REQUIRE_FALSE(head_view["allowed_outcomes"].empty());
    CHECK(head_view["allowed_outcomes"][0]["name"] == "setuju");

    const auto ok = f.post_json(path, input, f.token("opd_head"));
    REQUIRE(ok.status == 200);
    CHECK(ok.json()["state"] == "validasi_bkad");
}
