// Roster import: the shipped workflows, rules, core plugin and example data.
#include "csv/csv_reader.hpp"
#include "nik/area_registry.hpp"
#include "roster/worker_import.hpp"
#include "support/test_support.hpp"

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
    std::shared_ptr<const nik::AreaRegistry> areas = nik::AreaRegistry::shared(source_dir() / "rules" / "wilayah");

    Fixture() {
        EngineOptions options = engine_options(dir, {source_dir() / "workflows"},
                                               std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
        options.sources.rules = {source_dir() / "rules"};
        options.sources.plugins = {core_plugin_dir()};
        engine = std::make_unique<Engine>(options);
    }

    roster::ImportReport import(const fs::path& file, const std::string& regency = "62.03") {
        roster::ImportOptions options;
        options.regency = regency;
        return roster::import_workers(*engine, file, *areas, options);
    }

    // A copy of the first `rows` workers of the Kapuas roster, edited by `edit`.
    fs::path small_roster(std::size_t rows, const std::function<void(std::vector<std::string>&)>& edit = {}) {
        std::ifstream in(kapuas_roster());
        std::vector<std::string> lines;
        for (std::string line; lines.size() <= rows && std::getline(in, line);) lines.push_back(line);
        if (edit) edit(lines);
        std::string text;
        for (const auto& line : lines) text += line + "\n";
        return dir.write("roster-" + std::to_string(++files_) + ".csv", text);
    }

    int files_ = 0;
};

std::string replace_field(const std::string& line, const std::string& from, const std::string& to) {
    std::string out = line;
    const auto at_pos = out.find(from);
    REQUIRE(at_pos != std::string::npos);
    out.replace(at_pos, from.size(), to);
    return out;
}

}  // namespace

TEST_CASE("the Kapuas roster imports whole, and a second import changes nothing", "[roster][import]") {
    Fixture f;
    const auto first = f.import(kapuas_roster());
    CHECK(first.created == 4874);
    CHECK(first.rejected == 0);
    CHECK(first.problems.empty());
    const auto events = f.engine->verify_audit().events_checked;

    const auto second = f.import(kapuas_roster());
    CHECK(second.created == 0);
    CHECK(second.updated == 0);
    CHECK(second.unchanged == 4874);
    CHECK(f.engine->verify_audit().events_checked == events);  // nothing written

    // Every worker's case is keyed by NIK and carries the roster's typed fields.
    const auto kase = f.engine->find_case_by_key("62.03", "verification", "6203045311830065");
    REQUIRE(kase.has_value());
    CHECK(kase->data["nama"] == "Novita");
    CHECK(kase->data["honor_bulanan"] == 1575000);
    CHECK(kase->data["nilai_kinerja"] == 80.0);
    CHECK(kase->data["wilayah_nik"]["kecamatan"] == "Kapuas Kuala");
}

TEST_CASE("a roster saved by Excel with Indonesian settings (semicolons) imports the same workers", "[roster][import]") {
    Fixture f;
    const auto commas = f.small_roster(20);
    // The same rows as a spreadsheet writes them with ';' between fields,
    // quoting the fields that hold one (the document list: "ktp;sk;...").
    std::string text;
    tata::csv::Reader reader(commas);
    for (const auto& row : reader) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string field(row[i]);
            if (i > 0) text += ';';
            text += field.find_first_of(";\"") == std::string::npos ? field : "\"" + field + "\"";
        }
        text += "\r\n";
    }
    const auto semicolons = f.dir.write("roster-excel.csv", text);
    REQUIRE(text.find(';') < text.find('\n'));

    Fixture other;
    const auto from_commas = other.import(commas);
    const auto from_semicolons = f.import(semicolons);
    CHECK(from_semicolons.created == from_commas.created);
    CHECK(from_semicolons.rejected == from_commas.rejected);
    CHECK(from_semicolons.created == 20);
    const auto a = f.engine->find_case_by_key("62.03", "verification", "6203045311830065");
    const auto b = other.engine->find_case_by_key("62.03", "verification", "6203045311830065");
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(a->data == b->data);
    CHECK(a->state == b->state);
}

TEST_CASE("a corrected row updates its worker, and a returned file goes back through the checks", "[roster][import]") {
    Fixture f;
    // Worker 4 of the roster lacks the salary proof: returned.
    const auto original = f.small_roster(5);
    f.import(original);
    std::ifstream in(original);
    std::string header, line;
    std::getline(in, header);
    std::vector<std::string> rows;
    while (std::getline(in, line)) rows.push_back(line);
    const std::string nik = rows[3].substr(0, 16);
    auto returned = f.engine->find_case_by_key("62.03", "verification", nik);
    REQUIRE(returned.has_value());
    REQUIRE(returned->state == "dikembalikan");

    const auto corrected = f.small_roster(5, [](std::vector<std::string>& lines) {
        lines[4] = replace_field(lines[4], "ktp;sk;ijazah", "ktp;sk;bukti_gaji;ijazah");
        lines[1] = replace_field(lines[1], ",1575000,", ",1600000,");
    });
    const auto report = f.import(corrected);
    CHECK(report.updated == 2);
    CHECK(report.unchanged == 3);
    const auto after = f.engine->find_case_by_key("62.03", "verification", nik);
    CHECK(after->state == "konfirmasi_opd");  // resubmitted and through the checks
    CHECK(after->data["checks"]["failed"] == 0);
    const auto history = f.engine->history(after->id);
    std::vector<std::string> types;
    for (const auto& e : history) types.push_back(e.type);
    CHECK(types == std::vector<std::string>{"created", "auto", "data_updated", "fired", "auto"});
    CHECK(f.engine->find_case_by_key("62.03", "verification", rows[0].substr(0, 16))->data["honor_bulanan"] == 1600000);
}

TEST_CASE("bad rows are reported as FILE:ROW and skipped, flagged rows are kept for a manual review", "[roster][import]") {
    Fixture f;
    const fs::path bad = source_dir() / "examples" / "data" / "kapuas-roster-salah.csv";
    const auto report = f.import(bad);
    CHECK(report.created + report.rejected == 20);
    CHECK(report.rejected > 0);
    CHECK(report.flagged > 0);
    REQUIRE_FALSE(report.problems.empty());
    for (const auto& problem : report.problems) CHECK_THAT(problem, Catch::StartsWith(bad.string() + ":"));
    CHECK_THAT(report.problems.front(), Contains(bad.string() + ":2: nik:"));  // the 15-digit NIK on row 2

    // A flagged worker waits for an officer's manual review, unless a check
    // already failed and the file went back to its OPD anyway.
    std::size_t flagged = 0, in_review = 0;
    for (const auto& c : f.engine->list_cases({})) {
        if (c.data["tinjauan_manual"].empty()) continue;
        ++flagged;
        if (c.state == "tinjauan_manual") {
            ++in_review;
            CHECK(c.data["checks"]["failed"] == 0);
        } else {
            CHECK(c.state == "dikembalikan");
        }
    }
    CHECK(flagged == report.flagged);
    CHECK(in_review > 0);
}

TEST_CASE("a roster without a required column imports nothing and says which", "[roster][import]") {
    Fixture f;
    const auto file = f.dir.write("tanpa-nik.csv", "nama,opd\nSiti,Dinas Kesehatan\n");
    try {
        f.import(file);
        FAIL("imported a roster without its columns");
    } catch (const csv::Error& e) {
        CHECK_THAT(e.what(), Contains("nik"));
        CHECK_THAT(e.what(), Contains("tanggal_lahir"));
    }
    CHECK(f.engine->list_cases({}).empty());
    CHECK_THROWS_AS(f.import(kapuas_roster(), "99.99"), NotFound);
}

TEST_CASE("tata import workers: summary, FILE:ROW errors and exit codes", "[roster][import][cli]") {
    TempDir dir;
    const std::map<std::string, std::string> env{{"TATA_NOW", "2025-06-10T09:00:00+07:00"}};
    const auto bad = (source_dir() / "examples" / "data" / "kapuas-roster-salah.csv").string();
    const auto rejected = run_tata({"import", "workers", bad, "--regency", "62.03"}, dir.path(), env);
    CHECK(rejected.exit_code == 1);
    CHECK_THAT(rejected.err, Contains(bad + ":2: nik:"));
    CHECK_THAT(rejected.out, Contains("rejected"));

    const auto good = run_tata({"import", "workers", kapuas_roster().string(), "--regency", "62.03", "--json"}, dir.path(), env);
    CHECK(good.exit_code == 0);
    const auto summary = nlohmann::json::parse(good.out);
    CHECK(summary["created"] == 4874);
    CHECK(summary["rejected"] == 0);
    CHECK(good.err.empty());  // no progress bar when not on a terminal

    const auto usage = run_tata({"import", "workers", kapuas_roster().string()}, dir.path(), env);
    CHECK(usage.exit_code == 2);
    CHECK_THAT(usage.err, Contains("--regency"));
}

TEST_CASE("pelamar_prioritas and lulus_ppg: ya/tidak, empty is tidak, anything else is a FILE:ROW error",
          "[roster][import]") {
    Fixture f;
    const auto file = f.small_roster(4, [](std::vector<std::string>& lines) {
        lines[0] += ",pelamar_prioritas,lulus_ppg";
        lines[1] += ",ya,";
        lines[2] += ",iya,tidak";
        lines[3] += ",tidak,mungkin";
        lines[4] += ",,ya";
    });
    const auto report = f.import(file);
    CHECK(report.created == 2);
    CHECK(report.rejected == 2);
    REQUIRE(report.problems.size() == 2);
    CHECK_THAT(report.problems[0], Contains(file.string() + ":3: pelamar_prioritas: 'iya' tidak dikenal (pilihan: ya, tidak)"));
    CHECK_THAT(report.problems[1], Contains(file.string() + ":4: lulus_ppg: 'mungkin' tidak dikenal (pilihan: ya, tidak)"));

    // Stored in the case data and in the verification index, empty as tidak.
    IndexQuery query;
    query.workflow_id = "verification";
    query.columns = {"pelamar_prioritas", "lulus_ppg"};
    std::vector<std::pair<std::string, std::string>> seen;
    f.engine->scan_index(query, [&](const IndexRow& row) {
        seen.emplace_back(std::string(row.text(0)), std::string(row.text(1)));
    });
    CHECK(seen == std::vector<std::pair<std::string, std::string>>{{"ya", "tidak"}, {"tidak", "ya"}});
    for (const auto& c : f.engine->list_cases({})) CHECK(c.data.contains("pelamar_prioritas"));
}

TEST_CASE("a preview counts and warns as the import would and writes nothing, and rows of another regency and unknown OPDs "
          "are warned of",
          "[roster][import][preview]") {
    Fixture f;
    const std::string bkpsdm = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia";
    // Row 2: a NIK registered in Hulu Sungai Utara (63.08); row 3: the OPD
    // written with a small letter.
    const auto mixed = f.small_roster(4, [&](std::vector<std::string>& lines) {
        lines[1] = "630801" + lines[1].substr(6);
        lines[2] = replace_field(lines[2], bkpsdm, "Badan kepegawaian dan pengembangan sumber daya manusia");
    });
    const auto count_cases = [&f] { return f.engine->count_cases({}, 100); };
    const auto head = f.engine->last_committed_event_seq();

    roster::ImportOptions options;
    options.regency = "62.03";
    options.preview = true;
    const auto preview = roster::import_workers(*f.engine, mixed, *f.areas, options);
    CHECK(preview.created == 4);
    CHECK(preview.rejected == 0);
    CHECK(count_cases() == 0);  // nothing written
    CHECK(f.engine->last_committed_event_seq() == head);
    CHECK(preview.other_regency == 1);
    CHECK(preview.unknown_opd == 1);
    REQUIRE(preview.warning_count == 2);
    REQUIRE(preview.warnings.size() == 2);
    CHECK_THAT(preview.warnings[0], Catch::StartsWith(mixed.string() + ":2: nik: NIK terdaftar di "));
    CHECK_THAT(preview.warnings[0], Contains("Hulu Sungai Utara") && Contains("bukan di Kabupaten Kapuas"));
    CHECK_THAT(preview.warnings[1], Catch::StartsWith(mixed.string() + ":3: opd: "));
    CHECK_THAT(preview.warnings[1], Contains("maksud Anda «" + bkpsdm + "»?"));
    CHECK(preview.file_warnings.empty());  // one row of four is no wrong file

    // The import itself takes the rows, with the same warnings.
    const auto imported = f.import(mixed);
    CHECK(imported.created == 4);
    CHECK(imported.warnings == preview.warnings);
    CHECK(count_cases() == 4);
    // Previewed again: the rows are there now, unchanged.
    const auto again = roster::import_workers(*f.engine, mixed, *f.areas, options);
    CHECK(again.unchanged == 4);
    CHECK(again.created == 0);

    // A neighbour's whole roster: said once for the file; the listed
    // warnings stop at the limit, all counted.
    const auto neighbour = f.small_roster(6, [&](std::vector<std::string>& lines) {
        for (std::size_t i = 1; i < lines.size(); ++i) lines[i] = "630801" + lines[i].substr(6);
    });
    options.max_listed_warnings = 3;
    const auto wrong = roster::import_workers(*f.engine, neighbour, *f.areas, options);
    CHECK(wrong.other_regency == 6);
    CHECK(wrong.warning_count == 6);
    CHECK(wrong.warnings.size() == 3);
    REQUIRE(wrong.file_warnings.size() == 1);
    CHECK_THAT(wrong.file_warnings[0], Contains("6 dari 6 NIK terdaftar di luar Kabupaten Kapuas") && Contains("Hulu Sungai Utara") &&
                                           Contains("Pastikan berkas ini memang daftar tenaga non-ASN Kabupaten Kapuas"));
    CHECK(count_cases() == 4);

    // The CLI: --preview writes nothing and says so; warnings on stderr.
    TempDir dir;
    const std::map<std::string, std::string> env{{"TATA_NOW", "2025-06-10T09:00:00+07:00"}};
    const auto cli = run_tata({"import", "workers", mixed.string(), "--regency", "62.03", "--preview"}, dir.path(), env);
    CHECK(cli.exit_code == 0);
    CHECK_THAT(cli.out, Contains("preview, nothing written: would be 4 created"));
    CHECK_THAT(cli.err, Contains("warning: " + mixed.string() + ":2: nik: NIK terdaftar di "));
    const auto listed = run_tata({"case", "list"}, dir.path(), env);
    CHECK_THAT(listed.out + listed.err, !Contains("6203"));
}
