// Undoing a roster import: the shipped workflows, rules, core plugin and
// example roster, a real SQLite file. What an import created is withdrawn,
// what it changed is put back unless touched since, an undo runs once, a
// preview writes nothing, and the worker can be imported again.
#include "nik/area_registry.hpp"
#include "roster/import_undo.hpp"
#include "roster/worker_import.hpp"
#include "support/shipped_procedures.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;

namespace {

fs::path kapuas_roster() { return source_dir() / "examples" / "data" / "kapuas-roster.csv"; }

struct Fixture {
    TempDir dir;
    std::unique_ptr<Engine> engine;
    std::unique_ptr<roster::ImportBatches> batches;
    std::shared_ptr<const nik::AreaRegistry> areas = nik::AreaRegistry::shared(source_dir() / "rules" / "wilayah");
    std::vector<std::string> lines;  // the Kapuas roster's header and first rows

    Fixture() {
        const EngineOptions options = shipped_options(dir, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
        engine = std::make_unique<Engine>(options);
        batches = std::make_unique<roster::ImportBatches>(options.database);
        std::ifstream in(kapuas_roster());
        for (std::string line; lines.size() <= 5 && std::getline(in, line);) lines.push_back(line);
    }

    roster::ImportReport import(const std::vector<std::string>& rows, const std::string& name) {
        std::string text;
        for (const auto& line : rows) text += line + "\n";
        roster::ImportOptions options;
        options.regency = "62.03";
        options.actor = {"ani", "officer"};
        options.batches = batches.get();
        return roster::import_workers(*engine, dir.write(name, text), *areas, options);
    }

    roster::UndoReport undo(std::int64_t batch, bool preview = false, const std::string& regency = "62.03") {
        roster::UndoOptions options;
        options.regency = regency;
        options.actor = {"budi", "officer"};
        options.preview = preview;
        return roster::undo_import(*engine, *batches, batch, options);
    }

    std::string nik(std::size_t row) const { return lines[row].substr(0, 16); }
    std::optional<CaseRecord> worker(std::size_t row) { return engine->find_case_by_key("62.03", "verification", nik(row)); }
};

std::string replaced(std::string line, const std::string& from, const std::string& to) {
    const auto at_pos = line.find(from);
    REQUIRE(at_pos != std::string::npos);
    return line.replace(at_pos, from.size(), to);
}

}  // namespace

TEST_CASE("an import is registered, and undoing it withdraws what it created", "[roster][undo]") {
    Fixture f;
    const auto report = f.import(f.lines, "kapuas-juni.csv");
    REQUIRE(report.created == 5);
    REQUIRE(report.batch > 0);
    const auto batch = f.batches->find(report.batch);
    REQUIRE(batch);
    CHECK(batch->file_name == "kapuas-juni.csv");
    CHECK(batch->imported_by == "ani");
    CHECK(batch->finished);
    CHECK(batch->created == 5);
    CHECK_FALSE(batch->undone());
    CHECK(f.batches->recent("62.03", 10).size() == 1);
    CHECK(f.batches->recent("63.08", 10).empty());
    const CaseId first = f.worker(1)->id;

    // A preview says what would happen and writes nothing.
    const auto events = f.engine->verify_audit().events_checked;
    const auto preview = f.undo(report.batch, true);
    CHECK(preview.preview);
    CHECK(preview.withdrawn == 5);
    CHECK(f.engine->verify_audit().events_checked == events);
    CHECK_FALSE(f.batches->find(report.batch)->undone());

    const auto undone = f.undo(report.batch);
    CHECK(undone.withdrawn == 5);
    CHECK(undone.reverted == 0);
    CHECK(undone.kept_count == 0);
    for (std::size_t row = 1; row <= 5; ++row) CHECK_FALSE(f.worker(row));
    const CaseRecord gone = f.engine->get_case(first);
    CHECK(gone.status == CaseStatus::withdrawn);
    CHECK(gone.open_tasks.empty());
    const auto last = f.engine->history(first).back();
    CHECK(last.type == "withdrawn");
    CHECK(last.actor == "budi");
    CHECK(last.payload["operation"] == roster::undo_operation_of(report.batch));
    CHECK_THAT(last.payload["reason"].get<std::string>(), Contains("kapuas-juni.csv"));
    const auto marked = f.batches->find(report.batch);
    CHECK(marked->undone());
    CHECK(marked->undone_by == "budi");
    CHECK(marked->withdrawn == 5);

    // Once only; and the same roster imports again as new files.
    CHECK_THROWS_AS(f.undo(report.batch), roster::AlreadyUndone);
    const auto again = f.import(f.lines, "kapuas-juni.csv");
    CHECK(again.created == 5);
    CHECK(f.worker(1)->id != first);
    CHECK(f.engine->verify_audit().intact);
}

TEST_CASE("undoing an update puts the fields back, and keeps what moved on since", "[roster][undo]") {
    Fixture f;
    f.import(f.lines, "awal.csv");
    const auto before_honor = f.worker(1)->data;
    REQUIRE(f.worker(4)->state == "dikembalikan");  // worker 4 lacks the salary proof

    // The second file corrects worker 4 (resubmitted to the checks), changes
    // worker 1's pay and worker 2's pay.
    auto corrected = f.lines;
    corrected[4] = replaced(corrected[4], "ktp;sk;ijazah", "ktp;sk;bukti_gaji;ijazah");
    corrected[1] = replaced(corrected[1], ",1575000,", ",1600000,");
    corrected[2] = replaced(corrected[2], ",1775000,", ",1800000,");
    const auto second = f.import(corrected, "koreksi.csv");
    REQUIRE(second.updated == 3);
    REQUIRE(f.worker(4)->state == "konfirmasi_opd");
    REQUIRE(f.worker(1)->data["honor_bulanan"] == 1600000);
    // An officer corrects worker 2 by hand after the import.
    f.engine->update_data(f.worker(2)->id, {{"jabatan", "Perawat"}}, {"sari", "officer"});

    const auto undone = f.undo(second.batch);
    CHECK(undone.withdrawn == 0);
    CHECK(undone.reverted == 1);
    CHECK(undone.kept_count == 2);
    REQUIRE(undone.kept.size() == 2);
    for (const auto& kept : undone.kept) {
        if (kept.nik == f.nik(4)) CHECK_THAT(kept.reason, Contains("diajukan ulang"));
        else CHECK((kept.nik == f.nik(2) && kept.reason.find("diubah") != std::string::npos));
    }
    CHECK(f.worker(1)->data == before_honor);  // every field as before, kolom_roster included
    CHECK(f.worker(4)->state == "konfirmasi_opd");
    CHECK(f.worker(2)->data["jabatan"] == "Perawat");
    const auto put_back = f.engine->history(f.worker(1)->id).back();
    CHECK(put_back.type == "data_updated");
    CHECK(put_back.actor == "budi");
}

TEST_CASE("an import of another regency cannot be undone from this one", "[roster][undo]") {
    Fixture f;
    const auto report = f.import(f.lines, "awal.csv");
    CHECK_THROWS_AS(f.undo(report.batch, false, "63.08"), NotFound);
    CHECK_THROWS_AS(f.undo(report.batch + 100), NotFound);
    CHECK(f.worker(1)->status == CaseStatus::active);
}

TEST_CASE("a preview of an import registers no batch", "[roster][undo]") {
    Fixture f;
    std::string text;
    for (const auto& line : f.lines) text += line + "\n";
    roster::ImportOptions options;
    options.regency = "62.03";
    options.batches = f.batches.get();
    options.preview = true;
    const auto report = roster::import_workers(*f.engine, f.dir.write("p.csv", text), *f.areas, options);
    CHECK(report.batch == 0);
    CHECK(f.batches->count("62.03") == 0);
}

TEST_CASE("tata import list and tata import undo", "[roster][undo][cli]") {
    TempDir dir;
    const std::map<std::string, std::string> env{{"TATA_NOW", "2025-06-10T09:00:00+07:00"}};
    std::ifstream in(kapuas_roster());
    std::string text, line;
    for (int n = 0; n < 4 && std::getline(in, line); ++n) text += line + "\n";
    const auto file = dir.write("roster.csv", text).string();

    const auto imported = run_tata({"import", "workers", file, "--regency", "62.03", "--json"}, dir.path(), env);
    REQUIRE(imported.exit_code == 0);
    const auto batch = nlohmann::json::parse(imported.out)["batch"].get<std::int64_t>();
    CHECK(batch > 0);

    const auto listed = run_tata({"import", "list", "--regency", "62.03"}, dir.path(), env);
    CHECK(listed.exit_code == 0);
    CHECK_THAT(listed.out, Contains("roster.csv: 3 created"));

    const auto preview = run_tata({"import", "undo", std::to_string(batch), "--regency", "62.03", "--preview"}, dir.path(), env);
    CHECK(preview.exit_code == 0);
    CHECK_THAT(preview.out, Contains("preview, nothing written: would have 3 withdrawn"));
    const auto undone = run_tata({"import", "undo", std::to_string(batch), "--regency", "62.03", "--as", "rina:officer"}, dir.path(), env);
    CHECK(undone.exit_code == 0);
    CHECK_THAT(undone.out, Contains("3 withdrawn, 0 put back, 0 kept"));
    const auto again = run_tata({"import", "undo", std::to_string(batch), "--regency", "62.03"}, dir.path(), env);
    CHECK(again.exit_code == 1);
    CHECK_THAT(again.err, Contains("sudah dibatalkan"));
    CHECK_THAT(run_tata({"import", "list", "--regency", "62.03"}, dir.path(), env).out, Contains("undone by rina"));
    CHECK(run_tata({"import", "undo", "tiga", "--regency", "62.03"}, dir.path(), env).exit_code == 2);
    CHECK(run_tata({"import", "undo", "99", "--regency", "62.03"}, dir.path(), env).exit_code == 2);
}
