#include "store/search_text.hpp"

#include <array>

namespace tata::search_text {
namespace {

// The base letters of U+00C0..U+017F (Latin-1 Supplement letters and Latin
// Extended-A), lower case; nullptr keeps the character (×, ÷, Þ, þ).
constexpr std::array<const char*, 0xC0> kLatinBase = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o",
    "o", "o", nullptr, "o", "u", "u", "u", "u", "y", nullptr, "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e",
    "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y",
    nullptr, "y", "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e",
    "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h", "i",
    "i", "i", "i", "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l",
    "l", "l", "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "oe",
    "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z",
    "z", "s"};

constexpr char kRegencyMark = '\x02';
constexpr char kWorkflowMark = '\x03';
constexpr char kValuesMark = '\x04';
constexpr char kValueMark = '\x1f';

// The length of the UTF-8 sequence starting at text[at] and its code point;
// 0 when the bytes there are not valid UTF-8.
std::size_t decode(std::string_view text, std::size_t at, char32_t& code) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || at + length > text.size()) return 0;
    code = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(at + i) & 0x3F);
    }
    // Overlong forms and surrogates are not characters.
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

}  // namespace

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        char32_t code = 0;
        const std::size_t length = decode(text, at, code);
        if (length == 0) {
            out += ' ';
            ++at;
            continue;
        }
        if (code < 0x20 || code == 0x7F) {
            out += ' ';
        } else if (code < 0x80) {
            out += static_cast<char>(code >= 'A' && code <= 'Z' ? code - 'A' + 'a' : code);
        } else if (code >= 0xC0 && code < 0x180 && kLatinBase[code - 0xC0]) {
            out += kLatinBase[code - 0xC0];
        } else {
            out.append(text.substr(at, length));
        }
        at += length;
    }
    return out;
}

std::string of_case(const CaseRecord& record, const std::vector<std::string>& fields) {
    std::string text;
    text += kRegencyMark;
    text += fold(record.regency);
    text += kWorkflowMark;
    text += record.workflow_id;
    text += kValuesMark;
    text += kValueMark;
    text += fold(record.key);
    for (const auto& field : fields) {
        const auto it = record.data.find(field);
        if (it == record.data.end() || it->is_null()) continue;
        text += kValueMark;
        text += fold(it->is_string() ? it->get_ref<const std::string&>() : it->dump());
    }
    return text;
}

std::string pattern(std::string_view query, const std::optional<std::string>& regency,
                    const std::optional<std::string>& workflow) {
    std::string glob;
    glob += kRegencyMark;
    glob += regency ? fold(*regency) : "*";
    glob += kWorkflowMark;
    glob += workflow ? *workflow : "*";
    glob += kValuesMark;
    glob += '*';
    for (const char c : fold(query)) {
        if (c == '*' || c == '?' || c == '[') {
            glob += '[';
            glob += c;
            glob += ']';
        } else {
            glob += c;
        }
    }
    glob += '*';
    return glob;
}

}  // namespace tata::search_text
