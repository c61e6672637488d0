#include "catalog.hpp"

#include <algorithm>
#include <stdexcept>

namespace tata::example {

const char* sektor_name(Sektor sektor) {
    switch (sektor) {
        case Sektor::pendidikan: return "pendidikan";
        case Sektor::kesehatan: return "kesehatan";
        case Sektor::teknis: return "teknis";
        case Sektor::administrasi: return "administrasi";
    }
    return "";
}

const std::vector<std::string>& education_levels() {
    static const std::vector<std::string> levels = {"SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"};
    return levels;
}

int min_hiring_age(const std::string& pendidikan) {
    static const std::vector<int> ages = {18, 18, 18, 19, 20, 21, 22, 22, 24, 28};
    const auto& levels = education_levels();
    const auto it = std::find(levels.begin(), levels.end(), pendidikan);
    return it == levels.end() ? 18 : ages[static_cast<std::size_t>(it - levels.begin())];
}

namespace {

//                                    SD SMP SMA D1 D2 D3 D4  S1 S2 S3
const std::vector<Jabatan> positions = {
    {"Guru Kelas", Sektor::pendidikan, 720, {0, 0, 2, 0, 3, 4, 2, 86, 3, 0}, 900, 2000},
    {"Guru Mapel", Sektor::pendidikan, 600, {0, 0, 2, 0, 1, 4, 3, 86, 4, 0}, 900, 2000},
    {"Tenaga Kependidikan", Sektor::pendidikan, 500, {0, 3, 50, 2, 0, 15, 0, 30, 0, 0}, 800, 1800},
    {"Perawat", Sektor::kesehatan, 700, {0, 0, 0, 0, 0, 62, 3, 35, 0, 0}, 1500, 2800},
    {"Bidan", Sektor::kesehatan, 1000, {0, 0, 0, 0, 0, 70, 20, 10, 0, 0}, 1500, 2800},
    {"Tenaga Kesehatan Lainnya", Sektor::kesehatan, 600, {0, 0, 5, 0, 0, 50, 8, 36, 1, 0}, 1400, 2700},
    {"Operator", Sektor::teknis, 150, {2, 10, 70, 0, 0, 13, 0, 5, 0, 0}, 1200, 2500},
    {"Pengemudi", Sektor::teknis, 20, {5, 28, 67, 0, 0, 0, 0, 0, 0, 0}, 1200, 2400},
    {"Petugas Kebersihan", Sektor::teknis, 400, {30, 40, 30, 0, 0, 0, 0, 0, 0, 0}, 900, 2000},
    {"Satpam", Sektor::teknis, 50, {0, 15, 85, 0, 0, 0, 0, 0, 0, 0}, 1100, 2200},
    {"Pengadministrasi Umum", Sektor::administrasi, 550, {0, 0, 45, 2, 0, 18, 0, 35, 0, 0}, 1000, 2200},
    {"Operator Komputer", Sektor::administrasi, 480, {0, 0, 40, 0, 0, 30, 0, 30, 0, 0}, 1000, 2200},
};

struct Mix {
    std::vector<std::string> names;
    std::vector<int> weights;
};

Mix mix_for(Sektor sektor, OpdKind kind) {
    switch (sektor) {
        case Sektor::pendidikan: return {{"Guru Kelas", "Guru Mapel", "Tenaga Kependidikan"}, {45, 35, 20}};
        case Sektor::kesehatan: {
            const std::vector<std::string> names = {"Perawat", "Bidan", "Tenaga Kesehatan Lainnya"};
            if (kind == OpdKind::rsud) return {names, {55, 12, 33}};
            if (kind == OpdKind::puskesmas) return {names, {35, 40, 25}};
            return {names, {20, 15, 65}};
        }
        case Sektor::teknis: {
            const std::vector<std::string> names = {"Operator", "Pengemudi", "Petugas Kebersihan", "Satpam"};
            switch (kind) {
                case OpdKind::lingkungan: return {names, {5, 15, 80, 0}};
                case OpdKind::satpol: return {names, {5, 10, 0, 85}};
                case OpdKind::perhubungan: return {names, {40, 35, 15, 10}};
                case OpdKind::pupr: return {names, {55, 30, 5, 10}};
                default: return {names, {10, 25, 35, 30}};
            }
        }
        case Sektor::administrasi: return {{"Pengadministrasi Umum", "Operator Komputer"}, {65, 35}};
    }
    throw std::logic_error("unknown sektor");
}

// Kapuas health centres and the district each serves (its last two digits).
struct Puskesmas {
    const char* name;
    const char* district;
};
const std::vector<Puskesmas> puskesmas = {
    {"Puskesmas Melati", "01"},        {"Puskesmas Selat", "01"},           {"Puskesmas Pulau Telo", "01"},
    {"Puskesmas Barimba", "02"},       {"Puskesmas Anjir Serapat", "03"},   {"Puskesmas Lupak", "04"},
    {"Puskesmas Mandomai", "05"},      {"Puskesmas Pulau Petak", "06"},     {"Puskesmas Palingkau", "07"},
    {"Puskesmas Basarang", "08"},      {"Puskesmas Mantangai", "09"},       {"Puskesmas Timpah", "10"},
    {"Puskesmas Pujon", "11"},         {"Puskesmas Sei Hanyo", "12"},       {"Puskesmas Tamban Catur", "13"},
    {"Puskesmas Tumbang Manyarung", "14"}, {"Puskesmas Masaha", "15"},      {"Puskesmas Dadahup", "16"},
    {"Puskesmas Terusan Tengah", "17"},
};

}  // namespace

std::vector<Opd> kapuas_opds(const std::vector<District>& districts) {
    //                                             pendidikan kesehatan teknis administrasi
    std::vector<Opd> opds = {
        {"Dinas Pendidikan", OpdKind::pendidikan, "", {100, 0, 60, 120}},
        {"Dinas Kesehatan", OpdKind::dinkes, "", {0, 80, 30, 60}},
        {"RSUD dr. H. Soemarno Sosroatmodjo", OpdKind::rsud, "", {0, 300, 80, 60}},
        {"Dinas Pekerjaan Umum dan Penataan Ruang", OpdKind::pupr, "", {0, 0, 120, 40}},
        {"Satuan Polisi Pamong Praja", OpdKind::satpol, "", {0, 0, 150, 20}},
        {"Sekretariat Daerah", OpdKind::umum, "", {0, 0, 80, 100}},
        {"Sekretariat DPRD", OpdKind::umum, "", {0, 0, 30, 50}},
        {"Dinas Perhubungan", OpdKind::perhubungan, "", {0, 0, 120, 20}},
        {"Dinas Lingkungan Hidup", OpdKind::lingkungan, "", {0, 0, 250, 30}},
        {"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", OpdKind::umum, "", {0, 0, 10, 40}},
        {"Badan Keuangan dan Aset Daerah", OpdKind::umum, "", {0, 0, 20, 50}},
        {"Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", OpdKind::umum, "", {0, 0, 10, 30}},
        {"Dinas Kependudukan dan Pencatatan Sipil", OpdKind::umum, "", {0, 0, 20, 80}},
        {"Dinas Sosial", OpdKind::umum, "", {0, 0, 10, 30}},
        {"Dinas Pertanian", OpdKind::umum, "", {0, 0, 20, 30}},
        {"Dinas Perikanan", OpdKind::umum, "", {0, 0, 10, 20}},
        {"Dinas Perumahan Rakyat, Kawasan Permukiman dan Pertanahan", OpdKind::pupr, "", {0, 0, 40, 20}},
        {"Dinas Komunikasi, Informatika, Statistik dan Persandian", OpdKind::umum, "", {0, 0, 20, 30}},
        {"Dinas Pariwisata, Kebudayaan, Pemuda dan Olahraga", OpdKind::umum, "", {0, 0, 20, 20}},
        {"Badan Penanggulangan Bencana Daerah", OpdKind::umum, "", {0, 0, 50, 20}},
        {"Inspektorat", OpdKind::umum, "", {0, 0, 5, 20}},
        {"Badan Kesatuan Bangsa dan Politik", OpdKind::umum, "", {0, 0, 5, 10}},
    };
    for (const auto& p : puskesmas) {
        const std::string code = "62.03." + std::string(p.district);
        const bool known = std::any_of(districts.begin(), districts.end(), [&](const District& d) { return d.code == code; });
        if (known) opds.push_back({p.name, OpdKind::puskesmas, code, {0, 40, 4, 6}});
    }
    for (const auto& d : districts) opds.push_back({"Kecamatan " + d.name, OpdKind::kecamatan, d.code, {0, 0, 8, 20}});
    return opds;
}

const Jabatan& jabatan_named(const std::string& name) {
    for (const auto& j : positions)
        if (j.name == name) return j;
    throw std::logic_error("unknown jabatan " + name);
}

const Jabatan& pick_jabatan(Rng& rng, Sektor sektor, OpdKind kind) {
    const Mix mix = mix_for(sektor, kind);
    return jabatan_named(mix.names[rng.weighted(mix.weights)]);
}

std::string pick_education(Rng& rng, const Jabatan& jabatan) {
    return education_levels()[rng.weighted(jabatan.education)];
}

std::string pick_title(Rng& rng, const Jabatan& jabatan, const std::string& pendidikan) {
    if (!rng.chance(550)) return "";
    std::vector<std::string> titles;
    const std::string& j = jabatan.name;
    const bool guru = j == "Guru Kelas" || j == "Guru Mapel";
    if (pendidikan == "S1") {
        if (guru) titles = {"S.Pd."};
        else if (j == "Perawat") titles = {"S.Kep., Ns."};
        else if (j == "Bidan") titles = {"S.Keb."};
        else if (j == "Tenaga Kesehatan Lainnya") titles = {"S.Farm.", "S.KM.", "S.Gz."};
        else if (j == "Operator Komputer") titles = {"S.Kom."};
        else if (jabatan.sektor == Sektor::teknis) titles = {"S.T."};
        else titles = {"S.E.", "S.Sos.", "S.H.", "S.AP.", "S.Kom.", "S.Pd."};
    } else if (pendidikan == "S2") {
        if (guru) titles = {"S.Pd., M.Pd."};
        else if (jabatan.sektor == Sektor::kesehatan) titles = {"S.KM., M.Kes."};
        else titles = {"S.E., M.M."};
    } else if (pendidikan == "D4") {
        if (j == "Perawat") titles = {"S.Tr.Kep."};
        else if (j == "Bidan") titles = {"S.Tr.Keb."};
        else if (jabatan.sektor == Sektor::kesehatan) titles = {"S.Tr.Kes."};
        else titles = {"S.Tr.Pd."};
    } else if (pendidikan == "D3") {
        if (j == "Perawat") titles = {"A.Md.Kep."};
        else if (j == "Bidan") titles = {"A.Md.Keb."};
        else if (j == "Tenaga Kesehatan Lainnya") titles = {"A.Md.Farm.", "A.Md.Kes.", "A.Md.AK.", "A.Md.Gz."};
        else if (j == "Operator Komputer") titles = {"A.Md.Kom."};
        else titles = {"A.Md."};
    } else if (pendidikan == "D2" && guru) {
        titles = {"A.Ma.Pd."};
    }
    if (titles.empty()) return "";
    return ", " + rng.pick(titles);
}

}  // namespace tata::example
