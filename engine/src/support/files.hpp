// Small file-system helpers shared by the loaders.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tata {

// The whole file as bytes; throws std::runtime_error naming the path.
std::string read_file(const std::filesystem::path& path);

// A folder's entries sorted by name, so loading order (and errors) are stable.
std::vector<std::filesystem::path> sorted_entries(const std::filesystem::path& folder);

// A .yaml or .yml file name.
bool is_yaml(const std::filesystem::path& path);

}  // namespace tata
