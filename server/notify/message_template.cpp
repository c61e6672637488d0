#include "notify/message_template.hpp"

#include <tata/json_limits.hpp>

#include <algorithm>

namespace tata::server::notify {

const std::vector<std::string>& template_placeholders() {
    static const std::vector<std::string> names = {"nomor", "alur", "tahap", "tenggat", "kabupaten"};
    return names;
}

const std::vector<std::string>& digest_placeholders() {
    static const std::vector<std::string> names = {"jumlah", "daftar", "kabupaten"};
    return names;
}

std::optional<MessageTemplate> MessageTemplate::parse(std::string_view text, std::string& problem,
                                                      const std::vector<std::string>& known) {
    if (!is_valid_utf8(text)) {
        problem = "is not UTF-8 text";
        return std::nullopt;
    }
    MessageTemplate out;
    out.source_ = std::string(text);
    std::string literal;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            literal += c;
            ++i;
            continue;
        }
        if (c == '}') {
            problem = "has a '}' without its '{' (write '}}' for a brace)";
            return std::nullopt;
        }
        if (c != '{') {
            literal += c;
            continue;
        }
        const auto close = text.find('}', i + 1);
        if (close == std::string_view::npos) {
            problem = "has a '{' without its '}' (write '{{' for a brace)";
            return std::nullopt;
        }
        const std::string name(text.substr(i + 1, close - i - 1));
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "{" : ", {") + k + "}";
            problem = "uses {" + name.substr(0, 40) + "}, which is not a placeholder; use " + list;
            return std::nullopt;
        }
        if (!literal.empty()) out.pieces_.push_back({false, std::move(literal)});
        literal.clear();
        out.pieces_.push_back({true, name});
        i = close;
    }
    if (!literal.empty()) out.pieces_.push_back({false, std::move(literal)});
    return out;
}

std::string MessageTemplate::render(const std::map<std::string, std::string, std::less<>>& values) const {
    std::string out;
    for (const auto& piece : pieces_) {
        if (!piece.placeholder) {
            out += piece.text;
            continue;
        }
        const auto it = values.find(piece.text);
        out += it == values.end() || it->second.empty() ? std::string("-") : it->second;
    }
    return out;
}

}  // namespace tata::server::notify
