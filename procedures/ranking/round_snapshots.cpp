#include "ranking/round_snapshots.hpp"

#include <tata/tables.hpp>

namespace tata::ranking {
namespace {

// Each entry moves the frozen rankings one version on. Version 1 was
// created before the group had a schema table: IF NOT EXISTS finds it.
const char* const kRoundsSqlite[] = {R"sql(
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
)sql"};
const char* const kRoundsPostgresql[] = {R"sql(
CREATE TABLE ranking_frozen (
    number TEXT PRIMARY KEY,
    regency TEXT NOT NULL,
    reference_date TEXT NOT NULL,
    workers BIGINT NOT NULL,
    by_outcome TEXT NOT NULL,
    per_opd TEXT NOT NULL
);
CREATE TABLE ranking_frozen_worker (
    number TEXT NOT NULL,
    nik TEXT NOT NULL,
    worker TEXT NOT NULL,
    PRIMARY KEY (number, nik)
);
)sql"};

// The advisory lock PostgreSQL nodes freezing rankings take turns on.
constexpr std::int64_t kFreezersTurn = 7306120218;

}  // namespace

RoundSnapshots::RoundSnapshots(const std::filesystem::path& database) : db_(tables::open(database.string())) {
    tables::migrate(*db_, "ranking_schema", {kRoundsSqlite, kRoundsPostgresql}, "the frozen rankings");
}

RoundSnapshots::~RoundSnapshots() = default;

std::string RoundSnapshots::freeze(const Ranking& ranking) {
    const std::string number = ranking_number(ranking);
    std::lock_guard lock(mutex_);
    tables::Transaction transaction(*db_);
    tables::take_turns(*db_, kFreezersTurn);  // two nodes freezing one ranking: one writes it
    if (!db_->query("SELECT 1 FROM ranking_frozen WHERE number = ?", {number}).empty())
        return number;  // the same number is the same ranking

    nlohmann::json by_outcome(ranking.by_outcome);
    nlohmann::json per_opd = nlohmann::json::object();
    for (const auto& [opd, outcomes] : outcomes_by_opd(ranking)) per_opd[opd] = outcomes;
    db_->run("INSERT INTO ranking_frozen (number, regency, reference_date, workers, by_outcome, per_opd) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             {number, ranking.regency, ranking.reference_date, static_cast<std::int64_t>(ranking.workers.size()),
              by_outcome.dump(), per_opd.dump()});
    for (const RankedWorker& worker : ranking.workers)
        db_->run("INSERT INTO ranking_frozen_worker (number, nik, worker) VALUES (?, ?, ?)",
                 {number, worker.nik(), worker_json(worker).dump()});
    transaction.commit();
    return number;
}

std::optional<FrozenSummary> RoundSnapshots::summary(const std::string& number) const {
    std::lock_guard lock(mutex_);
    const tables::Rows rows = db_->query(
        "SELECT regency, reference_date, workers, by_outcome, per_opd FROM ranking_frozen WHERE number = ?", {number});
    if (rows.empty()) return std::nullopt;
    const tables::Row row = rows[0];
    FrozenSummary out;
    out.number = number;
    out.regency = row.text(0);
    out.reference_date = row.text(1);
    out.workers = static_cast<std::size_t>(row.integer(2));
    out.by_outcome = nlohmann::json::parse(row.text(3)).get<std::map<std::string, std::size_t>>();
    out.per_opd = nlohmann::json::parse(row.text(4)).get<std::map<std::string, std::map<std::string, std::size_t>>>();
    return out;
}

std::optional<nlohmann::json> RoundSnapshots::worker(const std::string& number, const std::string& nik) const {
    std::lock_guard lock(mutex_);
    const tables::Rows rows =
        db_->query("SELECT worker FROM ranking_frozen_worker WHERE number = ? AND nik = ?", {number, nik});
    if (rows.empty()) return std::nullopt;
    return nlohmann::json::parse(rows[0].text(0));
}

}  // namespace tata::ranking
