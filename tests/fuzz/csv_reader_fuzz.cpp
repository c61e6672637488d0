// libFuzzer target for the RFC 4180 reader that rosters and compliance
// reports go through. Invariant: rows or csv::Error (with its row), never a
// crash; every field of a row read is valid UTF-8. Links: tata::procedures.
#include "csv/csv_reader.hpp"

#include <tata/json_limits.hpp>

#include <cstdint>
#include <cstdlib>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        tata::csv::Reader reader(in, "fuzz.csv");
        reader.read_header({"nik", "nama"});
        for (const auto& row : reader)
            for (std::size_t i = 0; i < row.size(); ++i)
                if (!tata::is_valid_utf8(row[i])) std::abort();
    } catch (const tata::csv::Error&) {
    }
    return 0;
}
