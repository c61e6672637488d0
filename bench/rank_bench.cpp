// Rank 2.3 million verified workers with a regency's scorecard, reading them
// from the database (DESIGN.md section 8: ≤ 5 s). Baseline in the same run:
// a plain scan of the same index rows.
//
//   build/bench/bench_rank [--workers N] [--dir PATH] [--keep] [--postgresql URI]
//
// --postgresql ranks from that (empty) PostgreSQL database instead of a
// SQLite file (bench/pg_bench.sh runs it on a throwaway server).
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
#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// A libpq connection for filling the index with COPY.
class PgSession {
public:
    explicit PgSession(const std::string& uri) : conn_(PQconnectdb(uri.c_str()), &PQfinish) {
        if (PQstatus(conn_.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_.get()));
    }
    void exec(const std::string& sql) {
        const std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn_.get(), sql.c_str()), &PQclear);
        const auto status = PQresultStatus(result.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN)
            throw std::runtime_error(sql + ": " + PQresultErrorMessage(result.get()));
    }
    void copy(const std::string& rows) {
        if (PQputCopyData(conn_.get(), rows.data(), static_cast<int>(rows.size())) != 1)
            throw std::runtime_error(PQerrorMessage(conn_.get()));
    }
    void end_copy() {
        if (PQputCopyEnd(conn_.get(), nullptr) != 1) throw std::runtime_error(PQerrorMessage(conn_.get()));
        const std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQgetResult(conn_.get()), &PQclear);
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
            throw std::runtime_error(std::string("COPY: ") + PQresultErrorMessage(result.get()));
        while (PGresult* rest = PQgetResult(conn_.get())) PQclear(rest);
    }

private:
    std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
};

// One worker's index row, as a verified case of the roster would leave it.
struct WorkerRow {
    std::int64_t case_id;
    std::string nik, nama, opd, jabatan, sektor, tmt, kategori, pendidikan, hasil_seleksi;
    std::int64_t honor_bulanan, nilai_kinerja, masa_kerja_tahun;
};

// The same workers for either store, in the same order (a fixed seed).
template <typename Visit>
void generate_workers(int workers, Visit visit) {
    static const char* sectors[] = {"pendidikan", "kesehatan", "teknis", "administrasi"};
    static const char* jabatan[] = {"Guru Kelas", "Perawat", "Operator", "Pengadministrasi Umum"};
    static const char* categories[] = {"eks_thk2", "database_bkn", "non_database"};
    static const char* education[] = {"SMA", "D3", "S1", "S2"};
    static const char* results[] = {"belum_ikut", "tidak_lulus", "tidak_lulus", "lulus_pppk"};
    tata::bench::SplitMix random(2300000);
    auto next = [&random](int n) { return random.below(n); };
    WorkerRow row;
    for (int i = 0; i < workers; ++i) {
        const int s = next(4);
        row.case_id = i + 1;
        row.nik = std::to_string(6203010000000000LL + i);
        row.nama = "Pegawai " + std::to_string(i);
        row.opd = std::string("OPD ") + std::to_string(next(40));
        row.jabatan = jabatan[s];
        row.sektor = sectors[s];
        char tmt[16];
        std::snprintf(tmt, sizeof tmt, "%04d-07-01", 2000 + next(24));
        row.tmt = tmt;
        row.kategori = categories[next(3)];
        row.honor_bulanan = 1000000 + next(25) * 100000;
        row.pendidikan = education[next(4)];
        row.nilai_kinerja = 50 + next(51);
        row.hasil_seleksi = results[next(4)];
        row.masa_kerja_tahun = next(25);
        visit(row);
    }
}

const char* const kIndexColumns =
    "case_id, regency, state, status, result, case_key, nik, nama, opd, jabatan, sektor, jenis_kontrak, tmt, kategori, "
    "sumber_gaji, honor_bulanan, pendidikan, nilai_kinerja, hasil_seleksi, masa_kerja_tahun";

void fill_index(const fs::path& db, int workers) {
    SQLite::Database handle(db.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(handle);
    SQLite::Statement insert(handle, std::string("INSERT INTO idx_verification (") + kIndexColumns +
                                         ") VALUES (?, '62.03', 'terverifikasi', 'completed', 'verified', ?, ?, ?, ?, ?, "
                                         "?, 'honorer', ?, ?, 'apbd', ?, ?, ?, ?, ?)");
    generate_workers(workers, [&](const WorkerRow& row) {
        insert.reset();
        insert.bind(1, row.case_id);
        insert.bind(2, row.nik);
        insert.bind(3, row.nik);
        insert.bind(4, row.nama);
        insert.bind(5, row.opd);
        insert.bind(6, row.jabatan);
        insert.bind(7, row.sektor);
        insert.bind(8, row.tmt);
        insert.bind(9, row.kategori);
        insert.bind(10, row.honor_bulanan);
        insert.bind(11, row.pendidikan);
        insert.bind(12, static_cast<double>(row.nilai_kinerja));
        insert.bind(13, row.hasil_seleksi);
        insert.bind(14, row.masa_kerja_tahun);
        insert.exec();
    });
    transaction.commit();
}

// The same rows into PostgreSQL with COPY (an INSERT per row would take
// minutes of round trips). The index table's case_id refers to cases: the
// cases' rows are not needed by the ranking, so the reference is dropped
// for the fill, as a bench of the index alone.
void fill_index(const std::string& uri, int workers) {
    PgSession db(uri);
    db.exec("BEGIN");
    db.exec("ALTER TABLE idx_verification DROP CONSTRAINT IF EXISTS idx_verification_case_id_fkey");
    db.exec(std::string("COPY idx_verification (") + kIndexColumns + ") FROM STDIN");
    std::string chunk;
    generate_workers(workers, [&](const WorkerRow& row) {
        chunk += std::to_string(row.case_id) + "\t62.03\tterverifikasi\tcompleted\tverified\t" + row.nik + "\t" + row.nik +
                 "\t" + row.nama + "\t" + row.opd + "\t" + row.jabatan + "\t" + row.sektor + "\thonorer\t" + row.tmt +
                 "\t" + row.kategori + "\tapbd\t" + std::to_string(row.honor_bulanan) + "\t" + row.pendidikan + "\t" +
                 std::to_string(row.nilai_kinerja) + "\t" + row.hasil_seleksi + "\t" + std::to_string(row.masa_kerja_tahun) +
                 "\n";
        if (chunk.size() > (1 << 20)) {
            db.copy(chunk);
            chunk.clear();
        }
    });
    db.copy(chunk);
    db.end_copy();
    db.exec("COMMIT");
    db.exec("ANALYZE idx_verification");
}

}  // namespace

int main(int argc, char** argv) {
    int workers = 2'300'000;
    fs::path dir = fs::temp_directory_path() / ("tata-bench-rank-" + std::to_string(::getpid()));
    bool keep = false;
    std::string postgresql;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (option == "--keep") keep = true;
        else if (option == "--workers" && i + 1 < argc) workers = std::atoi(argv[++i]);
        else if (option == "--dir" && i + 1 < argc) dir = argv[++i];
        else if (option == "--postgresql" && i + 1 < argc) postgresql = argv[++i];
    }
    fs::create_directories(dir);
    const fs::path source(TATA_SOURCE_DIR);
    tata::EngineOptions options = tata::bench::engine_options(dir / "tata.db", {source / "workflows"});
    if (!postgresql.empty()) options.database = postgresql;
    const bool filled = keep && postgresql.empty() && fs::exists(options.database);
    { tata::Engine create_schema(options); }
    auto start = std::chrono::steady_clock::now();
    if (filled) {
        std::printf("ranking the workers already in %s\n\n", dir.c_str());
    } else {
        if (postgresql.empty())
            fill_index(options.database, workers);
        else
            fill_index(postgresql, workers);
        std::printf("%d verified workers written to the case index in %.2f s (%s)\n\n", workers,
                    tata::bench::seconds_since(start), postgresql.empty() ? dir.c_str() : "PostgreSQL");
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
