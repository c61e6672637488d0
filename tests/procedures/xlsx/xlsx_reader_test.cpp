// The XLSX reader: the first sheet in workbook order, every kind of cell,
// sparse and empty rows, dates in both systems, the header checks shared with
// the CSV reader, the limits (zip bombs, DOCTYPE, columns, nesting), files
// that are no XLSX, and the example roster read the same as its CSV.
#include "xlsx/cell_value.hpp"
#include "xlsx/date_styles.hpp"
#include "xlsx/workbook.hpp"
#include "xlsx/xlsx_reader.hpp"

#include "csv/csv_reader.hpp"
#include "nik/area_registry.hpp"
#include "roster/roster_row.hpp"
#include "support/test_support.hpp"
#include "support/xlsx_writer.hpp"

#include <catch2/catch.hpp>
#include <tata/calendar.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace {

using Catch::Matchers::Contains;
using tata::test::TempDir;
using tata::xlsx::CellKind;
using tata::xlsx::Limits;
using tata::xlsx::Options;
using tata::xlsx::Reader;
using namespace tata::test::xlsx;

using Fields = std::vector<std::string>;

struct ReadRow {
    std::size_t number;
    Fields fields;
};

std::vector<ReadRow> read_all(Reader& reader) {
    std::vector<ReadRow> rows;
    for (const auto& row : reader) {
        ReadRow copy{row.number(), {}};
        for (std::size_t i = 0; i < row.size(); ++i) copy.fields.emplace_back(row[i]);
        rows.push_back(std::move(copy));
    }
    return rows;
}

std::vector<ReadRow> read_all(const Workbook& workbook, Options options = {}) {
    TempDir dir;
    Reader reader(write_workbook(dir / "t.xlsx", workbook), options);
    return read_all(reader);
}

// A workbook whose one sheet is `sheet_data`.
Workbook book(std::string sheet_data) {
    Workbook workbook;
    workbook.sheets[0].sheet_data = std::move(sheet_data);
    return workbook;
}

// The csv::Error reading `file` whole (with a header) raises.
tata::csv::Error error_reading(const std::filesystem::path& file, const std::vector<std::string_view>& required = {},
                               Options options = {}) {
    try {
        Reader reader(file, options);
        reader.read_header(required);
        while (reader.next()) {
        }
    } catch (const tata::csv::Error& e) {
        return e;
    }
    FAIL("no csv::Error for " << file);
    throw std::logic_error("unreachable");
}

tata::csv::Error error_of(const Workbook& workbook, Options options = {}) {
    TempDir dir;
    return error_reading(write_workbook(dir / "roster.xlsx", workbook), {}, options);
}

// The file name in messages is the path as given; tests compare from the name on.
std::string after_dir(const tata::csv::Error& e) {
    const std::string what = e.what();
    return what.substr(what.find("roster.xlsx"));
}

}  // namespace

TEST_CASE("xlsx: shared, rich, inline and formula strings", "[xlsx]") {
    Workbook workbook = book(row(1, shared_cell("A1", 0) + shared_cell("B1", 1) + inline_cell("C1", "  Kapuas ") +
                                        "<c r=\"D1\" t=\"str\"><f>A1&amp;B1</f><v>nikSiti</v></c>" +
                                        "<c r=\"E1\" t=\"inlineStr\"><is><r><t>Rosmawati </t></r><r><rPr><b/></rPr>"
                                        "<t>Anggraini</t></r><rPh sb=\"0\" eb=\"1\"><t>ロス</t></rPh></is></c>" +
                                        shared_cell("F1", 2)));
    workbook.shared_strings = {"<t>nik</t>",
                               "<r><t xml:space=\"preserve\">Siti </t></r><r><rPr><i/></rPr><t>Aminah, S.Pd.</t></r>"
                               "<rPh sb=\"0\" eb=\"2\"><t>シチ</t></rPh><phoneticPr fontId=\"1\"/>",
                               "<t>baris_x000D__x000A_dua _x005F_x0041_</t>"};
    const auto rows = read_all(workbook);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].number == 1);
    CHECK(rows[0].fields ==
          Fields{"nik", "Siti Aminah, S.Pd.", "Kapuas", "nikSiti", "Rosmawati Anggraini", "baris\r\ndua _x0041_"});
}

TEST_CASE("xlsx: blanks are kept when asked", "[xlsx]") {
    Options options;
    options.trim_spaces = false;
    CHECK(read_all(book(row(1, inline_cell("A1", " x\t"))), options)[0].fields == Fields{" x\t"});
}

TEST_CASE("xlsx: missing cells keep the columns in place", "[xlsx]") {
    const auto rows = read_all(book(row(1, inline_cell("A1", "a") + inline_cell("D1", "d")) +
                                    // no r on the cells: each follows the previous one
                                    "<row r=\"2\"><c t=\"inlineStr\"><is><t>x</t></is></c><c/>"
                                    "<c t=\"inlineStr\"><is><t>z</t></is></c></row>" +
                                    row(3, "<c r=\"B3\" s=\"0\"/>" + inline_cell("C3", "c") + "<c r=\"E3\"><v></v></c>")));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields == Fields{"a", "", "", "d"});
    CHECK(rows[1].fields == Fields{"x", "", "z"});
    CHECK(rows[2].fields == Fields{"", "", "c"});  // size: one past the last value
}

TEST_CASE("xlsx: empty rows are skipped but keep their numbers", "[xlsx]") {
    TempDir dir;
    const auto file = write_workbook(dir / "t.xlsx", book(row(1, inline_cell("A1", "nama")) +
                                                           row(2, "<c r=\"A2\" s=\"1\"/><c r=\"B2\" t=\"inlineStr\"><is><t> </t></is></c>") +
                                                           row(4, inline_cell("A4", "Siti")) +
                                                           "<row><c><v>7</v></c></row>"  // no r: row 5
                                                           "<row spans=\"1:2\"/>"        // row 6, empty
                                                           + row(9, inline_cell("B9", "Budi"))));
    Reader reader(file);
    const auto& header = reader.read_header({"nama"});
    CHECK(header.names() == Fields{"nama"});
    const auto rows = read_all(reader);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].number == 4);
    CHECK(rows[1].number == 5);
    CHECK(rows[1].fields == Fields{"7"});
    CHECK(rows[2].number == 9);
    CHECK(rows[2].fields == Fields{"", "Budi"});
}

TEST_CASE("xlsx: rows look up columns by header name and give locations", "[xlsx]") {
    TempDir dir;
    const auto file =
        write_workbook(dir / "roster.xlsx", book(row(1, inline_cell("A1", "NIK ") + inline_cell("B1", "Nama")) +
                                                     row(2, inline_cell("A2", "6203045311830065") + inline_cell("B2", "Novita"))));
    Reader reader(file);
    CHECK(reader.sheet_name() == "Sheet1");
    reader.read_header({"nik", "nama"});
    const tata::csv::Row* row = reader.next();
    REQUIRE(row);
    CHECK(row->at("nama") == "Novita");
    CHECK(row->line() == 2);
    CHECK((*row)[7].empty());
    CHECK(reader.location(*row) == file.string() + ":2");
    CHECK(reader.next() == nullptr);
    CHECK(reader.next() == nullptr);
}

TEST_CASE("xlsx: numbers, booleans and errors", "[xlsx]") {
    TempDir dir;
    const auto file = write_workbook(
        dir / "t.xlsx",
        book(row(1, number_cell("A1", "1575000") + number_cell("B1", "3.20301123456789E+15") +
                        number_cell("C1", "3203011234567891") + number_cell("D1", "1234.5") +
                        number_cell("E1", "0.30000000000000004") + number_cell("F1", "1E-3") +
                        number_cell("G1", "-0") + number_cell("H1", "-12.50") + "<c r=\"I1\" t=\"b\"><v>1</v></c>" +
                        "<c r=\"J1\" t=\"b\"><v>0</v></c>" + "<c r=\"K1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>" +
                        "<c r=\"L1\" t=\"n\"><v>80</v></c>" + inline_cell("M1", "3203011234567891") +
                        "<c r=\"N1\"><f>SUM(A1:B1)</f></c>")));
    Reader reader(file);
    const tata::csv::Row* row = reader.next();
    REQUIRE(row);
    Fields fields;
    for (std::size_t i = 0; i < row->size(); ++i) fields.emplace_back((*row)[i]);
    // The 16-digit NIK written as an integer keeps its digits; Excel's
    // exponent form (15 significant digits) cannot give back the lost one.
    CHECK(fields == Fields{"1575000", "3203011234567890", "3203011234567891", "1234.5", "0.3", "0.001", "0", "-12.5",
                           "TRUE", "FALSE", "#DIV/0!", "80", "3203011234567891"});
    CHECK(reader.kind(0) == CellKind::number);
    CHECK(reader.kind(2) == CellKind::number);  // an import can warn: NIK typed as a number
    CHECK(reader.kind(8) == CellKind::boolean);
    CHECK(reader.kind(10) == CellKind::error);
    CHECK(reader.kind(12) == CellKind::text);
    CHECK(reader.kind(13) == CellKind::empty);  // a formula never calculated
    CHECK(reader.kind(99) == CellKind::empty);
}

TEST_CASE("xlsx: number text", "[xlsx]") {
    using tata::xlsx::render_number;
    CHECK(render_number("42") == "42");
    CHECK(render_number(" 42 ") == "42");
    CHECK(render_number("1.0") == "1");
    CHECK(render_number("2.5E+6") == "2500000");
    CHECK(render_number("1.2345678901234567E+20") == "123456789012346000000");
    CHECK(render_number("12345.678900000001") == "12345.6789");
    CHECK(render_number("-0.000123") == "-0.000123");
    CHECK(render_number("9.9999999999999995E-8") == "0.0000001");
    CHECK(render_number("1E+300").value().size() == 301);
    CHECK_FALSE(render_number("abc"));
    CHECK_FALSE(render_number("1e999"));
    CHECK_FALSE(render_number(""));
    CHECK_FALSE(render_number("--1"));
}

TEST_CASE("xlsx: date cells become YYYY-MM-DD", "[xlsx]") {
    Workbook workbook = book(row(1, number_cell("A1", "45000", 1) + number_cell("B1", "45000.75", 1) +
                                        number_cell("C1", "30317", 2) + number_cell("D1", "0.5", 3) +
                                        number_cell("E1", "45000", 0) + number_cell("F1", "60", 1) +
                                        number_cell("G1", "59", 1) + number_cell("H1", "61", 1) +
                                        number_cell("I1", "1", 1) + number_cell("J1", "-3", 1) +
                                        number_cell("K1", "45000") + "<c r=\"L1\" t=\"d\"><v>2024-02-29T00:00:00</v></c>"));
    workbook.styles = styles_with_dates("[$-421]d mmmm yyyy");
    TempDir dir;
    Reader reader(write_workbook(dir / "t.xlsx", workbook));
    const auto rows = read_all(reader);
    REQUIRE(rows.size() == 1);
    // 1900 system; 60 is Excel's phantom 1900-02-29 (the roster refuses it);
    // the time-only style (h:mm) and serials before 1900 keep the number.
    CHECK(rows[0].fields == Fields{"2023-03-15", "2023-03-15", "1983-01-01", "0.5", "45000", "1900-02-29",
                                   "1900-02-28", "1900-03-01", "1900-01-01", "-3", "45000", "2024-02-29"});
    CHECK(reader.kind(0) == CellKind::date);
    CHECK(reader.kind(3) == CellKind::number);
    CHECK(reader.kind(11) == CellKind::date);

    workbook.date1904 = true;
    workbook.sheets[0].sheet_data = row(1, number_cell("A1", "43538", 1) + number_cell("B1", "0", 2));
    CHECK(read_all(workbook)[0].fields == Fields{"2023-03-15", "1904-01-01"});
}

TEST_CASE("xlsx: date formats", "[xlsx]") {
    using tata::xlsx::is_builtin_date_format;
    using tata::xlsx::is_date_format;
    CHECK(is_builtin_date_format(14));
    CHECK(is_builtin_date_format(22));
    CHECK(is_builtin_date_format(57));
    CHECK_FALSE(is_builtin_date_format(0));
    CHECK_FALSE(is_builtin_date_format(20));  // h:mm
    CHECK_FALSE(is_builtin_date_format(49));  // @
    CHECK(is_date_format("dd/mm/yyyy"));
    CHECK(is_date_format("yyyy-mm-dd h:mm"));
    CHECK(is_date_format("[$-421]d mmmm yyyy;@"));
    CHECK(is_date_format("mmm-yy"));
    CHECK(is_date_format("MMMM"));
    CHECK_FALSE(is_date_format("h:mm"));
    CHECK_FALSE(is_date_format("[h]:mm:ss"));
    CHECK_FALSE(is_date_format("mm:ss"));
    CHECK_FALSE(is_date_format("General"));
    CHECK_FALSE(is_date_format("#,##0.00"));
    CHECK_FALSE(is_date_format("\"Rp\"#,##0;[Red]\\-\"Rp\"#,##0"));
    CHECK_FALSE(is_date_format("0\" days\""));
    CHECK_FALSE(is_date_format("0\\d"));
    CHECK_FALSE(is_date_format("[Red]0.00"));
    CHECK_FALSE(is_date_format("_(* #,##0_);_(* (#,##0);_(* \"-\"??_);_(@_)"));
}

TEST_CASE("xlsx: cell references and relationship targets", "[xlsx]") {
    using tata::xlsx::column_name;
    using tata::xlsx::column_of;
    CHECK(column_of("A1") == 0u);
    CHECK(column_of("ab12") == 27u);
    CHECK(column_of("XFD1048576") == 16383u);
    CHECK_FALSE(column_of("XFE1"));
    CHECK_FALSE(column_of("AAAA1"));
    CHECK_FALSE(column_of("12"));
    CHECK_FALSE(column_of("A1B"));
    CHECK(column_name(0) == "A");
    CHECK(column_name(27) == "AB");
    CHECK(column_name(16383) == "XFD");
    using tata::xlsx::resolve_target;
    CHECK(resolve_target("xl/workbook.xml", "worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml");
    CHECK(resolve_target("xl/workbook.xml", "/xl/worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml");
    CHECK(resolve_target("xl/workbook.xml", "../data/./s.xml") == "data/s.xml");
    CHECK(resolve_target("", "xl/workbook.xml") == "xl/workbook.xml");
}

TEST_CASE("xlsx: the first sheet in workbook order is read", "[xlsx]") {
    Workbook workbook;
    // Tab order: "Data Honorer" (stored as sheet2.xml) before "Catatan" (sheet1.xml).
    workbook.sheets = {Sheet{"Data Honorer", row(1, inline_cell("A1", "dari Data Honorer")), "xl/worksheets/sheet2.xml"},
                       Sheet{"Catatan", row(1, inline_cell("A1", "dari Catatan")), "xl/worksheets/sheet1.xml"}};
    TempDir dir;
    Reader reader(write_workbook(dir / "t.xlsx", workbook));
    CHECK(reader.sheet_name() == "Data Honorer");
    const auto rows = read_all(reader);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].fields == Fields{"dari Data Honorer"});
}

TEST_CASE("xlsx: prefixed elements (OpenXML SDK) read the same", "[xlsx]") {
    TempDir dir;
    auto parts = parts_of(book(""));
    for (auto& part : parts) {
        if (part.name == "xl/worksheets/sheet1.xml") {
            part.content =
                "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
                "<x:row r=\"3\"><x:c r=\"B3\" t=\"inlineStr\"><x:is><x:t>ok</x:t></x:is></x:c></x:row>"
                "</x:sheetData></x:worksheet>";
        }
    }
    write_zip(dir / "t.xlsx", parts);
    Reader reader(dir / "t.xlsx");
    const auto rows = read_all(reader);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].number == 3);
    CHECK(rows[0].fields == Fields{"", "ok"});
}

TEST_CASE("xlsx: header errors are the CSV reader's", "[xlsx]") {
    SECTION("empty sheet") {
        CHECK(after_dir(error_of(book(row(1, "<c r=\"A1\" s=\"1\"/>")))) ==
              "roster.xlsx: berkas kosong: tidak ada baris judul (header)");
    }
    TempDir dir;
    const auto file =
        write_workbook(dir / "roster.xlsx", book(row(2, inline_cell("A2", "nik") + inline_cell("B2", "Nama") +
                                                            inline_cell("C2", "NIK"))));
    SECTION("missing columns, all named") {
        const auto e = error_reading(file, {"nama", "tanggal_lahir", "opd"});
        CHECK(e.row() == 2);
        CHECK(after_dir(e) ==
              "roster.xlsx:2: kolom wajib tidak ada: tanggal_lahir, opd (baris judul berisi: nik, nama, nik)");
    }
    SECTION("duplicate") {
        CHECK(after_dir(error_reading(file, {"nik"})) == "roster.xlsx:2: kolom 'nik' muncul dua kali di baris judul");
    }
}

TEST_CASE("xlsx: malformed sheets name the row and cell", "[xlsx]") {
    SECTION("missing shared string") {
        Workbook workbook = book(row(1, inline_cell("A1", "nama")) + row(12, shared_cell("C12", 5)));
        workbook.shared_strings = {"<t>a</t>"};
        CHECK(after_dir(error_of(workbook)) ==
              "roster.xlsx:12: sel C12: merujuk teks bersama nomor '5' yang tidak ada (berkas punya 1)");
    }
    SECTION("cells out of order") {
        CHECK_THAT(after_dir(error_of(book(row(1, inline_cell("A1", "nama")) +
                                           row(3, inline_cell("C3", "x") + inline_cell("B3", "y"))))),
                   Contains("roster.xlsx:3: sel B3: sel tidak berurutan"));
    }
    SECTION("rows out of order") {
        CHECK_THAT(after_dir(error_of(book(row(5, inline_cell("A5", "nama")) + row(4, inline_cell("A4", "x"))))),
                   Contains("roster.xlsx:4: baris tidak berurutan"));
    }
    SECTION("bad number") {
        CHECK(after_dir(error_of(book(row(1, inline_cell("A1", "nama")) + row(2, number_cell("B2", "12,5"))))) ==
              "roster.xlsx:2: sel B2: '12,5' bukan angka");
    }
    SECTION("broken XML") {
        CHECK_THAT(after_dir(error_of(book(row(1, inline_cell("A1", "nama")) + "<row r=\"2\"><c r=\"A2\"><v>1</x></c></row>"))),
                   Contains("roster.xlsx:2: sel A2: XML rusak di xl/worksheets/sheet1.xml baris 2"));
    }
    SECTION("bad reference") {
        CHECK(after_dir(error_of(book(row(1, inline_cell("A1", "nama")) + row(2, inline_cell("XFE2", "x"))))) ==
              "roster.xlsx:2: referensi sel 'XFE2' tidak sah");
    }
}

TEST_CASE("xlsx: invalid UTF-8 in a cell names the cell", "[xlsx]") {
    const auto e = error_of(book(row(1, inline_cell("A1", "nama")) + row(2, inline_cell("B2", "Sit\xE9 Aminah"))));
    CHECK(e.row() == 2);
    CHECK_THAT(after_dir(e), Contains("roster.xlsx:2: sel B2: bukan teks UTF-8 yang sah"));

    Workbook workbook = book(row(1, shared_cell("A1", 1)));
    workbook.shared_strings = {"<t>nama</t>", "<t>Sit\xC3 Aminah</t>"};
    CHECK_THAT(after_dir(error_of(workbook)), Contains("roster.xlsx: teks bersama ke-2: bukan teks UTF-8 yang sah"));
}

TEST_CASE("xlsx: after an error the sheet is over", "[xlsx]") {
    TempDir dir;
    Reader reader(write_workbook(dir / "t.xlsx", book(row(1, inline_cell("A1", "a")) + row(2, number_cell("A2", "x")) +
                                                        row(3, inline_cell("A3", "c")))));
    REQUIRE(reader.next());
    CHECK_THROWS_AS(reader.next(), tata::csv::Error);
    CHECK(reader.next() == nullptr);
}

TEST_CASE("xlsx: a DOCTYPE is refused (billion laughs)", "[xlsx]") {
    TempDir dir;
    auto parts = parts_of(book(""));
    for (auto& part : parts) {
        if (part.name == "xl/worksheets/sheet1.xml") {
            part.content = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                           "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                           "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>"
                           "</sheetData></worksheet>";
        }
    }
    write_zip(dir / "roster.xlsx", parts);
    CHECK_THAT(after_dir(error_reading(dir / "roster.xlsx")),
               Contains("bukan berkas XLSX yang sah: xl/worksheets/sheet1.xml berisi DOCTYPE"));
}

TEST_CASE("xlsx: parts inflating past their cap are refused (zip bombs)", "[xlsx]") {
    std::string cells;
    for (int i = 1; i <= 20'000; ++i) cells += row(static_cast<std::size_t>(i), number_cell("A" + std::to_string(i), "0"));
    Options options;
    options.limits.max_sheet_bytes = 256 * 1024;  // the sheet inflates to ~700 KB from ~20 KB
    CHECK_THAT(after_dir(error_of(book(cells), options)),
               Contains("roster.xlsx: bagian xl/worksheets/sheet1.xml lebih besar dari batas 262144 bita"));

    Workbook workbook = book(row(1, shared_cell("A1", 0)));
    workbook.shared_strings.assign(50'000, "<t>nama pegawai honorer</t>");
    options = {};
    options.limits.max_shared_strings_part_bytes = 1 << 20;
    CHECK_THAT(after_dir(error_of(workbook, options)), Contains("bagian xl/sharedStrings.xml lebih besar dari batas 1 MB"));
    options = {};
    options.limits.max_shared_strings = 1000;
    CHECK_THAT(after_dir(error_of(workbook, options)), Contains("lebih dari 1000 teks bersama"));
}

TEST_CASE("xlsx: too many columns, too deep, too long", "[xlsx]") {
    SECTION("a value beyond the column cap") {
        // An empty formatted cell out there is harmless; a value is not.
        const auto rows = read_all(book(row(1, inline_cell("A1", "a") + "<c r=\"XFD1\" s=\"1\"/>")));
        CHECK(rows[0].fields == Fields{"a"});
        CHECK(after_dir(error_of(book(row(1, inline_cell("A1", "nama")) + row(5, inline_cell("ALM5", "x"))))) ==
              "roster.xlsx:5: sel ALM5: kolom ke-1001 melewati batas 1000 kolom; hapus isi di luar tabel");
    }
    SECTION("nesting") {
        std::string deep = row(1, inline_cell("A1", "a"));
        for (int i = 0; i < 70; ++i) deep = "<extLst>" + deep + "</extLst>";
        CHECK_THAT(after_dir(error_of(book(deep))), Contains("bersarang lebih dari 64 tingkat"));
    }
    SECTION("a long cell") {
        Options options;
        options.limits.max_cell_bytes = 100;
        CHECK_THAT(after_dir(error_of(book(row(1, inline_cell("A1", "nama")) + row(2, inline_cell("B2", std::string(101, 'x')))), options)),
                   Contains("roster.xlsx:2: sel B2: isinya lebih panjang dari 100 bita"));
    }
    SECTION("a huge tag") {
        Options options;
        options.limits.max_xml_token_bytes = 100'000;
        const std::string tag = "<row r=\"1\" x=\"" + std::string(300'000, 'a') + "\"/>";
        CHECK_THAT(after_dir(error_of(book(tag), options)), Contains("lebih panjang dari 100000 bita"));
    }
}

TEST_CASE("xlsx: files that are no XLSX say so", "[xlsx]") {
    TempDir dir;
    SECTION("a CSV with another name") {
        tata::test::write_file(dir / "roster.xlsx", "nik,nama\n6203045311830065,Novita\n");
        CHECK(after_dir(error_reading(dir / "roster.xlsx")) ==
              "roster.xlsx: bukan berkas XLSX yang sah: isinya teks biasa; bila ini CSV, beri nama berakhiran .csv");
    }
    SECTION("an old .xls or a password-protected workbook") {
        tata::test::write_file(dir / "roster.xlsx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
        CHECK_THAT(after_dir(error_reading(dir / "roster.xlsx")), Contains("berkas Excel lama (.xls)"));
    }
    SECTION("empty") {
        tata::test::write_file(dir / "roster.xlsx", "");
        CHECK_THAT(after_dir(error_reading(dir / "roster.xlsx")), Contains("roster.xlsx: bukan berkas XLSX yang sah"));
    }
    SECTION("a zip that is no workbook") {
        write_zip(dir / "roster.xlsx", {{"word/document.xml", "<w/>"}});
        CHECK_THAT(after_dir(error_reading(dir / "roster.xlsx")), Contains("tidak ada xl/workbook.xml"));
    }
    SECTION("a truncated zip") {
        write_workbook(dir / "full.xlsx", book(row(1, inline_cell("A1", "nama"))));
        const std::string bytes = tata::test::read_text(dir / "full.xlsx");
        tata::test::write_file(dir / "roster.xlsx", bytes.substr(0, bytes.size() / 2));
        CHECK_THAT(after_dir(error_reading(dir / "roster.xlsx")), Contains("roster.xlsx: bukan berkas XLSX yang sah"));
    }
    SECTION("missing") {
        CHECK_THAT(after_dir(error_reading(dir / "roster.xlsx")), Contains("roster.xlsx: berkas tidak dapat dibuka"));
    }
}

TEST_CASE("xlsx: progress counts the sheet's inflated bytes", "[xlsx]") {
    std::string cells;
    for (int i = 1; i <= 5'000; ++i)
        cells += row(static_cast<std::size_t>(i), inline_cell("A" + std::to_string(i), "pegawai " + std::to_string(i)));
    TempDir dir;
    Reader reader(write_workbook(dir / "t.xlsx", book(cells)));
    REQUIRE(reader.total_bytes() > 200'000);
    REQUIRE(reader.next());
    // Streamed: the first row comes after one chunk, not the whole sheet.
    CHECK(reader.bytes_read() > 0);
    CHECK(reader.bytes_read() < reader.total_bytes());
    std::size_t count = 1;
    while (reader.next()) ++count;
    CHECK(count == 5'000);
    CHECK(reader.bytes_read() == reader.total_bytes());
}

// ------------------------------------------------------------ example roster

// The example rosters as an officer's Excel would hold them
// (workbook_of_csv in support/xlsx_writer.hpp).
TEST_CASE("xlsx: the example rosters read the same as their CSV", "[xlsx]") {
    const auto areas = tata::nik::AreaRegistry::shared(tata::test::source_dir() / "rules" / "wilayah");
    constexpr std::chrono::year_month_day today{std::chrono::year{2025} / 6 / 1};
    for (const std::string name : {"kapuas-roster.csv", "kapuas-roster-salah.csv"}) {
        INFO(name);
        const auto csv_file = tata::test::source_dir() / "examples" / "data" / name;
        TempDir dir;
        const auto xlsx_file = write_workbook(dir / "roster.xlsx", workbook_of_csv(csv_file));

        tata::csv::Reader csv_reader(csv_file);
        Reader xlsx_reader(xlsx_file);
        const auto& csv_header = csv_reader.read_header(tata::roster::required_columns());
        const auto& xlsx_header = xlsx_reader.read_header(tata::roster::required_columns());
        REQUIRE(xlsx_header.names() == csv_header.names());
        const tata::roster::RosterColumns columns(xlsx_header);

        std::size_t rows = 0;
        for (const auto& csv_row : csv_reader) {
            const tata::csv::Row* xlsx_row = xlsx_reader.next();
            REQUIRE(xlsx_row);
            INFO("row " << csv_row.number());
            REQUIRE(xlsx_row->number() == csv_row.number());
            for (std::size_t i = 0; i < std::max(csv_row.size(), xlsx_row->size()); ++i) {
                if ((*xlsx_row)[i] != csv_row[i]) FAIL_CHECK("column " << i << ": " << (*xlsx_row)[i] << " != " << csv_row[i]);
            }
            // And so the roster checks see the same worker.
            const auto from_csv = tata::roster::parse_row(csv_row, columns, *areas, today);
            const auto from_xlsx = tata::roster::parse_row(*xlsx_row, columns, *areas, today);
            REQUIRE(from_xlsx.ok == from_csv.ok);
            REQUIRE(from_xlsx.data == from_csv.data);
            REQUIRE(from_xlsx.problems == from_csv.problems);
            ++rows;
        }
        CHECK(xlsx_reader.next() == nullptr);
        CHECK(rows > 10);
    }
}
