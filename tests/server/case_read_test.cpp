// GET /api/v1/cases/{id} splices the stored data into its answer
// (api/case_read.hpp): for every user and every kind of case it must answer
// exactly what building the answer from the parsed case answers, and refuse
// exactly whom can_see refuses.
#include "server_fixture.hpp"

#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/case_read.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const char* const kFieldNames[] = {"nik", "opd", "nama"};

CaseId create(ServerFixture& f, const std::string& workflow, const std::string& regency, json data) {
    return f.engine().create_case(workflow, regency, std::move(data), {"officer", "officer"}).record.id;
}

}  // namespace

TEST_CASE("top_level_texts keeps the named top-level texts and builds nothing else", "[server][case_read]") {
    const auto picked = server::top_level_texts(
        R"({"nik":"6203","x":{"opd":"nested","nama":["a"]},"opd":7,"nama":"Siti \"Ani\" \u00e9","list":[{"nik":"no"}]})",
        kFieldNames);
    CHECK(picked == json({{"nik", "6203"}, {"nama", "Siti \"Ani\" é"}}));  // opd is a number: absent
    // A repeated key keeps its last value, as parsing does.
    CHECK(server::top_level_texts(R"({"opd":"A","opd":"B"})", kFieldNames) == json({{"opd", "B"}}));
    CHECK(server::top_level_texts(R"({"opd":"A","opd":null})", kFieldNames) == json::object());
    CHECK_THROWS_AS(server::top_level_texts(R"({"opd":"A")", kFieldNames), json::parse_error);
}

TEST_CASE("a case read answers, for every user and kind of case, what the parsed case gives", "[server][case_read]") {
    ServerFixture f;
    std::vector<CaseId> cases = {
        f.worker_case(kWorkerNik),
        f.worker_case(kOtherWorkerNik, kOtherOpd, "Nama \"kutip\" \\ garis miring, é 中文 \xF0\x9F\x99\x82"),
        f.contract_case(kVendorA),
        f.contract_case(kVendorB),
        create(f, "grievance", "62.03", {{"nik", kWorkerNik}, {"nama_pelapor", "Pelapor"}, {"uraian", "Honor telat"}}),
        create(f, "vendor_selection", "62.03", json::object()),
        // A vendor reads a package redacted: its definition, never the committee's notes.
        create(f, "vendor_selection", "62.03",
               {{"nama_paket", "Kebersihan kantor bupati"}, {"catatan_panitia", "rahasia panitia"}}),
        create(f, "performance_evaluation", "62.03",
               {{"nik", kWorkerNik}, {"nama", "Pekerja Dinilai"}, {"opd", kOpd}, {"id_penyedia", kVendorA},
                {"sasaran", {{"hasil", "rahasia"}}}}),
        // Fields of another type than text, nested objects, numbers of every kind.
        create(f, "verification", "62.03",
               {{"nik", 6203010101900003}, {"opd", {{"nama", kOpd}}}, {"nilai", -1.5e-7}, {"besar", 18446744073709551615u},
                {"kosong", json::object()}, {"daftar", json::array({nullptr, true, "opd"})}}),
        create(f, "verification", "64.71", {{"nik", "6471010101900001"}, {"opd", kOpd}}),
    };
    const std::vector<std::string> users = {"admin",  "officer",  "opd_head", "supervisor", "other_supervisor",
                                            "bkad",   "vendor_a", "vendor_b", "worker",     "other_worker",
                                            "officer_64_71"};
    int answered = 0, refused = 0;
    for (const auto& name : users) {
        const std::string token = f.token(name);
        const auto user = f.service().identity().user_of_token(token, f.clock().now());
        REQUIRE(user);
        for (const CaseId id : cases) {
            INFO(name << " reads case " << id);
            const CaseRecord parsed = f.engine().read_case(id);
            const auto r = f.get("/api/v1/cases/" + std::to_string(id), token);
            if (!server::can_see(*user, parsed)) {
                CHECK(r.status == 404);
                ++refused;
                continue;
            }
            REQUIRE(r.status == 200);
            CHECK(r.json() == server::case_json(f.engine(), parsed, *user));
            CHECK(r.header("etag") == "\"" + std::to_string(parsed.version) + "\"");
            CHECK(r.header("content-type").rfind("application/json", 0) == 0);
            if (name == "vendor_a" || name == "vendor_b") CHECK(r.body.find("rahasia") == std::string::npos);
            ++answered;
        }
    }
    // Both sides of every check were exercised.
    CHECK(answered > 20);
    CHECK(refused > 20);
}
