// What Kapuas workers do and where: sectors, positions (jabatan) with their
// usual schooling, sex ratio and pay, and the regency's work units (OPD).
#pragma once

#include "prng.hpp"
#include "wilayah.hpp"

#include <array>
#include <string>
#include <vector>

namespace tata::example {

enum class Sektor { pendidikan, kesehatan, teknis, administrasi };
const char* sektor_name(Sektor sektor);

// The roster's pendidikan values, lowest first.
const std::vector<std::string>& education_levels();
// Usual youngest age at first appointment with that schooling.
int min_hiring_age(const std::string& pendidikan);

struct Jabatan {
    std::string name;
    Sektor sektor;
    int female_per_mille;          // share of women in this position
    std::vector<int> education;    // weights over education_levels()
    int honor_min;                 // usual monthly pay, thousands of rupiah
    int honor_max;
};

// What kind of unit an OPD is: decides which positions it employs.
enum class OpdKind { pendidikan, rsud, dinkes, puskesmas, lingkungan, satpol, perhubungan, pupr, kecamatan, umum };

struct Opd {
    std::string name;
    OpdKind kind;
    std::string district;       // the district it serves ("62.03.09"), or empty
    std::array<int, 4> weight;  // how many workers of each Sektor it draws, relative
};

// The Kapuas OPDs: fixed agencies, one Puskesmas per served district and
// one Kecamatan office per district of `districts` (present codes only).
std::vector<Opd> kapuas_opds(const std::vector<District>& districts);

const Jabatan& pick_jabatan(Rng& rng, Sektor sektor, OpdKind kind);
const Jabatan& jabatan_named(const std::string& name);
std::string pick_education(Rng& rng, const Jabatan& jabatan);
// An academic title as written after the name (", S.Pd."), or "" (often omitted).
std::string pick_title(Rng& rng, const Jabatan& jabatan, const std::string& pendidikan);

}  // namespace tata::example
