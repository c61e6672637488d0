// What a --db value names: a PostgreSQL database (a libpq URI) or a SQLite
// file. The engine opens either (store/store.hpp: open_store).
#pragma once

#include <string>
#include <string_view>

namespace tata {

inline bool names_postgresql(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

// The location as a log may show it: a PostgreSQL URI's password (in
// user:password@ or a password= parameter) replaced by "***".
std::string location_for_log(std::string_view location);

}  // namespace tata
