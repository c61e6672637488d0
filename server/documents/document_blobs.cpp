#include "documents/document_blobs.hpp"

#include <tata/database_location.hpp>
#include <tata/tables.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tata::server {
namespace {

const char* const kBlobsPostgresql[] = {
    R"sql(
    CREATE TABLE document_blobs (
        sha256 TEXT PRIMARY KEY,
        bytes  BYTEA NOT NULL
    );
    )sql",
};

}  // namespace

DocumentBlobs::DocumentBlobs(const std::string& database) {
    if (!names_postgresql(database)) {
        folder_ = database + ".dokumen";
        return;
    }
    db_ = tables::open(database);
    tables::migrate(*db_, "document_blobs_schema", {{}, kBlobsPostgresql}, "the document tables");
}

DocumentBlobs::~DocumentBlobs() = default;

std::filesystem::path DocumentBlobs::file_of(const std::string& sha256) const {
    return folder_ / sha256.substr(0, 2) / sha256;
}

void DocumentBlobs::store(const std::string& sha256, const std::string& bytes) {
    if (db_) {
        std::lock_guard lock(mutex_);
        db_->run("INSERT INTO document_blobs (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING",
                 {sha256, tables::Blob{bytes}});
        return;
    }
    const auto path = file_of(sha256);
    if (std::filesystem::exists(path)) return;
    std::filesystem::create_directories(path.parent_path());
    // Written aside and renamed: a reader never sees half a file.
    const auto partial = path.string() + ".part";
    {
        std::ofstream out(partial, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw std::runtime_error("cannot write " + partial);
    }
    std::filesystem::rename(partial, path);
}

std::optional<std::string> DocumentBlobs::read(const std::string& sha256) {
    if (db_) {
        std::lock_guard lock(mutex_);
        const tables::Rows rows = db_->query("SELECT bytes FROM document_blobs WHERE sha256 = ?", {sha256});
        if (rows.empty()) return std::nullopt;
        return rows[0].blob(0);
    }
    std::ifstream in(file_of(sha256), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

}  // namespace tata::server
