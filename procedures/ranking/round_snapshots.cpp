#include "ranking/round_snapshots.hpp"

#include "tables/procedure_tables.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace tata::ranking {
namespace {

// Version 1 of these tables; a later change adds a schema table and
// migrations as the server's own table groups have.
const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS ranking_frozen (
    number TEXT PRIMARY KEY,
    regency TEXT NOT NULL,
    reference_date TEXT NOT NULL,
    workers INTEGER NOT NULL,
    by_outcome TEXT NOT NULL,
    per_opd TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ranking_frozen_worker (
    number TEXT NOT NULL,
    nik TEXT NOT NULL,
    worker TEXT NOT NULL,
    PRIMARY KEY (number, nik)
) WITHOUT ROWID;
)sql";

}  // namespace

RoundSnapshots::RoundSnapshots(const std::filesystem::path& database)
    : db_(tables::open_procedure_tables(database, kSchema)) {}

RoundSnapshots::~RoundSnapshots() = default;

std::string RoundSnapshots::freeze(const Ranking& ranking) {
    const std::string number = ranking_number(ranking);
    std::lock_guard lock(mutex_);
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement known(*db_, "SELECT 1 FROM ranking_frozen WHERE number = ?");
    known.bind(1, number);
    if (known.executeStep()) return number;  // the same number is the same ranking

    nlohmann::json by_outcome(ranking.by_outcome);
    nlohmann::json per_opd = nlohmann::json::object();
    for (const auto& [opd, outcomes] : outcomes_by_opd(ranking)) per_opd[opd] = outcomes;
    SQLite::Statement summary(*db_,
                              "INSERT INTO ranking_frozen (number, regency, reference_date, workers, by_outcome, per_opd) "
                              "VALUES (?, ?, ?, ?, ?, ?)");
    summary.bind(1, number);
    summary.bind(2, ranking.regency);
    summary.bind(3, ranking.reference_date);
    summary.bind(4, static_cast<std::int64_t>(ranking.workers.size()));
    summary.bind(5, by_outcome.dump());
    summary.bind(6, per_opd.dump());
    summary.exec();

    SQLite::Statement insert(*db_, "INSERT INTO ranking_frozen_worker (number, nik, worker) VALUES (?, ?, ?)");
    for (const RankedWorker& worker : ranking.workers) {
        insert.bind(1, number);
        insert.bind(2, worker.nik());
        insert.bind(3, worker_json(worker).dump());
        insert.exec();
        insert.reset();
    }
    transaction.commit();
    return number;
}

std::optional<FrozenSummary> RoundSnapshots::summary(const std::string& number) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "SELECT regency, reference_date, workers, by_outcome, per_opd FROM ranking_frozen WHERE number = ?");
    q.bind(1, number);
    if (!q.executeStep()) return std::nullopt;
    FrozenSummary out;
    out.number = number;
    out.regency = q.getColumn(0).getString();
    out.reference_date = q.getColumn(1).getString();
    out.workers = static_cast<std::size_t>(q.getColumn(2).getInt64());
    out.by_outcome = nlohmann::json::parse(q.getColumn(3).getString()).get<std::map<std::string, std::size_t>>();
    out.per_opd = nlohmann::json::parse(q.getColumn(4).getString())
                      .get<std::map<std::string, std::map<std::string, std::size_t>>>();
    return out;
}

std::optional<nlohmann::json> RoundSnapshots::worker(const std::string& number, const std::string& nik) const {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT worker FROM ranking_frozen_worker WHERE number = ? AND nik = ?");
    q.bind(1, number);
    q.bind(2, nik);
    if (!q.executeStep()) return std::nullopt;
    return nlohmann::json::parse(q.getColumn(0).getString());
}

}  // namespace tata::ranking
