// The bytes of uploaded documents, named by their SHA-256 (their metadata,
// who uploaded what to which case, is IdentityStore's).
//
// Beside an SQLite database they are files in the folder <database>.dokumen
// (kept out of the database file so that it stays small to copy and fast
// to open); on PostgreSQL they are rows of the database itself, so that a
// document uploaded through one node opens on every other.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace tata::tables {
class Database;
}

namespace tata::server {

class DocumentBlobs {
public:
    // `database`: the deployment's database (an SQLite file or a
    // postgresql:// URI).
    explicit DocumentBlobs(const std::string& database);
    ~DocumentBlobs();
    DocumentBlobs(const DocumentBlobs&) = delete;
    DocumentBlobs& operator=(const DocumentBlobs&) = delete;

    // Stores the bytes once; the same content stored again changes nothing.
    void store(const std::string& sha256, const std::string& bytes);
    // The bytes, or nullopt when none were stored under this name.
    std::optional<std::string> read(const std::string& sha256);

private:
    std::filesystem::path file_of(const std::string& sha256) const;

    std::filesystem::path folder_;           // SQLite: the files' folder
    std::unique_ptr<tables::Database> db_;   // PostgreSQL
    std::mutex mutex_;                       // db_
};

}  // namespace tata::server
