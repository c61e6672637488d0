// The flat worker record a ranking works on: a fixed list of columns of the
// verification index, then the worker's final performance evaluations
// (procedures/performance/predikat_history.hpp), each value typed
// (tata/field_value.hpp). Ranking 2.3
// million workers must not build a JSON object or a Lua table per worker; a
// scorer plugin gets the same record as two parallel arrays (names, values).
//
// The national group (DESIGN.md section 5), in order: workers who passed the
// national selection (hasil_seleksi lulus_cpns / lulus_pppk), R1 priority
// applicants (pelamar_prioritas ya), R2 eks THK-II, R3 BKN database, R4
// non-database with at least 2 years of service, R5 PPG graduates (lulus_ppg
// ya), then everyone else, who is not in the priority order.
#pragma once

#include <tata/field_value.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tata::ranking {

namespace column {
enum : std::size_t {
    nik, nama, tanggal_lahir, jenis_kelamin, opd, jabatan, sektor, jenis_kontrak, tmt, kategori, sumber_gaji,
    honor_bulanan, pendidikan, nilai_kinerja, hasil_seleksi, masa_kerja_tahun, pelamar_prioritas, lulus_ppg,
    indexed,  // the columns before this one come from the verification index
    // From the performance evaluations: the latest final predikat (a code of
    // the predikat_kinerja decision table, e.g. sangat_baik), its year, and
    // the predikat of the evaluation before it.
    predikat_kinerja = indexed, predikat_kinerja_tahun, predikat_kinerja_lalu,
    count
};
}  // namespace column

// Every column a scorecard may read, in the order above.
const std::vector<std::string>& worker_columns();
// The first column::indexed of them: what the verification index holds.
const std::vector<std::string>& indexed_worker_columns();

using WorkerValues = std::array<FieldValue, column::count>;

enum class Group : std::uint8_t { national, r1, r2, r3, r4, r5, none };

// "hasil seleksi nasional", "R1" … "R5", "tidak termasuk prioritas".
const std::string& group_code(Group group);
// The code with its meaning, for explanations in Bahasa Indonesia.
const std::string& group_words(Group group);

inline bool is_text(const FieldValue& value, std::string_view text) {
    return value.kind == FieldKind::text && value.text == text;
}

// Whole years from tmt to the reference date (YYYY-MM-DD), filled in when
// masa_kerja_tahun is null and tmt is a date: the index value wins.
void complete_service_years(WorkerValues& values, std::string_view reference_date);

Group national_group(const WorkerValues& values);

// The worker's columns from a JSON object (missing and null are null,
// booleans 0/1); text views `record`, which must outlive the values.
WorkerValues values_of(const nlohmann::json& record);

}  // namespace tata::ranking
