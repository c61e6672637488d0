// Performance evaluation over HTTP: opening a year from a CSV list, who
// sees which evaluation (a supervisor their OPD's, a worker their own, a
// vendor its contract's workers' final results), the supervisor's inbox,
// the objection decided by the OPD head, and the leadership's summary.
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using nlohmann::json;
using Catch::Matchers::Contains;

namespace {

std::string list_csv(CaseId contract) {
    return "nik,nama,opd,jabatan,jenis_kepegawaian,id_kontrak\n" + kWorkerNik + ",Wati,Dinas Pendidikan,Petugas Kebersihan,alih_daya," +
           std::to_string(contract) + "\n" + kOtherWorkerNik + ",Budi,Dinas Kesehatan,Perawat,pppk_paruh_waktu,\n";
}

HttpResult open_year(const ServerFixture& f, const std::string& csv, const std::string& token, const std::string& year = "2025") {
    return f.send({"POST", "/api/v1/performance/" + year + "/open?name=daftar.csv", csv, "text/csv", token, {}});
}

std::string case_path(CaseId id) { return "/api/v1/cases/" + std::to_string(id); }

HttpResult fire(const ServerFixture& f, CaseId id, const std::string& outcome, const json& input, const std::string& token) {
    return f.post_json(case_path(id) + "/outcomes/" + outcome, {{"input", input}}, token);
}

}  // namespace

TEST_CASE("opening a year over HTTP: a CSV list, all or nothing, officers only", "[server][performance]") {
    ServerFixture f;
    const CaseId contract = f.contract_case(kVendorA);
    const std::string officer = f.token("officer");

    // A wrong row: 422 naming it, nothing opened.
    const std::string bad = list_csv(contract) + "6203010101900003,Ani,Dinas Pendidikan,Guru,honorer,\n";
    const auto refused = open_year(f, bad, officer);
    REQUIRE(refused.status == 422);
    CHECK_THAT(refused.body, Contains("daftar.csv:4: jenis_kepegawaian"));
    CaseFilter evaluations;
    evaluations.workflow_id = "performance_evaluation";
    CHECK(f.engine().count_cases(evaluations) == 0);
    // Someone else's contract number: refused the same way.
    const CaseId other_regency = f.engine().create_case("vendor_contract", "64.71",
                                                        {{"nomor_kontrak", "1"}, {"id_penyedia", "x"}, {"nama_penyedia", "X"},
                                                         {"jumlah_pekerja_kontrak", 1}, {"upah_bulanan", 3800000}},
                                                        {"o", "officer"}).record.id;
    const auto foreign = open_year(f, list_csv(other_regency), officer);
    CHECK(foreign.status == 422);
    CHECK(f.engine().count_cases(evaluations) == 0);

    CHECK(open_year(f, list_csv(contract), officer, "2023").status == 400);
    CHECK(open_year(f, list_csv(contract), officer, "20x5").status == 400);
    CHECK(f.send({"POST", "/api/v1/performance/2025/open", "{}", "application/json", officer, {}}).status == 415);
    CHECK(open_year(f, list_csv(contract), f.token("supervisor")).status == 403);
    CHECK(open_year(f, list_csv(contract), f.token("opd_head")).status == 403);

    const auto opened = open_year(f, list_csv(contract), officer);
    REQUIRE(opened.status == 201);
    CHECK(opened.json()["dibuka"] == 2);
    const auto again = open_year(f, list_csv(contract), officer);
    REQUIRE(again.status == 201);
    CHECK(again.json()["dibuka"] == 0);
    CHECK(again.json()["sudah_ada"] == 2);
}

TEST_CASE("evaluations are seen by their OPD's supervisor and head, the worker, and the vendor once final",
          "[server][performance][scope]") {
    ServerFixture f;
    const CaseId contract = f.contract_case(kVendorA);
    const CaseId file = f.worker_case(kWorkerNik);  // the worker's verification file, same OPD
    const auto opened = open_year(f, list_csv(contract), f.token("officer")).json();
    const CaseId own = opened["kasus"][0];    // the worker's, Dinas Pendidikan, outsourced to vendor A
    const CaseId other = opened["kasus"][1];  // another worker's, Dinas Kesehatan

    const std::string supervisor = f.token("supervisor");
    const std::string other_supervisor = f.token("other_supervisor");
    const std::string head = f.token("opd_head");
    const std::string worker = f.token("worker");
    const std::string other_worker = f.token("other_worker");
    const std::string vendor_a = f.token("vendor_a");
    const std::string vendor_b = f.token("vendor_b");

    // Supervisors: their own OPD's evaluations, nothing else (not even the
    // verification files of their OPD).
    CHECK(f.get(case_path(own), supervisor).status == 200);
    CHECK(f.get(case_path(other), supervisor).status == 404);
    CHECK(f.get(case_path(file), supervisor).status == 404);
    CHECK(f.get(case_path(other), other_supervisor).status == 200);
    CHECK(f.get(case_path(own), other_supervisor).status == 404);
    const auto listed = f.get("/api/v1/cases", supervisor).json();
    REQUIRE(listed["total"] == 1);
    CHECK(listed["items"][0]["id"] == own);
    const auto inbox = f.get("/api/v1/tasks", supervisor).json();
    REQUIRE(inbox["total"] == 1);
    CHECK(inbox["items"][0]["case_id"] == own);
    CHECK(f.get("/api/v1/tasks?workflow=verification", supervisor).json()["total"] == 0);
    CHECK(f.get("/api/v1/tasks", other_supervisor).json()["items"][0]["case_id"] == other);
    // Their role's step only, on their OPD's case only.
    CHECK(fire(f, other, "tetapkan_target", {{"indikator_1", "a"}, {"target_1", "b"}}, supervisor).status == 404);
    CHECK(fire(f, own, "tetapkan_target", {{"indikator_1", "RPP"}, {"target_1", "100%"}}, supervisor).status == 200);

    // A supervisor's read of an evaluation is in the worker's log of who
    // looked at their data (UU 27/2022).
    const auto looked = f.get("/api/v1/me/access-log", worker).json();
    REQUIRE(looked["total"].get<int>() >= 1);
    bool by_supervisor = false;
    for (const auto& item : looked["items"])
        by_supervisor = by_supervisor || (item["username"] == "supervisor" && item["case_ids"] == json::array({own}));
    CHECK(by_supervisor);

    // Workers: their own evaluation, beside their file.
    CHECK(f.get(case_path(own), worker).status == 200);
    CHECK(f.get(case_path(own), other_worker).status == 404);
    CHECK(fire(f, own, "setuju", json::object(), other_worker).status == 404);
    const auto mine = f.get("/api/v1/cases?workflow=performance_evaluation", worker).json();
    REQUIRE(mine["total"] == 1);
    CHECK(mine["items"][0]["id"] == own);
    REQUIRE(fire(f, own, "setuju", json::object(), worker).status == 200);

    // The OPD head: their OPD's evaluations (and files), no other OPD's.
    CHECK(f.get(case_path(own), head).status == 200);
    CHECK(f.get(case_path(other), head).status == 404);
    CHECK(f.get("/api/v1/cases", head).json()["total"] == 2);

    // Vendors: nothing while the evaluation runs.
    CHECK(f.get(case_path(own), vendor_a).status == 404);
    for (int quarter = 1; quarter <= 4; ++quarter) {
        REQUIRE(fire(f, own, "catat_realisasi", {{"realisasi_1", "ok"}}, worker).status == 200);
        REQUIRE(fire(f, own, "kirim_umpan_balik", {{"umpan_balik", "ok"}}, supervisor).status == 200);
    }
    REQUIRE(fire(f, own, "nilai", {{"hasil_kerja", "di_bawah_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"},
                                    {"catatan_evaluasi", "Realisasi di bawah target"}},
                 supervisor).status == 200);
    REQUIRE(fire(f, own, "ajukan_keberatan", {{"alasan_keberatan", "Alasan pribadi pekerja"}}, worker).status == 200);
    CHECK(f.get(case_path(own), vendor_a).status == 404);
    // The objection is the head's to decide, not the supervisor's.
    CHECK(fire(f, own, "terima", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"},
                                  {"alasan_putusan", "x"}},
               supervisor).status == 403);
    const auto decided = fire(f, own, "terima", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"},
                                                 {"alasan_putusan", "Bukti realisasi sah"}},
                              head);
    REQUIRE(decided.status == 200);
    CHECK(decided.json()["result"] == "diteruskan_ke_penyedia");

    // Final: the contract's vendor reads the result, and only the result.
    const auto seen = f.get(case_path(own), vendor_a);
    REQUIRE(seen.status == 200);
    const json data = seen.json()["data"];
    CHECK(data["predikat"] == "baik");
    CHECK(data["keberatan"] == "diterima");
    CHECK_FALSE(data.contains("riwayat_periode"));
    CHECK_FALSE(data.contains("alasan_keberatan"));
    CHECK_FALSE(data.contains("indikator_1"));
    CHECK(seen.body.find("Alasan pribadi pekerja") == std::string::npos);
    const auto history = f.get(case_path(own) + "/history", vendor_a).json();
    CHECK(history["events"].empty());
    const auto vendor_list = f.get("/api/v1/cases?workflow=performance_evaluation", vendor_a).json();
    REQUIRE(vendor_list["total"] == 1);
    CHECK(vendor_list["items"][0]["id"] == own);
    CHECK(f.get(case_path(own), vendor_b).status == 404);
    CHECK(f.get("/api/v1/cases?workflow=performance_evaluation", vendor_b).json()["total"] == 0);
}

TEST_CASE("the leadership's summary: the regency for officers, their own OPD for a head", "[server][performance][scope]") {
    ServerFixture f;
    const CaseId contract = f.contract_case(kVendorA);
    open_year(f, list_csv(contract), f.token("officer"));

    const auto all = f.get("/api/v1/performance/summary?tahun=2025", f.token("officer"));
    REQUIRE(all.status == 200);
    CHECK(all.json()["total"]["jumlah"] == 2);
    CHECK(all.json()["per_opd"].size() == 2);
    CHECK(all.json()["batas_sebaran"]["baik"] == 70);

    const auto own = f.get("/api/v1/performance/summary?tahun=2025", f.token("opd_head")).json();
    REQUIRE(own["per_opd"].size() == 1);
    CHECK(own["per_opd"][0]["opd"] == kOpd);
    CHECK_FALSE(own.contains("total"));

    CHECK(f.get("/api/v1/performance/summary", f.token("officer")).status == 400);
    CHECK(f.get("/api/v1/performance/summary?tahun=dua", f.token("officer")).status == 400);
    CHECK(f.get("/api/v1/performance/summary?tahun=2025", f.token("supervisor")).status == 403);
    CHECK(f.get("/api/v1/performance/summary?tahun=2025", f.token("worker")).status == 403);
    CHECK(f.get("/api/v1/performance/summary?tahun=2025", f.token("officer_64_71")).json()["per_opd"].empty());
}
