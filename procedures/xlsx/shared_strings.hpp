// The workbook's shared strings (xl/sharedStrings.xml): Excel stores each
// distinct text once and cells refer to it by number. Held in memory for the
// whole read, back to back in one buffer, within Limits.
#pragma once

#include "xlsx/zip_archive.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tata::xlsx {

class SharedStrings {
public:
    SharedStrings() = default;
    // Reads `part`. Each <si> is the text of its <t>, or of its rich text
    // runs' <t> joined, leaving out phonetic runs (<rPh>); escapes decoded,
    // blanks trimmed when `trim`. csv::Error past the Limits.
    SharedStrings(const Archive& archive, const std::string& part, const Limits& limits, bool trim);

    std::size_t size() const { return ends_.size(); }
    std::string_view operator[](std::size_t index) const {
        const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
        return std::string_view(text_).substr(begin, ends_[index] - begin);
    }

private:
    std::string text_;
    std::vector<std::size_t> ends_;
};

}  // namespace tata::xlsx
