// Import and verify a 100,000-worker roster, beside `sqlite3 .import` of the
// same file into the same disk (DESIGN.md section 8: ≤ 5 s, within 3× of
// the baseline).
//
//   build/bench/bench_import [--rows N] [--dir PATH] [--batch ROWS_PER_TRANSACTION] [--keep]
//
// --keep leaves the database (PATH/tata.db) for the HTTP benchmark.
//
// The roster is synthesized (valid NIKs of Kapuas districts, all columns of
// DESIGN.md section 4); each row becomes a verification case that runs the
// shipped automatic checks.
#include "bench_support.hpp"
#include "nik/area_registry.hpp"
#include "roster/worker_import.hpp"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

void write_roster(const fs::path& file, int rows, const tata::nik::AreaRegistry& areas) {
    const auto districts = areas.districts_of("62.03");
    std::ofstream out(file);
    out << "nik,nama,tanggal_lahir,jenis_kelamin,opd,jabatan,sektor,jenis_kontrak,tmt,kategori,sumber_gaji,"
           "honor_bulanan,pendidikan,nilai_kinerja,hasil_seleksi,dokumen\n";
    tata::bench::SplitMix random(6203);
    auto next = [&random](int n) { return random.below(n); };
    static const char* categories[] = {"eks_thk2", "database_bkn", "non_database"};
    for (int i = 0; i < rows; ++i) {
        const auto& district = districts[static_cast<std::size_t>(next(static_cast<int>(districts.size())))];
        const int year = 1970 + next(30), month = 1 + next(12), day = 1 + next(28);
        const bool woman = next(2) == 1;
        char nik[32], birth[16];
        std::snprintf(nik, sizeof nik, "%c%c%c%c%c%c%02d%02d%02d%04d", district.code[0], district.code[1], district.code[3],
                      district.code[4], district.code[6], district.code[7], day + (woman ? 40 : 0), month, year % 100,
                      i % 9999 + 1);
        std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", year, month, day);
        out << nik << ",\"Pegawai " << i << ", S.Pd.\"," << birth << ',' << (woman ? 'P' : 'L')
            << ",Dinas Pendidikan,Guru Kelas,pendidikan,honorer," << 2005 + next(18) << "-07-01,"
            << categories[next(3)] << ",apbd," << 1000000 + next(20) * 100000 << ",S1," << 60 + next(40)
            << ",belum_ikut,ktp;sk;bukti_gaji;ijazah\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    int rows = 100'000;
    tata::roster::ImportOptions import;
    import.regency = "62.03";
    fs::path dir = fs::temp_directory_path() / ("tata-bench-import-" + std::to_string(::getpid()));
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        const bool has_value = i + 1 < argc;
        if (option == "--keep") keep = true;
        else if (option == "--rows" && has_value) rows = std::atoi(argv[++i]);
        else if (option == "--dir" && has_value) dir = argv[++i];
        else if (option == "--batch" && has_value) import.rows_per_transaction = static_cast<std::size_t>(std::atoi(argv[++i]));
    }
    fs::create_directories(dir);
    const fs::path source(TATA_SOURCE_DIR);
    const auto areas = tata::nik::AreaRegistry::shared(source / "rules" / "wilayah");
    const fs::path roster = dir / "roster.csv";
    write_roster(roster, rows, *areas);
    std::printf("Import of %d roster rows (%.1f MB), database in %s\n\n", rows,
                static_cast<double>(fs::file_size(roster)) / 1e6, dir.c_str());

    // Baseline: the sqlite3 shell loading the same file into one table.
    const std::string command = "sqlite3 '" + (dir / "baseline.db").string() + "' '.import --csv " + roster.string() + " roster'";
    auto start = std::chrono::steady_clock::now();
    if (std::system(command.c_str()) != 0) {
        std::fprintf(stderr, "the baseline failed: %s\n", command.c_str());
        return 2;
    }
    const double baseline = tata::bench::seconds_since(start);

    tata::Engine engine(tata::bench::engine_options(dir / "tata.db", {source / "workflows"}));
    start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    const auto report = tata::roster::import_workers(engine, roster, *areas, import);
    const double imported = tata::bench::seconds_since(start);
    // The machines are shared: CPU time shows what waiting for a core hid.
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;

    std::printf("%-52s %10s %12s %10s\n", "measure", "seconds", "rows/s", "vs base");
    std::printf("%-52s %10.2f %12.0f %10s\n", "baseline: sqlite3 .import --csv", baseline, rows / baseline, "1.00");
    std::printf("%-52s %10.2f %12.0f %10.2f\n", "tata import workers (cases + automatic checks)", imported, rows / imported,
                imported / baseline);
    std::printf("%-52s %10.2f %12.0f %10s\n", "  of which CPU time of this process", cpu, rows / cpu, "");
    std::printf("\n%zu created, %zu rejected; budget: <= 5 s and <= 3x baseline: %s\n", report.created, report.rejected,
                imported <= 5.0 && imported <= 3 * baseline ? "met" : "NOT met");
    if (keep) {
        std::printf("database kept: %s\n", (dir / "tata.db").c_str());
        fs::remove(roster);
        fs::remove(dir / "baseline.db");
    } else {
        fs::remove_all(dir);
    }
    return 0;
}
