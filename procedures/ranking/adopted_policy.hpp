// The planning scenario a regency adopted (docs/planning.md, "Adopting a
// scenario"): a file beside its regency.yaml, named by
// settings.prioritization.penetapan, that changes what the regency ranks by
// until another scenario is adopted or the adoption is revoked:
//
//   nama: Formasi menurut ABK          # the scenario's name and description
//   keterangan: ...
//   ditetapkan: {oleh: kepala.bkpsdm, pada: 2026-12-05T10:00:00+07:00, catatan: ...}
//   formasi:                           # frozen when adopted: the ranking's formasi
//     - {id: ..., jenis: pppk, jabatan: ..., opd: ..., jumlah: 3}
//   bobot: {keahlian_kesehatan: 15}    # the scorecard rules' other points
//   min_masa_kerja: 3                  # fewer years of service: not ranked
//   sisa: {database: pppk_paruh_waktu, lainnya: alih_daya}
//   paruh_waktu: {upah: umk, belanja_pegawai: true}   # read by the cost model
//
// A scenario file has the same keys (planning/scenario.hpp), so what was
// simulated is what the regency ranks by once adopted. The file is written
// by the adoption (planning/adoption.hpp); an admin may edit it by hand like
// any rules file, and a reload refuses it when it is broken.
#pragma once

#include "ranking/formasi.hpp"

#include <tata/definitions.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace tata::ranking {

// What a scenario or an adoption changes in a regency's ranking.
struct PolicyChanges {
    std::optional<std::vector<Formasi>> formasi;  // none: the regency's formasi file
    std::map<std::string, double> points;         // scorecard rule id → points
    std::optional<int> min_service_years;          // min_masa_kerja
    std::string rest_database, rest_other;         // sisa; empty: the national rule
};

// Reads `bobot`, `min_masa_kerja` and `sisa` of a scenario or adoption
// mapping (not `formasi`, whose forms differ); each mistake is appended to
// `problems` as a "FILE:LINE:COL: error: message" line.
void read_policy_changes(const YAML::Node& root, const std::string& file, PolicyChanges& changes, std::string& problems);

struct AdoptedPolicy {
    std::filesystem::path file;
    std::string text;  // as read, for what the ranking does not use (paruh_waktu)
    std::string nama, keterangan;
    std::string oleh, pada, catatan;  // who adopted it, when (ISO 8601), why
    PolicyChanges changes;
};

// Throws RulesFileError ("FILE:LINE:COL: error: ..." lines).
AdoptedPolicy parse_adopted_policy(const std::string& text, const std::string& file_name);

// Where the regency keeps its adopted scenario (settings.prioritization
// .penetapan beside its regency.yaml); empty when it names none.
std::filesystem::path adopted_policy_path(const Regency& regency);

// The regency's adopted scenario, or none when it names no file or the file
// does not exist (nothing adopted yet). RulesFileError when it is broken.
std::optional<AdoptedPolicy> load_adopted_policy(const Regency& regency);

}  // namespace tata::ranking
