#include "store/search_text.hpp"

#include "tata/json_limits.hpp"
#include "tata/search_fold.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
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
constexpr char kFilterMark = '\x05';
constexpr char kValueMark = '\x1f';

// Four capital letters from a 64-bit FNV-1a hash of the parts (each ended
// by a zero byte): 456,976 codes, stable across runs and machines.
std::string code(std::initializer_list<std::string_view> parts) {
    std::uint64_t hash = 14695981039346656037ULL;
    const auto mix = [&hash](unsigned char byte) {
        hash ^= byte;
        hash *= 1099511628211ULL;
    };
    for (const auto part : parts) {
        for (const char c : part) mix(static_cast<unsigned char>(c));
        mix(0);
    }
    std::string letters(4, 'A');
    for (char& letter : letters) {
        letter = static_cast<char>('A' + hash % 26);
        hash /= 26;
    }
    return letters;
}

std::string regency_code(std::string_view regency) { return kRegencyMark + code({regency}); }
std::string workflow_code(std::string_view regency, std::string_view workflow) {
    return kWorkflowMark + code({regency, workflow});
}
// With the regency: a filter's code alone then names its rows (Dinas
// Pendidikan of Kapuas, not of every regency), so a search of an OPD asks
// the index for that one code.
std::string filter_code(std::string_view regency, std::string_view workflow, std::string_view field,
                        std::string_view value) {
    return kFilterMark + code({regency, workflow, field, value});
}

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

std::string of_case(const CaseRecord& record, const std::vector<std::string>& fields,
                    const std::vector<std::string>& filters) {
    std::string text = regency_code(record.regency) + workflow_code(record.regency, record.workflow_id);
    // In code order, as pattern() asks for them, whatever the fields' order.
    std::vector<std::string> codes;
    for (const auto& field : filters) {
        const auto it = record.data.find(field);
        if (it != record.data.end() && it->is_string())
            codes.push_back(filter_code(record.regency, record.workflow_id, field, it->get_ref<const std::string&>()));
    }
    std::sort(codes.begin(), codes.end());
    for (const auto& filter : codes) text += filter;
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

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::vector<std::string> numbers(std::string_view indexed_text) {
    std::vector<std::string> found;
    const auto values = indexed_text.find(kValuesMark);
    if (values == std::string_view::npos) return found;
    for (std::size_t at = values; at < indexed_text.size();) {
        if (!is_digit(indexed_text[at])) {
            ++at;
            continue;
        }
        std::size_t end = at;
        while (end < indexed_text.size() && is_digit(indexed_text[end])) ++end;
        std::string number(indexed_text.substr(at, std::min(end - at, kMaxNumberDigits)));
        if (std::find(found.begin(), found.end(), number) == found.end()) found.push_back(std::move(number));
        at = end;
    }
    return found;
}

bool is_number_query(std::string_view folded_query) {
    return !folded_query.empty() && std::all_of(folded_query.begin(), folded_query.end(), is_digit);
}

std::string pattern(std::string_view query, const std::optional<std::string>& regency,
                    const std::optional<std::string>& workflow,
                    const std::vector<std::pair<std::string, std::string>>& filters) {
    std::string glob;
    if (regency) {
        glob += regency_code(*regency);
        if (workflow) {
            glob += workflow_code(*regency, *workflow);
            std::vector<std::string> codes;
            for (const auto& [field, value] : filters) codes.push_back(filter_code(*regency, *workflow, field, value));
            std::sort(codes.begin(), codes.end());
            for (const auto& filter : codes) {
                glob += '*';
                glob += filter;
            }
        }
    }
    glob += '*';
    glob += kValuesMark;
    glob += '*';
    const std::string folded = fold(query);
    if (is_number_query(folded)) glob += "[^0-9]";  // a value's marker or any other non-digit before it
    for (const char c : folded) {
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

namespace {

// A phrase of FTS5's query language: any text, its double quotes doubled.
std::string phrase(std::string_view text) {
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c;
        if (c == '"') quoted += '"';
    }
    quoted += '"';
    return quoted;
}

}  // namespace

std::optional<std::string> match(std::string_view query, const std::optional<std::string>& regency,
                                 const std::optional<std::string>& workflow,
                                 const std::vector<std::pair<std::string, std::string>>& filters) {
    const std::string folded = fold(query);
    if (is_number_query(folded) || utf8_length(folded) < 3) return std::nullopt;
    // The narrowest codes the search names: each filter's (it holds the
    // regency and workflow), else the workflow's. Not the regency's: the
    // store reads only the regency's range of rows (store/search_rows.hpp),
    // which costs nothing, where its code's doclist is read whole.
    std::vector<std::string> codes;
    if (regency && workflow && !filters.empty()) {
        for (const auto& [field, value] : filters) codes.push_back(filter_code(*regency, *workflow, field, value));
        std::sort(codes.begin(), codes.end());
    } else if (regency && workflow) {
        codes.push_back(workflow_code(*regency, *workflow));
    }
    std::string expression;
    for (const auto& code : codes) expression += phrase(code) + " AND ";
    return expression + phrase(folded);
}

}  // namespace tata::search_text

namespace tata {

std::string fold_for_search(std::string_view text) { return search_text::fold(text); }

}  // namespace tata
