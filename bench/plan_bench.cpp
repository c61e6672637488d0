// What-if scenarios at regency and national size (issue 12): simulate the
// shipped Kapuas scenarios over N verified workers, each beside the plain
// ranking of the same data in the same run. Budget: a scenario costs at
// most 1.5 × one ranking.
//
//   build/bench/bench_plan [--workers N] [--scenarios K] [--dir PATH]
//
// 100,000 workers and the three shipped scenarios by default; the national
// figure is `--workers 2300000 --scenarios 1`. The workers are spread over
// the OPD and jabatan of Kapuas' ABK table, so its proposed formasi fill.
#include "bench_support.hpp"
#include "planning/scenario.hpp"
#include "ranking/ranking.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Post {
    const char* opd;
    const char* jabatan;
    const char* sektor;
};

// The OPD and jabatan of rules/62.03/abk.yaml, and two that it lacks.
const Post kPosts[] = {
    {"Dinas Pendidikan", "Guru Kelas", "pendidikan"},
    {"Dinas Pendidikan", "Guru Mapel", "pendidikan"},
    {"Dinas Pendidikan", "Tenaga Kependidikan", "pendidikan"},
    {"Dinas Pendidikan", "Operator Komputer", "administrasi"},
    {"RSUD dr. H. Soemarno Sosroatmodjo", "Perawat", "kesehatan"},
    {"RSUD dr. H. Soemarno Sosroatmodjo", "Tenaga Kesehatan Lainnya", "kesehatan"},
    {"RSUD dr. H. Soemarno Sosroatmodjo", "Pengadministrasi Umum", "administrasi"},
    {"Dinas Lingkungan Hidup", "Petugas Kebersihan", "teknis"},
    {"Dinas Perhubungan", "Operator", "teknis"},
    {"Sekretariat Daerah", "Satpam", "teknis"},
};

void fill_index(const fs::path& db, int workers) {
    SQLite::Database handle(db.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(handle);
    SQLite::Statement insert(handle,
                             "INSERT INTO idx_verification (case_id, regency, state, status, result, case_key, nik, nama, "
                             "opd, jabatan, sektor, jenis_kontrak, tmt, kategori, sumber_gaji, honor_bulanan, pendidikan, "
                             "nilai_kinerja, hasil_seleksi, masa_kerja_tahun) VALUES (?, '62.03', 'terverifikasi', "
                             "'completed', 'verified', ?, ?, ?, ?, ?, ?, 'honorer', ?, ?, 'apbd', ?, ?, ?, ?, ?)");
    static const char* categories[] = {"eks_thk2", "database_bkn", "non_database"};
    static const char* education[] = {"SMA", "D3", "S1", "S2"};
    static const char* results[] = {"belum_ikut", "tidak_lulus", "tidak_lulus", "tidak_lulus", "lulus_pppk"};
    tata::bench::SplitMix random(100000);
    for (int i = 0; i < workers; ++i) {
        const Post& post = kPosts[random.below(static_cast<int>(std::size(kPosts)))];
        const std::string nik = std::to_string(6203010000000000LL + i);
        char tmt[16];
        std::snprintf(tmt, sizeof tmt, "%04d-07-01", 2000 + random.below(24));
        insert.reset();
        insert.bind(1, i + 1);
        insert.bind(2, nik);
        insert.bind(3, nik);
        insert.bind(4, "Pegawai " + std::to_string(i));
        insert.bind(5, post.opd);
        insert.bind(6, post.jabatan);
        insert.bind(7, post.sektor);
        insert.bind(8, tmt);
        insert.bind(9, categories[random.below(3)]);
        insert.bind(10, 1000000 + random.below(30) * 100000);
        insert.bind(11, education[random.below(4)]);
        insert.bind(12, 50.0 + random.below(51));
        insert.bind(13, results[random.below(5)]);
        insert.bind(14, random.below(25));
        insert.exec();
    }
    transaction.commit();
}

}  // namespace

int main(int argc, char** argv) {
    int workers = 100'000;
    int scenarios = 3;
    fs::path dir = fs::temp_directory_path() / ("tata-bench-plan-" + std::to_string(::getpid()));
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--workers" && i + 1 < argc) workers = std::atoi(argv[++i]);
        else if (option == "--scenarios" && i + 1 < argc) scenarios = std::atoi(argv[++i]);
        else if (option == "--dir" && i + 1 < argc) dir = argv[++i];
    }
    fs::create_directories(dir);
    const fs::path source(TATA_SOURCE_DIR);
    const tata::EngineOptions options = tata::bench::engine_options(dir / "tata.db", {source / "workflows"});
    { tata::Engine create_schema(options); }
    auto start = std::chrono::steady_clock::now();
    fill_index(options.database, workers);
    std::printf("%d verified workers written to the case index in %.2f s (%s)\n\n", workers,
                tata::bench::seconds_since(start), dir.c_str());

    tata::Engine engine(options);
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(source / "rules" / "62.03" / "skenario")) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    files.resize(std::min<std::size_t>(files.size(), static_cast<std::size_t>(std::max(1, scenarios))));

    // Baseline: the plain ranking of the same data, the regency's own formasi.
    start = std::chrono::steady_clock::now();
    const auto ranking = tata::ranking::rank_regency_own_formasi(engine, "62.03");
    const double ranked = tata::bench::seconds_since(start);

    start = std::chrono::steady_clock::now();
    const auto context = tata::planning::planning_context(engine, "62.03");
    const double prepared = tata::bench::seconds_since(start);

    std::printf("%-52s %10s %10s\n", "measure", "seconds", "vs rank");
    std::printf("%-52s %10.2f %10s\n", "baseline: rank (read + scorecard + order + outcomes)", ranked, "1.00");
    std::printf("%-52s %10.2f %10.2f\n", "planning context (ABK needs, roster counts, fiscal)", prepared, prepared / ranked);
    double worst = 0;
    for (const auto& file : files) {
        const auto scenario = tata::planning::load_scenario(file);
        start = std::chrono::steady_clock::now();
        const auto result = tata::planning::simulate(engine, context, scenario);
        const double took = tata::bench::seconds_since(start);
        worst = std::max(worst, took / ranked);
        const std::string label = "simulate " + file.filename().string() + " (rank + cost)";
        std::printf("%-52s %10.2f %10.2f   %zu ranked, Rp %.0f a year\n", label.c_str(), took, took / ranked,
                    result.ranking.workers.size(), result.biaya_total);
    }
    std::printf("\n%zu workers; the costliest scenario took %.2f × one ranking; budget <= 1.5: %s\n",
                ranking.workers.size(), worst, worst <= 1.5 ? "met" : "NOT met");
    fs::remove_all(dir);
    return 0;
}
