// Money and rates as Indonesian readers write them: "Rp 3.473.710" (dots
// between thousands) and "5,7%" (a decimal comma).
#pragma once

#include <cstdint>
#include <string>

namespace tata::compliance {

// "Rp 3.473.710"; negative amounts as "-Rp 1.000".
std::string format_rupiah(std::int64_t amount);

// A rate in basis points as a percentage: 570 -> "5,7%", 24 -> "0,24%", 300 -> "3%".
std::string format_rate(int basis_points);

}  // namespace tata::compliance
