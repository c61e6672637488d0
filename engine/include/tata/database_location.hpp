// What a --db value names: a PostgreSQL database (a libpq URI) or a SQLite
// file. The engine opens either (store/store.hpp: open_store).
#pragma once

#include <string_view>

namespace tata {

inline bool names_postgresql(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

}  // namespace tata
