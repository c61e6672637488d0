// The procedures over HTTP: inboxes and claims, documents, roster import,
// ranking, vendors' bids and compliance reports, grievances, the rekap.
#include "server_fixture.hpp"
#include "support/xlsx_writer.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {

// `object` with `key` set to `value`.
json with(json object, const std::string& key, const json& value) {
    object[key] = value;
    return object;
}

std::string file_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("an inbox by role and OPD, claiming makes a task the claimant's", "[server][tasks]") {
    ServerFixture f;
    const CaseId own_opd = f.worker_case(kWorkerNik);
    f.worker_case(kOtherWorkerNik, "Dinas Kesehatan");
    const std::string head = f.token("opd_head");

    const auto inbox = f.get("/api/v1/tasks", head).json();
    REQUIRE(inbox["total"] == 1);  // the other OPD's file is not theirs
    const json task = inbox["items"][0];
    CHECK(task["case_id"] == own_opd);
    CHECK(task["case"]["opd"] == kOpd);
    CHECK(task["overdue"] == false);
    CHECK(f.get("/api/v1/tasks", f.token("officer")).json()["total"] == 0);  // SPTJM is not an officer's task
    // Filters narrow the inbox; none widens an OPD head's scope.
    const std::string own_nik = kWorkerNik;
    CHECK(f.get("/api/v1/tasks?q=" + own_nik, head).json()["total"] == 1);
    CHECK(f.get("/api/v1/tasks?q=" + own_nik.substr(0, 6), head).json()["total"] == 1);  // the start of a NIK
    CHECK(f.get("/api/v1/tasks?q=" + std::string(kOtherWorkerNik), head).json()["total"] == 0);
    CHECK(f.get("/api/v1/tasks?state=konfirmasi_opd", head).json()["total"] == 1);
    CHECK(f.get("/api/v1/tasks?state=validasi_bkad", head).json()["total"] == 0);
    CHECK(f.get("/api/v1/tasks?opd=Dinas%20Kesehatan", head).json()["total"] == 0);
    CHECK(f.get("/api/v1/tasks?workflow=grievance", head).json()["total"] == 0);

    const std::string id = std::to_string(task["id"].get<std::int64_t>());
    const auto claimed = f.post_json("/api/v1/tasks/" + id + "/claim", json::object(), head);
    REQUIRE(claimed.status == 200);
    CHECK(claimed.json()["assignee"] == "opd_head");
    CHECK(f.get("/api/v1/tasks?mine=true", head).json()["total"] == 1);
    CHECK(f.get("/api/v1/tasks?unclaimed=true", head).json()["total"] == 0);
    // BKAD sees the file but SPTJM is not its task; Balikpapan does not see it at all.
    CHECK(f.post_json("/api/v1/tasks/" + id + "/claim", json::object(), f.token("bkad")).status == 403);
    CHECK(f.post_json("/api/v1/tasks/" + id + "/claim", json::object(), f.token("officer_64_71")).status == 404);
    CHECK(f.post_json("/api/v1/tasks/999999/claim", json::object(), head).status == 404);
    CHECK(f.post_json("/api/v1/tasks/" + id + "/unclaim", json::object(), head).json()["assignee"].is_null());

    // Overdue after five working days.
    f.clock().set(at("2025-06-25T09:00:00+07:00"));
    f.forget_tokens();
    const auto late = f.get("/api/v1/tasks?overdue=true", f.token("opd_head")).json();
    REQUIRE(late["total"] == 1);
    CHECK(late["items"][0]["overdue"] == true);
    CHECK(f.get("/api/v1/cases?overdue=true", f.token("officer")).json()["total"] == 2);
}

TEST_CASE("documents: upload raw or multipart, list, download only by who may see the case", "[server][documents]") {
    ServerFixture f;
    const CaseId own = f.worker_case(kWorkerNik);
    const CaseId other = f.worker_case(kOtherWorkerNik);
    const std::string worker = f.token("worker");
    const std::string path = "/api/v1/cases/" + std::to_string(own) + "/documents";

    const std::string pdf = "%PDF-1.4\nijazah S1\n%%EOF\n";
    const auto raw = f.send({"POST", path + "?name=ijazah.pdf", pdf, "application/pdf", worker, {}});
    REQUIRE(raw.status == 201);
    const json stored = raw.json();
    CHECK(stored["size"] == pdf.size());
    CHECK(stored["reference"] == "sha256:" + stored["sha256"].get<std::string>());
    // Kept beside an SQLite file; in a PostgreSQL database, for every node.
    const std::string sha = stored["sha256"];
    if (on_postgresql())
        CHECK(sql_integer(f.service().config().database.string(),
                          "SELECT length(bytes) FROM document_blobs WHERE sha256 = '" + sha + "'") ==
              static_cast<std::int64_t>(pdf.size()));
    else
        CHECK(fs::exists(f.dir / "tata.db.dokumen" / sha.substr(0, 2) / sha));

    const std::string boundary = "----tata-batas";
    const std::string multipart = "--" + boundary +
                                  "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\dok\\\\slip gaji.jpg\"\r\n"
                                  "Content-Type: image/jpeg\r\n\r\nJPEGDATA\r\n--" +
                                  boundary + "--\r\n";
    const auto form = f.send({"POST", path, multipart, "multipart/form-data; boundary=" + boundary, f.token("officer"), {}});
    REQUIRE(form.status == 201);
    CHECK(form.json()["name"] == "slip gaji.jpg");
    CHECK(form.json()["content_type"] == "image/jpeg");

    const auto list = f.get(path, worker).json();
    CHECK(list["documents"].size() == 2);
    // The upload is in the case's audited data.
    const auto record = f.engine().get_case(own);
    CHECK(record.data["dokumen_unggahan"].contains(stored["sha256"].get<std::string>()));
    CHECK(f.engine().history(own).back().type == "data_updated");

    const auto download = f.get(stored["url"], worker);
    REQUIRE(download.status == 200);
    CHECK(download.body == pdf);
    CHECK(download.header("content-type") == "application/pdf");
    CHECK_THAT(download.header("content-disposition"), Contains("ijazah.pdf"));

    // Another worker: neither the list nor the file.
    const std::string other_worker = f.token("other_worker");
    CHECK(f.get(path, other_worker).status == 404);
    CHECK(f.get(stored["url"], other_worker).status == 404);
    CHECK(f.get(stored["url"], f.token("officer_64_71")).status == 404);
    CHECK(f.get("/api/v1/documents/" + std::string(64, '0'), worker).status == 404);
    CHECK(f.get("/api/v1/documents/../../etc/passwd", worker).status == 404);
    // ...and the same bytes on their own case are theirs to read.
    const auto theirs = f.send({"POST", "/api/v1/cases/" + std::to_string(other) + "/documents?name=salinan.pdf", pdf,
                                "application/pdf", other_worker, {}});
    REQUIRE(theirs.status == 201);
    CHECK(f.get(stored["url"], other_worker).status == 200);

    CHECK(f.send({"POST", path, "x", "", worker, {}}).status == 415);
    CHECK(f.send({"POST", path, "x", "application/pdf", worker, {}}).status == 400);  // no ?name=
    CHECK(f.send({"POST", path + "?name=a.pdf", "", "application/pdf", worker, {}}).status == 400);
}

TEST_CASE("a roster imported over HTTP reports per row, the ranking and a worker's explanation", "[server][workers]") {
    ServerFixture f;
    const std::string officer = f.token("officer");
    const std::string roster = file_text(source_dir() / "examples" / "data" / "kapuas-roster-salah.csv");
    const auto imported = f.send({"POST", "/api/v1/workers/import?name=kapuas-roster-salah.csv", roster, "text/csv", officer, {}});
    REQUIRE(imported.status == 200);
    const json report = imported.json();
    CHECK(report["rejected"].get<int>() > 0);
    CHECK(report["created"].get<int>() > 0);
    CHECK_THAT(report["problems"][0].get<std::string>(), StartsWith("kapuas-roster-salah.csv:2: nik: "));
    // The same problems as rows for a page: row, the NIK as written, column, message.
    REQUIRE(report["problem_rows"].size() == report["problems"].size());
    CHECK(report["problem_rows"][0]["row"] == 2);
    CHECK(report["problem_rows"][0]["nik"] == "620312450801001");
    CHECK(report["problem_rows"][0]["column"] == "nik");
    CHECK_THAT(report["problems"][0].get<std::string>(), EndsWith(report["problem_rows"][0]["message"].get<std::string>()));
    const auto again = f.send({"POST", "/api/v1/workers/import?name=kapuas-roster-salah.csv", roster, "text/csv", officer, {}});
    CHECK(again.json()["created"] == 0);
    CHECK(again.json()["unchanged"] == report["created"].get<int>() + report["updated"].get<int>());

    CHECK(f.send({"POST", "/api/v1/workers/import", roster, "application/json", officer, {}}).status == 415);
    CHECK(f.send({"POST", "/api/v1/workers/import?name=../x.csv", roster, "text/csv", officer, {}}).status == 400);
    CHECK(f.send({"POST", "/api/v1/workers/import", "nik,nama\n1,a\n", "text/csv", officer, {}}).status == 400);

    const auto ranking = f.get("/api/v1/ranking?per_page=5", officer);
    REQUIRE(ranking.status == 200);
    const json ranked = ranking.json();
    CHECK_THAT(ranked["nomor_pemeringkatan"].get<std::string>(), Contains("PRK-62.03-"));
    CHECK(ranked["items"].size() <= 5);

    // Filters: an outcome, an OPD, text in the name or NIK; per_usulan still counts everyone.
    if (!ranked["items"].empty()) {
        const json first = ranked["items"][0];
        const std::string outcome = first["usulan"];
        const auto by_outcome = f.get("/api/v1/ranking?per_page=200&usulan=" + outcome, officer).json();
        CHECK(by_outcome["total"] == ranked["per_usulan"][outcome]);
        for (const auto& item : by_outcome["items"]) CHECK(item["usulan"] == outcome);
        CHECK(by_outcome["per_usulan"] == ranked["per_usulan"]);
        const auto by_nik = f.get("/api/v1/ranking?q=" + first["nik"].get<std::string>(), officer).json();
        REQUIRE(by_nik["total"] == 1);
        CHECK(by_nik["items"][0]["peringkat"] == first["peringkat"]);
        CHECK(ranked["per_opd"].is_object());
    }
    // A search of the ranking is bounded as the case search is.
    const auto too_long = f.get("/api/v1/ranking?q=" + std::string(201, 'a'), officer);
    CHECK(too_long.status == 400);
    CHECK(too_long.json()["errors"][0]["field"] == "q");
}

TEST_CASE("vendors: bids are their own, contracts their own, reports checked against the UMK and BPJS", "[server][vendors]") {
    ServerFixture f;
    const std::string officer = f.token("officer");
    const std::string vendor_a = f.token("vendor_a");
    const std::string vendor_b = f.token("vendor_b");

    // A compliance report, checked before submitting.
    const std::string bad_report = file_text(source_dir() / "examples" / "vendor" / "kapuas-2025-06-tidak-patuh.csv");
    const std::string good_report = file_text(source_dir() / "examples" / "vendor" / "kapuas-2025-06-patuh.csv");
    const auto check = f.send({"POST", "/api/v1/compliance/check?name=juni.csv", bad_report, "text/csv", vendor_a, {}});
    REQUIRE(check.status == 200);
    const json findings = check.json();
    CHECK(findings["findings"].size() == 4);
    // Findings name the file as the vendor sent it, never a path of the server.
    CHECK(findings["file"] == "juni.csv");
    CHECK_THAT(check.body, !Contains("tata-upload") && !Contains("/tmp"));
    CHECK(f.send({"POST", "/api/v1/compliance/check?jkk_class=9", bad_report, "text/csv", vendor_a, {}}).status == 400);

    // Submitting to its own contract; another vendor cannot.
    const CaseId contract = f.contract_case(kVendorA);
    REQUIRE(f.engine().get_case(contract).state == "menunggu_laporan");
    const std::string reports = "/api/v1/contracts/" + std::to_string(contract) + "/reports";
    // A report goes through the reports route, which checks it: the case's
    // outcome names that route, and the generic outcome route refuses it.
    const json offered = f.get("/api/v1/cases/" + std::to_string(contract), vendor_a).json()["allowed_outcomes"];
    REQUIRE(offered.size() == 1);
    CHECK(offered[0]["name"] == "kirim_laporan");
    CHECK(offered[0]["via"] == "POST " + reports);
    const auto bypass = f.post_json("/api/v1/cases/" + std::to_string(contract) + "/outcomes/kirim_laporan",
                                    {{"input", {{"periode", "2025-06"}}}}, vendor_a);
    CHECK(bypass.status == 403);
    CHECK_THAT(bypass.body, Contains("/reports"));
    CHECK(f.engine().get_case(contract).state == "menunggu_laporan");
    CHECK(f.send({"POST", reports, good_report, "text/csv", vendor_b, {}}).status == 404);
    // A check for a contract uses that contract's settings, as its submission will.
    const std::string check_for = "/api/v1/compliance/check?contract=" + std::to_string(contract);
    const auto for_contract = f.send({"POST", check_for + "&name=juni.csv", bad_report, "text/csv", vendor_a, {}});
    REQUIRE(for_contract.status == 200);
    CHECK(findings["jkk_class"] == 2);           // Kapuas' class, without a contract
    CHECK(for_contract.json()["jkk_class"] == 1);  // the contract's own
    // Whose pay day applies, said to the vendor: the contract's 5th, or the regency's rule.
    CHECK(for_contract.json()["pay_day"] == 5);
    CHECK(for_contract.json()["pay_day_from"] == "contract");
    CHECK(findings["pay_day_from"] == "regency");
    CHECK(f.send({"POST", check_for, bad_report, "text/csv", vendor_b, {}}).status == 404);
    CHECK(f.send({"POST", "/api/v1/compliance/check?contract=x", bad_report, "text/csv", vendor_a, {}}).status == 400);
    const auto submitted = f.send({"POST", reports + "?name=juni.csv", bad_report, "text/csv", vendor_a, {}});
    REQUIRE(submitted.status == 200);
    CHECK_THAT(submitted.body, !Contains("tata-upload") && !Contains("/tmp"));
    CHECK_THAT(f.get("/api/v1/cases/" + std::to_string(contract) + "/history", officer).body, !Contains("tata-upload"));
    const json result = submitted.json();
    CHECK(result["findings"].size() == 4);
    CHECK(result["case"]["state"] != "menunggu_laporan");  // the sanctions ladder
    CHECK_THAT(result["document"].get<std::string>(), Contains("sha256:"));
    // The report is listed with its recorded result and, from the kept
    // file, the same findings; the file itself opens; not for another vendor.
    const auto listed = f.get(reports, officer);
    REQUIRE(listed.status == 200);
    const json sent = listed.json()["reports"];
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["periode"] == result["periode"]);
    CHECK(sent[0]["document"] == result["document"]);
    CHECK(sent[0]["result"]["findings"] == 4);
    CHECK(sent[0]["result"]["shortfall"] == result["total_shortfall"]);
    REQUIRE(sent[0]["check"]["findings"].size() == result["findings"].size());
    for (std::size_t i = 0; i < result["findings"].size(); ++i) {
        for (const char* field : {"row", "nik", "rule", "shortfall"})
            CHECK(sent[0]["check"]["findings"][i][field] == result["findings"][i][field]);
    }
    CHECK(f.get(reports, vendor_b).status == 404);
    const std::string sha = result["document"].get<std::string>().substr(7);
    CHECK(f.get("/api/v1/documents/" + sha, officer).body == bad_report);
    // Refused while the contract is not waiting for a report: nothing written.
    const auto version = f.engine().get_case(contract).version;
    CHECK(f.send({"POST", reports, good_report, "text/csv", vendor_a, {}}).status == 409);
    CHECK(f.engine().get_case(contract).version == version);

    // A package open for bids: each vendor sees the package and its own bid only.
    const auto package = f.post_json("/api/v1/cases",
                                     {{"workflow", "vendor_selection"},
                                      {"data", json::object()}},
                                     officer);
    REQUIRE(package.status == 201);
    const std::string id = std::to_string(package.json()["id"].get<std::int64_t>());
    const json definition = package.json()["allowed_outcomes"][0];
    json input = json::object();
    for (const auto& field : definition["form"]) {
        const std::string name = field["name"];
        const std::string type = field["type"];
        if (type == "integer") input[name] = field.contains("min") ? std::max(1, field["min"].get<int>()) * 50000000 : 50000000;
        else if (type == "date") input[name] = "2025-06-20";
        else if (type == "choice") input[name] = field["options"][0];
        else if (type == "boolean") input[name] = true;
        else input[name] = "Paket kebersihan kantor bupati";
    }
    const auto opened = f.post_json("/api/v1/cases/" + id + "/outcomes/" + definition["name"].get<std::string>(),
                                    {{"input", input}}, officer);
    INFO(opened.body);
    REQUIRE(opened.status == 200);
    REQUIRE(opened.json()["state"] == "masa_penawaran");

    const json bid = {{"nama_penyedia", "PT Kapuas Bersih"}, {"npwp_penyedia", "01.234.567.8-901.000"},
                      {"harga_penawaran", 450000000}, {"upah_ditawarkan", 3650000}, {"berkas_penawaran", "sha256:abc"}};
    CHECK(f.post_json("/api/v1/packages/" + id + "/bids", bid, vendor_a).status == 201);
    auto bid_b = bid;
    bid_b["nama_penyedia"] = "CV Sungai Jaya";
    bid_b["harga_penawaran"] = 400000000;
    CHECK(f.post_json("/api/v1/packages/" + id + "/bids", bid_b, vendor_b).status == 201);
    auto forged = bid;
    forged["id_penyedia"] = kVendorB;
    CHECK(f.post_json("/api/v1/packages/" + id + "/bids", forged, vendor_a).status == 400);  // not a body field
    // The generic route is not a way around it.
    CHECK(f.post_json("/api/v1/cases/" + id + "/outcomes/ajukan_penawaran", {{"input", bid}}, vendor_a).status == 403);

    const auto own_bids = f.get("/api/v1/packages/" + id + "/bids", vendor_a).json();
    REQUIRE(own_bids["bids"].size() == 1);
    CHECK(own_bids["bids"][0]["bid"]["id_penyedia"] == kVendorA);
    CHECK(f.get("/api/v1/packages/" + id + "/bids", officer).json()["bids"].size() == 2);
    const auto seen_by_a = f.get("/api/v1/cases/" + id, vendor_a).json();
    CHECK_FALSE(seen_by_a["data"].contains("harga_penawaran"));  // B's price, last written, is hidden
    CHECK_FALSE(seen_by_a["data"].contains("nama_penyedia"));
    const auto history = f.get("/api/v1/cases/" + id + "/history", vendor_a).json();
    for (const auto& event : history["events"]) CHECK(event["actor"] == "vendor_a");
    // Sealed bids: searching packages by a competitor's name, a prefix of it
    // or a data filter finds nothing for a vendor; the package's own name
    // still finds it. Bids are not in the package's data at all, so no
    // search finds them, the committee's neither (they read them through
    // the bids route).
    for (const std::string probe : {"CV%20Sungai", "CV", "Sungai%20Jaya", "01.234"}) {
        INFO(probe);
        const auto found = f.get("/api/v1/cases?workflow=vendor_selection&q=" + probe, vendor_a);
        REQUIRE(found.status == 200);
        CHECK(found.json()["total"] == 0);
        CHECK(f.get("/api/v1/cases?q=" + probe, vendor_a).json()["total"] == 0);
    }
    CHECK(f.get("/api/v1/cases?workflow=vendor_selection&opd=x", vendor_a).json()["total"] == 0);
    CHECK(f.get("/api/v1/cases?workflow=vendor_selection&q=kebersihan", vendor_a).json()["total"] == 1);
    CHECK(f.get("/api/v1/cases?workflow=vendor_selection&q=CV%20Sungai", officer).json()["total"] == 0);
}

TEST_CASE("grievances: a worker files for themselves and follows, the rekap as JSON and CSV", "[server][grievances]") {
    ServerFixture f;
    const std::string worker = f.token("worker");
    const auto filed = f.post_json("/api/v1/grievances",
                                   {{"nama_pelapor", "Natalia"}, {"kategori", "data_salah"}, {"uraian", "TMT keliru."}},
                                   worker);
    REQUIRE(filed.status == 201);
    const json ticket = filed.json();
    CHECK(ticket["data"]["nik"] == kWorkerNik);
    CHECK(ticket["data"]["diajukan_oleh"] == "pekerja");
    CHECK(ticket["state"] == "verifikasi");
    CHECK(f.get("/api/v1/grievances", worker).json()["total"] == 1);
    CHECK(f.get("/api/v1/grievances", f.token("other_worker")).json()["total"] == 0);
    CHECK(f.post_json("/api/v1/grievances",
                      {{"nama_pelapor", "Natalia"}, {"nik", kOtherWorkerNik}, {"kategori", "lainnya"}, {"uraian", "x"}},
                      worker)
              .status == 422);
    CHECK(f.post_json("/api/v1/grievances",
                      {{"nama_pelapor", "Natalia"}, {"kategori", "lainnya"}, {"uraian", "x"}, {"kontrak_terkait", 99999}},
                      worker)
              .status == 422);

    // The officer verifies it; the worker follows it.
    const std::string id = std::to_string(ticket["nomor_tiket"].get<std::int64_t>());
    const auto verified = f.post_json("/api/v1/cases/" + id + "/outcomes/terima",
                                      {{"input", {{"catatan_verifikasi", "Diteruskan ke bidang data"}}}}, f.token("officer"));
    REQUIRE(verified.status == 200);
    const auto followed = f.get("/api/v1/cases/" + id, worker).json();
    CHECK(followed["state"] == verified.json()["state"]);
    CHECK(f.get("/api/v1/cases/" + id + "/history", worker).json()["events"].size() >= 3);

    f.worker_case(kWorkerNik);
    const auto rekap = f.get("/api/v1/reports/rekap", f.token("admin"));
    REQUIRE(rekap.status == 200);
    CHECK(rekap.json()["total"]["jumlah"] == 1);
    const auto csv = f.get("/api/v1/reports/rekap?format=csv", f.token("officer"));
    REQUIRE(csv.status == 200);
    CHECK_THAT(csv.header("content-type"), Contains("text/csv"));
    CHECK_THAT(csv.body, Contains("\nJUMLAH,1,"));
    CHECK(f.get("/api/v1/reports/rekap?format=xml", f.token("officer")).status == 400);
}

TEST_CASE("incidents over HTTP: listed, and resolving needs an open incident, a reachable state and a note", "[server][incidents]") {
    ServerFixture f;
    const CaseId id = f.worker_case(kWorkerNik);
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    const std::string officer = f.token("officer");
    const auto incidents = f.get(path + "/incidents", officer);
    REQUIRE(incidents.status == 200);
    CHECK(incidents.json()["incidents"].empty());
    const auto no_incident = f.post_json(path + "/resolve", {{"to", "validasi_bkad"}, {"note", "dicek manual"}}, officer);
    CHECK(no_incident.status == 409);
    CHECK_THAT(no_incident.json()["detail"].get<std::string>(), Contains("no open incident"));
    const auto missing = f.post_json(path + "/resolve", {{"to", "validasi_bkad"}}, officer);
    CHECK(missing.status == 400);
    CHECK(missing.json()["errors"][0]["field"] == "note");
    CHECK(f.post_json(path + "/retry", json::object(), officer).status == 409);
    CHECK(f.post_json(path + "/resolve", {{"to", "x"}, {"note", "y"}}, f.token("worker")).status == 403);
}

TEST_CASE("planning: needs, the regency's scenarios and a simulation side by side, nothing written",
          "[server][planning]") {
    ServerFixture f;
    f.worker_case(kWorkerNik);
    const std::string officer = f.token("officer");

    const auto needs = f.get("/api/v1/planning/needs", officer);
    INFO(needs.body.substr(0, 400));
    REQUIRE(needs.status == 200);
    CHECK(needs.json()["wke_menit"] == 75000);
    CHECK(needs.json()["jabatan"].size() > 5);
    CHECK(needs.json()["usulan_formasi"].size() > 0);
    CHECK_THAT(needs.json()["usulan_formasi_yaml"].get<std::string>(), Contains("formasi:"));

    const auto scenarios = f.get("/api/v1/planning/scenarios", officer);
    REQUIRE(scenarios.status == 200);
    REQUIRE(scenarios.json()["items"].size() >= 2);
    const std::string first = scenarios.json()["items"][0]["berkas"];

    const auto events_before = f.engine().verify_audit().events_checked;
    const auto simulated = f.post_json("/api/v1/planning/simulate",
                                       {{"skenario", {first}},
                                        {"yaml", {"nama: Tanpa formasi\nformasi: []\nsisa: {lainnya: dirumahkan}\n"}}},
                                       officer);
    INFO(simulated.body.substr(0, 600));
    REQUIRE(simulated.status == 200);
    const auto body = simulated.json();
    REQUIRE(body["skenario"].size() == 2);
    CHECK(body["skenario"][1]["nama"] == "Tanpa formasi");
    CHECK(body["skenario"][0]["biaya"].contains("persen_sesudah"));
    CHECK(body.contains("beda"));
    CHECK(f.engine().verify_audit().events_checked == events_before);  // nothing written

    // Bad input: the field and the place in the YAML.
    const auto bad = f.post_json("/api/v1/planning/simulate", {{"yaml", {"nama: X\nsisa: {lainnya: pppk}\n"}}}, officer);
    CHECK(bad.status == 422);
    CHECK_THAT(bad.body, Contains("yaml/0") && Contains("skenario 1:2:"));
    CHECK(f.post_json("/api/v1/planning/simulate", {{"skenario", {"../regency.yaml"}}}, officer).status == 400);
    CHECK(f.post_json("/api/v1/planning/simulate", {{"yaml", {"nama: X\nformasi: {file: /etc/passwd}\n"}}}, officer).status == 422);
    CHECK(f.post_json("/api/v1/planning/simulate", json::object(), officer).status == 400);
    json six = json::array();
    for (int i = 0; i < 6; ++i) six.push_back("nama: S\n");
    CHECK(f.post_json("/api/v1/planning/simulate", {{"yaml", six}}, officer).status == 400);
    // Other roles: refused.
    CHECK(f.get("/api/v1/planning/needs", f.token("worker")).status == 403);
    CHECK(f.post_json("/api/v1/planning/simulate", {{"skenario", {first}}}, f.token("vendor_a")).status == 403);
}

TEST_CASE("planning: the Kepala BKPSDM adopts a scenario, the ranking follows it, and revokes it (both audited)",
          "[server][planning][adoption]") {
    // A copy of the shipped rules: the adoption writes a file beside them.
    TempDir rules;
    std::filesystem::copy(source_dir() / "rules", rules.path(), std::filesystem::copy_options::recursive);
    ServerFixture f([&](server::ServerConfig& config) { config.sources.rules = {rules.path()}; });
    for (const char* nik : {"6203014410800160", "6203010101900002"}) f.worker_case(nik);
    const std::string admin = f.token("admin");
    const std::string officer = f.token("officer");
    const std::filesystem::path adopted_file = rules.path() / "62.03" / "penetapan-skenario.yaml";

    CHECK(f.get("/api/v1/planning/scenarios", officer).json()["berlaku"].is_null());
    const auto simulated = f.post_json("/api/v1/planning/simulate", {{"skenario", {"formasi-abk.yaml"}}}, officer);
    REQUIRE(simulated.status == 200);
    const std::string expected = simulated.json()["skenario"][0]["nomor_pemeringkatan"];

    // Officers simulate; only the admin adopts.
    CHECK(f.post_json("/api/v1/planning/adopt", {{"skenario", "formasi-abk.yaml"}}, officer).status == 403);
    CHECK(f.post_json("/api/v1/planning/adopt", {{"skenario", "tidak-ada.yaml"}}, admin).status == 400);
    CHECK(f.post_json("/api/v1/planning/adopt", {{"skenario", "formasi-abk.yaml"}, {"yaml", "nama: X\n"}}, admin).status == 400);
    CHECK(f.post_json("/api/v1/planning/adopt", {{"skenario", "formasi-abk.yaml"}, {"catatan", std::string(2001, 'x')}}, admin).status ==
          400);
    const auto unknown_rule = f.post_json("/api/v1/planning/adopt", {{"yaml", "nama: X\nbobot: {tidak_ada: 3}\n"}}, admin);
    CHECK(unknown_rule.status == 409);
    CHECK_FALSE(std::filesystem::exists(adopted_file));
    const int generation = f.engine().definitions()->generation;

    const auto adopted = f.post_json("/api/v1/planning/adopt", {{"skenario", "formasi-abk.yaml"}, {"catatan", "SK 800/1/2025"}}, admin);
    INFO(adopted.body);
    REQUIRE(adopted.status == 201);
    CHECK(adopted.json()["nomor_pemeringkatan"] == expected);
    CHECK(f.engine().definitions()->generation > generation);
    CHECK(std::filesystem::exists(adopted_file));
    // The ranking officers see is the adopted scenario's.
    const auto ranking = f.get("/api/v1/ranking", officer);
    REQUIRE(ranking.status == 200);
    CHECK(ranking.json()["nomor_pemeringkatan"] == expected);
    CHECK(ranking.json()["skenario_ditetapkan"]["nama"] == "Formasi menurut ABK");
    const auto listed = f.get("/api/v1/planning/scenarios", officer).json()["berlaku"];
    CHECK(listed["nama"] == "Formasi menurut ABK");
    CHECK(listed["catatan"] == "SK 800/1/2025");
    CHECK(listed["oleh"] == "admin");
    // The record: a planning_adoption case, which officers can read.
    const auto record = f.get("/api/v1/cases/" + std::to_string(adopted.json()["kasus"].get<long long>()), officer);
    REQUIRE(record.status == 200);
    CHECK(record.json()["workflow"] == "planning_adoption");
    CHECK(record.json()["data"]["isi_penetapan"] == read_text(adopted_file));
    CHECK(f.get("/api/v1/cases/" + std::to_string(adopted.json()["kasus"].get<long long>()), f.token("worker")).status == 404);

    // Revoked: the regency's own files again.
    CHECK(f.send({"DELETE", "/api/v1/planning/adopted", "", "", officer, {}}).status == 403);
    const auto revoked = f.send({"DELETE", "/api/v1/planning/adopted", R"({"catatan":"dibatalkan"})", "application/json", admin, {}});
    INFO(revoked.body);
    REQUIRE(revoked.status == 201);
    CHECK_FALSE(std::filesystem::exists(adopted_file));
    CHECK(f.get("/api/v1/ranking", officer).json()["skenario_ditetapkan"].is_null());
    CHECK(f.send({"DELETE", "/api/v1/planning/adopted", "", "", admin, {}}).status == 409);  // nothing adopted
    CHECK(f.engine().verify_audit().intact);
}

TEST_CASE("grievances: an officer names the worker by NIK and the contract by its number, not by case numbers",
          "[server][grievances]") {
    ServerFixture f;
    const CaseId file = f.worker_case(kWorkerNik);
    const CaseId contract = f.contract_case(kVendorA);
    const std::string number = f.engine().get_case(contract).data["nomor_kontrak"];
    const std::string officer = f.token("officer");
    const json complaint = {{"nama_pelapor", "Natalia"}, {"nik", kWorkerNik}, {"kategori", "upah_tidak_dibayar"},
                            {"uraian", "Upah Juni belum dibayar."}};

    json by_numbers = complaint;
    by_numbers["nomor_kontrak"] = number;
    const auto filed = f.post_json("/api/v1/grievances", by_numbers, officer);
    INFO(filed.body);
    REQUIRE(filed.status == 201);
    CHECK(filed.json()["data"]["kasus_terkait"] == file);      // the worker's file, by NIK
    CHECK(filed.json()["data"]["kontrak_terkait"] == contract);  // the contract, by its number

    // A number no contract of this regency has is refused at its field, nothing filed.
    const std::size_t before = f.get("/api/v1/grievances", officer).json()["total"];
    json unknown = complaint;
    unknown["nomor_kontrak"] = "999/TIDAK-ADA/2025";
    const auto refused = f.post_json("/api/v1/grievances", unknown, officer);
    CHECK(refused.status == 422);
    CHECK(refused.json()["errors"][0]["field"] == "nomor_kontrak");
    CHECK_THAT(refused.json()["errors"][0]["message"].get<std::string>(), Contains("999/TIDAK-ADA/2025"));
    // Balikpapan's officer cannot link Kapuas' contract by its number.
    CHECK(f.post_json("/api/v1/grievances", by_numbers, f.token("officer_64_71")).status == 422);
    json too_long = complaint;
    too_long["nomor_kontrak"] = std::string(101, '9');
    CHECK(f.post_json("/api/v1/grievances", too_long, officer).status == 422);
    CHECK(f.get("/api/v1/grievances", officer).json()["total"] == before);
}

TEST_CASE("the approved round keeps its ranking, and a worker reads their announced result and objects inside the window",
          "[server][ranking][round]") {
    ServerFixture f;
    const std::string officer = f.token("officer"), admin = f.token("admin"), worker = f.token("worker");
    const auto verify = [&f](const std::string& nik) {
        const CaseId id = f.worker_case(nik);
        f.engine().fire(id, "setuju", {{"nomor_sptjm", "800/1/SPTJM"}}, {"kepala", "opd_head"});
        REQUIRE(f.engine().fire(id, "valid", json::object(), {"bkad", "bkad"}).record.result == "verified");
    };
    verify(kWorkerNik);

    // Nothing approved yet: nothing to show, to officers or to the worker.
    CHECK(f.get("/api/v1/rounds/approved", officer).json()["putaran"].is_null());
    const auto proposed = f.post_json("/api/v1/ranking/propose", json::object(), officer);
    REQUIRE(proposed.status == 201);
    const std::string round = std::to_string(proposed.json()["id"].get<CaseId>());
    const std::string number = proposed.json()["nomor_pemeringkatan"];
    CHECK(f.get("/api/v1/rounds/approved", officer).json()["putaran"].is_null());
    REQUIRE(f.post_json("/api/v1/cases/" + round + "/outcomes/setujui", {{"input", {{"nomor_persetujuan", "800/7/BKPSDM"}}}},
                        admin)
                .status == 200);
    // Approved, not announced: officers see it, the worker learns nothing yet.
    const json approved = f.get("/api/v1/rounds/approved", officer).json();
    CHECK(approved["putaran"] == proposed.json()["id"]);
    CHECK(approved["nomor_persetujuan"] == "800/7/BKPSDM");
    CHECK(approved["pengumuman"].is_null());
    CHECK(f.get("/api/v1/me/round", worker).json()["putaran"].is_null());
    REQUIRE(f.post_json("/api/v1/cases/" + round + "/outcomes/umumkan",
                        {{"input", {{"tanggal_pengumuman", "2025-06-10"}, {"batas_sanggah", "2025-06-17"}}}}, officer)
                .status == 200);

    // A worker verified after the proposal changes the live ranking, not the round's.
    verify(kOtherWorkerNik);
    CHECK(f.get("/api/v1/ranking", officer).json()["total"] == 2);
    const json shown = f.get("/api/v1/rounds/approved", admin).json();
    CHECK(shown["nomor_pemeringkatan"] == number);
    CHECK(shown["jumlah"] == 1);
    std::size_t counted = 0;
    for (const auto& [outcome, n] : shown["per_usulan"].items()) counted += n.get<std::size_t>();
    CHECK(counted == 1);
    CHECK(shown["per_opd"][kOpd].is_object());
    CHECK(shown["pengumuman"]["batas_sanggah"] == "2025-06-17");
    CHECK(shown["pengumuman"]["masa_sanggah_terbuka"] == true);
    // The rekap counts the round's outcomes: the worker verified since is not ranked in it.
    const json rekap = f.get("/api/v1/reports/rekap", admin).json();
    CHECK(rekap["putaran"] == proposed.json()["id"]);
    CHECK(rekap["nomor_pemeringkatan"] == number);
    CHECK(rekap["total"]["jumlah"] == 2);
    CHECK(rekap["total"]["usulan"]["belum_diperingkat"] == 1);
    for (const auto& [outcome, n] : shown["per_usulan"].items()) CHECK(rekap["total"]["usulan"][outcome] == n);

    // The worker's own result as announced; another worker's is not theirs to read.
    const json mine = f.get("/api/v1/me/round", worker).json();
    CHECK(mine["putaran"] == proposed.json()["id"]);
    CHECK(mine["hasil"]["nik"] == kWorkerNik);
    CHECK(mine["hasil"]["peringkat"] == 1);
    CHECK_FALSE(mine["hasil"]["penjelasan"].get<std::string>().empty());
    CHECK(mine["masa_sanggah_terbuka"] == true);
    CHECK(mine["sanggahan"].empty());
    const json theirs = f.get("/api/v1/me/round", f.token("other_worker")).json();
    CHECK(theirs["putaran"] == proposed.json()["id"]);
    CHECK(theirs["hasil"].is_null());

    // The objection: a grievance tied to the round.
    const json objection = {{"nama_pelapor", "Natalia"}, {"kategori", "keberatan_peringkat"},
                            {"uraian", "Masa kerja saya sejak 2009, bukan 2012."}, {"putaran", std::stoll(round)}};
    const auto count_grievances = [&f] {
        CaseFilter grievances;
        grievances.workflow_id = "grievance";
        return f.engine().count_cases(grievances, 1000);
    };
    const auto refused_at = [&](const json& body, const std::string& token) {
        const std::size_t before = count_grievances();
        const auto refused = f.post_json("/api/v1/grievances", body, token);
        CHECK(refused.status == 422);
        CHECK(count_grievances() == before);  // nothing written
        return refused.json()["errors"][0]["field"].get<std::string>();
    };
    CHECK(refused_at(with(objection, "kategori", "lainnya"), worker) == "kategori");
    CHECK(refused_at(with(objection, "putaran", std::stoll(round) + 1000), worker) == "putaran");
    const CaseId own_file = f.engine().find_case_by_key("62.03", "verification", kWorkerNik)->id;
    CHECK(refused_at(with(objection, "putaran", own_file), worker) == "putaran");
    CHECK(refused_at(objection, f.token("other_worker")) == "putaran");  // not in the announced ranking
    CHECK(refused_at(with(objection, "nik", kOtherWorkerNik), officer) == "nik");
    CHECK(refused_at(objection, f.token("officer_64_71")) == "putaran");  // another regency's round

    const auto filed = f.post_json("/api/v1/grievances", objection, worker);
    REQUIRE(filed.status == 201);
    CHECK(filed.json()["data"]["nomor_pemeringkatan"] == number);
    CHECK(filed.json()["data"]["putaran"] == std::stoll(round));
    const json after = f.get("/api/v1/me/round", worker).json();
    REQUIRE(after["sanggahan"].size() == 1);
    CHECK(after["sanggahan"][0]["id"] == filed.json()["id"]);
    CHECK_FALSE(after["sanggahan"][0]["tahap"].get<std::string>().empty());
    CHECK(f.post_json("/api/v1/grievances", with(objection, "nik", kWorkerNik), officer).status == 201);
    // The Kepala BKPSDM sees them counted with the round.
    const json counted_objections = f.get("/api/v1/rounds/approved", admin).json()["sanggahan"];
    CHECK(counted_objections["jumlah"] == 2);
    CHECK(counted_objections["belum_selesai"] == 2);

    // After the deadline: closed, and said so at the field.
    f.clock().set(at("2025-06-18T09:00:00+07:00"));
    f.forget_tokens();
    CHECK(f.get("/api/v1/me/round", f.token("worker")).json()["masa_sanggah_terbuka"] == false);
    const auto late = f.post_json("/api/v1/grievances", objection, f.token("worker"));
    REQUIRE(late.status == 422);
    CHECK(late.json()["errors"][0]["message"] == "masa sanggah putaran ini sudah berakhir pada 17 Juni 2025");
}

TEST_CASE("a roster previewed over HTTP is counted and warned of row by row, and nothing is written", "[server][workers]") {
    ServerFixture f;
    const std::string officer = f.token("officer");
    std::istringstream roster(file_text(source_dir() / "examples" / "data" / "kapuas-roster.csv"));
    std::string text, line;
    for (int n = 0; n < 4 && std::getline(roster, line); ++n) text += (n == 2 ? "630801" + line.substr(6) : line) + "\n";
    const auto cases_now = [&f] { return f.engine().count_cases({}, 100); };
    const std::size_t before = cases_now();

    const auto previewed =
        f.send({"POST", "/api/v1/workers/import?name=hsu.csv&pratinjau=true", text, "text/csv", officer, {}});
    REQUIRE(previewed.status == 200);
    const json report = previewed.json();
    CHECK(report["pratinjau"] == true);
    CHECK(report["created"] == 3);
    CHECK(report["other_regency"] == 1);
    CHECK(report["warning_count"] == 1);
    REQUIRE(report["warning_rows"].size() == 1);
    CHECK(report["warning_rows"][0]["row"] == 3);
    CHECK(report["warning_rows"][0]["column"] == "nik");
    CHECK_THAT(report["warning_rows"][0]["nik"].get<std::string>(), StartsWith("630801"));
    CHECK_THAT(report["warning_rows"][0]["message"].get<std::string>(),
               Contains("Kabupaten Hulu Sungai Utara") && !Contains("/tmp"));
    CHECK(cases_now() == before);

    const auto bad_flag = f.send({"POST", "/api/v1/workers/import?pratinjau=mungkin", text, "text/csv", officer, {}});
    CHECK(bad_flag.status == 400);
    CHECK(bad_flag.json()["errors"][0]["field"] == "pratinjau");
    CHECK(f.send({"POST", "/api/v1/workers/import?pratinjau=true", text, "text/csv", f.token("worker"), {}}).status == 403);
    CHECK(cases_now() == before);

    const auto imported = f.send({"POST", "/api/v1/workers/import?name=hsu.csv", text, "text/csv", officer, {}});
    REQUIRE(imported.status == 200);
    CHECK(imported.json()["pratinjau"] == false);
    CHECK(imported.json()["created"] == 3);
    CHECK(imported.json()["warning_rows"] == report["warning_rows"]);
    CHECK(cases_now() == before + 3);
}

TEST_CASE("documents: an upload names its kind (SK, bukti gaji), which the OPD head and BKAD find it under",
          "[server][documents]") {
    ServerFixture f;
    const CaseId file = f.worker_case(kWorkerNik);
    const std::string path = "/api/v1/cases/" + std::to_string(file) + "/documents";
    const std::string opd_head = f.token("opd_head");
    const auto version = f.engine().get_case(file).version;

    // A kind the regency does not ask for: refused at the parameter, nothing stored.
    const auto refused = f.send({"POST", path + "?name=sk.pdf&dokumen=akta", "%PDF-1.4\nSK\n", "application/pdf", opd_head, {}});
    CHECK(refused.status == 400);
    CHECK(refused.json()["errors"][0]["field"] == "dokumen");
    CHECK_THAT(refused.json()["errors"][0]["message"].get<std::string>(), Contains("bukti_gaji"));
    CHECK(f.engine().get_case(file).version == version);
    CHECK(f.get(path, opd_head).json()["documents"].empty());

    const auto sk = f.send({"POST", path + "?name=sk.pdf&dokumen=sk", "%PDF-1.4\nSK\n", "application/pdf", opd_head, {}});
    REQUIRE(sk.status == 201);
    CHECK(sk.json()["dokumen"] == "sk");
    const auto plain = f.send({"POST", path + "?name=catatan.pdf", "%PDF-1.4\ncatatan\n", "application/pdf", opd_head, {}});
    REQUIRE(plain.status == 201);
    CHECK(plain.json()["dokumen"].is_null());

    // The case keeps the kind in its audited record of the upload; BKAD lists it.
    const auto data = f.engine().get_case(file).data;
    CHECK(data["dokumen_unggahan"][sk.json()["sha256"].get<std::string>()]["dokumen"] == "sk");
    const auto listed = f.get(path, f.token("bkad")).json()["documents"];
    REQUIRE(listed.size() == 2);
    std::map<std::string, json> by_name;
    for (const auto& d : listed) by_name[d["name"].get<std::string>()] = d["dokumen"];
    CHECK(by_name["sk.pdf"] == "sk");
    CHECK(by_name["catatan.pdf"].is_null());
}

TEST_CASE("an import is listed with who sent which file, and undoing it over HTTP withdraws its files once",
          "[server][workers][undo]") {
    ServerFixture f;
    const std::string officer = f.token("officer");
    std::istringstream roster(file_text(source_dir() / "examples" / "data" / "kapuas-roster.csv"));
    std::string text, line;
    for (int n = 0; n < 4 && std::getline(roster, line); ++n) text += line + "\n";
    const std::string nik = text.substr(text.find('\n') + 1, 16);
    const auto cases_now = [&f] { return f.engine().count_cases({}, 100); };

    const auto imported = f.send({"POST", "/api/v1/workers/import?name=salah-kabupaten.csv", text, "text/csv", officer, {}});
    REQUIRE(imported.status == 200);
    const auto batch = imported.json()["batch"].get<std::int64_t>();
    const std::string undo = "/api/v1/workers/imports/" + std::to_string(batch) + "/undo";

    const json listed = f.get("/api/v1/workers/imports", f.token("admin")).json();
    REQUIRE(listed["total"] == 1);
    CHECK(listed["items"][0]["id"] == batch);
    CHECK(listed["items"][0]["file_name"] == "salah-kabupaten.csv");  // the caller's name, never the server's scratch path
    CHECK(listed["items"][0]["imported_by"] == "officer");
    CHECK(listed["items"][0]["created"] == 3);
    CHECK(listed["items"][0]["undo"].is_null());

    // Scope: another regency's officer neither lists nor undoes it; other roles are refused.
    const std::string balikpapan = f.token("officer_64_71");
    CHECK(f.get("/api/v1/workers/imports", balikpapan).json()["total"] == 0);
    CHECK(f.send({"POST", undo, "", "", balikpapan, {}}).status == 404);
    CHECK(f.send({"POST", undo, "", "", f.token("opd_head"), {}}).status == 403);
    CHECK(f.send({"POST", undo, "", "", f.token("worker"), {}}).status == 403);
    CHECK(f.send({"POST", "/api/v1/workers/imports/abc/undo", "", "", officer, {}}).status == 404);
    const std::size_t with_import = cases_now();

    const auto preview = f.send({"POST", undo + "?pratinjau=true", "", "", officer, {}});
    REQUIRE(preview.status == 200);
    CHECK(preview.json()["preview"] == true);
    CHECK(preview.json()["withdrawn"] == 3);
    CHECK(f.engine().find_case_by_key("62.03", "verification", nik));

    const auto done = f.send({"POST", undo, "", "", officer, {}});
    REQUIRE(done.status == 200);
    CHECK(done.json()["withdrawn"] == 3);
    CHECK_FALSE(f.engine().find_case_by_key("62.03", "verification", nik));
    CHECK(cases_now() == with_import);  // withdrawn, not deleted: the history stays
    const json after = f.get("/api/v1/workers/imports", officer).json()["items"][0];
    CHECK(after["undo"]["by"] == "officer");
    CHECK(after["undo"]["withdrawn"] == 3);

    const auto twice = f.send({"POST", undo, "", "", officer, {}});
    CHECK(twice.status == 409);
    CHECK_THAT(twice.json()["detail"].get<std::string>(), Contains("sudah dibatalkan"));
    CHECK(f.engine().verify_audit().intact);
}

TEST_CASE("a roster sent as an Excel workbook imports as its CSV, and a workbook that is not one is refused at the body",
          "[server][workers][xlsx]") {
    ServerFixture f;
    const std::string officer = f.token("officer");
    std::istringstream roster(file_text(source_dir() / "examples" / "data" / "kapuas-roster.csv"));
    std::string text, line;
    for (int n = 0; n < 4 && std::getline(roster, line); ++n) text += line + "\n";
    TempDir dir;
    const auto csv = dir.write("roster.csv", text);
    const auto workbook = tata::test::xlsx::write_workbook(dir / "roster.xlsx", tata::test::xlsx::workbook_of_csv(csv));
    const std::string xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    const auto imported = f.send({"POST", "/api/v1/workers/import?name=daftar.xlsx", file_text(workbook), xlsx_type, officer, {}});
    REQUIRE(imported.status == 200);
    CHECK(imported.json()["created"] == 3);
    CHECK(imported.json()["rejected"] == 0);
    const std::string nik = text.substr(text.find('\n') + 1, 16);
    const auto kase = f.engine().find_case_by_key("62.03", "verification", nik);
    REQUIRE(kase);
    CHECK(kase->data["tanggal_lahir"] == "1983-11-13");  // a date cell, read as the date

    const auto not_a_workbook = f.send({"POST", "/api/v1/workers/import?name=palsu.xlsx", text, xlsx_type, officer, {}});
    CHECK(not_a_workbook.status == 400);
    CHECK(not_a_workbook.json()["errors"][0]["field"] == "body");
    CHECK_THAT(not_a_workbook.json()["detail"].get<std::string>(), Contains("palsu.xlsx: bukan berkas XLSX") && !Contains("/tmp"));
    CHECK(f.send({"POST", "/api/v1/workers/import", file_text(workbook), "application/vnd.ms-excel", officer, {}}).status == 415);
    CHECK(f.engine().count_cases({}, 100) == 3);
}
