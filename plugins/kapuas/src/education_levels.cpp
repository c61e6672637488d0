#include "education_levels.hpp"

#include <array>
#include <utility>

namespace tata::kapuas {

std::optional<int> education_level(std::string_view jenjang) {
    static constexpr std::array<std::pair<std::string_view, int>, 10> levels{{
        {"SD", 1}, {"SMP", 2}, {"SMA", 3}, {"D1", 4}, {"D2", 5},
        {"D3", 6}, {"D4", 7}, {"S1", 7}, {"S2", 8}, {"S3", 9},
    }};
    for (const auto& [name, level] : levels)
        if (name == jenjang) return level;
    return std::nullopt;
}

}  // namespace tata::kapuas
