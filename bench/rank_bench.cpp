// Rank 2.3 million verified workers with a regency's scorecard, reading them
// from the database (DESIGN.md section 8: ≤ 5 s). Baseline in the same run:
// a plain scan of the same index rows.
//
//   build/bench/bench_rank [--workers N] [--dir PATH] [--keep]
//
// --keep leaves the database in --dir, and a later run with the same --dir
// ranks it again without refilling it (for profiling the ranking alone).
//
// The case index is filled directly with SQL (importing 2.3 M rosters through
// the engine would take the benchmark's whole budget); the ranking reads it
// exactly as it reads a real regency's.
#include "bench_support.hpp"
#include "ranking/ranking.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

void fill_index(const fs::path& db, int workers) {
    SQLite::Database handle(db.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(handle);
    SQLite::Statement insert(handle,
                             "INSERT INTO idx_verification (case_id, regency, state, status, result, case_key, nik, nama, "
                             "opd, jabatan, sektor, jenis_kontrak, tmt, kategori, sumber_gaji, honor_bulanan, pendidikan, "
                             "nilai_kinerja, hasil_seleksi, masa_kerja_tahun) VALUES (?, '62.03', 'terverifikasi', "
                             "'completed', 'verified', ?, ?, ?, ?, ?, ?, 'honorer', ?, ?, 'apbd', ?, ?, ?, ?, ?)");
    static const char* sectors[] = {"pendidikan", "kesehatan", "teknis", "administrasi"};
    static const char* jabatan[] = {"Guru Kelas", "Perawat", "Operator", "Pengadministrasi Umum"};
    static const char* categories[] = {"eks_thk2", "database_bkn", "non_database"};
    static const char* education[] = {"SMA", "D3", "S1", "S2"};
    static const char* results[] = {"belum_ikut", "tidak_lulus", "tidak_lulus", "lulus_pppk"};
    tata::bench::SplitMix random(2300000);
    auto next = [&random](int n) { return random.below(n); };
    for (int i = 0; i < workers; ++i) {
        const int s = next(4);
        const std::string nik = std::to_string(6203010000000000LL + i);
        char tmt[16];
        std::snprintf(tmt, sizeof tmt, "%04d-07-01", 2000 + next(24));
        insert.reset();
        insert.bind(1, i + 1);
        insert.bind(2, nik);
        insert.bind(3, nik);
        insert.bind(4, "Pegawai " + std::to_string(i));
        insert.bind(5, std::string("OPD ") + std::to_string(next(40)));
        insert.bind(6, jabatan[s]);
        insert.bind(7, sectors[s]);
        insert.bind(8, tmt);
        insert.bind(9, categories[next(3)]);
        insert.bind(10, 1000000 + next(25) * 100000);
        insert.bind(11, education[next(4)]);
        insert.bind(12, 50.0 + next(51));
        insert.bind(13, results[next(4)]);
        insert.bind(14, next(25));
        insert.exec();
    }
    transaction.commit();
}

}  // namespace

int main(int argc, char** argv) {
    int workers = 2'300'000;
    fs::path dir = fs::temp_directory_path() / ("tata-bench-rank-" + std::to_string(::getpid()));
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--keep") keep = true;
        else if (option == "--workers" && i + 1 < argc) workers = std::atoi(argv[++i]);
        else if (option == "--dir" && i + 1 < argc) dir = argv[++i];
    }
    fs::create_directories(dir);
    const fs::path source(TATA_SOURCE_DIR);
    const tata::EngineOptions options = tata::bench::engine_options(dir / "tata.db", {source / "workflows"});
    const bool filled = keep && fs::exists(options.database);
    { tata::Engine create_schema(options); }
    auto start = std::chrono::steady_clock::now();
    if (filled) {
        std::printf("ranking the workers already in %s\n\n", dir.c_str());
    } else {
        fill_index(options.database, workers);
        std::printf("%d verified workers written to the case index in %.2f s (%s)\n\n", workers,
                    tata::bench::seconds_since(start), dir.c_str());
    }

    tata::Engine engine(options);
    const auto scorecard = tata::ranking::scorecard_path(*engine.definitions()->find_regency("62.03"));

    // Baseline: the same rows and columns, in the same query, each value
    // read as stored and touched, nothing more.
    tata::IndexQuery query;
    query.workflow_id = "verification";
    query.regency = "62.03";
    query.result = "verified";
    query.columns = tata::ranking::indexed_worker_columns();
    query.case_order = false;
    std::size_t bytes = 0;
    start = std::chrono::steady_clock::now();
    engine.scan_index(query, [&](const tata::IndexRow& row) {
        for (std::size_t c = 0; c < query.columns.size(); ++c) {
            const tata::FieldValue value = row.value(c);
            bytes += value.kind == tata::FieldKind::text ? value.text.size() : 8 * !value.is_null();
        }
    });
    const double scan = tata::bench::seconds_since(start);

    start = std::chrono::steady_clock::now();
    const auto ranking = tata::ranking::rank_regency(engine, "62.03");
    const double ranked = tata::bench::seconds_since(start);

    const std::string title = "measure (scorecard " + scorecard.filename().string() + ")";
    std::printf("%-52s %10s %14s %10s\n", title.c_str(), "seconds", "workers/s", "vs base");
    std::printf("%-52s %10.2f %14.0f %10s\n", "baseline: scan of the index rows", scan, workers / scan, "1.00");
    std::printf("%-52s %10.2f %14.0f %10.2f\n", "rank (read + scorecard + order + outcomes)", ranked, workers / ranked,
                ranked / scan);
    std::printf("\n%zu workers ranked (%zu bytes scanned); budget <= 5 s: %s\n", ranking.workers.size(), bytes,
                ranked <= 5.0 ? "met" : "NOT met");
    if (!keep) fs::remove_all(dir);
    return 0;
}
