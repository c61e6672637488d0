// Workload analysis (analisis beban kerja, ABK; PermenPANRB 1/2020): how many
// people each jabatan of each OPD needs, from its tasks' yearly volume and
// norm time, against the staff it has.
//
//   needed = Σ(volume × norma_menit) / WKE
//
// WKE (waktu kerja efektif) is 1,250 hours = 75,000 minutes a year unless
// the regency sets another (settings.planning.wke_menit) or the file does.
// The need is shown with two decimals and rounded half up from them (at
// least 1 where any workload exists; no rule was found, so the rounding is
// the one officers check by hand). The input is YAML under rules/<code>/
// (settings.planning.abk) or a CSV table with one row per task:
//
//   opd:
//     - nama: Dinas Pendidikan
//       jabatan:
//         - nama: Guru Kelas
//           sektor: pendidikan
//           pns: 310            # ASN already in the jabatan
//           pppk: 40            # PPPK already appointed
//           tugas:
//             - {uraian: Melaksanakan pembelajaran, satuan: jam pelajaran, volume: 26000, norma_menit: 45}
//
//   opd,jabatan,sektor,tugas,satuan,volume,norma_menit,pns,pppk   (pns, pppk on any row of the jabatan)
#pragma once

#include <filesystem>
#include <istream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tata::planning {

// A planning file (ABK, fiscal, scenario) that cannot be used; what() holds
// one "FILE:LINE:COL: error: message" (YAML) or "FILE:ROW: message" (CSV)
// line per mistake.
class PlanningFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

inline constexpr double kDefaultWkeMinutes = 75'000;  // 1,250 hours (PermenPANRB 1/2020)

struct AbkTask {
    std::string uraian;
    std::string satuan;
    double volume = 0;       // a year
    double norma_menit = 0;  // minutes per unit
};

struct AbkJabatan {
    std::string opd;
    std::string jabatan;
    std::string sektor;  // as in the roster: pendidikan, kesehatan, teknis, administrasi
    int pns = 0;
    int pppk = 0;
    std::vector<AbkTask> tugas;
};

struct AbkInput {
    std::optional<double> wke_menit;  // the file's own, over the regency's
    std::vector<AbkJabatan> jabatan;  // in file order
};

// YAML (.yaml, .yml) or CSV (.csv) by the file's extension.
AbkInput load_abk(const std::filesystem::path& file);
AbkInput parse_abk_yaml(const std::string& text, const std::string& file_name);
AbkInput parse_abk_csv(const std::filesystem::path& file);
AbkInput parse_abk_csv(std::istream& in, const std::string& file_name);

// An efficiency-of-jabatan category: workload ÷ (staff × WKE) at least
// `min` (categories checked from the highest min down).
struct EfficiencyBand {
    std::string kategori;  // A, B, C, D
    double min = 0;
    std::string label;     // Bahasa Indonesia
};
// A ≥ 1.00 "sangat baik", B ≥ 0.90 "baik", C ≥ 0.70 "cukup", D "kurang"
// (a common scheme; no regulation fixes it: settings.planning.efisiensi).
std::vector<EfficiencyBand> default_efficiency_bands();

// The non-ASN on the roster, per (opd, jabatan): those whose file is still
// open or verified, and of them those who already passed the national
// selection (their place will be left: "formasi yang ditinggalkan").
struct RosterCount {
    int non_asn = 0;
    int lulus_seleksi = 0;
};
using RosterCounts = std::map<std::pair<std::string, std::string>, RosterCount>;

struct JabatanNeed {
    std::string opd, jabatan, sektor;
    double beban_menit = 0;     // Σ volume × norma
    double kebutuhan = 0;       // beban ÷ WKE, to two decimals
    int kebutuhan_bulat = 0;    // half up from the two decimals; ≥ 1 when beban > 0
    int pns = 0, pppk = 0;
    int non_asn = 0;            // on the roster
    int lulus_seleksi = 0;      // of the non-ASN, passed the national selection
    int selisih_asn = 0;        // kebutuhan_bulat − pns − pppk: ASN places missing (< 0: more than needed)
    int selisih_total = 0;      // kebutuhan_bulat − pns − pppk − non_asn: uncovered even with the non-ASN
    double efisiensi = 0;       // beban ÷ ((pns + pppk + non_asn) × WKE); 0 with no staff
    std::string kategori, kategori_label;
};

struct OpdNeed {
    std::string opd;
    double beban_menit = 0;
    int kebutuhan_bulat = 0, pns = 0, pppk = 0, non_asn = 0, lulus_seleksi = 0;
    int selisih_asn = 0, selisih_total = 0;
    int kurang_asn = 0;  // Σ of the positive selisih_asn only: places to propose
};

struct NeedsReport {
    double wke_menit = kDefaultWkeMinutes;
    std::vector<JabatanNeed> jabatan;  // input order
    std::vector<OpdNeed> opd;          // first appearance order
    OpdNeed total;                     // the regency (opd empty)
    // Roster jabatan the ABK table does not cover (opd, jabatan → non-ASN).
    std::vector<std::pair<std::pair<std::string, std::string>, int>> tanpa_abk;
};

NeedsReport compute_needs(const AbkInput& input, double wke_menit, const RosterCounts& roster,
                          const std::vector<EfficiencyBand>& bands);

// x to two decimals, half up (2.345 → 2.35), with a guard against binary
// fractions just below the half.
double round2(double x);

}  // namespace tata::planning
