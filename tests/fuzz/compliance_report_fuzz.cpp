// libFuzzer target for a vendor's monthly compliance report (CSV) as the
// server and `tata vendor check` handle an upload: read, check against the
// UMK and BPJS rates, describe the findings as text and as JSON. Invariant:
// a report (every problem inside the file is a finding), never a crash and
// never an exception; the JSON form always serialises. Links: tata::procedures.
#include "compliance/compliance.hpp"
#include "compliance/report_json.hpp"
#include "compliance/report_text.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    tata::compliance::Settings settings;
    settings.umk = 3'473'710;
    settings.jkk_class = 2;
    settings.pay_day = 5;
    settings.expected_headcount = 4;  // the seed reports have four workers
    // Only a file that cannot be opened throws (compliance.hpp); a stream
    // always opens, so anything escaping check_report is a bug.
    const auto report = tata::compliance::check_report(in, "fuzz.csv", settings);
    for (const auto& finding : report.findings) (void)tata::compliance::format_finding(report, finding);
    (void)tata::compliance::format_summary(report);
    (void)tata::compliance::to_json(report).dump();
    return 0;
}
