#include "support/xlsx_writer.hpp"

#include "csv/csv_reader.hpp"
#include "xlsx/cell_value.hpp"

#include <tata/calendar.hpp>
#include <zip.h>

#include <chrono>
#include <map>
#include <stdexcept>

namespace tata::test::xlsx {

void write_zip(const fs::path& file, const std::vector<Part>& parts) {
    int code = 0;
    zip_t* zip = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!zip) throw std::runtime_error("zip_open " + file.string() + " failed: " + std::to_string(code));
    for (const auto& part : parts) {
        // The buffers outlive zip_close, which is when libzip reads them.
        zip_source_t* source = zip_source_buffer(zip, part.content.data(), part.content.size(), 0);
        if (!source || zip_file_add(zip, part.name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
            const std::string error = zip_strerror(zip);
            if (source) zip_source_free(source);
            zip_discard(zip);
            throw std::runtime_error("zip_file_add " + part.name + ": " + error);
        }
    }
    if (zip_close(zip) != 0) {
        const std::string error = zip_strerror(zip);
        zip_discard(zip);
        throw std::runtime_error("zip_close " + file.string() + ": " + error);
    }
}

std::vector<Part> parts_of(const Workbook& workbook) {
    const std::string declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    const std::string main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const std::string package_rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships";

    std::vector<Part> parts;
    std::string types = declaration +
                        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                        "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
    std::string book = declaration + "<workbook xmlns=\"" + main_ns + "\" xmlns:r=\"" + rel_ns + "\">";
    if (workbook.date1904) book += "<workbookPr date1904=\"1\"/>";
    book += "<sheets>";
    std::string rels = declaration + "<Relationships xmlns=\"" + package_rel_ns + "\">";
    for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
        const Sheet& sheet = workbook.sheets[i];
        const std::string id = "rId" + std::to_string(i + 1);
        const std::string part =
            sheet.part.empty() ? "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml" : sheet.part;
        book += "<sheet name=\"" + escape(sheet.name) + "\" sheetId=\"" + std::to_string(i + 1) + "\" r:id=\"" + id +
                "\"/>";
        rels += "<Relationship Id=\"" + id +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                "Target=\"" +
                part.substr(3) + "\"/>";
        types += "<Override PartName=\"/" + part +
                 "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
        parts.push_back({part, declaration + "<worksheet xmlns=\"" + main_ns + "\"><sheetData>" + sheet.sheet_data +
                                   "</sheetData></worksheet>"});
    }
    book += "</sheets></workbook>";
    if (!workbook.shared_strings.empty()) {
        std::string sst = declaration + "<sst xmlns=\"" + main_ns + "\" count=\"" +
                          std::to_string(workbook.shared_strings.size()) + "\" uniqueCount=\"" +
                          std::to_string(workbook.shared_strings.size()) + "\">";
        for (const auto& item : workbook.shared_strings) sst += "<si>" + item + "</si>";
        sst += "</sst>";
        parts.push_back({"xl/sharedStrings.xml", std::move(sst)});
        rels += "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>";
        types += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
                 "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
    }
    if (!workbook.styles.empty()) {
        parts.push_back(
            {"xl/styles.xml", declaration + "<styleSheet xmlns=\"" + main_ns + "\">" + workbook.styles + "</styleSheet>"});
        rels += "<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                "relationships/styles\" Target=\"styles.xml\"/>";
        types += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
                 "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
    }
    rels += "</Relationships>";
    types += "</Types>";
    parts.push_back({"xl/workbook.xml", std::move(book)});
    parts.push_back({"xl/_rels/workbook.xml.rels", std::move(rels)});
    parts.push_back({"[Content_Types].xml", std::move(types)});
    parts.push_back({"_rels/.rels", declaration + "<Relationships xmlns=\"" + package_rel_ns +
                                        "\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                                        "officeDocument/2006/relationships/officeDocument\" "
                                        "Target=\"xl/workbook.xml\"/></Relationships>"});
    return parts;
}

fs::path write_workbook(const fs::path& file, const Workbook& workbook) {
    write_zip(file, parts_of(workbook));
    return file;
}

std::string escape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string inline_cell(std::string_view reference, std::string_view text) {
    return "<c r=\"" + std::string(reference) + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + escape(text) +
           "</t></is></c>";
}

std::string number_cell(std::string_view reference, std::string_view value, int style) {
    return "<c r=\"" + std::string(reference) + "\"" + (style >= 0 ? " s=\"" + std::to_string(style) + "\"" : "") +
           "><v>" + std::string(value) + "</v></c>";
}

std::string shared_cell(std::string_view reference, std::size_t index) {
    return "<c r=\"" + std::string(reference) + "\" t=\"s\"><v>" + std::to_string(index) + "</v></c>";
}

std::string row(std::size_t number, std::string_view cells) {
    return "<row r=\"" + std::to_string(number) + "\">" + std::string(cells) + "</row>";
}

std::string styles_with_dates(std::string_view custom_format) {
    return "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"" + escape(custom_format) +
           "\"/></numFmts>"
           "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
           "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
           "<xf numFmtId=\"164\" applyNumberFormat=\"1\"/><xf numFmtId=\"20\" applyNumberFormat=\"1\"/></cellXfs>";
}

Workbook workbook_of_csv(const std::filesystem::path& csv_file) {
    tata::csv::Reader reader(csv_file);
    Workbook workbook;
    workbook.styles = styles_with_dates();
    std::map<std::string, std::size_t> strings;
    std::string sheet;
    std::vector<std::string> names;
    bool first = true;
    for (const auto& csv_row : reader) {
        std::string cells;
        for (std::size_t i = 0; i < csv_row.size(); ++i) {
            const std::string field(csv_row[i]);
            if (first) names.push_back(field);
            if (field.empty()) continue;
            const std::string reference = tata::xlsx::column_name(i) + std::to_string(csv_row.number());
            const std::string& column = names.at(i);
            const auto date = tata::parse_iso_date(field);
            const bool integer = field.find_first_not_of("0123456789") == std::string::npos && field.size() <= 15 &&
                                 (field == "0" || field[0] != '0');
            if (!first && date && (column == "tanggal_lahir" || column == "tmt")) {
                const auto serial = std::chrono::sys_days(*date) -
                                    std::chrono::sys_days(std::chrono::year{1899} / 12 / 30);
                cells += number_cell(reference, std::to_string(serial.count()), 1);
            } else if (!first && column != "nik" && integer) {
                cells += number_cell(reference, field);
            } else {
                const auto [it, added] = strings.try_emplace(field, strings.size());
                if (added) workbook.shared_strings.push_back("<t xml:space=\"preserve\">" + escape(field) + "</t>");
                cells += shared_cell(reference, it->second);
            }
        }
        first = false;
        sheet += row(csv_row.number(), cells);
    }
    workbook.sheets[0] = Sheet{"Roster", std::move(sheet), ""};
    return workbook;
}


}  // namespace tata::test::xlsx
