// Request bodies that procedures read as files (a roster, a compliance
// report): checked, then written to a private folder for the request.
#pragma once

#include "api/service.hpp"
#include "http/exchange.hpp"

#include <filesystem>
#include <string>

namespace tata::server {

// A private folder (mode 0700) holding one file, removed with the object.
class ScratchFile {
public:
    ScratchFile(const std::string& name, const std::string& bytes);
    ~ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path dir_, path_;
};

// The upload's name for FILE:ROW messages: ?name=, a plain file name.
std::string upload_name(const Request& request, const std::string& fallback);

// 415 unless the body is CSV, 400 when it is empty.
void require_csv(const Request& request);

// The content type of an Excel workbook (.xlsx).
inline const std::string kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A roster: 415 unless the body is CSV or an XLSX workbook, 400 when it is
// empty. True for a workbook.
bool require_table_file(const Request& request);

}  // namespace tata::server
