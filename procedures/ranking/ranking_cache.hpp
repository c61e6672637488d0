// A regency's ranking kept until one of its inputs changes, so that the
// ranking page's filters and pages, a worker's explanation and the proposal
// read one ranking instead of ranking every verified worker again on each
// request (460,000 in a large regency: seconds, holding the engine).
//
// A kept ranking is used while all of these are as it was made with:
//   - the generation of definitions (scorecard, formasi, adopted scenario);
//   - the day in the regency (years of service count up to it);
//   - the regency's cases (Engine::data_version: any committed write of one
//     of its cases, by this process or another on the same database).
#pragma once

#include "ranking/ranking.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tata::ranking {

// The ranking page's filters.
struct RankingFilter {
    std::optional<std::string> outcome;  // an outcome code (cpns, pppk, ...)
    std::optional<std::string> opd;      // an OPD's name; "(tanpa OPD)" for those without
    std::string text;                    // in the name or the NIK, ignoring case and accents
    bool any() const { return outcome || opd || !text.empty(); }
};

// One ranking with what its pages ask of it prepared once: its number, the
// outcomes per OPD, the workers by NIK and their names folded for search.
class RankingSnapshot {
public:
    explicit RankingSnapshot(Ranking ranking);

    const Ranking& ranking() const { return ranking_; }
    const std::string& number() const { return number_; }
    const std::map<std::string, std::map<std::string, std::size_t>>& per_opd() const { return per_opd_; }

    struct Selection {
        std::vector<std::size_t> positions;  // in rank order
        std::size_t total = 0;               // how many match in all
    };
    // The workers that match, from the `offset`-th match on, at most `limit`.
    Selection select(const RankingFilter& filter, std::size_t offset, std::size_t limit) const;
    // The worker with this NIK, or nullopt when not ranked.
    std::optional<RankedWorker> find(const std::string& nik) const;

private:
    bool matches(const RankingFilter& filter, const std::string& folded_text, std::size_t position) const;

    Ranking ranking_;
    std::string number_;
    std::map<std::string, std::map<std::string, std::size_t>> per_opd_;
    std::unordered_map<std::string_view, std::size_t> position_by_nik_;  // views into the ranking's table
    std::string folded_names_;                 // every name folded, one after another
    std::vector<std::uint32_t> name_ends_;     // by position: where its name ends in folded_names_
};

class RankingCache {
public:
    // Keeps rankings of at most `max_workers` workers in all (the newest
    // is always kept, whatever its size).
    explicit RankingCache(std::size_t max_workers = 1'000'000) : max_workers_(max_workers) {}

    // The regency's ranking, made now or kept from an earlier call with the
    // same inputs. Throws as rank_regency_own_formasi does.
    std::shared_ptr<const RankingSnapshot> get(Engine& engine, const std::string& regency);

    struct Counts {
        std::uint64_t kept = 0;    // answered from a kept ranking
        std::uint64_t ranked = 0;  // ranked anew
    };
    Counts counts() const;

private:
    struct Inputs {
        int generation = 0;
        std::string date;
        std::int64_t data = 0;
        bool operator==(const Inputs&) const = default;
    };
    struct Entry {
        Inputs inputs;
        std::shared_ptr<const RankingSnapshot> snapshot;
        std::uint64_t last_used = 0;
    };
    std::shared_ptr<const RankingSnapshot> kept(const std::string& regency, const Inputs& inputs);
    void evict_beyond_budget(const std::string& newest);

    const std::size_t max_workers_;
    mutable std::mutex mutex_;       // entries_, counts_, clock_
    std::mutex ranking_mutex_;       // one ranking made at a time: a second caller waits for it, then reads it
    std::map<std::string, Entry> entries_;
    Counts counts_;
    std::uint64_t clock_ = 0;
};

}  // namespace tata::ranking
