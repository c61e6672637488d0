// What a finished ranking keeps (private to procedures/ranking): the flat
// records, and per worker a few bytes of result. RankedWorker views are made
// from it on request (explanation.cpp).
#pragma once

#include "ranking/ranking.hpp"
#include "ranking/worker_table.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace tata::ranking {

enum class Outcome : std::uint8_t { cpns, pppk, pppk_paruh_waktu, alih_daya, dirumahkan };
const std::string& outcome_code(Outcome outcome);
// The outcome of a code; std::invalid_argument for another text.
Outcome outcome_of(const std::string& code);

struct RankingData {
    explicit RankingData(Scorecard card) : scorecard(std::move(card)) {}
    Scorecard scorecard;
    std::vector<Formasi> formasi;
    RankingPolicy policy;

    WorkerTable table;
    std::vector<Group> groups;          // by row
    std::vector<double> points;         // by row
    std::vector<std::uint64_t> masks;   // by row: the rules that held
    std::vector<std::uint32_t> order;   // by position in the ranking: the row
    std::vector<Outcome> outcomes;      // by position
    std::vector<std::int32_t> formasi_of;  // by position: index in `formasi`, or -1

    mutable std::mutex found_mutex;
    mutable std::map<std::size_t, RankedWorker> found;  // Ranking::find's answers, by position
};

// The full view of the worker at `position` (0-based) in the ranking.
RankedWorker describe(const RankingData& data, std::size_t position);

}  // namespace tata::ranking
