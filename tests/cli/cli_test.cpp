// End-to-end tests of the real `tata` binary: each test runs it in its own
// scratch folder (the working directory, so the default tata.db lands there)
// with TATA_NOW fixing the clock. Without --workflows/--rules/--plugins the
// binary uses the source tree's workflows/ and rules/ and the build's plugins.
//
// Exit codes: 0 done, 1 refused or invalid, 2 usage.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

namespace {

using tata::test::ProcessResult;
using tata::test::TempDir;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Json = nlohmann::json;

std::string describe(const std::vector<std::string>& args, const ProcessResult& r) {
    std::ostringstream out;
    out << "tata";
    for (const auto& a : args) out << " " << a;
    out << "\n-> exit " << r.exit_code << "\n-- stdout:\n" << r.out << "-- stderr:\n" << r.err;
    return out.str();
}

// One scratch folder and a fixed clock for a sequence of runs.
struct Session {
    TempDir dir;
    std::map<std::string, std::string> env;

    explicit Session(const std::string& now = "2025-04-08T09:00:00+07:00") { env["TATA_NOW"] = now; }

    std::string last;  // the last run, described for failure messages

    ProcessResult run(const std::vector<std::string>& args) {
        ProcessResult r = tata::test::run_tata(args, dir.path(), env);
        last = describe(args, r);
        return r;
    }
};

}  // namespace

// Runs tata in session `s` and keeps what it printed for any later failure message.
#define RUN(name, ...)                      \
    const ProcessResult name = s.run(__VA_ARGS__); \
    INFO(s.last)

namespace {

Json parse_json(const std::string& text) {
    Json parsed;
    INFO("not JSON:\n" << text);
    REQUIRE_NOTHROW(parsed = Json::parse(text));
    return parsed;
}

// An ISO 8601 instant from the CLI's JSON, rewritten in UTC ("...Z") so that
// comparisons do not depend on the offset the CLI chooses to print.
std::string utc(const Json& value) {
    if (!value.is_string()) return "not a string: " + value.dump();
    const auto parsed = tata::parse_iso8601(value.get<std::string>());
    return parsed ? tata::format_iso8601(*parsed) : "not ISO 8601: " + value.get<std::string>();
}

// A worker file that passes the verification workflow's automatic checks
// (Kapuas: documents ktp, sk, bukti_gaji, ijazah; at least 2 years of service; APBD).
Json complete_file() {
    return {{"nik", "6203014501900001"}, {"nama", "Siti Rahmawati"}, {"opd", "Dinas Kesehatan"},
            {"jabatan", "Perawat"},       {"sektor", "kesehatan"},    {"kategori", "database_bkn"},
            {"sumber_gaji", "apbd"},      {"tmt", "2016-07-01"},      {"honor_bulanan", 2500000},
            {"dokumen", {"ktp", "sk", "bukti_gaji", "ijazah"}}};
}

// Misses two documents: the automatic checks return it to the OPD.
Json incomplete_file() {
    Json file = complete_file();
    file["nik"] = "6203010707950002";
    file["nama"] = "Ahmad Fauzi";
    file["dokumen"] = {"ktp", "sk"};
    return file;
}

constexpr const char* kInvalidWorkflow = R"(id: rusak
version: 1
title: Alur rusak
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok: tidak_ada
  b:
    kind: end
    result: ok
)";

}  // namespace

// ---------------------------------------------------------------------------
// tata validate

TEST_CASE("tata validate accepts the shipped workflows, rules and plugins", "[cli][validate]") {
    Session s;
    RUN(text, {"validate"});
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out, StartsWith("valid: "));
    CHECK_THAT(text.out, Contains("workflow(s)"));
    CHECK(text.err.empty());

    RUN(json, {"validate", "--json"});
    CHECK(json.exit_code == 0);
    const Json report = parse_json(json.out);
    CHECK(report["valid"] == true);
    CHECK(report["workflows"].get<int>() >= 1);
    CHECK(report["regencies"].get<int>() >= 2);
    CHECK(report["plugins"].get<int>() >= 1);
    CHECK(report["errors"] == Json::array());
}

TEST_CASE("tata validate on an invalid workflow exits 1 with FILE:LINE:COL errors", "[cli][validate]") {
    Session s;
    s.dir.write("flows/ok.yaml", R"(id: baik
version: 1
title: Alur baik
start: a
states:
  a:
    kind: end
    result: ok
)");
    s.dir.write("flows/rusak.yaml", kInvalidWorkflow);

    SECTION("text on stderr") {
        RUN(r, {"validate", "flows"});
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Contains("flows/rusak.yaml:11:11: error: state 'a' goes to unknown state 'tidak_ada'\n"));
        CHECK_THAT(r.err, Contains("1 error(s)"));
        CHECK_THAT(r.err, !Contains("ok.yaml"));
    }
    SECTION("--json lists every error with file, line and column") {
        RUN(r, {"validate", "--json", "--workflows", "flows"});
        CHECK(r.exit_code == 1);
        const Json report = parse_json(r.out);
        CHECK(report["valid"] == false);
        REQUIRE(report["errors"].is_array());
        REQUIRE(report["errors"].size() == 1);
        const Json& e = report["errors"][0];
        CHECK(e["file"] == "flows/rusak.yaml");
        CHECK(e["line"] == 11);
        CHECK(e["column"] == 11);
        CHECK_THAT(e["message"].get<std::string>(), Contains("unknown state 'tidak_ada'"));
    }
}

TEST_CASE("tata validate checks the rules too", "[cli][validate]") {
    Session s;
    s.dir.write("rules/nasional/hari-libur.yaml", "title: Uji\nholidays: []\n");
    s.dir.write("rules/62.03/regency.yaml", "code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WITB\n");
    RUN(r, {"validate", "--rules", "rules"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Contains("rules/62.03/regency.yaml:3:7: error: unknown time zone 'WITB'"));
}

TEST_CASE("tata validate checks each regency's scorecard with the loaded plugins", "[cli][validate]") {
    Session s;
    std::filesystem::copy(tata::test::source_dir() / "rules", s.dir / "rules", std::filesystem::copy_options::recursive);
    RUN(valid, {"validate", "--rules", "rules"});
    INFO(valid.err);
    CHECK(valid.exit_code == 0);
    // An admin misspells the Kapuas plugin's scorer.
    const auto card = s.dir / "rules" / "62.03" / "prioritization.yaml";
    std::ifstream in(card);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find("kapuas.keahlian");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("kapuas.keahlian").size(), "kapuas.keahlan");
    std::ofstream(card) << text;
    RUN(broken, {"validate", "--rules", "rules"});
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.err, Contains("prioritization.yaml:"));
    CHECK_THAT(broken.err, Contains("kapuas.keahlan"));
}

TEST_CASE("tata validate checks each regency's notifications against the loaded workflows", "[cli][validate]") {
    Session s;
    std::filesystem::copy(tata::test::source_dir() / "rules", s.dir / "rules", std::filesystem::copy_options::recursive);
    // An admin points a notification at a stage the grievance workflow does not have.
    const auto file = s.dir / "rules" / "62.03" / "notifications.yaml";
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find("states: [menunggu_konfirmasi, dirujuk]");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("states: [menunggu_konfirmasi, dirujuk]").size(), "states: [dijawab]");
    std::ofstream(file) << text;
    RUN(broken, {"validate", "--rules", "rules"});
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.err, Contains("notifications.yaml:"));
    CHECK_THAT(broken.err, Contains("workflow `grievance` has no stage `dijawab`"));
}

// ---------------------------------------------------------------------------
// tata case create | advance | show | list, audit verify

TEST_CASE("a verification case through the CLI: create, refusals, advance, show, list, audit", "[cli][case]") {
    Session s;  // Tuesday 8 April 2025, 09:00 WIB
    s.dir.write("siti.json", complete_file().dump());

    // create: the automatic checks pass, the case waits for the OPD head
    RUN(created, {"case", "create", "--workflow", "verification", "--regency", "62.03", "--data",
                                "@siti.json", "--json"});
    REQUIRE(created.exit_code == 0);
    CHECK(std::filesystem::exists(s.dir / "tata.db"));  // the default database, in the working directory
    const Json c = parse_json(created.out);
    const auto id = c["id"].get<long long>();
    const std::string id_text = std::to_string(id);
    CHECK(c["workflow"] == "verification");
    CHECK(c["workflow_version"] == 5);  // verification v4 gives the words for its codes, v5 those of its documents
    CHECK(c["regency"] == "62.03");
    CHECK(c["state"] == "konfirmasi_opd");
    CHECK(c["status"] == "active");
    CHECK(c["version"] == 1);
    CHECK(c["data"]["nama"] == "Siti Rahmawati");
    CHECK(c["data"]["checks"]["failed"] == 0);
    REQUIRE(c["open_tasks"].size() == 1);
    CHECK(c["open_tasks"][0]["roles"] == Json::array({"opd_head"}));
    // 5 working days from Tuesday 8 April (WIB): 9, 10, 11, 14, 15 April; due at the end of the 15th
    CHECK(utc(c["open_tasks"][0]["due_at"]) == "2025-04-15T17:00:00Z");
    CHECK(c["incident"].is_null());
    const auto version = c["version"].get<long long>();

    // bad input: a missing required field and an undeclared one, each named
    RUN(bad, {"case", "advance", id_text, "setuju", "--as", "kadinkes:opd_head", "--input",
                            R"({"nomor": "800/112"})"});
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.err, Contains("invalid input"));
    CHECK_THAT(bad.err, Contains("nomor_sptjm"));
    CHECK_THAT(bad.err, Contains("nomor:"));

    // the wrong role
    RUN(forbidden, {"case", "advance", id_text, "setuju", "--as", "x:bkad", "--input",
                                  R"({"nomor_sptjm": "800/112"})"});
    CHECK(forbidden.exit_code == 1);
    CHECK_THAT(forbidden.err, Contains("refused"));
    CHECK_THAT(forbidden.err, Contains("bkad"));

    // a stale --if-version
    RUN(stale, {"case", "advance", id_text, "setuju", "--as", "kadinkes:opd_head", "--if-version",
                              std::to_string(version + 5), "--input", R"({"nomor_sptjm": "800/112"})", "--json"});
    CHECK(stale.exit_code == 1);
    const Json conflict = parse_json(stale.out);
    CHECK(conflict["current_version"] == version);
    CHECK_THAT(conflict["error"].get<std::string>(), Contains("version"));

    // none of the refusals changed anything
    RUN(unchanged, {"case", "show", id_text, "--json"});
    REQUIRE(unchanged.exit_code == 0);
    const Json u = parse_json(unchanged.out);
    CHECK(u["state"] == "konfirmasi_opd");
    CHECK(u["version"] == version);
    CHECK_FALSE(u["data"].contains("nomor_sptjm"));
    CHECK_FALSE(u["data"].contains("nomor"));
    CHECK(u["history"].size() == 2);  // created, auto

    // the OPD head approves (with the current version), BKAD validates
    RUN(approved, {"case", "advance", id_text, "setuju", "--as", "kadinkes:opd_head", "--if-version",
                                 std::to_string(version), "--input",
                                 R"({"nomor_sptjm": "800/112/DINKES/2025", "catatan": "Data sesuai"})", "--json"});
    CHECK(approved.exit_code == 0);
    const Json a = parse_json(approved.out);
    CHECK(a["state"] == "validasi_bkad");
    CHECK(a["version"] == version + 1);
    CHECK(a["open_tasks"][0]["roles"] == Json::array({"bkad"}));
    CHECK(a["incident"].is_null());
    RUN(validated, {"case", "advance", id_text, "valid", "--as", "bkad01:bkad"});
    CHECK(validated.exit_code == 0);
    CHECK_THAT(validated.out, Contains("terverifikasi"));
    CHECK_THAT(validated.out, Contains("verified"));

    // a closed case accepts nothing more
    RUN(closed, {"case", "advance", id_text, "valid", "--as", "bkad01:bkad"});
    CHECK(closed.exit_code == 1);
    CHECK_THAT(closed.err, Contains("closed"));

    RUN(shown, {"case", "show", id_text, "--json"});
    REQUIRE(shown.exit_code == 0);
    const Json v = parse_json(shown.out);
    CHECK(v["state"] == "terverifikasi");
    CHECK(v["status"] == "completed");
    CHECK(v["result"] == "verified");
    CHECK(v["version"] == version + 2);
    CHECK(v["workflow_version"] == 5);
    CHECK(v["data"]["nomor_sptjm"] == "800/112/DINKES/2025");
    CHECK(v["open_tasks"].empty());
    CHECK(v["incidents"].empty());
    REQUIRE(v["history"].size() == 4);
    std::vector<std::string> types, targets;
    for (const auto& e : v["history"]) {
        types.push_back(e["type"].get<std::string>());
        targets.push_back(e["to"].get<std::string>());
    }
    CHECK(types == std::vector<std::string>{"created", "auto", "fired", "fired"});
    CHECK(targets == std::vector<std::string>{"pemeriksaan_otomatis", "konfirmasi_opd", "validasi_bkad", "terverifikasi"});
    CHECK(v["history"][2]["actor"] == "kadinkes");
    CHECK(v["history"][2]["role"] == "opd_head");
    CHECK(v["history"][2]["payload"]["outcome"] == "setuju");
    CHECK(utc(v["history"][0]["at"]) == "2025-04-08T02:00:00Z");

    RUN(text, {"case", "show", id_text});
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("verification v5"));
    CHECK_THAT(text.out, Contains("terverifikasi"));
    CHECK_THAT(text.out, Contains("History"));
    CHECK_THAT(text.out, Contains("setuju"));
    CHECK_THAT(text.out, Contains("kadinkes"));

    // a second worker whose file lacks documents goes back to the OPD
    s.dir.write("ahmad.json", incomplete_file().dump());
    RUN(second, {"case", "create", "--workflow", "verification", "--regency", "62.03", "--data",
                               "@ahmad.json", "--as", "rina:officer"});
    CHECK(second.exit_code == 0);
    CHECK_THAT(second.out, Contains("dikembalikan"));

    RUN(listed, {"case", "list"});
    CHECK(listed.exit_code == 0);
    CHECK_THAT(listed.out, Contains("terverifikasi"));
    CHECK_THAT(listed.out, Contains("dikembalikan"));
    CHECK_THAT(listed.out, Contains("verification"));

    RUN(filtered, {"case", "list", "--state", "dikembalikan", "--json"});
    CHECK(filtered.exit_code == 0);
    const Json only = parse_json(filtered.out);
    REQUIRE(only.size() == 1);
    CHECK(only[0]["state"] == "dikembalikan");
    CHECK(only[0]["data"]["checks"]["failed"].get<int>() >= 1);

    // A case without an incident cannot be resolved; the command says why.
    RUN(resolve_usage, {"case", "resolve", "1"});
    CHECK(resolve_usage.exit_code == 2);
    RUN(resolve, {"case", "resolve", "1", "--to", "validasi_bkad", "--note", "dicek manual"});
    CHECK(resolve.exit_code == 1);
    CHECK_THAT(resolve.err, Contains("no open incident"));

    RUN(audit, {"audit", "verify"});
    CHECK(audit.exit_code == 0);
    CHECK_THAT(audit.out, Contains("intact"));
}

TEST_CASE("unknown commands and options are usage errors (exit 2)", "[cli][usage]") {
    Session s;
    RUN(unknown, {"frobnicate"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Contains("unknown command 'frobnicate'"));
    CHECK_THAT(unknown.err, Contains("usage: tata"));

    RUN(option, {"case", "list", "--colour", "red"});
    CHECK(option.exit_code == 2);
    CHECK_THAT(option.err, Contains("unknown option --colour"));

    RUN(missing, {"case", "advance"});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Contains("missing case id"));

    RUN(nothing, {});
    CHECK(nothing.exit_code == 2);
    CHECK_THAT(nothing.out, Contains("usage: tata"));
    // none of these opened (and so created) a database
    CHECK_FALSE(std::filesystem::exists(s.dir / "tata.db"));
}

// ---------------------------------------------------------------------------
// tata timers run

TEST_CASE("tata timers run escalates an overdue task across a weekend and holidays (WITA fixture)",
          "[cli][timers]") {
    // Fixture rules: Balikpapan (WITA) has 31 March – 2 April off nationally and 3 April locally.
    Session s("2025-03-27T10:00:00+08:00");  // Thursday
    const std::string rules = tata::test::fixture_rules().string();
    s.dir.write("siti.json", complete_file().dump());
    RUN(created, {"case", "create", "--rules", rules, "--workflow", "verification", "--regency", "64.71",
                                "--data", "@siti.json", "--json"});
    REQUIRE(created.exit_code == 0);
    const Json c = parse_json(created.out);
    CHECK(c["state"] == "konfirmasi_opd");
    // Working days: Fri 28 Mar, Fri 4, Mon 7, Tue 8, Wed 9 Apr; due at the end of Wed 9 April WITA.
    REQUIRE(c["open_tasks"].size() == 1);
    CHECK(utc(c["open_tasks"][0]["due_at"]) == "2025-04-09T16:00:00Z");
    const std::string id = std::to_string(c["id"].get<long long>());

    s.env["TATA_NOW"] = "2025-04-09T23:59:59+08:00";
    RUN(early, {"timers", "run", "--rules", rules, "--json"});
    CHECK(early.exit_code == 0);
    CHECK(parse_json(early.out)["fired"] == 0);

    s.env["TATA_NOW"] = "2025-04-10T00:00:00+08:00";
    RUN(due, {"timers", "run", "--rules", rules, "--json"});
    CHECK(due.exit_code == 0);
    const Json fired = parse_json(due.out);
    CHECK(fired["fired"] == 1);
    CHECK(fired["incidents"] == 0);

    RUN(shown, {"case", "show", id, "--rules", rules, "--json"});
    REQUIRE(shown.exit_code == 0);
    const Json v = parse_json(shown.out);
    CHECK(v["state"] == "eskalasi_bkpsdm");
    CHECK(v["version"] == c["version"].get<long long>() + 1);
    REQUIRE(v["open_tasks"].size() == 1);
    CHECK(v["open_tasks"][0]["roles"] == Json::array({"officer"}));
    const Json& last = v["history"].back();
    CHECK(last["type"] == "escalated");
    CHECK(last["from"] == "konfirmasi_opd");
    CHECK(last["to"] == "eskalasi_bkpsdm");
    CHECK(utc(last["payload"]["due_at"]) == "2025-04-09T16:00:00Z");
}

// ---------------------------------------------------------------------------
// tata demo

TEST_CASE("tata demo imports the Kapuas roster and the rekap shows the Kapuas report's figures", "[cli][demo]") {
    Session s("2025-06-10T09:00:00+07:00");  // service years, and so the checks' results, depend on the day
    RUN(r, {"demo", "--db", "demo.db", "--no-serve"});
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::exists(s.dir / "demo.db"));
    CHECK_FALSE(std::filesystem::exists(s.dir / "tata.db"));
    CHECK_THAT(r.out, Contains("4874 workers imported"));
    // education and health files through SPTJM and BKAD, one returned with its reasons, escalations after the deadline
    CHECK_THAT(r.out, Contains("2199 files verified"));
    CHECK_THAT(r.out, Contains("terverifikasi — Berkas terverifikasi"));
    CHECK_THAT(r.out, Contains("validasi_bkad → terverifikasi"));
    CHECK_THAT(r.out, Contains("[gagal] Dokumen wajib belum ada"));
    CHECK_THAT(r.out, Contains("tasks escalated"));
    CHECK_THAT(r.out, Contains("konfirmasi_opd → eskalasi_bkpsdm"));
    // the verified workers ranked and allocated, with one explanation
    CHECK_THAT(r.out, Contains("Pekerja terverifikasi: 2199"));
    CHECK_THAT(r.out, Contains("(formasi pppk-"));
    CHECK_THAT(r.out, Contains("Kontribusi aturan:"));
    // ... and proposed as the regency's round, waiting for the Kepala BKPSDM
    CHECK_THAT(r.out, Contains("Proposed as PRK-62.03-"));
    CHECK_THAT(r.out, Contains("susun_usulan → persetujuan_kepala"));
    // the vendors' reports: the compliant one clean, the other with its four findings
    CHECK_THAT(r.out, Contains("0 temuan: patuh"));
    CHECK_THAT(r.out, Contains("4 temuan, total kekurangan Rp 520.396"));
    // the grievance reaches vendor management
    CHECK_THAT(r.out, Contains("tindak_lanjut_alih_daya"));
    CHECK_THAT(r.out, Contains("Audit chain: intact"));
    CHECK(r.err.empty());

    // The rekap of the imported roster is the Kapuas report (DESIGN.md section 1, issue 3).
    RUN(rekap, {"report", "rekap", "--regency", "62.03", "--db", "demo.db", "--json"});
    REQUIRE(rekap.exit_code == 0);
    const Json total = parse_json(rekap.out)["total"];
    CHECK(total["jumlah"] == 4874);
    CHECK(total["per_kategori"]["eks_thk2"] == 63);
    CHECK(total["per_kategori"]["database_bkn"] == 2698);
    CHECK(total["per_kategori"]["non_database"] == 2113);
    const Json& results = total["per_kategori_dan_hasil_seleksi"];
    CHECK(results["eks_thk2"]["lulus_pppk"] == 32);
    CHECK(results["eks_thk2"]["tidak_lulus"].get<int>() + results["eks_thk2"]["belum_ikut"].get<int>() == 31);
    CHECK(results["database_bkn"]["lulus_pppk"] == 656);
    CHECK(results["database_bkn"]["lulus_cpns"] == 18);
    CHECK_FALSE(results["non_database"].contains("lulus_pppk"));
    // the education and health workers whose files passed the automatic checks
    CHECK(total["status_verifikasi"]["terverifikasi"] == 2199);
    // every worker has a proposed outcome: the verified ones ranked, the others not yet
    std::size_t proposed = 0;
    for (const auto& [outcome, n] : total["usulan"].items()) proposed += n.get<std::size_t>();
    CHECK(proposed == 4874);
    CHECK(total["usulan"]["belum_diperingkat"] == 4874 - 2199);
    // the rekap's proposals are what `tata rank` shows on the same day
    RUN(ranked, {"rank", "--regency", "62.03", "--db", "demo.db", "--json"});
    REQUIRE(ranked.exit_code == 0);
    CHECK(parse_json(ranked.out)["nomor_pemeringkatan"] == parse_json(rekap.out)["nomor_pemeringkatan"]);
    CHECK(parse_json(ranked.out)["per_usulan"]["pppk"] == total["usulan"]["pppk"]);

    RUN(table, {"report", "rekap", "--regency", "62.03", "--db", "demo.db"});
    CHECK(table.exit_code == 0);
    CHECK_THAT(table.out, Contains("Kabupaten Kapuas"));
    CHECK_THAT(table.out, Contains("Per OPD:"));
    CHECK_THAT(table.out, Contains("Usulan hasil pemeringkatan (PRK-62.03-"));
    RUN(csv, {"report", "rekap", "--regency", "62.03", "--db", "demo.db", "--format", "csv"});
    CHECK(csv.exit_code == 0);
    CHECK_THAT(csv.out, StartsWith("opd,jumlah,eks_thk2,database_bkn,non_database,"));
    CHECK_THAT(csv.out, Contains("\nJUMLAH,4874,63,2698,2113,"));
    RUN(unknown, {"report", "rekap", "--regency", "99.99", "--db", "demo.db"});
    CHECK(unknown.exit_code == 2);

    RUN(audit, {"audit", "verify", "--db", "demo.db", "--json"});
    CHECK(audit.exit_code == 0);
    CHECK(parse_json(audit.out)["intact"] == true);
}

TEST_CASE("tata plan adopt: the ranking follows the adopted scenario, and tata plan revoke ends it", "[cli][planning]") {
    Session s("2025-06-10T09:00:00+07:00");
    // A copy of the rules: the adoption writes a file beside them.
    std::filesystem::copy(tata::test::source_dir() / "rules", s.dir.path() / "rules", std::filesystem::copy_options::recursive);
    const std::string rules = (s.dir.path() / "rules").string();
    const std::string scenario = rules + "/62.03/skenario/formasi-abk.yaml";
    const std::vector<std::string> on = {"--db", "demo.db", "--rules", rules};
    auto with = [&](std::vector<std::string> args) {
        args.insert(args.end(), on.begin(), on.end());
        return args;
    };
    RUN(demo, with({"demo", "--no-serve"}));
    REQUIRE(demo.exit_code == 0);
    RUN(simulated, with({"plan", "simulate", "--regency", "62.03", scenario, "--json"}));
    REQUIRE(simulated.exit_code == 0);
    const Json number = parse_json(simulated.out)["skenario"][0]["nomor_pemeringkatan"];

    RUN(officer, with({"plan", "adopt", "--regency", "62.03", scenario, "--as", "rina:officer"}));
    CHECK(officer.exit_code == 2);  // only the Kepala BKPSDM adopts
    CHECK_THAT(officer.err, Contains("only an admin"));
    RUN(adopted, with({"plan", "adopt", "--regency", "62.03", scenario, "--as", "kepala:admin", "--note", "SK 1", "--json"}));
    REQUIRE(adopted.exit_code == 0);
    CHECK(parse_json(adopted.out)["nomor_pemeringkatan"] == number);
    RUN(ranked, with({"rank", "--regency", "62.03", "--json"}));
    REQUIRE(ranked.exit_code == 0);
    CHECK(parse_json(ranked.out)["nomor_pemeringkatan"] == number);
    CHECK(parse_json(ranked.out)["skenario_ditetapkan"]["nama"] == "Formasi menurut ABK");
    RUN(shown, with({"rank", "--regency", "62.03"}));
    CHECK_THAT(shown.out, Contains("Skenario yang ditetapkan: Formasi menurut ABK (2025-06-10)"));

    RUN(revoked, with({"plan", "revoke", "--regency", "62.03", "--as", "kepala:admin"}));
    CHECK(revoked.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(s.dir.path() / "rules" / "62.03" / "penetapan-skenario.yaml"));
    RUN(again, with({"rank", "--regency", "62.03", "--json"}));
    CHECK(parse_json(again.out)["skenario_ditetapkan"].is_null());
    RUN(audit, with({"audit", "verify"}));
    CHECK(audit.exit_code == 0);
}

TEST_CASE("the demo refuses a PostgreSQL --db before it writes, the other commands go to the database", "[cli][postgresql]") {
    Session s;
    // No server behind it: a refused command must not even try to connect.
    const std::string nowhere = "postgresql:///tata?host=" + (s.dir / "no-server").string() + "&user=tata";
    RUN(refused, {"demo", "--no-serve", "--db", nowhere});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Contains("needs --db FILE"));
    CHECK_THAT(refused.err, !Contains("connect"));

    // The others (the server, imports, the ranking among them) keep every
    // table there: here there is no server to reach, and nothing is made in
    // its place as a file named like the URI.
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"case", "list", "--db", nowhere},
          std::vector<std::string>{"import", "workers", (tata::test::source_dir() / "examples/data/kapuas-roster.csv").string(),
                                   "--regency", "62.03", "--db", nowhere},
          std::vector<std::string>{"rank", "--regency", "62.03", "--db", nowhere},
          std::vector<std::string>{"serve", "--port", "0", "--db", nowhere}}) {
        RUN(tried, command);
        CHECK(tried.exit_code != 0);  // 1, or serve's 70 (it could not start)
        CHECK_THAT(tried.err, Contains("cannot connect to PostgreSQL"));
    }
    CHECK(std::filesystem::is_empty(s.dir.path()));
}

// tata backup: an online copy of the database and what lies beside it.
TEST_CASE("tata backup copies a database that is being written, whole, and the copy verifies against its head",
          "[cli][backup]") {
    Session s;
    s.dir.write("siti.json", complete_file().dump());
    for (int i = 0; i < 3; ++i) {
        RUN(created, {"case", "create", "--workflow", "verification", "--regency", "62.03", "--data", "@siti.json"});
        REQUIRE(created.exit_code == 0);
    }
    s.dir.write("tata.db.dokumen/ab/ab12", "%PDF-1.4 ijazah");

    // Another writer goes on while the backup runs.
    std::atomic<bool> writing{true};
    std::thread writer([&] {
        while (writing)
            tata::test::run_tata({"case", "create", "--workflow", "verification", "--regency", "62.03", "--data",
                                  "@siti.json"},
                                 s.dir.path(), s.env);
    });
    RUN(backup, {"backup", "--to", "cadangan"});
    writing = false;
    writer.join();
    REQUIRE(backup.exit_code == 0);
    CHECK_THAT(backup.out, Contains("backup written to cadangan"));
    const auto at_head = backup.out.find("head: ");
    REQUIRE(at_head != std::string::npos);
    const std::string head = backup.out.substr(at_head + 6, backup.out.find('\n', at_head) - at_head - 6);
    CHECK(tata::test::read_text(s.dir / "cadangan" / "tata.db.dokumen" / "ab" / "ab12") == "%PDF-1.4 ijazah");
    CHECK_FALSE(std::filesystem::exists(s.dir / "cadangan" / "tata.db-wal"));  // one file

    // Restored (its files copied back elsewhere), it is the database as it
    // was: its chain ends at the head the backup showed.
    std::filesystem::create_directories(s.dir / "pulih");
    std::filesystem::copy(s.dir / "cadangan", s.dir / "pulih", std::filesystem::copy_options::recursive);
    RUN(verified, {"audit", "verify", "--db", "pulih/tata.db", "--anchor", head});
    CHECK(verified.exit_code == 0);
    RUN(listed, {"case", "list", "--db", "pulih/tata.db", "--json"});
    REQUIRE(listed.exit_code == 0);
    CHECK(parse_json(listed.out).size() >= 3);

    // Never over an earlier backup; PostgreSQL has pg_dump.
    RUN(again, {"backup", "--to", "cadangan"});
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Contains("not empty"));
    RUN(postgres, {"backup", "--to", "lain", "--db", "postgresql:///tata?host=/nowhere"});
    CHECK(postgres.exit_code == 2);
    CHECK_THAT(postgres.err, Contains("pg_dump"));
    CHECK_FALSE(std::filesystem::exists(s.dir / "lain"));
}
