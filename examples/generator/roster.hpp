// Workers and the Kapuas roster (DESIGN.md section 4, plus hasil_seleksi).
#pragma once

#include "catalog.hpp"
#include "dates.hpp"
#include "names.hpp"
#include "prng.hpp"
#include "wilayah.hpp"

#include <array>
#include <set>
#include <string>
#include <vector>

namespace tata::example {

// The date the example data describes ("as of June 2025").
inline constexpr Date reference_date{2025, 6, 1};

struct Worker {
    std::string nik;
    std::string nama;  // with academic titles, as on the roster
    Date tanggal_lahir;
    Sex sex = Sex::male;
    std::string opd;
    std::string jabatan;
    std::string sektor;
    std::string jenis_kontrak;
    Date tmt;
    std::string kategori;
    std::string sumber_gaji;
    long honor_bulanan = 0;
    std::string pendidikan;
    int nilai_kinerja = 0;
    std::string hasil_seleksi;
};

const std::vector<std::string>& roster_header();
std::vector<std::string> roster_fields(const Worker& worker);

// Hands out NIKs that are unique across everything generated in one run.
class NikAllocator {
public:
    // prefix: six digits of a district; the birth date and sex give digits 7–12.
    std::string assign(Rng& rng, const std::string& prefix, const Date& birth, Sex sex);
    bool used(const std::string& nik) const { return used_.count(nik) > 0; }

private:
    std::set<std::string> used_;
};

// A person holding `jabatan` since `tmt`: sex, schooling, birth date, name
// with titles, NIK from `district_prefix`, performance score. The caller
// fills in the unit, contract, category, pay source, pay and result.
Worker make_person(Rng& rng, NikAllocator& niks, const std::string& district_prefix, const Jabatan& jabatan,
                   const Date& tmt);

// A start date typical of the category (eks_thk2 2005–2012, database_bkn up
// to 2021, non_database mixed with a share under two years of service).
Date pick_tmt(Rng& rng, const std::string& kategori);

// Monthly pay in whole rupiah, Rp 500,000 – 3,500,000.
long pick_honor(Rng& rng, const Jabatan& jabatan, const std::string& jenis_kontrak, const std::string& sumber_gaji,
                int years_of_service);

// What the Kapuas report counts, per category: the national selection results.
struct CategoryTarget {
    const char* kategori;
    int total;
    int lulus_cpns;
    int lulus_pppk;
    int tidak_lulus;  // the rest are belum_ikut
};
const std::array<CategoryTarget, 3>& kapuas_targets();

// The 4,874 Kapuas workers, sorted by OPD, then TMT, then NIK.
std::vector<Worker> generate_kapuas(Rng& rng, NikAllocator& niks, const std::vector<District>& districts);

// A Kapuas district's NIK prefix, weighted by where the regency's people live.
std::string pick_kapuas_district(Rng& rng, const std::vector<District>& districts);

}  // namespace tata::example
