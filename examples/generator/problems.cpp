#include "csv.hpp"
#include "extras.hpp"

#include <functional>

namespace tata::example {

namespace {

struct Problem {
    const char* note;                       // the catatan column
    std::function<void(std::vector<std::string>&)> apply;  // edits the row's fields
};

enum Column { nik, nama, tanggal_lahir, jenis_kelamin, opd, jabatan, sektor, jenis_kontrak, tmt, kategori,
              sumber_gaji, honor_bulanan, pendidikan, nilai_kinerja, hasil_seleksi };

std::string& at(std::vector<std::string>& row, Column c) { return row[static_cast<std::size_t>(c)]; }

}  // namespace

std::string kapuas_problem_rows(Rng& rng, NikAllocator& niks, const std::vector<District>& districts) {
    // Twenty ordinary non-database workers of Dinas Lingkungan Hidup and
    // Dinas Pendidikan, each then given one problem.
    std::vector<std::vector<std::string>> rows;
    for (int i = 0; i < 20; ++i) {
        const Jabatan& j = jabatan_named(i % 2 == 0 ? "Petugas Kebersihan" : "Guru Kelas");
        // One random draw per statement: argument evaluation order is unspecified.
        const std::string prefix = pick_kapuas_district(rng, districts);
        const Date tmt = pick_tmt(rng, "non_database");
        Worker w = make_person(rng, niks, prefix, j, tmt);
        w.opd = i % 2 == 0 ? "Dinas Lingkungan Hidup" : "Dinas Pendidikan";
        w.kategori = "non_database";
        w.jenis_kontrak = "honorer";
        w.sumber_gaji = "apbd";
        w.honor_bulanan = pick_honor(rng, j, w.jenis_kontrak, w.sumber_gaji, whole_years(w.tmt, reference_date));
        w.hasil_seleksi = "belum_ikut";
        rows.push_back(roster_fields(w));
    }
    auto flip_sex = [](std::vector<std::string>& r) {
        char& sex = at(r, jenis_kelamin)[0];
        sex = sex == 'L' ? 'P' : 'L';
    };
    const std::vector<std::string> duplicated = rows[9];
    const std::vector<Problem> problems = {
        {"NIK 15 digit (digit terakhir hilang): tolak", [](auto& r) { at(r, nik).pop_back(); }},
        {"NIK berisi huruf O, bukan angka 0: tolak", [](auto& r) {
             std::string& n = at(r, nik);
             const auto zero = n.find('0', 6);
             n[zero == std::string::npos ? 7 : zero] = 'O';
         }},
        {"kode kabupaten 62.99 tidak dikenal: tolak", [](auto& r) { at(r, nik).replace(2, 2, "99"); }},
        {"kode provinsi 99 tidak dikenal: tolak", [](auto& r) { at(r, nik).replace(0, 2, "99"); }},
        {"kecamatan 62.03.18 tidak dikenal dalam kabupaten yang dikenal: tandai untuk pemeriksaan manual",
         [](auto& r) { at(r, nik).replace(4, 2, "18"); }},
        {"tanggal lahir di NIK tidak sama dengan tanggal_lahir (hari berbeda): tandai",
         [](auto& r) {
             std::string& d = at(r, tanggal_lahir);
             const int day = std::stoi(d.substr(8, 2));
             const int other = day <= 25 ? day + 3 : day - 3;
             d[8] = static_cast<char>('0' + other / 10);
             d[9] = static_cast<char>('0' + other % 10);
         }},
        {"tahun lahir di NIK tidak sama dengan tanggal_lahir: tandai",
         [](auto& r) {
             std::string& d = at(r, tanggal_lahir);
             d.replace(0, 4, std::to_string(std::stoi(d.substr(0, 4)) + 1));
             if (d.substr(5) == "02-29") d.replace(8, 2, "28");
         }},
        {"jenis_kelamin tidak sama dengan NIK: tandai", flip_sex},
        {"jenis_kelamin tidak sama dengan NIK: tandai", flip_sex},
        {"baris benar; orang yang sama tercatat lagi di baris berikutnya", [](auto&) {}},
        {"NIK ganda dalam berkas: orang yang sama juga tercatat di OPD lain (baris sebelumnya): tolak",
         [&duplicated](auto& r) {
             for (Column c : {nik, nama, tanggal_lahir, jenis_kelamin})
                 at(r, c) = duplicated[static_cast<std::size_t>(c)];
         }},
        {"tanggal_lahir bukan tanggal yang ada (30 Februari): tolak",
         [](auto& r) { at(r, tanggal_lahir).replace(5, 5, "02-30"); }},
        {"tmt bukan tanggal ISO (DD/MM/YYYY): tolak",
         [](auto& r) {
             const std::string d = at(r, tmt);
             at(r, tmt) = d.substr(8, 2) + "/" + d.substr(5, 2) + "/" + d.substr(0, 4);
         }},
        {"sektor tidak dikenal: tolak", [](auto& r) { at(r, sektor) = "keamanan"; }},
        {"honor_bulanan bukan angka (titik ribuan): tolak", [](auto& r) { at(r, honor_bulanan) = "1.500.000"; }},
        {"honor_bulanan bukan angka (Rp): tolak", [](auto& r) { at(r, honor_bulanan) = "Rp 1.750.000"; }},
        {"nama kosong: tolak", [](auto& r) { at(r, nama) = ""; }},
        {"jenis_kelamin bukan L/P: tolak", [](auto& r) { at(r, jenis_kelamin) = "Laki-laki"; }},
        {"kategori tidak dikenal: tolak", [](auto& r) { at(r, kategori) = "eks_thk1"; }},
        {"nilai_kinerja di luar 0-100: tolak", [](auto& r) { at(r, nilai_kinerja) = "120"; }},
    };
    std::vector<std::string> header = roster_header();
    header.push_back("catatan");
    std::string out = csv_record(header);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        problems[i].apply(rows[i]);
        rows[i].push_back(problems[i].note);
        out += csv_record(rows[i]);
    }
    return out;
}

}  // namespace tata::example
