#include "app/static_files.hpp"

#include "http/router.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

namespace tata::server {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".wasm", "application/wasm"},
}};

// The pages allow nothing from elsewhere: they work offline on an intranet.
constexpr const char* kPagePolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

bool read_file(const fs::path& file, std::string& out) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    out = std::move(text).str();
    return !in.bad();
}

// `file` is a regular file inside `root` once symlinks are resolved.
bool inside(const fs::path& root, const fs::path& file) {
    std::error_code ec;
    const fs::path real_root = fs::canonical(root, ec);
    if (ec) return false;
    const fs::path real_file = fs::canonical(file, ec);
    if (ec || !fs::is_regular_file(real_file, ec)) return false;
    const auto [root_end, unused] = std::mismatch(real_root.begin(), real_root.end(), real_file.begin(), real_file.end());
    return root_end == real_root.end();
}

Response file_response(const fs::path& file, const std::string& body, bool hashed) {
    Response response = Response::text(body, content_type_for(file));
    response.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    if (file.extension() == ".html") {
        response.headers.emplace_back("Content-Security-Policy", kPagePolicy);
        response.headers.emplace_back("Referrer-Policy", "no-referrer");
        response.headers.emplace_back("X-Frame-Options", "DENY");
    }
    return response;
}

}  // namespace

std::string content_type_for(const fs::path& file) {
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& [known, type] : kTypes)
        if (extension == known) return std::string(type);
    return "application/octet-stream";
}

bool is_page_path(const std::string& path) {
    const auto segments = split_path(path);
    if (segments.empty()) return true;
    const std::string& first = segments.front();
    return first != "api" && first != "healthz" && first != "metrics" && first != "openapi.json";
}

std::optional<Response> serve_static(const fs::path& root, const std::string& path) {
    if (root.empty() || path.empty() || path.front() != '/') return std::nullopt;
    if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return std::nullopt;
    std::vector<std::string> segments;
    std::string segment;
    for (std::size_t i = 1; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/') {
            if (segment == "." || segment == "..") return std::nullopt;
            if (!segment.empty()) segments.push_back(std::move(segment));
            segment.clear();
        } else {
            segment += path[i];
        }
    }

    fs::path file = root;
    for (const auto& s : segments) file /= s;
    std::error_code ec;
    if (segments.empty() || fs::is_directory(file, ec)) file /= "index.html";
    std::string body;
    if (fs::exists(file, ec)) {
        if (!inside(root, file) || !read_file(file, body)) return std::nullopt;
        // Vite puts content-hashed names under assets/: they never change.
        const bool hashed = !segments.empty() && segments.front() == "assets" && file.filename() != "index.html";
        return file_response(file, body, hashed);
    }
    // A page path of the browser's router (no extension): the app itself.
    // A missing file (an extension) stays missing.
    if (!segments.empty() && segments.back().find('.') != std::string::npos) return std::nullopt;
    const fs::path index = root / "index.html";
    if (!inside(root, index) || !read_file(index, body)) return std::nullopt;
    return file_response(index, body, false);
}

}  // namespace tata::server
