// Writing real .xlsx files for the tests: the XML parts a test spells out,
// zipped with libzip, with the boilerplate (content types, relationships,
// workbook) filled in; and a roster CSV as Excel would save it
// (workbook_of_csv), which the server and browser tests upload. Throws
// std::runtime_error when libzip fails.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tata::test::xlsx {

namespace fs = std::filesystem;

struct Part {
    std::string name;     // "xl/workbook.xml"
    std::string content;
};

// Zips `parts` (deflated) into `file`.
void write_zip(const fs::path& file, const std::vector<Part>& parts);

struct Sheet {
    std::string name = "Sheet1";
    std::string sheet_data;  // what goes inside <sheetData>
    std::string part;        // "xl/worksheets/sheetN.xml" when empty (N: its place)
};

struct Workbook {
    std::vector<Sheet> sheets = {Sheet{}};       // in tab order
    std::vector<std::string> shared_strings;     // the inside of each <si>; no part when empty
    std::string styles;                          // the inside of <styleSheet>; no part when empty
    bool date1904 = false;
};

std::vector<Part> parts_of(const Workbook& workbook);
fs::path write_workbook(const fs::path& file, const Workbook& workbook);

// Text escaped for XML content and attributes.
std::string escape(std::string_view text);
// <c r="B2" t="inlineStr"><is><t>text</t></is></c>
std::string inline_cell(std::string_view reference, std::string_view text);
// <c r="B2" [s="1"]><v>value</v></c>
std::string number_cell(std::string_view reference, std::string_view value, int style = -1);
// <c r="B2" t="s"><v>index</v></c>
std::string shared_cell(std::string_view reference, std::size_t index);
// <row r="N">cells</row>
std::string row(std::size_t number, std::string_view cells);

// styles.xml's inside with cellXfs: 0 General, 1 built-in 14 (a date),
// 2 custom 164 = `custom_format`, 3 built-in 20 (h:mm, a time).
std::string styles_with_dates(std::string_view custom_format = "dd/mm/yyyy");

// A CSV file as Excel stores it once opened and saved as a workbook: text
// as shared strings, the dates of tanggal_lahir and tmt as date-formatted
// serial numbers, whole numbers as numbers, the NIK as text (as an officer
// who formats the column as text keeps it), empty fields left out.
Workbook workbook_of_csv(const fs::path& csv_file);

}  // namespace tata::test::xlsx
