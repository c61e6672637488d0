// Submitting a monthly compliance report to a contract case: the shipped
// vendor_contract workflow and Kapuas rules on a real SQLite file, the
// example reports of examples/vendor/, and `tata vendor submit` itself.
#include "compliance/submission.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const Actor officer{"rina", "officer"};
const Actor vendor{"ptkbm", "vendor"};

fs::path example_report(const std::string& name) { return source_dir() / "examples" / "vendor" / name; }

json contract_data(int headcount) {
    return {{"nomor_kontrak", "027/KTR/2025"},     {"nama_penyedia", "PT Kapuas Bersih Mandiri"},
            {"jumlah_pekerja_kontrak", headcount}, {"upah_bulanan", 3500000},
            {"kelas_risiko_jkk", 2},               {"tanggal_bayar", 10}};
}

struct Contracts {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-07-12T09:00:00+07:00"));
    std::unique_ptr<Engine> engine;

    Contracts() {
        EngineOptions options;
        options.database = dir / "tata.db";
        options.sources.workflows = {source_dir() / "workflows"};
        options.sources.rules = {source_dir() / "rules"};
        options.sources.plugins = {core_plugin_dir()};
        options.clock = clock;
        engine = std::make_unique<Engine>(options);
    }
    CaseId contract(int headcount) {
        const auto created = engine->create_case("vendor_contract", "62.03", contract_data(headcount), officer);
        REQUIRE(created.record.state == "menunggu_laporan");
        return created.record.id;
    }
};

}  // namespace

TEST_CASE("a compliant report keeps the contract waiting for the next one", "[procedures][compliance][submit]") {
    Contracts c;
    const CaseId id = c.contract(8);
    const auto submission = compliance::submit_report(*c.engine, id, example_report("kapuas-2025-06-patuh.csv"), vendor);
    CHECK(submission.report.compliant());
    CHECK(submission.contract.state == "menunggu_laporan");
    CHECK(submission.contract.data["status_kepatuhan"] == "patuh");
    CHECK(submission.contract.data["periode"] == "2025-06");
    CHECK(submission.contract.data["berkas_laporan"] == submission.document);
    CHECK(submission.document.rfind("sha256:", 0) == 0);
    CHECK(submission.document.size() == 7 + 64);
}

TEST_CASE("findings on a submitted report move the contract to the sanction steps", "[procedures][compliance][submit]") {
    Contracts c;
    const CaseId id = c.contract(12);
    const auto submission =
        compliance::submit_report(*c.engine, id, example_report("kapuas-2025-06-tidak-patuh.csv"), vendor);
    const auto& report = submission.report;
    REQUIRE_FALSE(report.compliant());
    const CaseRecord& contract = submission.contract;
    CHECK(contract.state == "peringatan_1");
    CHECK(contract.data["temuan"] == report.findings.size());
    CHECK(contract.data["kekurangan_upah"] == report.summary.total_shortfall);
    CHECK(contract.data["pelanggaran_berat"] == false);  // Kapuas: serious from 10 findings
    CHECK_THAT(contract.data["rincian_temuan"].get<std::string>(), Contains("di bawah UMK"));
    CHECK_THAT(contract.data["rincian_temuan"].get<std::string>(), Contains("kontrak 12 pekerja"));

    // The vendor sent it; the system recorded the findings.
    const auto history = c.engine->history(id);
    REQUIRE(history.size() >= 3);
    const auto sent = std::find_if(history.begin(), history.end(), [](const EventRecord& e) {
        return e.type == "fired" && e.payload.value("outcome", "") == "kirim_laporan";
    });
    const auto checked = std::find_if(history.begin(), history.end(), [](const EventRecord& e) {
        return e.type == "fired" && e.payload.value("outcome", "") == "hasil_pemeriksaan";
    });
    REQUIRE(sent != history.end());
    REQUIRE(checked != history.end());
    CHECK(sent->actor == "ptkbm");
    CHECK(sent->role == "vendor");
    CHECK(checked->role == "system");
}

TEST_CASE("the contract's own terms apply: JKK risk group, pay day, headcount", "[procedures][compliance][submit]") {
    Contracts c;
    const Regency& kapuas = *c.engine->definitions()->find_regency("62.03");
    const auto settings = compliance::settings_for_contract(kapuas, contract_data(7));
    CHECK(settings.jkk_class == 2);
    CHECK(settings.pay_day == 10);
    CHECK(settings.expected_headcount == std::size_t{7});
    CHECK(settings.umk == 3473710);

    json wrong = contract_data(7);
    wrong["kelas_risiko_jkk"] = 6;
    CHECK_THROWS_WITH(compliance::settings_for_contract(kapuas, wrong), Contains("kelas_risiko_jkk"));
}

TEST_CASE("a refused submission writes nothing", "[procedures][compliance][submit]") {
    Contracts c;
    const CaseId id = c.contract(5);
    const CaseRecord before = c.engine->get_case(id);
    const auto events_before = c.engine->history(id).size();

    SECTION("an unreadable report") {
        const auto broken = c.dir.write("rusak.csv", "periode,nik,nama\n2025-06,6203010504880001,Ahmad\n");
        CHECK_THROWS_AS(compliance::submit_report(*c.engine, id, broken, vendor), compliance::SubmissionRefused);
        const auto bad_amount = c.dir.write(
            "angka.csv",
            "periode,nik,nama,jabatan,upah_dibayar,tanggal_bayar,bpjs_tk_terdaftar,iuran_jht,iuran_jp,iuran_jkk,"
            "iuran_jkm,bpjs_kesehatan_terdaftar,iuran_kesehatan\n"
            "2025-06,6203010504880001,Ahmad,Sopir,tiga juta,2025-07-01,ya,1,1,1,1,ya,1\n");
        CHECK_THROWS_WITH(compliance::submit_report(*c.engine, id, bad_amount, vendor), Contains("angka.csv:2"));
    }
    SECTION("a role that may not submit") {
        CHECK_THROWS_AS(compliance::submit_report(*c.engine, id, example_report("kapuas-2025-06-patuh.csv"), officer),
                        Forbidden);
    }
    SECTION("a case that is not a contract waiting for a report") {
        const CaseId grievance = c.engine
                                     ->create_case("grievance", "62.03",
                                                   {{"nama_pelapor", "Wati"}, {"kategori", "lainnya"}, {"uraian", "x"}},
                                                   officer)
                                     .record.id;
        CHECK_THROWS_WITH(compliance::submit_report(*c.engine, grievance, example_report("kapuas-2025-06-patuh.csv"), vendor),
                          Contains("bukan kasus kontrak"));
    }
    const CaseRecord after = c.engine->get_case(id);
    CHECK(after.version == before.version);
    CHECK(after.state == "menunggu_laporan");
    CHECK(c.engine->history(id).size() == events_before);
}

TEST_CASE("tata vendor submit records the report and exits 1 on findings", "[procedures][compliance][submit][cli]") {
    TempDir dir;
    const std::map<std::string, std::string> env{{"TATA_NOW", "2025-07-12T09:00:00+07:00"}};
    auto created = run_tata({"case", "create", "--workflow", "vendor_contract", "--regency", "62.03", "--data",
                             contract_data(12).dump()},
                            dir.path(), env);
    INFO(created.out << created.err);
    REQUIRE(created.exit_code == 0);

    auto submitted = run_tata({"vendor", "submit", example_report("kapuas-2025-06-tidak-patuh.csv").string(), "--case",
                               "1", "--as", "ptkbm:vendor"},
                              dir.path(), env);
    INFO(submitted.out << submitted.err);
    CHECK(submitted.exit_code == 1);
    CHECK_THAT(submitted.out, Contains("tercatat pada kasus kontrak 1"));
    CHECK_THAT(submitted.out, Contains("peringatan_1"));

    auto again = run_tata({"vendor", "submit", example_report("kapuas-2025-06-patuh.csv").string(), "--case", "1",
                           "--as", "ptkbm:vendor"},
                          dir.path(), env);
    CHECK(again.exit_code == 1);
    CHECK_THAT(again.err, Contains("tidak sedang menunggu laporan"));

    auto usage = run_tata({"vendor", "submit", example_report("kapuas-2025-06-patuh.csv").string()}, dir.path(), env);
    CHECK(usage.exit_code == 2);
    CHECK_THAT(usage.err, Contains("--case"));
}
