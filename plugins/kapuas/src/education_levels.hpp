// Education levels (jenjang pendidikan) in the order qualifications are
// compared: D4 is the same level as S1 (both are "sarjana terapan / sarjana"
// for the purposes of a teacher's or a health worker's minimum qualification).
#pragma once

#include <optional>
#include <string_view>

namespace tata::kapuas {

// SD 1, SMP 2, SMA 3, D1 4, D2 5, D3 6, D4 and S1 7, S2 8, S3 9; nullopt for
// anything else.
std::optional<int> education_level(std::string_view jenjang);

}  // namespace tata::kapuas
