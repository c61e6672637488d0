// GET /api/v1/workflows/{workflow}/labels: the words pages show for a
// workflow's codes, as its YAML gives them, to whoever is signed in.
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

TEST_CASE("a workflow's words come from its YAML: states, decisions, results, fields, values and hidden fields",
          "[server][labels]") {
    ServerFixture f;
    const auto answer = f.get("/api/v1/workflows/verification/labels", f.token("worker"));
    REQUIRE(answer.status == 200);
    const json words = answer.json();
    const auto shipped = f.engine().definitions()->latest("verification");
    REQUIRE(shipped);
    CHECK(words["workflow"] == "verification");
    CHECK(words["version"] == shipped->version);
    // Every state and decision is named, as its YAML titles it.
    CHECK(words["states"].size() == shipped->states.size());
    for (const auto& state : shipped->states) {
        INFO(state.name);
        CHECK(words["states"][state.name] == state.title);
        for (const auto& outcome : state.outcomes) CHECK(words["outcomes"][state.name][outcome.name] == outcome.label);
    }
    CHECK(words["outcomes"]["konfirmasi_opd"]["setuju"] == "Setujui dan terbitkan SPTJM");
    CHECK(words["outcomes"]["eskalasi_bkpsdm"]["kembalikan"] == "Kembalikan berkas ke OPD");  // per state
    // Results, data fields (the labels section's and the forms') and the roster's values.
    CHECK(words["results"]["verified"] == "Terverifikasi");
    CHECK(words["fields"]["sumber_gaji"] == "Sumber honor");
    CHECK(words["fields"]["nomor_sptjm"] == "Nomor SPTJM");  // a form field's label
    CHECK(words["values"]["sumber_gaji"]["apbd"] == "APBD");
    CHECK(words["values"]["jenis_kontrak"]["kontrak_daerah"] == "Kontrak daerah");
    CHECK(words["values"]["kategori"]["database_bkn"] == "Terdata di database BKN");
    CHECK(words["hidden"] == json::array({"dokumen_unggahan", "kolom_roster"}));
    CHECK(words["values"]["dokumen"]["bukti_gaji"] == "Bukti pembayaran honor");
    // The same for every role (a vendor reads a package's words too).
    CHECK(f.get("/api/v1/workflows/verification/labels", f.token("vendor_a")).json() == words);

    // A choice's words in the grievance form, and in the case's allowed outcomes.
    const json grievance = f.get("/api/v1/workflows/grievance/labels", f.token("officer")).json();
    CHECK(grievance["values"]["kategori"]["bpjs_tidak_terdaftar"] == "Tidak didaftarkan BPJS");
}

TEST_CASE("a workflow's words by version: the one cases run on, else not found, and bad versions refused at the field",
          "[server][labels]") {
    ServerFixture f;
    const std::string officer = f.token("officer");
    const int latest = f.engine().definitions()->latest("vendor_selection")->version;
    const auto by_version =
        f.get("/api/v1/workflows/vendor_selection/labels?version=" + std::to_string(latest), officer);
    REQUIRE(by_version.status == 200);
    CHECK(by_version.json() == f.get("/api/v1/workflows/vendor_selection/labels", officer).json());
    // An option's own label joins the values' words.
    CHECK(by_version.json()["values"]["metode_evaluasi"]["harga_terendah"] == "Harga terendah");

    CHECK(f.get("/api/v1/workflows/vendor_selection/labels?version=" + std::to_string(latest + 1), officer).status == 404);
    CHECK(f.get("/api/v1/workflows/tidak_ada/labels", officer).status == 404);
    for (const std::string bad : {"0", "-1", "abc", "1.5", "99999999999"}) {
        INFO(bad);
        const auto refused = f.get("/api/v1/workflows/verification/labels?version=" + bad, officer);
        CHECK(refused.status == 400);
        CHECK_THAT(refused.body, Contains("version"));
    }
    CHECK(f.get("/api/v1/workflows/verification/labels", "").status == 401);
}

TEST_CASE("a choice field's options carry their words in a case's allowed outcomes", "[server][labels]") {
    ServerFixture f;
    const std::string officer = f.token("officer");
    const auto created = f.post_json("/api/v1/cases", {{"workflow", "vendor_selection"}, {"data", json::object()}}, officer);
    REQUIRE(created.status == 201);
    const json outcomes = created.json()["allowed_outcomes"];
    const auto announce = std::find_if(outcomes.begin(), outcomes.end(), [](const json& o) { return o["name"] == "umumkan"; });
    REQUIRE(announce != outcomes.end());
    CHECK(created.json()["workflow_version"] == f.engine().definitions()->latest("vendor_selection")->version);
    const json& form = (*announce)["form"];
    const auto method = std::find_if(form.begin(), form.end(), [](const json& field) { return field["name"] == "metode_evaluasi"; });
    REQUIRE(method != form.end());
    CHECK((*method)["options"] == json::array({"sistem_nilai", "harga_terendah"}));
    CHECK((*method)["option_labels"]["sistem_nilai"] == "Sistem nilai (kualitas dan biaya)");
}
