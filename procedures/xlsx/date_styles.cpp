#include "xlsx/date_styles.hpp"

#include "xlsx/xml_stream.hpp"

#include <charconv>
#include <unordered_map>

namespace tata::xlsx {
namespace {

std::optional<unsigned> parse_id(std::optional<std::string_view> text) {
    if (!text) return std::nullopt;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return value;
}

class DateStylesHandler final : public XmlHandler {
public:
    explicit DateStylesHandler(std::vector<bool>& date) : date_(date) {}

    void start(std::string_view name, const XmlAttributes& attributes) override {
        if (name == "numFmt") {
            // Custom formats come before <cellXfs> in styles.xml.
            if (const auto id = parse_id(attributes.get("numFmtId")))
                custom_[*id] = is_date_format(attributes.get("formatCode").value_or(""));
        } else if (name == "cellXfs") {
            in_cell_xfs_ = true;
        } else if (name == "xf" && in_cell_xfs_) {
            // <cellStyleXfs> holds <xf> too, but cells point into <cellXfs>.
            const unsigned id = parse_id(attributes.get("numFmtId")).value_or(0);
            const auto custom = custom_.find(id);
            date_.push_back(custom != custom_.end() ? custom->second : is_builtin_date_format(id));
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") in_cell_xfs_ = false;
    }
    void text(std::string_view) override {}

private:
    std::vector<bool>& date_;
    std::unordered_map<unsigned, bool> custom_;
    bool in_cell_xfs_ = false;
};

}  // namespace

bool is_builtin_date_format(unsigned id) {
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

bool is_date_format(std::string_view code) {
    bool day_or_year = false;
    bool month_or_minute = false;
    bool hour_or_second = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {  // quoted text
            const std::size_t close = code.find('"', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '[') {  // [Red], [$-421], [h] (elapsed hours)
            const std::size_t close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            const std::string_view inside = code.substr(i + 1, close - i - 1);
            if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 's' || inside[0] == 'S'))
                hour_or_second = true;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {  // an escaped, padded or repeated character
            ++i;
        } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
            day_or_year = true;
        } else if (c == 'm' || c == 'M') {
            month_or_minute = true;
        } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
            hour_or_second = true;
        }
    }
    return day_or_year || (month_or_minute && !hour_or_second);
}

DateStyles::DateStyles(const Archive& archive, const std::string& part, const Limits& limits) {
    PartReader reader(archive, part, limits.max_part_bytes);
    DateStylesHandler handler(date_);
    XmlStream stream(reader, handler, limits);
    while (stream.parse()) {
    }
}

}  // namespace tata::xlsx
