// Prioritization: ranks a regency's verified workers by the national order
// and the regency's scorecard, allocates them to formasi in rank order and
// proposes an outcome for every worker, with an explanation in Bahasa
// Indonesia. Deterministic: the same workers, scorecard and formasi give the
// same ranking.
//
// National order (DESIGN.md section 5): workers who already passed the
// national selection (hasil_seleksi lulus_cpns / lulus_pppk) come first and
// their national result decides their outcome; then R2 eks THK-II, R3 BKN
// database, R4 non-database with at least 2 years of service, R5 the rest.
// Within a group: points descending, then the scorecard's tie-breaks, then
// NIK ascending.
//
// Formasi file (--formasi FILE.yaml):
//   formasi:
//     - {id: guru-sd, jenis: pppk, jabatan: Guru Kelas, sektor: pendidikan, opd: ..., jumlah: 40}
// `jenis` is cpns | pppk | pppk_paruh_waktu; jabatan, sektor and opd are
// optional filters. A worker takes the first formasi (in file order) that
// matches and still has room.
//
// Without a formasi: eks THK-II and BKN-database workers are proposed as PPPK
// paruh waktu (KepmenPANRB 16/2025); the others as outsourcing (alih_daya)
// when the regency offers it to those not accommodated or their sector is
// teknis/administrasi, else released (dirumahkan).
#pragma once

#include "ranking/scorecard.hpp"

#include <tata/engine.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tata::ranking {

struct Formasi {
    std::string id;
    std::string jenis;  // cpns | pppk | pppk_paruh_waktu
    std::optional<std::string> jabatan, sektor, opd;
    int jumlah = 0;
};

// Throws RulesFileError ("FILE:LINE:COL: error: ..." lines).
std::vector<Formasi> load_formasi(const std::filesystem::path& file);
std::vector<Formasi> parse_formasi(const std::string& text, const std::string& file_name);

// The index columns read for each verified worker.
const std::vector<std::string>& worker_columns();

struct RankedWorker {
    std::size_t rank = 0;        // 1-based, over every ranked worker
    std::string group;           // "hasil seleksi nasional", R2, R3, R4, R5
    double points = 0;
    std::vector<Contribution> contributions;
    std::string outcome;         // cpns, pppk, pppk_paruh_waktu, alih_daya, dirumahkan
    std::string formasi;         // the formasi id, when allocated
    std::string explanation;     // Bahasa Indonesia
    nlohmann::json record;       // the worker's fields as the scorecard saw them
    std::string nik() const { return record.value("nik", std::string()); }
};

struct RankingPolicy {
    bool offer_outsourcing = false;  // settings.outsourcing.offer_to_not_accommodated
    std::string reference_date;      // YYYY-MM-DD: service years are counted up to this day
};

struct Ranking {
    std::string regency;
    std::string regency_name;
    std::string reference_date;
    std::string scorecard_file;
    std::vector<RankedWorker> workers;                  // in rank order
    std::map<std::string, std::size_t> by_outcome;
    std::map<std::string, int> formasi_left;            // formasi id → places not filled

    const RankedWorker* find(const std::string& nik) const;
};

// Fills masa_kerja_tahun (whole years from tmt to the reference date) when
// it is null, and the national group. Exposed for tests.
void complete_record(nlohmann::json& record, const std::string& reference_date);

// The core, on records already read: ranks, allocates, explains.
Ranking rank_records(std::vector<nlohmann::json> records, const Scorecard& scorecard,
                     const std::vector<Formasi>& formasi, const RankingPolicy& policy);

// Reads the verified workers of `regency` from the verification workflow's
// index, loads the regency's scorecard (settings.prioritization.scorecard
// beside its regency.yaml) and ranks them. Throws NotFound for an unknown
// regency, RulesFileError for a broken scorecard.
Ranking rank_regency(Engine& engine, const std::string& regency, const std::vector<Formasi>& formasi = {},
                     const std::string& workflow_id = "verification");

// The scorecard file a regency uses.
std::filesystem::path scorecard_path(const Regency& regency);

nlohmann::json worker_json(const RankedWorker& worker);
nlohmann::json ranking_json(const Ranking& ranking);

}  // namespace tata::ranking
