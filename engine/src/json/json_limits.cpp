#include "tata/json_limits.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

namespace tata {

std::optional<JsonTextProblem> find_excess_nesting(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth)
                return JsonTextProblem{i, "nested deeper than " + std::to_string(max_depth) + " levels"};
        } else if (c == '}' || c == ']') {
            --depth;  // unbalanced text is the parser's to report
        }
    }
    return std::nullopt;
}

std::optional<std::string> find_too_deep(const nlohmann::json& value, int max_depth) {
    // Depth-first with an explicit stack: (value, its pointer, its depth).
    std::vector<std::tuple<const nlohmann::json*, std::string, int>> pending;
    pending.emplace_back(&value, "", 0);
    while (!pending.empty()) {
        auto [current, pointer, depth] = std::move(pending.back());
        pending.pop_back();
        if (!current->is_structured()) continue;
        if (depth + 1 > max_depth) return pointer.empty() ? std::string("/") : pointer;
        if (current->is_object()) {
            for (const auto& [key, child] : current->items())
                if (child.is_structured()) pending.emplace_back(&child, pointer + "/" + key, depth + 1);
        } else {
            std::size_t index = 0;
            for (const auto& child : *current) {
                if (child.is_structured()) pending.emplace_back(&child, pointer + "/" + std::to_string(index), depth + 1);
                ++index;
            }
        }
    }
    return std::nullopt;
}

std::size_t approximate_json_bytes(const nlohmann::json& value) {
    std::size_t bytes = 0;
    std::vector<const nlohmann::json*> pending{&value};
    while (!pending.empty()) {
        const nlohmann::json* current = pending.back();
        pending.pop_back();
        if (current->is_object()) {
            bytes += 2;
            for (const auto& [key, child] : current->items()) {
                bytes += key.size() + 4;
                pending.push_back(&child);
            }
        } else if (current->is_array()) {
            bytes += 2;
            for (const auto& child : *current) {
                bytes += 1;
                pending.push_back(&child);
            }
        } else if (current->is_string()) {
            bytes += current->get_ref<const std::string&>().size() + 2;
        } else {
            bytes += 8;
        }
    }
    return bytes;
}

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + length > n) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

}  // namespace tata
