// CSV as RFC 4180 writes it: a field holding a comma, a double quote or a
// line break is enclosed in double quotes, inner quotes doubled. Records end
// with LF (git- and shell-friendly; readers of RFC 4180 accept it too).
#pragma once

#include <string>
#include <vector>

namespace tata::example {

std::string csv_field(const std::string& value);
std::string csv_record(const std::vector<std::string>& fields);  // with the trailing "\n"

// One line of a simple CSV file (quoted fields allowed, no embedded line breaks).
std::vector<std::string> split_csv_line(const std::string& line);

}  // namespace tata::example
