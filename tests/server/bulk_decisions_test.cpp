// POST /api/v1/tasks/decisions: one decision on many cases, each decided on
// its own with the version the caller saw, with a result per case.
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// NIKs of women born 4 October 1980 in Kapuas, as kWorkerNik.
std::string nik_of(int n) { return "62030144108001" + std::to_string(70 + n); }

json target(ServerFixture& f, CaseId id) { return {{"id", id}, {"version", f.engine().get_case(id).version}}; }

}  // namespace

TEST_CASE("one decision on many cases: each decided with its version, the others' refusals do not undo it",
          "[server][bulk]") {
    ServerFixture f;
    std::vector<CaseId> own;
    for (int n = 0; n < 4; ++n) own.push_back(f.worker_case(nik_of(n)));
    for (const CaseId id : own) REQUIRE(f.engine().get_case(id).state == "konfirmasi_opd");
    const CaseId other_opd = f.worker_case(nik_of(8), kOtherOpd);
    const std::string head = f.token("opd_head");

    json stale = target(f, own[2]);
    stale["version"] = stale["version"].get<std::int64_t>() + 3;
    const json request = {{"outcome", "setuju"},
                          {"input", {{"nomor_sptjm", "800/SPTJM/2025/1"}}},
                          {"cases", {target(f, own[0]), target(f, own[1]), stale, target(f, other_opd), target(f, own[3])}}};
    const auto answer = f.post_json("/api/v1/tasks/decisions", request, head);
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    const json body = answer.json();
    CHECK(body["decided"] == 3);
    CHECK(body["refused"] == 2);
    const json& results = body["results"];
    REQUIRE(results.size() == 5);
    // In the order asked, each with what the single-case route would answer.
    CHECK(results[0]["id"] == own[0]);
    CHECK(results[0]["status"] == 200);
    CHECK(results[0]["state"] == "validasi_bkad");
    CHECK(results[0]["state_title"] == "Validasi slip gaji oleh BKAD");
    CHECK(results[0]["version"] == f.engine().get_case(own[0]).version);
    CHECK(results[2]["status"] == 412);  // changed since the caller saw it
    CHECK(results[3]["status"] == 404);  // another OPD's file: not there for this head
    CHECK_FALSE(results[3].dump().find("Pekerja") != std::string::npos);
    CHECK(results[4]["status"] == 200);
    for (const CaseId id : {own[0], own[1], own[3]}) CHECK(f.engine().get_case(id).state == "validasi_bkad");
    CHECK(f.engine().get_case(own[2]).state == "konfirmasi_opd");
    CHECK(f.engine().get_case(other_opd).state == "konfirmasi_opd");
    CHECK(f.engine().get_case(own[0]).data["nomor_sptjm"] == "800/SPTJM/2025/1");
    CHECK(f.engine().verify_audit().intact);

    // A decision the form refuses is refused for each case, at its field, and nothing is written.
    const json versions = target(f, own[2]);
    const auto incomplete = f.post_json("/api/v1/tasks/decisions", {{"outcome", "setuju"}, {"cases", {versions}}}, head);
    REQUIRE(incomplete.status == 200);
    const json incomplete_body = incomplete.json();
    CHECK(incomplete_body["decided"] == 0);
    const json refused = incomplete_body["results"][0];
    CHECK(refused["status"] == 422);
    CHECK(refused["errors"][0]["field"] == "nomor_sptjm");
    CHECK(refused["errors"][0]["message"] == "wajib diisi");
    CHECK(f.engine().get_case(own[2]).version == versions["version"]);

    // A decision of another role (the head's, taken by an officer): 403 for
    // the case; one the stage does not offer: 409. Still nothing written.
    const json sptjm = {{"nomor_sptjm", "800/SPTJM/2025/2"}};
    const auto not_theirs = f.post_json("/api/v1/tasks/decisions",
                                        {{"outcome", "setuju"}, {"input", sptjm}, {"cases", {versions}}}, f.token("officer"));
    REQUIRE(not_theirs.status == 200);
    CHECK(not_theirs.json()["results"][0]["status"] == 403);
    const auto other_stage = f.post_json("/api/v1/tasks/decisions", {{"outcome", "valid"}, {"cases", {versions}}}, head);
    REQUIRE(other_stage.status == 200);
    CHECK(other_stage.json()["results"][0]["status"] == 409);
    CHECK(f.engine().get_case(own[2]).version == versions["version"]);
}

TEST_CASE("a decision on many cases is bounded and checked before any case is touched", "[server][bulk]") {
    ServerFixture f;
    const CaseId id = f.worker_case(nik_of(0));
    const std::int64_t version = f.engine().get_case(id).version;
    const std::string officer = f.token("officer");
    const auto refused_at = [&](const json& body, const std::string& field) {
        const auto answer = f.post_json("/api/v1/tasks/decisions", body, officer);
        INFO(body.dump().substr(0, 200) << " → " << answer.body);
        CHECK(answer.status == 400);
        CHECK_THAT(answer.body, Contains("\"field\":\"" + field + "\""));
    };
    refused_at({{"outcome", "setuju"}, {"cases", json::array()}}, "cases");
    json many = json::array();
    for (int n = 1; n <= 501; ++n) many.push_back({{"id", n}, {"version", 1}});
    refused_at({{"outcome", "setuju"}, {"cases", many}}, "cases");
    refused_at({{"outcome", "setuju"}, {"cases", {{{"id", id}, {"version", version}}, {{"id", id}, {"version", version}}}}},
               "cases[1]");
    refused_at({{"outcome", "setuju"}, {"cases", {{{"id", id}}}}}, "cases[0]");
    refused_at({{"outcome", "setuju"}, {"cases", {{{"id", "1"}, {"version", 1}}}}}, "cases[0]");
    refused_at({{"outcome", "setuju"}, {"cases", {{{"id", id}, {"version", 0}}}}}, "cases[0]");
    refused_at({{"outcome", ""}, {"cases", {{{"id", id}, {"version", version}}}}}, "outcome");
    refused_at({{"outcome", "setuju"}, {"cases", {{{"id", id}, {"version", version}}}}, {"lagi", true}}, "lagi");
    CHECK(f.engine().get_case(id).version == version);
    // Not staff: refused whole.
    CHECK(f.post_json("/api/v1/tasks/decisions", {{"outcome", "setuju"}, {"cases", {{{"id", id}, {"version", version}}}}},
                      f.token("vendor_a"))
              .status == 403);
    CHECK(f.engine().get_case(id).version == version);
}
