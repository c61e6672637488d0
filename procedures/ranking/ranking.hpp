// Prioritization: ranks a regency's verified workers by the national order
// and the regency's scorecard, allocates them to formasi in rank order and
// proposes an outcome for every worker, with an explanation in Bahasa
// Indonesia. Deterministic: the same workers, scorecard and formasi give the
// same ranking.
//
// National order (DESIGN.md section 5, worker_record.hpp): workers who
// already passed the national selection come first and their national result
// decides their outcome; then R1 priority applicants, R2 eks THK-II, R3 BKN
// database, R4 non-database with at least 2 years of service, R5 PPG
// graduates, then those not in the priority order. Within a group: points
// descending, then the scorecard's tie-breaks, then NIK ascending.
//
// Without a formasi: eks THK-II and BKN-database workers are proposed as PPPK
// paruh waktu (KepmenPANRB 16/2025); the others as outsourcing (alih_daya)
// when the regency offers it to those not accommodated or their sector is
// teknis/administrasi, else released (dirumahkan).
//
// Ranking 2.3 million workers (DESIGN.md section 8) keeps per worker only
// the flat record, the bitmask of the rules that held, the points and the
// outcome; a worker's explanation and contributions are built when asked for.
#pragma once

#include "ranking/formasi.hpp"
#include "ranking/scorecard.hpp"
#include "ranking/worker_record.hpp"

#include <tata/decision_table.hpp>
#include <tata/engine.hpp>

#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tata::ranking {

struct RankedWorker {
    std::size_t rank = 0;        // 1-based, over every ranked worker
    std::string group;           // group_code(): "hasil seleksi nasional", R1 … R5, "tidak termasuk prioritas"
    double points = 0;
    std::vector<Contribution> contributions;
    std::string outcome;         // cpns, pppk, pppk_paruh_waktu, alih_daya, dirumahkan
    std::string formasi;         // the formasi id, when allocated
    std::string explanation;     // Bahasa Indonesia
    nlohmann::json record;       // the worker's fields as the scorecard saw them, and kelompok
    std::string nik() const { return record.value("nik", std::string()); }
};

struct RankingPolicy {
    bool offer_outsourcing = false;  // settings.outsourcing.offer_to_not_accommodated
    std::string reference_date;      // YYYY-MM-DD: service years are counted up to this day
    // What a worker without a formasi gets when a planning scenario decides
    // it (planning/scenario.hpp); empty: the rule above. rest_database is
    // for eks THK-II and BKN-database workers (pppk_paruh_waktu, alih_daya
    // or dirumahkan), rest_other for the others (alih_daya or dirumahkan).
    std::string rest_database;
    std::string rest_other;
    // The regency's predikat_kinerja decision table, whose labels name the
    // worker's evaluations in explanations ("Sangat Baik"); may be null.
    std::shared_ptr<const DecisionTable> predikat_table;
};

struct RankingData;

// The ranked workers in rank order. Each RankedWorker is built when read
// (by value), so holding millions of them costs nothing until they are shown.
class RankedWorkers {
public:
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = RankedWorker;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = RankedWorker;
        iterator() = default;
        iterator(const RankedWorkers* owner, std::size_t position) : owner_(owner), position_(position) {}
        RankedWorker operator*() const { return (*owner_)[position_]; }
        iterator& operator++() { ++position_; return *this; }
        iterator operator++(int) { auto copy = *this; ++position_; return copy; }
        bool operator==(const iterator& other) const { return position_ == other.position_; }

    private:
        const RankedWorkers* owner_ = nullptr;
        std::size_t position_ = 0;
    };

    RankedWorkers() = default;
    explicit RankedWorkers(std::shared_ptr<const RankingData> data) : data_(std::move(data)) {}
    std::size_t size() const;
    bool empty() const { return size() == 0; }
    RankedWorker operator[](std::size_t position) const;
    iterator begin() const { return {this, 0}; }
    iterator end() const { return {this, size()}; }

private:
    std::shared_ptr<const RankingData> data_;
};

struct Ranking {
    std::string regency;
    std::string regency_name;
    std::string reference_date;
    std::string scorecard_file;
    RankedWorkers workers;                              // in rank order
    std::map<std::string, std::size_t> by_outcome;
    std::map<std::string, int> formasi_left;            // formasi id → places not filled
    // The adopted planning scenario this ranking applied (its name and when
    // it was adopted; empty when none), and how many verified workers it
    // left out for their years of service (min_masa_kerja).
    std::string adopted_scenario, adopted_at;
    std::size_t left_out_for_service = 0;

    // The worker with this NIK, built on the first request and kept as long
    // as the ranking; nullptr when not ranked.
    const RankedWorker* find(const std::string& nik) const;

    std::shared_ptr<const RankingData> data;
};

// Fills masa_kerja_tahun (whole years from tmt to the reference date) when
// it is null, and kelompok (the national group). Exposed for tests.
void complete_record(nlohmann::json& record, const std::string& reference_date);

// Today in the regency's time zone (YYYY-MM-DD): the day a ranking counts
// years of service up to.
std::string reference_date_today(const Engine& engine, const Regency& regency);

// The core, on records already read: ranks, allocates, explains.
Ranking rank_records(const std::vector<nlohmann::json>& records, const Scorecard& scorecard,
                     const std::vector<Formasi>& formasi, const RankingPolicy& policy);

// Reads the verified workers of `regency` from the verification workflow's
// index and ranks them by the regency's scorecard (settings.prioritization.
// scorecard beside its regency.yaml, as the engine's current generation read
// it: generation_policy.hpp) into `formasi`. Throws NotFound for an unknown
// regency, RulesFileError for a broken scorecard.
Ranking rank_regency(Engine& engine, const std::string& regency, const std::vector<Formasi>& formasi = {},
                     const std::string& workflow_id = "verification");
// The same into the regency's own formasi (settings.prioritization.formasi),
// from the same generation as its scorecard.
Ranking rank_regency_own_formasi(Engine& engine, const std::string& regency,
                                 const std::string& workflow_id = "verification");

// A ranking as a planning scenario changes it (planning/scenario.hpp):
// another formasi, other points for the scorecard's rules, workers left out
// (a longer minimum service), another rule for those without a formasi.
// A planning scenario's changes, on top of the regency's adopted scenario
// (ranking/adopted_policy.hpp) when it has one: what is set here wins.
struct RankingOverrides {
    const std::vector<Formasi>* formasi = nullptr;  // null: the regency's (adopted or its file's)
    std::map<std::string, double> points;           // rule id → points
    // null: the adopted min_masa_kerja, or everyone verified. Called on the
    // ranking's scoring thread (row_pipeline.hpp), one worker at a time.
    std::function<bool(const WorkerValues&)> include;
    std::string rest_database, rest_other;           // RankingPolicy's
};
// Throws NotFound for an unknown regency, RulesFileError for a broken
// scorecard or a rule id it does not have (or a scorer rule, whose points
// its plugin decides).
Ranking rank_regency_with(Engine& engine, const std::string& regency, const RankingOverrides& overrides,
                          const std::string& workflow_id = "verification");

// The scorecard file a regency uses.
std::filesystem::path scorecard_path(const Regency& regency);

// The regency's own formasi (settings.prioritization.formasi beside its
// regency.yaml), or none when it names no file. Throws RulesFileError for a
// broken file.
std::vector<Formasi> regency_formasi(const Regency& regency);

// A short identifier of a ranking's result ("PRK-62.03-" + 12 hex digits of
// SHA-256 over the rank order, outcomes and formasi): the same workers,
// scorecard and formasi give the same number, so an announcement can be
// checked against a rerun.
std::string ranking_number(const Ranking& ranking);

// Proposed outcomes counted per OPD ("(tanpa OPD)" when empty).
std::map<std::string, std::map<std::string, std::size_t>> outcomes_by_opd(const Ranking& ranking);

nlohmann::json worker_json(const RankedWorker& worker);
nlohmann::json ranking_json(const Ranking& ranking);

}  // namespace tata::ranking
