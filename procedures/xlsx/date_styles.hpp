// Which cell styles show a date (xl/styles.xml). A date in a sheet is only a
// number (days since 1900 or 1904); what makes it a date is the number format
// of the cell's style: the style index `s` points into <cellXfs>, each <xf>
// names a numFmtId, which is a built-in format or a <numFmt formatCode>.
#pragma once

#include "xlsx/zip_archive.hpp"

#include <string_view>
#include <vector>

namespace tata::xlsx {

class DateStyles {
public:
    DateStyles() = default;  // no styles part: nothing is a date
    DateStyles(const Archive& archive, const std::string& part, const Limits& limits);

    // Whether cell style `index` (a cell's s attribute) formats a date.
    bool is_date(std::size_t index) const { return index < date_.size() && date_[index]; }

private:
    std::vector<bool> date_;
};

// Built-in number formats that show a date (14–17, 22, 27–36, 50–58); the
// time-only ones (18–21, 45–47) are not.
bool is_builtin_date_format(unsigned id);
// Whether a format code shows a date: a day (d), year (y) or month (m
// without hours or seconds, where m means minutes) outside quoted text,
// [brackets] and escaped characters. "dd/mm/yyyy", "[$-421]d mmmm yyyy",
// "yyyy-mm-dd h:mm" are dates; "h:mm", "0.00", "\"d\"0" are not.
bool is_date_format(std::string_view code);

}  // namespace tata::xlsx
