// Each roster import that wrote something is a batch: who imported which
// file when, what it did, and whether it was undone. The batch's changes
// themselves are in the engine's audit chain, tagged with the batch's
// operation (operation_of), which is what an undo reads (import_undo.hpp);
// this register is what a page lists and what keeps an undo from running
// twice.
//
// Kept beside the engine's tables in the same database, on its own
// connection: a batch is opened before the import's first transaction and
// closed after its last, so an import cut short (a crash) leaves a batch
// marked unfinished whose committed changes can still be undone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tata::tables {
class Database;
}

namespace tata::roster {

struct ImportBatch {
    std::int64_t id = 0;
    std::string regency;
    std::string workflow_id;
    std::string file_name;  // as the importer called it, never a path on the server
    std::string imported_by;
    std::int64_t imported_at = 0;  // Unix seconds
    bool finished = false;         // false: the import stopped part-way
    std::size_t created = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t rejected = 0;
    // Set once undone.
    std::string undone_by;
    std::int64_t undone_at = 0;
    std::size_t withdrawn = 0;  // cases the import created, withdrawn
    std::size_t reverted = 0;   // cases the import updated, put back
    std::size_t kept = 0;       // cases left as they are (changed since, or closed)
    bool undone() const { return undone_at != 0; }
};

// The engine operation (Actor::operation) a batch's changes carry.
std::string operation_of(std::int64_t batch);

class ImportBatches {
public:
    // Opens (creating when missing) the register in the database
    // `database`: an SQLite file or a postgresql:// URI.
    explicit ImportBatches(const std::filesystem::path& database);
    ~ImportBatches();
    ImportBatches(const ImportBatches&) = delete;
    ImportBatches& operator=(const ImportBatches&) = delete;

    // Registers a batch about to write; returns its id.
    std::int64_t open(const std::string& regency, const std::string& workflow_id, const std::string& file_name,
                      const std::string& imported_by, std::int64_t at);
    void close(std::int64_t id, std::size_t created, std::size_t updated, std::size_t unchanged, std::size_t rejected);
    // Marks the batch undone; false when it already was (the undo of
    // another request won).
    bool mark_undone(std::int64_t id, const std::string& by, std::int64_t at, std::size_t withdrawn,
                     std::size_t reverted, std::size_t kept);

    std::optional<ImportBatch> find(std::int64_t id) const;
    // The regency's batches, newest first.
    std::vector<ImportBatch> recent(const std::string& regency, std::size_t limit, std::size_t offset = 0) const;
    std::size_t count(const std::string& regency) const;

private:
    mutable std::mutex mutex_;
    std::unique_ptr<tables::Database> db_;
};

}  // namespace tata::roster
