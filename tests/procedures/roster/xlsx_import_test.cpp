// Rosters as Excel workbooks: the same workers, counts and FILE:ROW
// problems as the same roster in CSV; a NIK Excel holds as a number is
// warned of (Excel keeps 15 digits); a file that is neither is refused
// whole with a message saying what it is.
#include "csv/csv_reader.hpp"
#include "nik/area_registry.hpp"
#include "roster/worker_import.hpp"
#include "support/shipped_procedures.hpp"
#include "support/xlsx_writer.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;

namespace {

namespace book = tata::test::xlsx;

struct Fixture {
    TempDir dir;
    std::unique_ptr<Engine> engine;
    std::shared_ptr<const nik::AreaRegistry> areas = nik::AreaRegistry::shared(source_dir() / "rules" / "wilayah");

    Fixture() {
        const EngineOptions options = shipped_options(dir, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
        engine = std::make_unique<Engine>(options);
    }

    roster::ImportReport import(const fs::path& file) {
        roster::ImportOptions options;
        options.regency = "62.03";
        return roster::import_workers(*engine, file, *areas, options);
    }
};

// "FILE:ROW: message" without the FILE, which differs between the two.
std::vector<std::string> without_file(const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    for (const auto& line : lines) out.push_back(line.substr(line.find(':')));
    return out;
}

}  // namespace

TEST_CASE("an Excel roster imports the same workers, counts and row problems as its CSV", "[roster][import][xlsx]") {
    const fs::path csv = source_dir() / "examples" / "data" / "kapuas-roster-salah.csv";
    Fixture from_csv, from_xlsx;
    const fs::path workbook =
        book::write_workbook(from_xlsx.dir.path() / "roster.xlsx", book::workbook_of_csv(csv));
    const auto a = from_csv.import(csv);
    const auto b = from_xlsx.import(workbook);
    CHECK(b.created == a.created);
    CHECK(b.rejected == a.rejected);
    CHECK(b.flagged == a.flagged);
    CHECK(a.rejected > 0);
    CHECK(without_file(b.problems) == without_file(a.problems));
    CHECK_THAT(b.problems.front(), Contains("roster.xlsx:"));
    CHECK(without_file(b.warnings) == without_file(a.warnings));
    // Every worker taken holds the same data, the dates read from date cells.
    const auto cases = from_csv.engine->list_cases({});
    REQUIRE(!cases.empty());
    for (const auto& c : cases) {
        const auto twin = from_xlsx.engine->find_case_by_key("62.03", "verification", c.key);
        REQUIRE(twin);
        CHECK(twin->data == c.data);
    }
}

TEST_CASE("a NIK Excel holds as a number is warned of, row by row", "[roster][import][xlsx]") {
    Fixture f;
    book::Workbook workbook;
    const std::vector<std::string> header = {"nik", "nama", "tanggal_lahir", "jenis_kelamin", "opd", "jabatan",
                                             "sektor", "jenis_kontrak", "tmt", "kategori", "sumber_gaji",
                                             "honor_bulanan", "pendidikan", "nilai_kinerja"};
    std::string cells;
    for (std::size_t i = 0; i < header.size(); ++i)
        cells += book::inline_cell(std::string(1, static_cast<char>('A' + i)) + "1", header[i]);
    std::string sheet = book::row(1, cells);
    const std::vector<std::string> worker = {"Novita", "1983-11-13", "P",
                                             "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                                             "Operator Komputer", "administrasi", "honorer", "2009-10-15",
                                             "database_bkn", "apbd"};
    cells = book::number_cell("A2", "6203045311830065");  // typed as a number
    for (std::size_t i = 0; i < worker.size(); ++i)
        cells += book::inline_cell(std::string(1, static_cast<char>('B' + i)) + "2", worker[i]);
    cells += book::number_cell("L2", "1575000") + book::inline_cell("M2", "SMA") + book::number_cell("N2", "80");
    sheet += book::row(2, cells);
    workbook.sheets[0].sheet_data = sheet;
    const auto report = f.import(book::write_workbook(f.dir.path() / "angka.xlsx", workbook));
    CHECK(report.created == 1);
    REQUIRE(report.warnings.size() == 1);
    CHECK_THAT(report.warnings[0], Contains("angka.xlsx:2: nik: NIK tersimpan sebagai angka di Excel"));
}

TEST_CASE("a file that is no workbook, named .xlsx, is refused whole and says what it is", "[roster][import][xlsx]") {
    Fixture f;
    const auto renamed = f.dir.write("roster.xlsx", "nik,nama\n6203045311830065,Novita\n");
    try {
        f.import(renamed);
        FAIL("a CSV named .xlsx was imported");
    } catch (const csv::Error& e) {
        CHECK_THAT(std::string(e.what()), Contains("roster.xlsx"));
    }
    CHECK(f.engine->count_cases({}) == 0);
}
