#include "letters/letter_code.hpp"

#include <cctype>
#include <charconv>

namespace tata::server::letters {
namespace {

constexpr std::size_t kHashDigits = 8;

bool whole_number(std::string_view text, std::int64_t& out) {
    if (text.empty() || text.size() > 18) return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && out > 0;
}

}  // namespace

std::string letter_code(const EventRecord& latest) {
    std::string hash = latest.hash.substr(0, kHashDigits);
    for (char& c : hash) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return std::to_string(latest.case_id) + "-" + std::to_string(latest.seq) + "-" + hash;
}

std::optional<LetterCode> parse_letter_code(std::string_view text) {
    if (text.size() > 64) return std::nullopt;
    std::string compact;
    for (const char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto first = compact.find('-');
    const auto second = first == std::string::npos ? std::string::npos : compact.find('-', first + 1);
    if (second == std::string::npos) return std::nullopt;
    LetterCode code;
    std::int64_t case_id = 0;
    if (!whole_number(std::string_view(compact).substr(0, first), case_id) ||
        !whole_number(std::string_view(compact).substr(first + 1, second - first - 1), code.seq))
        return std::nullopt;
    code.case_id = case_id;
    code.hash_prefix = compact.substr(second + 1);
    if (code.hash_prefix.size() != kHashDigits) return std::nullopt;
    for (const char c : code.hash_prefix)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    return code;
}

}  // namespace tata::server::letters
