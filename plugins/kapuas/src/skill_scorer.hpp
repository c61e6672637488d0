// Kapuas ranks its education and health workers by skill (Kabupaten Kapuas
// policy, DESIGN.md section 6): a teacher or a health worker earns points for
// holding the qualification their position requires, more for each level
// above it, and a teacher more again for a teaching certificate (PPG). A
// worker below the requirement earns no skill points, and the explanation
// says which qualification is missing. Other sectors are not scored.
//
// Scorecard rule (rules/62.03/prioritization.yaml):
//   - id: keahlian
//     label: Keahlian tenaga pendidikan dan kesehatan
//     scorer: kapuas.keahlian
//     args:
//       kualifikasi_minimum: {Guru Kelas: S1, Perawat: D3}   # by jabatan, overrides the defaults
//       kualifikasi_minimum_sektor: {pendidikan: S1, kesehatan: D3}
//       poin_memenuhi: 10
//       poin_per_jenjang_di_atas: 2
//       poin_sertifikat_pendidik: 5
//       poin_maksimum: 20
//
// Defaults follow the national rules: teachers S1/D4 (UU 14/2005 Guru dan
// Dosen), school administration staff SMA, health workers D3 (UU 17/2023
// Kesehatan).
#pragma once

#include <tata/plugin.hpp>

namespace tata::kapuas {

sdk::Score skill_score(const sdk::ScorerContext& ctx);

}  // namespace tata::kapuas
