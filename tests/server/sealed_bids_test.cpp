// Sealed bids on procurement packages (issue 11, item 6), against the real
// server: a vendor's bid is visible to that vendor and, once opened, to the
// committee, never to another vendor through any route; bids are their own
// records, and a version 1 package's bids are moved into them on start.
#include "server_fixture.hpp"

#include "procurement/bid_store.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const std::string kPackageName = "Jasa kebersihan kantor bupati 2026";

json bid(const std::string& name, std::int64_t price) {
    return {{"nama_penyedia", name},
            {"npwp_penyedia", "01.234.567.8-901.000"},
            {"harga_penawaran", price},
            {"upah_ditawarkan", 3650000},
            {"berkas_penawaran", "sha256:" + std::string(64, 'a')}};
}

json package_definition(const std::string& deadline) {
    return {{"nama_paket", kPackageName},       {"jenis_pekerjaan", "kebersihan"},
            {"jumlah_pekerja_dibutuhkan", 12},  {"pagu_anggaran", 1000000000},
            {"metode_evaluasi", "harga_terendah"}, {"batas_penawaran", deadline}};
}

// A package announced by the officer, open for bids until `deadline`.
std::string open_package(ServerFixture& f, const std::string& deadline) {
    const std::string officer = f.token("officer");
    const auto created = f.post_json("/api/v1/cases", {{"workflow", "vendor_selection"}, {"data", json::object()}}, officer);
    REQUIRE(created.status == 201);
    const std::string id = std::to_string(created.json()["id"].get<std::int64_t>());
    const auto announced =
        f.post_json("/api/v1/cases/" + id + "/outcomes/umumkan", {{"input", package_definition(deadline)}}, officer);
    INFO(announced.body);
    REQUIRE(announced.status == 200);
    REQUIRE(announced.json()["state"] == "masa_penawaran");
    return id;
}

void check_hidden(const std::string& body, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        INFO(secret << " in " << body.substr(0, 400));
        CHECK(body.find(secret) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("sealed bids: a vendor never sees another's bid, the committee reads them after opening",
          "[server][sealed_bids]") {
    ServerFixture f;  // 2025-06-10, Kapuas (WIB)
    const std::string id = open_package(f, "2025-06-20");
    const std::string bids = "/api/v1/packages/" + id + "/bids";
    const std::string vendor_a = f.token("vendor_a"), vendor_b = f.token("vendor_b");

    // Two vendors bid; A sends again before the deadline, which replaces its bid.
    const auto first = f.post_json(bids, bid("PT Kapuas Bersih", 450000000), vendor_a);
    REQUIRE(first.status == 201);
    CHECK(first.json()["bid"]["revision"] == 1);
    REQUIRE(f.post_json(bids, bid("CV Sungai Jaya", 400000000), vendor_b).status == 201);
    const auto again = f.post_json(bids, bid("PT Kapuas Bersih", 437000000), vendor_a);
    REQUIRE(again.status == 201);
    CHECK(again.json()["bid"]["revision"] == 2);
    CHECK(again.json()["bid"]["bid"]["harga_penawaran"] == 437000000);
    CHECK(again.json()["bid"]["sha256"] != first.json()["bid"]["sha256"]);
    // Bad bids are refused with the field, nothing stored.
    auto bad = bid("PT Kapuas Bersih", 0);
    bad["berkas_penawaran"] = "berkas.pdf";
    const auto refused = f.post_json(bids, bad, vendor_a);
    CHECK(refused.status == 422);
    CHECK_THAT(refused.body, Contains("harga_penawaran"));
    CHECK_THAT(refused.body, Contains("berkas_penawaran"));

    // What vendor B can reach of the package shows nothing of A's bid.
    const std::vector<std::string> secrets_of_a = {"437000000", "450000000", "PT Kapuas Bersih", "Kapuas Bersih"};
    const auto as_b = f.get("/api/v1/cases/" + id, vendor_b);
    REQUIRE(as_b.status == 200);
    check_hidden(as_b.body, secrets_of_a);
    check_hidden(as_b.body, {"400000000"});  // not even its own price: the case holds no bid
    for (const std::string q : {"PT%20Kap", "Kapuas", "PT", "437000000", "CV%20Sungai"}) {
        INFO(q);
        const auto found = f.get("/api/v1/cases?workflow=vendor_selection&q=" + q, vendor_b);
        REQUIRE(found.status == 200);
        CHECK(found.json()["total"] == 0);
        CHECK(f.get("/api/v1/cases?q=" + q, vendor_b).json()["total"] == 0);
    }
    CHECK(f.get("/api/v1/cases?workflow=vendor_selection&q=kebersihan", vendor_b).json()["total"] == 1);
    check_hidden(f.get("/api/v1/packages", vendor_b).body, secrets_of_a);
    check_hidden(f.get("/api/v1/cases/" + id + "/history", vendor_b).body, secrets_of_a);
    check_hidden(f.get("/api/v1/cases/" + id + "/documents", vendor_b).body, secrets_of_a);
    CHECK(f.get("/api/v1/tasks", vendor_b).status == 403);
    const auto own = f.get(bids, vendor_b).json();
    REQUIRE(own["bids"].size() == 1);
    CHECK(own["bids"][0]["bid"]["harga_penawaran"] == 400000000);
    check_hidden(own.dump(), secrets_of_a);

    // The audit trail records that bids arrived, with their fingerprints, not what they offer.
    const std::string officer = f.token("officer");
    const auto history = f.get("/api/v1/cases/" + id + "/history", officer);
    check_hidden(history.body, {"437000000", "450000000", "400000000", "Kapuas Bersih", "Sungai Jaya"});
    int received = 0;
    const json events = history.json()["events"];  // kept: a range-for over a temporary's member reads freed memory
    for (const auto& event : events)
        if (event["type"] == "fired" && event["payload"]["outcome"] == "ajukan_penawaran") {
            ++received;
            CHECK(event["payload"]["input"].contains("sidik_penawaran"));
        }
    CHECK(received == 3);
    // The committee knows who bid before opening, not the offers.
    const auto sealed = f.get(bids, officer);
    REQUIRE(sealed.status == 200);
    CHECK(sealed.json()["opened"] == false);
    CHECK(sealed.json()["bids"].size() == 2);
    const json sealed_bids = sealed.json()["bids"];
    for (const auto& b : sealed_bids) CHECK(b["sealed"] == true);
    check_hidden(sealed.body, {"437000000", "400000000", "Kapuas Bersih"});
    check_hidden(f.get("/api/v1/cases/" + id, officer).body, {"437000000", "400000000"});

    // Scopes: only vendors bid; only the committee and vendors read; another regency sees no package.
    for (const std::string user : {"worker", "opd_head", "bkad", "officer", "admin"})
        CHECK(f.post_json(bids, bid("X", 1), f.token(user)).status == 403);
    for (const std::string user : {"worker", "opd_head", "bkad"}) CHECK(f.get(bids, f.token(user)).status == 403);
    CHECK(f.get(bids, f.token("officer_64_71")).status == 404);
    // The generic outcome route is no way around the bid route.
    CHECK(f.post_json("/api/v1/cases/" + id + "/outcomes/ajukan_penawaran",
                      {{"input", {{"id_penyedia", kVendorA}, {"sidik_penawaran", "x"}}}}, vendor_b)
              .status == 403);
    // B sending again replaces B's bid only.
    REQUIRE(f.post_json(bids, bid("CV Sungai Jaya", 399000000), vendor_b).status == 201);
    const auto a_after = f.get(bids, vendor_a).json();
    REQUIRE(a_after["bids"].size() == 1);
    CHECK(a_after["bids"][0]["bid"]["harga_penawaran"] == 437000000);
    CHECK(a_after["bids"][0]["revision"] == 2);

    // Past the deadline no bid is taken, before and after the end-of-day check closes the window.
    f.clock().set(at("2025-06-21T08:00:00+07:00"));
    f.forget_tokens();
    CHECK(f.post_json(bids, bid("PT Kapuas Bersih", 1000), f.token("vendor_a")).status == 409);
    f.engine().run_due_timers();
    REQUIRE(f.engine().get_case(std::stoll(id)).state == "tutup_penawaran");
    const auto late = f.post_json(bids, bid("PT Kapuas Bersih", 1000), f.token("vendor_a"));
    CHECK(late.status == 409);
    CHECK(f.get(bids, f.token("vendor_a")).json()["bids"][0]["bid"]["harga_penawaran"] == 437000000);

    // Opening: the committee reads every bid in full.
    const std::string committee = f.token("officer");
    auto fire = [&](const std::string& outcome, const json& input, const std::string& token) {
        const auto r = f.post_json("/api/v1/cases/" + id + "/outcomes/" + outcome, {{"input", input}}, token);
        INFO(outcome << ": " << r.body);
        REQUIRE(r.status == 200);
        return r.json();
    };
    fire("lanjutkan", {{"jumlah_penawaran", 2}}, committee);
    const auto opened = f.get(bids, committee).json();
    CHECK(opened["opened"] == true);
    REQUIRE(opened["bids"].size() == 2);
    std::map<std::string, std::int64_t> prices;
    for (const auto& b : opened["bids"]) {
        CHECK(b["sealed"] == false);
        prices[b["bid"]["nama_penyedia"].get<std::string>()] = b["bid"]["harga_penawaran"].get<std::int64_t>();
    }
    CHECK(prices == std::map<std::string, std::int64_t>{{"CV Sungai Jaya", 399000000}, {"PT Kapuas Bersih", 437000000}});
    CHECK(f.get(bids, f.token("vendor_b")).json()["bids"].size() == 1);  // still its own only

    // Administrative check and evaluation from the opened bids: lowest price wins, as before.
    for (const auto& [name, price] : prices)
        fire("catat_hasil",
             {{"nama_penyedia", name}, {"badan_hukum", true}, {"nib", true}, {"npwp", true}, {"bpjs_terdaftar", true},
              {"bebas_daftar_hitam", true}},
             committee);
    fire("selesai", json::object(), committee);
    const auto lowest = std::min_element(prices.begin(), prices.end(),
                                         [](const auto& a, const auto& b) { return a.second < b.second; });
    fire("usulkan_pemenang",
         {{"metode", "harga_terendah"}, {"calon_pemenang", lowest->first}, {"harga_terbaik", lowest->second}}, committee);
    const auto awarded = fire("tetapkan",
                              {{"nomor_penetapan", "027/PP/2025"}, {"nama_pemenang", lowest->first},
                               {"nilai_kontrak", lowest->second}},
                              f.token("admin"));
    CHECK(awarded["state"] == "kontrak");
    CHECK(lowest->first == "CV Sungai Jaya");

    // The award is announced to the bidders; the other offers stay closed to them.
    const auto a_view = f.get("/api/v1/cases/" + id, f.token("vendor_a"));
    CHECK(a_view.json()["data"]["nama_pemenang"] == "CV Sungai Jaya");
    CHECK(a_view.json()["data"]["nilai_kontrak"] == 399000000);
    CHECK_FALSE(a_view.json()["data"].contains("calon_pemenang"));
    const auto a_bids = f.get(bids, f.token("vendor_a")).json();
    CHECK(a_bids["award"]["nama_pemenang"] == "CV Sungai Jaya");
    REQUIRE(a_bids["bids"].size() == 1);
    CHECK(a_bids["bids"][0]["id_penyedia"] == kVendorA);
    check_hidden(f.get("/api/v1/cases/" + id + "/history", f.token("vendor_a")).body, {"Sungai Jaya"});
    CHECK(f.get("/api/v1/cases?workflow=vendor_selection&q=Kapuas", f.token("vendor_b")).json()["total"] == 0);
    CHECK(f.engine().verify_audit().intact);
}

TEST_CASE("sealed bids: a version 1 package's bids move from its data into the bid records on start",
          "[server][sealed_bids]") {
    // Version 1 of the workflow: the shipped one with the bid's content as the event's form.
    std::string v1 = read_text(source_dir() / "workflows" / "vendor_selection.yaml");
    const auto replace = [&](const std::string& from, const std::string& to) {
        const auto at_ = v1.find(from);
        REQUIRE(at_ != std::string::npos);
        v1.replace(at_, from.size(), to);
    };
    replace("version: 4", "version: 1");
    replace("          sidik_penawaran: {type: string, required: true, label: Sidik SHA-256 penawaran tersegel (diisi sistem)}\n",
            "          nama_penyedia: {type: string, required: true, label: Nama penyedia}\n"
            "          npwp_penyedia: {type: string, required: true, label: NPWP penyedia}\n"
            "          harga_penawaran: {type: integer, required: true, min: 1, label: Harga penawaran (Rp)}\n"
            "          upah_ditawarkan: {type: integer, required: true, min: 0, label: Upah (Rp)}\n"
            "          berkas_penawaran: {type: document, required: true, label: Dokumen penawaran}\n");
    TempDir old;
    write_file(old / "workflows" / "vendor_selection.yaml", v1);
    CaseId package = 0;
    {
        EngineOptions options;
        options.database = test_database(old);
        options.sources.workflows = {old / "workflows"};
        options.sources.rules = {source_dir() / "rules"};
        options.sources.plugins = {core_plugin_dir()};
        options.clock = std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00"));
        Engine engine(options);
        package = engine.create_case("vendor_selection", "62.03", json::object(), {"officer", "officer"}).record.id;
        engine.fire(package, "umumkan", package_definition("2025-06-20"), {"officer", "officer"});
        auto legacy = [](const std::string& vendor, const std::string& name, std::int64_t price) {
            json input = bid(name, price);
            input["id_penyedia"] = vendor;
            return input;
        };
        engine.fire(package, "ajukan_penawaran", legacy(kVendorA, "PT Kapuas Bersih", 460000000), {"vendor_a", "vendor"});
        engine.fire(package, "ajukan_penawaran", legacy(kVendorB, "CV Sungai Jaya", 410000000), {"vendor_b", "vendor"});
        engine.fire(package, "ajukan_penawaran", legacy(kVendorA, "PT Kapuas Bersih", 455000000), {"vendor_a", "vendor"});
    }

    // The server (shipping version 2) starts on that database.
    ServerFixture f([&](server::ServerConfig& config) { config.database = test_database(old); });
    const std::string bids = "/api/v1/packages/" + std::to_string(package) + "/bids";
    const auto a = f.get(bids, f.token("vendor_a")).json();
    REQUIRE(a["bids"].size() == 1);
    CHECK(a["bids"][0]["bid"]["harga_penawaran"] == 455000000);
    CHECK(a["bids"][0]["revision"] == 2);
    CHECK(a["bids"][0]["by"] == "vendor_a");
    const auto b = f.get(bids, f.token("vendor_b")).json();
    REQUIRE(b["bids"].size() == 1);
    CHECK(b["bids"][0]["bid"]["harga_penawaran"] == 410000000);
    CHECK(f.get(bids, f.token("officer")).json()["bids"].size() == 2);
    // The last bid in the version 1 data is not searchable by the other vendor.
    CHECK(f.get("/api/v1/cases?workflow=vendor_selection&q=Kapuas", f.token("vendor_b")).json()["total"] == 0);
    check_hidden(f.get("/api/v1/cases/" + std::to_string(package), f.token("vendor_b")).body, {"455000000", "Kapuas"});

    // The package still takes bids on version 1; the record follows.
    const auto resent = f.post_json(bids, bid("CV Sungai Jaya", 405000000), f.token("vendor_b"));
    INFO(resent.body);
    REQUIRE(resent.status == 201);
    CHECK(resent.json()["bid"]["revision"] == 2);
    CHECK(f.get(bids, f.token("vendor_b")).json()["bids"][0]["bid"]["harga_penawaran"] == 405000000);
    CHECK(f.engine().get_case(package).workflow_version == 1);
}

TEST_CASE("sealed bids: the import runs once per database and keeps stored bids", "[server][sealed_bids]") {
    TempDir dir;
    CaseId package = 0;
    {
        ServerFixture f([&](server::ServerConfig& config) { config.database = test_database(dir); });
        const std::string id = open_package(f, "2025-06-20");
        package = std::stoll(id);
        REQUIRE(f.post_json("/api/v1/packages/" + id + "/bids", bid("PT Kapuas Bersih", 1000), f.token("vendor_a")).status ==
                201);
    }
    // A second start (the same tables, the import already done) finds the bid as it was.
    server::ServerConfig config;
    config.database = test_database(dir);
    config.sources.workflows = {source_dir() / "workflows"};
    config.sources.rules = {source_dir() / "rules"};
    config.sources.plugins = {core_plugin_dir()};
    config.area_codes = source_dir() / "rules" / "wilayah";
    server::Service again(config, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
    server::procurement::BidStore store(test_database(dir));
    const auto stored = store.of_package(package);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].vendor == kVendorA);
    CHECK(stored[0].revision == 1);
    CHECK(stored[0].harga_penawaran == 1000);
    CHECK(stored[0].sha256 == server::procurement::fingerprint(stored[0]));
}
