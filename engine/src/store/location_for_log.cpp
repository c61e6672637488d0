#include <tata/database_location.hpp>

namespace tata {

std::string location_for_log(std::string_view location) {
    std::string out(location);
    if (!names_postgresql(out)) return out;
    // postgresql://user:secret@host/db: between the first ':' after the
    // scheme and the '@' that ends the user part.
    const std::size_t start = out.find("://") + 3;
    const std::size_t at = out.find('@', start);
    const std::size_t slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
        const std::size_t colon = out.find(':', start);
        if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
    // ...?password=secret&...
    for (std::size_t at_param = out.find("password="); at_param != std::string::npos;
         at_param = out.find("password=", at_param + 1)) {
        if (at_param > 0 && out[at_param - 1] != '?' && out[at_param - 1] != '&') continue;
        const std::size_t value = at_param + 9;
        const std::size_t end = out.find('&', value);
        out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
    }
    return out;
}

}  // namespace tata
