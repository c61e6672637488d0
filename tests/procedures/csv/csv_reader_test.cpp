// The shared CSV reader: RFC 4180 quoting, UTF-8 with or without a BOM,
// CRLF and LF, header lookup, row numbers in errors, and streaming through
// files larger than one read chunk.
#include "csv/csv_reader.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Catch::Matchers::Contains;
using tata::csv::Error;
using tata::csv::Header;
using tata::csv::Options;
using tata::csv::Reader;
using tata::csv::Row;

struct ReadRow {
    std::size_t number;
    std::size_t line;
    std::vector<std::string> fields;
};

// Every row of `text` (no header handling), copied out of the reader.
std::vector<ReadRow> read_all(const std::string& text, Options options = {}) {
    std::istringstream in(text);
    Reader reader(in, "test.csv", options);
    std::vector<ReadRow> rows;
    for (const Row& row : reader) {
        ReadRow copy{row.number(), row.line(), {}};
        for (std::size_t i = 0; i < row.size(); ++i) copy.fields.emplace_back(row[i]);
        rows.push_back(std::move(copy));
    }
    return rows;
}

using Fields = std::vector<std::string>;

// The Error that reading all of `text` (with a header) raises.
Error error_of(const std::string& text, const std::vector<std::string_view>& required = {}) {
    std::istringstream in(text);
    Reader reader(in, "laporan.csv");
    try {
        reader.read_header(required);
        while (reader.next()) {
        }
    } catch (const Error& e) {
        return e;
    }
    FAIL("no csv::Error for:\n" << text);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("plain rows come back field by field with their row and line numbers", "[csv]") {
    const auto rows = read_all("nik,nama\n6203010101900001,Budi\n6203010101900002,Sari\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields == Fields{"nik", "nama"});
    CHECK(rows[1].fields == Fields{"6203010101900001", "Budi"});
    CHECK(rows[2].fields == Fields{"6203010101900002", "Sari"});
    CHECK(rows[2].number == 3);
    CHECK(rows[2].line == 3);
}

TEST_CASE("quoted fields keep commas, doubled quotes and line breaks", "[csv]") {
    const std::string text =
        "nama,jabatan\n"
        "\"Siregar, Rahmat\",\"Petugas \"\"Kebersihan\"\"\"\n"
        "\"Dewi\nAnggraini\",satpam\n"
        "\"\",\"a,\"\"b\"\",c\"\n"
        "terakhir,baris\n";
    const auto rows = read_all(text);
    REQUIRE(rows.size() == 5);
    CHECK(rows[1].fields == Fields{"Siregar, Rahmat", "Petugas \"Kebersihan\""});
    CHECK(rows[2].fields == Fields{"Dewi\nAnggraini", "satpam"});
    CHECK(rows[3].fields == Fields{"", "a,\"b\",c"});
    // The quoted line break makes row 3 span lines 3-4: row numbers count
    // records (as a spreadsheet does), lines count text lines.
    CHECK(rows[2].number == 3);
    CHECK(rows[2].line == 3);
    CHECK(rows[3].number == 4);
    CHECK(rows[3].line == 5);
    CHECK(rows[4].number == 5);
    CHECK(rows[4].line == 6);
}

TEST_CASE("CRLF line ends are not part of the last field, inside quotes they are kept", "[csv]") {
    const auto rows = read_all("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n\r\n4,5\r\n");
    REQUIRE(rows.size() == 4);
    CHECK(rows[1].fields == Fields{"1", "2"});
    CHECK(rows[2].fields == Fields{"x\r\ny", "3"});
    // The blank line (line 5) takes row number 4 without producing a row.
    CHECK(rows[3].fields == Fields{"4", "5"});
    CHECK(rows[3].number == 5);
    CHECK(rows[3].line == 6);
}

TEST_CASE("blank lines and rows of empty fields are skipped but counted", "[csv]") {
    const auto rows = read_all("a,b\n\n1,2\n,\n  \n3,4");  // no newline at the end either
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].number == 3);
    CHECK(rows[2].fields == Fields{"3", "4"});
    CHECK(rows[2].number == 6);
    CHECK(rows[2].line == 6);
}

TEST_CASE("a UTF-8 byte order mark is dropped and UTF-8 text passes through", "[csv]") {
    std::istringstream in("\xEF\xBB\xBFnik,nama\n6203010101900001,Ni Luh Putu Ayu \xC3\x89nd\xC3\xA4h\n");
    Reader reader(in, "bom.csv");
    const Header& header = reader.read_header({"nik", "nama"});
    CHECK(header.index("nik") == 0);
    const Row* row = reader.next();
    REQUIRE(row);
    CHECK((*row)[1] == "Ni Luh Putu Ayu \xC3\x89nd\xC3\xA4h");
    CHECK(reader.next() == nullptr);
}

TEST_CASE("bytes that are not UTF-8 stop the reading at their row", "[csv]") {
    // "Andr\xE9" is Windows-1252, what Excel writes for plain "CSV".
    const Error e = error_of("nik,nama\n1,Budi\n2,Andr\xE9\n");
    CHECK(e.row() == 3);
    CHECK_THAT(e.what(), Contains("laporan.csv:3: bukan teks UTF-8"));
    // Overlong forms and surrogates are not UTF-8 either.
    CHECK(error_of("a\n\xC0\xAF\n").row() == 2);
    CHECK(error_of("a\n\xED\xA0\x80\n").row() == 2);
    CHECK(error_of("a\n\xF4\x90\x80\x80\n").row() == 2);
    // A field ending in a lead byte beside one starting with a continuation
    // byte: each is checked alone, not the two as one character (found by
    // compliance_report_fuzz).
    CHECK(error_of("a,b\nx\xDC,\x9By\n").row() == 2);
}

TEST_CASE("the header maps names to columns, extra columns are tolerated", "[csv]") {
    std::istringstream in("Catatan, NIK ,x,Nama\ncatatan bebas,6203010101900001,?,Budi,lebih\n");
    Reader reader(in, "extra.csv");
    const Header& header = reader.read_header({"nik", "nama"});
    CHECK(header.size() == 4);
    CHECK(header.names() == Fields{"catatan", "nik", "x", "nama"});
    CHECK(header.find("NAMA") == 3u);
    CHECK_FALSE(header.find("umur"));
    CHECK_THROWS_AS(header.index("umur"), std::out_of_range);
    const Row* row = reader.next();
    REQUIRE(row);
    CHECK(row->at("nik") == "6203010101900001");
    CHECK(row->at("Nama") == "Budi");
    CHECK(row->size() == 5);  // one more than the header: the caller decides
    CHECK((*row)[9].empty());
    CHECK_THROWS_AS(row->at("umur"), std::out_of_range);
}

TEST_CASE("missing required columns are all named, with the header's row", "[csv]") {
    const Error e = error_of("\nnik,nama,upah\n1,a,2\n", {"nik", "iuran_jht", "nama", "iuran_jp"});
    CHECK(e.row() == 2);
    CHECK(e.file() == "laporan.csv");
    CHECK(std::string(e.what()) ==
          "laporan.csv:2: kolom wajib tidak ada: iuran_jht, iuran_jp (baris judul berisi: nik, nama, upah)");
}

TEST_CASE("a required column twice in the header is ambiguous", "[csv]") {
    const Error e = error_of("nik,nama,nik\n", {"nik"});
    CHECK(e.row() == 1);
    CHECK_THAT(e.message(), Contains("'nik' muncul dua kali"));
    // A repeated column nobody asked for is just an extra column.
    std::istringstream in("nik,catatan,catatan\n");
    Reader reader(in, "ok.csv");
    CHECK_NOTHROW(reader.read_header({"nik"}));
}

TEST_CASE("an empty file has no header", "[csv]") {
    for (const std::string text : {"", "\xEF\xBB\xBF", "\n\r\n"}) {
        const Error e = error_of(text);
        CHECK(e.row() == 0);
        CHECK(std::string(e.what()) == "laporan.csv: berkas kosong: tidak ada baris judul (header)");
    }
}

TEST_CASE("an unterminated quote names the row it opens in, after the rows before it", "[csv]") {
    std::istringstream in("nik,nama\n1,Budi\n2,\"Sari\n3,Ani\n4,Dodi\n");
    Reader reader(in, "putus.csv");
    reader.read_header({"nik"});
    const Row* first = reader.next();
    REQUIRE(first);
    CHECK((*first)[1] == "Budi");
    try {
        reader.next();
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.row() == 3);
        CHECK_THAT(e.what(), Contains("putus.csv:3: tanda kutip tidak ditutup"));
    }
}

TEST_CASE("text after a closing quote and a quote inside an unquoted field are errors with their row", "[csv]") {
    const Error after = error_of("a,b\n1,2\n\"Budi\" S,3\n");
    CHECK(after.row() == 3);
    CHECK_THAT(after.message(), Contains("setelah tanda kutip penutup"));

    const Error inside = error_of("a,b\n1,2\n\n4,Bu\"di\n");
    CHECK(inside.row() == 4);
    CHECK_THAT(inside.message(), Contains("tanda kutip di tengah kolom tanpa kutip"));

    // A quoted field that runs over lines and then breaks: the row where it opened.
    const Error spanning = error_of("a,b\n1,\"x\ny\nz\"w,5\n");
    CHECK(spanning.row() == 2);
}

TEST_CASE("spaces around unquoted fields are trimmed unless asked otherwise", "[csv]") {
    const std::string text = "  a , \" b \" ,c\t\n";
    CHECK(read_all(text)[0].fields == Fields{"a", " b ", "c"});
    Options keep;
    keep.trim_spaces = false;
    CHECK(read_all("  a ,c\t\n", keep)[0].fields == Fields{"  a ", "c\t"});
}

TEST_CASE("another delimiter", "[csv]") {
    Options semicolon;
    semicolon.delimiter = ';';
    CHECK(read_all("a;\"b;c\";d,e\n", semicolon)[0].fields == Fields{"a", "b;c", "d,e"});
}

TEST_CASE("a file saved by Excel with Indonesian settings (semicolons) is read as well as one with commas", "[csv]") {
    // The first line decides, counting outside quotes.
    CHECK(read_all("nik;nama;honor\n6203;\"Siti, S.Pd.\";1.500.000,50\n")[1].fields ==
          Fields{"6203", "Siti, S.Pd.", "1.500.000,50"});
    CHECK(read_all("nik,nama\n6203,Siti; Ani\n")[1].fields == Fields{"6203", "Siti; Ani"});
    CHECK(read_all("\"a;b;c\",d\n")[0].fields == Fields{"a;b;c", "d"});
    CHECK(read_all("\xEF\xBB\xBFnik;nama\r\n1;A\r\n")[1].fields == Fields{"1", "A"});  // with a BOM and CRLF
    CHECK(read_all("satu\n2\n")[0].fields == Fields{"satu"});  // neither: one column
    // A fixed delimiter is kept whatever the first line has.
    Options comma;
    comma.delimiter = ',';
    CHECK(read_all("a;b\n", comma)[0].fields == Fields{"a;b"});
    // A header read by name works the same with either.
    std::istringstream in("NIK;Nama\n6203;Siti\n");
    Reader reader(in, "kapuas.csv");
    reader.read_header({"nik", "nama"});
    const Row* row = reader.next();
    REQUIRE(row);
    CHECK(row->at("nama") == "Siti");
    // The quoting error names the delimiter the file uses.
    CHECK_THROWS_WITH(read_all("a;b\n\"x\"y;z\n"), Contains("titik koma"));
}

TEST_CASE("a row without a header cannot be read by name", "[csv]") {
    std::istringstream in("a,b\n");
    Reader reader(in, "x.csv");
    const Row* row = reader.next();
    REQUIRE(row);
    CHECK_THROWS_AS(row->at("a"), std::logic_error);
}

TEST_CASE("files open by path, and a file that cannot be opened says so", "[csv]") {
    tata::test::TempDir dir;
    const auto file = dir.write("roster.csv", "nik\n1\n2\n");
    Reader reader(file);
    reader.read_header({"nik"});
    std::size_t count = 0;
    for (const Row& row : reader) count += row.size();
    CHECK(count == 2);
    CHECK(reader.bytes_read() == 8);

    try {
        Reader missing(dir / "tidak-ada.csv");
        FAIL("opened a missing file");
    } catch (const Error& e) {
        CHECK(e.row() == 0);
        CHECK_THAT(e.what(), Contains("tidak-ada.csv: berkas tidak dapat dibuka"));
    }
}

TEST_CASE("rows and numbers stay right across read chunks", "[csv]") {
    // 30,000 rows of ~40 bytes (well over one 64 KiB chunk), every tenth
    // with a quoted name spanning two lines, so fields and quotes straddle
    // chunk boundaries in every way.
    std::string text = "nik,nama,upah\r\n";
    for (int i = 1; i <= 30'000; ++i) {
        const std::string nik = std::to_string(6203010000000000LL + i);
        if (i % 10 == 0) {
            text += nik + ",\"Nama, \"\"ke\"\"\n" + std::to_string(i) + "\"," + std::to_string(i * 7) + "\r\n";
        } else {
            text += nik + ",Nama " + std::to_string(i) + "," + std::to_string(i * 7) + "\r\n";
        }
    }
    std::istringstream in(text);
    Reader reader(in, "besar.csv");
    const auto& header = reader.read_header({"nik", "nama", "upah"});
    const std::size_t nama = header.index("nama"), upah = header.index("upah");
    int i = 0;
    std::size_t line = 2;
    for (const Row& row : reader) {
        ++i;
        INFO("row " << i);
        REQUIRE(row.number() == static_cast<std::size_t>(i) + 1);
        REQUIRE(row.line() == line);
        REQUIRE(row[upah] == std::to_string(i * 7));
        if (i % 10 == 0) {
            REQUIRE(row[nama] == "Nama, \"ke\"\n" + std::to_string(i));
            line += 2;
        } else {
            REQUIRE(row[nama] == "Nama " + std::to_string(i));
            line += 1;
        }
    }
    CHECK(i == 30'000);
    CHECK(reader.bytes_read() == text.size());
}

// Not a budget check (those live in bench/): prints the rate on this machine.
// Run with: test_procedures_csv "[.perf]"
TEST_CASE("throughput of 14-field roster rows", "[.perf]") {
    std::string text =
        "nik,nama,tanggal_lahir,jenis_kelamin,opd,jabatan,sektor,jenis_kontrak,tmt,kategori,"
        "sumber_gaji,honor_bulanan,pendidikan,nilai_kinerja\n";
    for (int i = 0; i < 200'000; ++i) {
        text += std::to_string(6203014501900000LL + i) +
                ",\"Siti Rahmawati, S.Pd\",1990-01-05,P,Dinas Pendidikan,Guru,pendidikan,honorer,2015-07-01,"
                "database_bkn,apbd,1500000,S1,87\n";
    }
    std::istringstream in(text);
    const auto start = std::chrono::steady_clock::now();
    Reader reader(in, "perf.csv");
    const auto& header = reader.read_header({"nik", "nilai_kinerja"});
    const std::size_t score = header.index("nilai_kinerja");
    std::size_t rows = 0, total = 0;
    for (const Row& row : reader) {
        ++rows;
        total += row[score].size();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    CHECK(rows == 200'000);
    CHECK(total == 400'000);
    WARN(rows / elapsed.count() << " rows/s, " << text.size() / elapsed.count() / 1e6 << " MB/s");
}
