#include "compliance/rupiah.hpp"

namespace tata::compliance {

std::string format_rupiah(std::int64_t amount) {
    const bool negative = amount < 0;
    // Through unsigned so that the most negative value has a magnitude too.
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
    const std::string digits = std::to_string(magnitude);
    std::string grouped;
    grouped.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
        grouped += digits[i];
    }
    return (negative ? "-Rp " : "Rp ") + grouped;
}

std::string format_rate(int basis_points) {
    std::string text = std::to_string(basis_points / 100);
    const int fraction = basis_points % 100;
    if (fraction != 0) {
        text += ',';
        text += static_cast<char>('0' + fraction / 10);
        if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
    }
    return text + "%";
}

}  // namespace tata::compliance
