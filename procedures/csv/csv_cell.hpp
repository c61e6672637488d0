// Writing one CSV cell that a spreadsheet opens as text, never as a formula.
// Roster text (OPD names, worker names) comes from outside: a cell starting
// with '=', '+', '-', '@', a tab or a carriage return is run as a formula by
// Excel and LibreOffice (OWASP "CSV injection"). Such a cell gets a leading
// single quote, and every cell is quoted as RFC 4180 requires.
#pragma once

#include <string>
#include <string_view>

namespace tata::csv {

// `text` as one CSV field: neutralised when formula-leading, quoted when it
// holds a comma, quote, newline or was neutralised.
std::string text_cell(std::string_view text);

}  // namespace tata::csv
