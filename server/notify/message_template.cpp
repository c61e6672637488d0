#include "notify/message_template.hpp"

#include <tata/json_limits.hpp>

#include <algorithm>

namespace tata::server::notify {

namespace {

bool is_code(const std::string& name) {
    if (name.empty() || name.size() > 64 || name[0] < 'a' || name[0] > 'z') return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

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
        if (known.empty() ? !is_code(name) : std::find(known.begin(), known.end(), name) == known.end()) {
            if (known.empty()) {
                problem = "uses {" + name.substr(0, 40) + "}, which is not a placeholder's name (lower-case letters, digits, '_')";
                return std::nullopt;
            }
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

std::vector<std::string> MessageTemplate::placeholders() const {
    std::vector<std::string> out;
    for (const auto& piece : pieces_)
        if (piece.placeholder) out.push_back(piece.text);
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
