// The built web pages (web/dist) served beside the API: files by path with
// their Content-Type, index.html for page paths the browser's router knows
// (/kasus/12), nothing outside the folder, hashed assets cached for a year
// and everything else revalidated.
#pragma once

#include "http/exchange.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace tata::server {

// The Content-Type for a file name, by its extension (UTF-8 for text).
std::string content_type_for(const std::filesystem::path& file);

// Whether `path` (decoded, from the URI) is for the pages rather than the
// API: not under /api/ and not one of the API's own paths.
bool is_page_path(const std::string& path);

// The answer for GET (or HEAD) `path` from the pages in `root`: the file,
// index.html for an unknown path without an extension, nullopt when there
// is nothing to serve (the caller answers 404). Refuses paths with "..",
// "." or backslashes, and files that resolve outside `root` (symlinks).
std::optional<Response> serve_static(const std::filesystem::path& root, const std::string& path);

}  // namespace tata::server
