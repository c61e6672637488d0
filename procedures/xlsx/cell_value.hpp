// Turning what a sheet's XML holds into the text a Row gives: cell
// references, numbers, date serials, Excel's _xHHHH_ escapes. Pure
// functions, no XML or zip here (see xlsx_reader.hpp for the decisions).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tata::xlsx {

// Excel's last column, XFD.
constexpr std::size_t last_column = 16'384;

// The 0-based column of a reference like "C12" or "c12" (letters, then
// digits); nullopt when malformed or beyond XFD.
std::optional<std::size_t> column_of(std::string_view reference);
// 0 → "A", 27 → "AB".
std::string column_name(std::size_t column);

// A number cell's <v> as a Row gives it: a plain integer as written, any other
// number rounded to 15 significant digits in fixed notation ("1234.5");
// nullopt when `text` is no finite number.
std::optional<std::string> render_number(std::string_view text);
// The value of a number cell, for date serials; nullopt when no number.
std::optional<double> number_of(std::string_view text);

// "YYYY-MM-DD" of a date serial (time of day dropped), in the 1900 system
// with Excel's phantom 1900-02-29 or the 1904 system; nullopt outside
// 1900-01-01 (1904-01-01) .. 9999-12-31.
std::optional<std::string> render_date(double serial, bool date1904);

// Decodes _xHHHH_ (the escape Excel writes for control characters such as
// a carriage return, and _x005F_ for a literal underscore) in place. An
// escape for NUL or a lone surrogate is left as written.
void decode_escapes(std::string& text);

// Strips spaces and tabs at both ends, in place.
void trim_blanks(std::string& text);

}  // namespace tata::xlsx
