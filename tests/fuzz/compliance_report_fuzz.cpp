// libFuzzer target for a vendor's monthly compliance report (CSV): read,
// check against the UMK and BPJS rates, describe the findings. Invariant: a
// report or a refusal with its reason, never a crash. Links: tata::procedures.
#include "compliance/compliance.hpp"
#include "compliance/report_text.hpp"

#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    tata::compliance::Settings settings;
    settings.umk = 3'473'710;
    settings.jkk_class = 2;
    settings.pay_day = 5;
    try {
        const auto report = tata::compliance::check_report(in, "fuzz.csv", settings);
        for (const auto& finding : report.findings) (void)tata::compliance::format_finding(report, finding);
        (void)tata::compliance::format_summary(report);
    } catch (const std::exception&) {
        // Refusals (malformed rows, missing columns) are exceptions with a message.
    }
    return 0;
}
