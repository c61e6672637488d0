#include "http/request_target.hpp"

#include <optional>

namespace tata::server::wire {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding; nullopt for a '%' not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

HeadError bad(std::string part, std::string detail) { return {400, std::move(part), std::move(detail)}; }

}  // namespace

bool valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length;
        std::uint32_t code;
        if (c >= 0xc2 && c <= 0xdf) length = 2, code = c & 0x1f;
        else if (c >= 0xe0 && c <= 0xef) length = 3, code = c & 0x0f;
        else if (c >= 0xf0 && c <= 0xf4) length = 4, code = c & 0x07;
        else return false;
        if (n - i < length) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            code = (code << 6) | (s[i + k] & 0x3f);
        }
        if ((length == 3 && code < 0x800) || (length == 4 && (code < 0x10000 || code > 0x10ffff)) ||
            (code >= 0xd800 && code <= 0xdfff))
            return false;
        i += length;
    }
    return true;
}

bool clean_text(std::string_view text, bool tab) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && !(tab && c == '\t')) || c == 0x7f) return false;
    }
    return valid_utf8(text);
}

std::variant<Target, HeadError> decode_target(std::string_view target) {
    Target out;
    if (target == "*") {
        out.path = "*";
        return out;
    }
    const auto fragment = target.find('#');
    if (fragment != std::string_view::npos) target = target.substr(0, fragment);
    const auto question = target.find('?');
    auto path = percent_decode(target.substr(0, question), false);
    if (!path) return bad("path", "a '%' in the path is not followed by two hex digits");
    if (!clean_text(*path)) return bad("path", "the path is not UTF-8 text without control characters");
    out.path = std::move(*path);
    if (question == std::string_view::npos) return out;
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto name = percent_decode(pair.substr(0, eq), true);
        if (!name || !clean_text(*name)) return bad("query", "a query parameter name is not UTF-8 text without control characters");
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
        if (!value || !clean_text(*value))
            return bad("query parameter " + *name, "the value is not UTF-8 text without control characters");
        out.query.emplace_back(std::move(*name), std::move(*value));
    }
    return out;
}

}  // namespace tata::server::wire
