#include "api/upload.hpp"

#include "http/api_error.hpp"

#include <fstream>
#include <random>

namespace tata::server {

ScratchFile::ScratchFile(const std::string& name, const std::string& bytes) {
    std::random_device random;
    dir_ = std::filesystem::temp_directory_path() / ("tata-upload-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(dir_);
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
    path_ = dir_ / name;
    std::ofstream out(path_, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path_.string());
}

ScratchFile::~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string upload_name(const Request& request, const std::string& fallback) {
    std::string name = request.query_value("name").value_or(fallback);
    if (name.empty() || name.size() > 200 || name.find_first_of("/\\") != std::string::npos || name == "." || name == "..")
        throw bad_request("name", "a plain file name such as roster.csv");
    return name;
}

void require_csv(const Request& request) {
    const std::string type = request.content_type();
    if (type != "text/csv" && type != "application/csv")
        throw ApiError(415, "Jenis isi tidak didukung", "the body must be CSV (Content-Type: text/csv)");
    if (request.body.empty()) throw bad_request("body", "the CSV is empty");
}

bool require_table_file(const Request& request) {
    const std::string type = request.content_type();
    const bool workbook = type == kXlsxContentType;
    if (!workbook && type != "text/csv" && type != "application/csv")
        throw ApiError(415, "Jenis isi tidak didukung",
                       "the body must be CSV (Content-Type: text/csv) or an Excel workbook (Content-Type: " +
                           kXlsxContentType + ")");
    if (request.body.empty()) throw bad_request("body", workbook ? "the workbook is empty" : "the CSV is empty");
    return workbook;
}

}  // namespace tata::server
