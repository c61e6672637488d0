// Finding the parts a sheet needs, the way OOXML links them: _rels/.rels
// names the workbook, the workbook lists its sheets in tab order with a
// relationship id each, and the workbook's .rels maps those ids (and the
// shared strings and styles) to part names.
#pragma once

#include "xlsx/zip_archive.hpp"

#include <string>

namespace tata::xlsx {

struct WorkbookParts {
    std::string sheet;           // the first sheet's part, "xl/worksheets/sheet1.xml"
    std::string sheet_name;      // its tab name
    std::string shared_strings;  // "" when the workbook has none
    std::string styles;          // "" when the workbook has none
    bool date1904 = false;       // <workbookPr date1904="1"/>: serials count from 1904-01-01
};

// csv::Error when the archive is no workbook, has no sheet, or its first
// sheet is not a worksheet (a chart sheet).
WorkbookParts locate_parts(const Archive& archive, const Limits& limits);

// The part a relationship target points to, from the part holding the
// relationship: "worksheets/sheet1.xml" from "xl/workbook.xml" is
// "xl/worksheets/sheet1.xml"; "/xl/x.xml" is absolute; ".." goes up.
std::string resolve_target(const std::string& source_part, std::string_view target);

}  // namespace tata::xlsx
