// libFuzzer target for the NIK checker against the shipped Kemendagri area
// codes, and its comparison with a roster's birth date and sex. Invariant: a
// verdict for any bytes, never a crash. Links: tata::procedures.
#include "nik/area_registry.hpp"
#include "nik/nik.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto areas = tata::nik::AreaRegistry::shared(TATA_FUZZ_WILAYAH_DIR);
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto split = bytes.find('|');
    const std::string_view nik = bytes.substr(0, split);
    const auto check = tata::nik::check_nik(nik, *areas, std::chrono::year_month_day{std::chrono::year{2025} / 6 / 1});
    if (split != std::string_view::npos) {
        const std::string_view rest = bytes.substr(split + 1);
        (void)tata::nik::compare_with_roster(check, rest.substr(0, 10), rest.size() > 10 ? rest.substr(10, 1) : "");
    }
    return 0;
}
