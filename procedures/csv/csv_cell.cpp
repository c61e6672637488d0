#include "csv/csv_cell.hpp"

namespace tata::csv {

std::string text_cell(std::string_view text) {
    const bool formula_leading =
        !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@' ||
                          text.front() == '\t' || text.front() == '\r');
    const bool needs_quotes = formula_leading || text.find_first_of(",\"\n\r") != std::string_view::npos;
    if (!needs_quotes) return std::string(text);
    std::string out = "\"";
    if (formula_leading) out += '\'';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace tata::csv
