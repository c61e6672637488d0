// What a data field's name may be in a list's filter, for either store.
#pragma once

#include <stdexcept>
#include <string>

namespace tata {

// A data field name: letters, digits and underscores only, so that it can
// be spliced into SQL as a column name or into a JSON path safely. Throws
// std::invalid_argument otherwise (a request's filter: a 400, not a 500).
inline const std::string& field_name(const std::string& field) {
    if (field.empty() || field.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
                             std::string::npos)
        throw std::invalid_argument("not a data field name: '" + field + "'");
    return field;
}

}  // namespace tata
