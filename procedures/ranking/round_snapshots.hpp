// The ranking a prioritization round was proposed with, frozen under its
// number (id_pemeringkatan in the round's data). The live ranking follows
// the verified files; what the Kepala BKPSDM approved and the regency
// announced must not: a worker verified after the proposal, or a scorecard
// changed, must not move anyone's announced rank. So the dashboard and a
// worker's announced result read the frozen ranking, never a fresh one.
//
// Kept beside the engine's tables in the same database. A number is a
// hash of the rank order, outcomes and formasi, so freezing one already
// frozen changes nothing; a proposal that is refused after freezing leaves
// rows no round points to, which are harmless and small.
#pragma once

#include "ranking/ranking.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace tata::tables {
class Database;
}

namespace tata::ranking {

// What a frozen ranking counts, as it was proposed.
struct FrozenSummary {
    std::string number;          // PRK-…
    std::string regency;
    std::string reference_date;  // YYYY-MM-DD
    std::size_t workers = 0;
    std::map<std::string, std::size_t> by_outcome;
    std::map<std::string, std::map<std::string, std::size_t>> per_opd;  // OPD → outcome → count
};

class RoundSnapshots {
public:
    // Opens (creating when missing) the frozen rankings in the database
    // `database`: an SQLite file or a postgresql:// URI.
    explicit RoundSnapshots(const std::filesystem::path& database);
    ~RoundSnapshots();
    RoundSnapshots(const RoundSnapshots&) = delete;
    RoundSnapshots& operator=(const RoundSnapshots&) = delete;

    // Freezes `ranking` under ranking_number(ranking), every worker with
    // their rank, points, rules and explanation, in one transaction.
    // Returns the number.
    std::string freeze(const Ranking& ranking);

    std::optional<FrozenSummary> summary(const std::string& number) const;
    // One worker as worker_json gave it when frozen, or nullopt when the
    // worker is not in that ranking.
    std::optional<nlohmann::json> worker(const std::string& number, const std::string& nik) const;

private:
    mutable std::mutex mutex_;
    std::unique_ptr<tables::Database> db_;
};

}  // namespace tata::ranking
