#include "roster/import_batches.hpp"

#include "tables/procedure_tables.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace tata::roster {
namespace {

const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS import_batch (
    id          INTEGER PRIMARY KEY,
    regency     TEXT NOT NULL,
    workflow_id TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    finished    INTEGER NOT NULL DEFAULT 0,
    created     INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    undone_by   TEXT NOT NULL DEFAULT '',
    undone_at   INTEGER NOT NULL DEFAULT 0,
    withdrawn   INTEGER NOT NULL DEFAULT 0,
    reverted    INTEGER NOT NULL DEFAULT 0,
    kept        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS import_batch_by_regency ON import_batch (regency, id);
)sql";

const char* const kColumns =
    "id, regency, workflow_id, file_name, imported_by, imported_at, finished, created, updated, unchanged, rejected, "
    "undone_by, undone_at, withdrawn, reverted, kept";

std::size_t count_at(SQLite::Statement& q, int column) { return static_cast<std::size_t>(q.getColumn(column).getInt64()); }

ImportBatch read_batch(SQLite::Statement& q) {
    ImportBatch b;
    b.id = q.getColumn(0).getInt64();
    b.regency = q.getColumn(1).getString();
    b.workflow_id = q.getColumn(2).getString();
    b.file_name = q.getColumn(3).getString();
    b.imported_by = q.getColumn(4).getString();
    b.imported_at = q.getColumn(5).getInt64();
    b.finished = q.getColumn(6).getInt() != 0;
    b.created = count_at(q, 7);
    b.updated = count_at(q, 8);
    b.unchanged = count_at(q, 9);
    b.rejected = count_at(q, 10);
    b.undone_by = q.getColumn(11).getString();
    b.undone_at = q.getColumn(12).getInt64();
    b.withdrawn = count_at(q, 13);
    b.reverted = count_at(q, 14);
    b.kept = count_at(q, 15);
    return b;
}

}  // namespace

std::string operation_of(std::int64_t batch) { return "roster-import-" + std::to_string(batch); }

ImportBatches::ImportBatches(const std::filesystem::path& database)
    : db_(tables::open_procedure_tables(database, kSchema)) {}

ImportBatches::~ImportBatches() = default;

std::int64_t ImportBatches::open(const std::string& regency, const std::string& workflow_id,
                                 const std::string& file_name, const std::string& imported_by, std::int64_t at) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "INSERT INTO import_batch (regency, workflow_id, file_name, imported_by, imported_at) "
                        "VALUES (?, ?, ?, ?, ?)");
    q.bind(1, regency);
    q.bind(2, workflow_id);
    q.bind(3, file_name);
    q.bind(4, imported_by);
    q.bind(5, at);
    q.exec();
    return db_->getLastInsertRowid();
}

void ImportBatches::close(std::int64_t id, std::size_t created, std::size_t updated, std::size_t unchanged,
                          std::size_t rejected) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "UPDATE import_batch SET finished = 1, created = ?, updated = ?, unchanged = ?, rejected = ? "
                        "WHERE id = ?");
    q.bind(1, static_cast<std::int64_t>(created));
    q.bind(2, static_cast<std::int64_t>(updated));
    q.bind(3, static_cast<std::int64_t>(unchanged));
    q.bind(4, static_cast<std::int64_t>(rejected));
    q.bind(5, id);
    q.exec();
}

bool ImportBatches::mark_undone(std::int64_t id, const std::string& by, std::int64_t at, std::size_t withdrawn,
                                std::size_t reverted, std::size_t kept) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "UPDATE import_batch SET undone_by = ?, undone_at = ?, withdrawn = ?, reverted = ?, kept = ? "
                        "WHERE id = ? AND undone_at = 0");
    q.bind(1, by);
    q.bind(2, at);
    q.bind(3, static_cast<std::int64_t>(withdrawn));
    q.bind(4, static_cast<std::int64_t>(reverted));
    q.bind(5, static_cast<std::int64_t>(kept));
    q.bind(6, id);
    return q.exec() == 1;
}

std::optional<ImportBatch> ImportBatches::find(std::int64_t id) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kColumns + " FROM import_batch WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_batch(q);
}

std::vector<ImportBatch> ImportBatches::recent(const std::string& regency, std::size_t limit, std::size_t offset) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kColumns +
                                  " FROM import_batch WHERE regency = ? ORDER BY id DESC LIMIT ? OFFSET ?");
    q.bind(1, regency);
    q.bind(2, static_cast<std::int64_t>(limit));
    q.bind(3, static_cast<std::int64_t>(offset));
    std::vector<ImportBatch> out;
    while (q.executeStep()) out.push_back(read_batch(q));
    return out;
}

std::size_t ImportBatches::count(const std::string& regency) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT count(*) FROM import_batch WHERE regency = ?");
    q.bind(1, regency);
    q.executeStep();
    return static_cast<std::size_t>(q.getColumn(0).getInt64());
}

}  // namespace tata::roster
