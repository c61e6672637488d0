// The database schema as an ordered list of migrations. Migration N brings
// PRAGMA user_version from N-1 to N; never edit a released one, append.
#pragma once

#include <string_view>
#include <vector>

namespace tata {

const std::vector<std::string_view>& schema_migrations();

}  // namespace tata
