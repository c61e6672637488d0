#include "app/access_log.hpp"

#include <cstdio>
#include <ostream>

namespace tata::server {
namespace {

// A NIK has 16 digits; any run at least that long may hold one.
constexpr std::size_t kNikDigits = 16;
// What a masked run keeps: the province, regency and district code.
constexpr std::size_t kNikKeptDigits = 6;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The length of the UTF-8 sequence starting at `s`, 0 if it is not one.
std::size_t sequence_length(std::string_view s) {
    const auto c = static_cast<unsigned char>(s[0]);
    std::size_t length;
    std::uint32_t code;
    if (c >= 0xc2 && c <= 0xdf) length = 2, code = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) length = 3, code = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) length = 4, code = c & 0x07;
    else return 0;
    if (s.size() < length) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto b = static_cast<unsigned char>(s[k]);
        if ((b & 0xc0) != 0x80) return 0;
        code = (code << 6) | (b & 0x3f);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && (code < 0x10000 || code > 0x10ffff)) ||
        (code >= 0xd800 && code <= 0xdfff))
        return 0;
    return length;
}

}  // namespace

std::string mask_niks(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size();) {
        if (!is_digit(out[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < out.size() && is_digit(out[end])) ++end;
        if (end - i >= kNikDigits)
            for (std::size_t k = i + kNikKeptDigits; k < end; ++k) out[k] = '*';
        i = end;
    }
    return out;
}

std::string log_string(std::string_view raw) {
    const std::string text = mask_niks(raw);
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            if (const auto length = sequence_length(std::string_view(text).substr(i))) {
                out.append(text, i, length);
                i += length;
            } else {
                out += "\\ufffd";  // a byte that is no UTF-8: visible, never raw
                ++i;
            }
            continue;
        }
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
        ++i;
    }
    out += '"';
    return out;
}

std::string access_line(const AccessEntry& e) {
    std::string line = "{\"at\":" + log_string(format_iso8601(e.at));
    line += ",\"method\":" + log_string(e.method);
    line += ",\"route\":" + log_string(e.route);
    line += ",\"path\":" + log_string(e.path);
    line += ",\"status\":" + std::to_string(e.status);
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.3f", static_cast<double>(e.took.count()) / 1000.0);
    line += ",\"ms\":";
    line += ms;
    line += ",\"user\":";
    line += e.user ? log_string(*e.user) : std::string("null");
    line += ",\"client\":" + log_string(e.client);
    line += "}\n";
    return line;
}

void AccessLog::write(const AccessEntry& entry) {
    if (!out_) return;
    const std::string line = access_line(entry);
    std::lock_guard lock(mutex_);
    *out_ << line << std::flush;
}

}  // namespace tata::server
