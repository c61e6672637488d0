// Rankings large enough to take the paths a handful of workers never takes:
// the index read in many batches handed to the scoring thread
// (ranking/row_pipeline.hpp), and the order sorted in two halves and merged
// (ranking/rank_order.cpp, from 100,000 workers).
//
// The case index is filled directly with SQL, as bench_rank fills it:
// importing thousands of rosters through the engine would take minutes, and
// the ranking reads the index rows exactly as it reads a real regency's.
#include "ranking/ranking.hpp"
#include "support/test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

using namespace tata;
using namespace tata::test;
using namespace tata::ranking;
using Catch::Matchers::Contains;

namespace {

struct Worker {
    std::string nik, opd, jabatan, sektor, tmt, kategori, pendidikan, hasil;
    double nilai = 0;
    int honor = 0;
};

// Deterministic, varied workers: every group, sector and tie-break occurs,
// and many share their points so that the tie-breaks and the NIK decide.
std::vector<Worker> workers(int count) {
    static const char* sectors[] = {"pendidikan", "kesehatan", "teknis", "administrasi"};
    static const char* jabatan[] = {"Guru Kelas", "Perawat", "Operator", "Pengadministrasi Umum"};
    static const char* categories[] = {"eks_thk2", "database_bkn", "non_database"};
    static const char* education[] = {"SMA", "D3", "S1", "S2"};
    static const char* results[] = {"belum_ikut", "tidak_lulus", "tidak_lulus", "lulus_pppk"};
    std::vector<Worker> out;
    std::uint64_t state = 2300000;
    const auto next = [&state](int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
    };
    for (int i = 0; i < count; ++i) {
        const int s = next(4);
        Worker w;
        // Not in row order, so that the NIK tie-break has work to do.
        w.nik = std::to_string(6203010000000000LL + (static_cast<long long>(i) * 7919) % count);
        w.opd = "OPD " + std::to_string(next(40));
        w.jabatan = jabatan[s];
        w.sektor = sectors[s];
        w.tmt = std::to_string(2000 + next(24)) + "-07-01";
        w.kategori = categories[next(3)];
        w.pendidikan = education[next(4)];
        w.hasil = results[next(4)];
        w.nilai = 50 + next(51);
        w.honor = 1000000 + next(25) * 100000;
        out.push_back(w);
    }
    return out;
}

nlohmann::json record_of(const Worker& w) {
    return {{"nik", w.nik},         {"nama", "Pegawai " + w.nik.substr(10)},
            {"opd", w.opd},         {"jabatan", w.jabatan},
            {"sektor", w.sektor},   {"jenis_kontrak", "honorer"},
            {"tmt", w.tmt},         {"kategori", w.kategori},
            {"sumber_gaji", "apbd"}, {"honor_bulanan", w.honor},
            {"pendidikan", w.pendidikan}, {"nilai_kinerja", w.nilai},
            {"hasil_seleksi", w.hasil}};
}

void fill_index(const fs::path& database, const std::vector<Worker>& all) {
    SQLite::Database db(database.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(db);
    SQLite::Statement insert(db,
                             "INSERT INTO idx_verification (case_id, regency, state, status, result, case_key, nik, nama, "
                             "opd, jabatan, sektor, jenis_kontrak, tmt, kategori, sumber_gaji, honor_bulanan, pendidikan, "
                             "nilai_kinerja, hasil_seleksi) VALUES (?, '62.03', 'terverifikasi', 'completed', 'verified', "
                             "?, ?, ?, ?, ?, ?, 'honorer', ?, ?, 'apbd', ?, ?, ?, ?)");
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Worker& w = all[i];
        insert.reset();
        insert.bind(1, static_cast<std::int64_t>(i + 1));
        insert.bind(2, w.nik);
        insert.bind(3, w.nik);
        insert.bind(4, "Pegawai " + w.nik.substr(10));
        insert.bind(5, w.opd);
        insert.bind(6, w.jabatan);
        insert.bind(7, w.sektor);
        insert.bind(8, w.tmt);
        insert.bind(9, w.kategori);
        insert.bind(10, w.honor);
        insert.bind(11, w.pendidikan);
        insert.bind(12, w.nilai);
        insert.bind(13, w.hasil);
        insert.exec();
    }
    transaction.commit();
}

struct IndexFixture {
    TempDir dir;
    EngineOptions options;
    std::unique_ptr<Engine> engine;
    std::vector<Worker> all;

    explicit IndexFixture(int count) : all(workers(count)) {
        options = engine_options(dir, {source_dir() / "workflows"},
                                 std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
        options.sources.rules = {source_dir() / "rules"};
        options.sources.plugins = {core_plugin_dir()};
        { Engine create_schema(options); }
        fill_index(options.database, all);
        engine = std::make_unique<Engine>(options);
    }
};

std::vector<std::string> niks(const Ranking& r) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < r.workers.size(); ++i) out.push_back(r.workers[i].nik());
    return out;
}

}  // namespace

TEST_CASE("a regency read from its index in many batches ranks as its records do in memory", "[ranking][engine]") {
    IndexFixture f(8'192);  // two whole batches of the pipeline: none is left for finish() to hand over
    const auto formasi = load_formasi(source_dir() / "rules" / "62.03" / "formasi-2025.yaml");
    const Ranking from_index = rank_regency(*f.engine, "62.03", formasi);
    REQUIRE(from_index.workers.size() == f.all.size());

    // The same workers ranked from JSON records on this thread, with the
    // regency's scorecard (its Kapuas scorer plugin included) and policy.
    std::vector<nlohmann::json> records;
    for (const auto& w : f.all) records.push_back(record_of(w));
    const auto definitions = f.engine->definitions();
    const Regency& kapuas = *definitions->find_regency("62.03");
    const Scorecard card = Scorecard::load(scorecard_path(kapuas), nullptr,
                                           {definitions->plugins, kapuas.code, kapuas.settings_json});
    RankingPolicy policy;
    policy.reference_date = "2025-06-10";
    policy.offer_outsourcing = kapuas.settings["outsourcing"].value("offer_to_not_accommodated", false);
    const Ranking in_memory = rank_records(records, card, formasi, policy);

    CHECK(niks(from_index) == niks(in_memory));
    CHECK(from_index.by_outcome == in_memory.by_outcome);
    CHECK(from_index.formasi_left == in_memory.formasi_left);
    for (std::size_t i = 0; i < from_index.workers.size(); i += 997) {
        CHECK(from_index.workers[i].points == in_memory.workers[i].points);
        CHECK(from_index.workers[i].outcome == in_memory.workers[i].outcome);
    }
}

TEST_CASE("a batch of a few short texts reaches the scoring thread intact", "[ranking][engine]") {
    // One worker whose texts together fit inside a std::string object (its
    // short-string buffer): the batch's views must be taken where it no
    // longer moves, or they point into the string it was moved from.
    IndexFixture f(0);
    CHECK(rank_regency_own_formasi(*f.engine, "62.03").workers.empty());  // no row at all
    {
        SQLite::Database db(f.options.database.string(), SQLite::OPEN_READWRITE);
        db.exec("INSERT INTO idx_verification (case_id, regency, state, status, result, nik, sektor) "
                "VALUES (1, '62.03', 'terverifikasi', 'completed', 'verified', 'N1', 'teknis')");
    }
    const Ranking ranking = rank_regency_own_formasi(*f.engine, "62.03");
    REQUIRE(ranking.workers.size() == 1);
    CHECK(ranking.workers[0].nik() == "N1");
    CHECK(ranking.workers[0].record["sektor"] == "teknis");
}

TEST_CASE("rows reach the scoring thread in the scan's order, also when the scan must wait for room", "[ranking][engine]") {
    IndexFixture f(30'000);  // seven whole batches and a part
    IndexQuery query;
    query.workflow_id = "verification";
    query.regency = "62.03";
    query.result = "verified";
    query.columns = indexed_worker_columns();
    query.case_order = false;  // as the ranking reads them
    std::vector<std::string> scanned;
    f.engine->scan_index(query, [&](const IndexRow& row) { scanned.emplace_back(row.text(column::nik)); });

    std::vector<std::string> scored;
    RankingOverrides overrides;
    overrides.include = [&](const WorkerValues& values) {
        // Slow at first: the scan fills every batch it may queue and waits.
        if (scored.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
        scored.emplace_back(values[column::nik].text);
        return true;
    };
    CHECK(rank_regency_with(*f.engine, "62.03", overrides).workers.size() == f.all.size());
    REQUIRE(scored.size() == scanned.size());
    CHECK(scored == scanned);
}

TEST_CASE("a failure while scoring stops the scan with its reason, and the engine reads on", "[ranking][engine]") {
    IndexFixture f(30'000);
    std::size_t seen = 0;
    RankingOverrides overrides;
    overrides.include = [&](const WorkerValues& values) {
        // Early: the scan is still reading, and learns of it when it hands
        // over its next batch.
        if (++seen == 100) throw std::runtime_error("berhenti pada NIK " + std::string(values[column::nik].text));
        return true;
    };
    CHECK_THROWS_WITH(rank_regency_with(*f.engine, "62.03", overrides), Contains("berhenti pada NIK 6203"));
    CHECK(seen == 100);  // nothing was scored after the failure

    // The scan ended and let go of the engine: the next ranking reads it all.
    CHECK(rank_regency_own_formasi(*f.engine, "62.03").workers.size() == f.all.size());
}

TEST_CASE("100,000 workers and more are ordered in two halves exactly as one sort orders them", "[ranking]") {
    // Beyond the threshold at which rank_order sorts each half on its own
    // core. The order is checked pair by pair against the scorecard's own
    // criteria, so a wrong merge cannot hide behind a second wrong merge.
    const auto all = workers(120'001);  // odd: the halves differ in size
    std::vector<nlohmann::json> records;
    for (const auto& w : all) records.push_back(record_of(w));
    const auto card = Scorecard::parse(R"(rules:
  - {id: guru, label: Tenaga pendidikan, when: "sektor == 'pendidikan'", points: 10}
  - {id: s1, label: Sarjana, when: "pendidikan == 'S1' or pendidikan == 'S2'", points: 5}
tie_breaks:
  - {field: nilai_kinerja, order: desc}
  - {field: tmt, order: asc}
)",
                                       "kartu.yaml");
    RankingPolicy policy;
    policy.reference_date = "2025-06-10";
    const Ranking ranking = rank_records(records, card, {}, policy);
    REQUIRE(ranking.workers.size() == all.size());

    std::map<std::string, int> group_order;  // the codes in the national order
    for (int g = 0; g <= static_cast<int>(Group::none); ++g) group_order[group_code(static_cast<Group>(g))] = g;
    std::set<std::string> distinct;
    std::optional<RankedWorker> previous;
    std::size_t decided_by_nik = 0;
    for (std::size_t i = 0; i < ranking.workers.size(); ++i) {
        RankedWorker w = ranking.workers[i];
        distinct.insert(w.nik());
        if (previous) {
            const auto& p = *previous;
            const auto key = [&](const RankedWorker& x) {
                return std::tuple(group_order.at(x.group), -x.points, -x.record["nilai_kinerja"].get<double>(),
                                  x.record["tmt"].get<std::string>());
            };
            INFO("position " << i << ": " << p.nik() << " then " << w.nik());
            REQUIRE(key(p) <= key(w));
            if (key(p) == key(w)) {
                REQUIRE(p.nik() < w.nik());
                ++decided_by_nik;
            }
        }
        previous = std::move(w);
    }
    CHECK(distinct.size() == all.size());  // each worker once
    CHECK(decided_by_nik > 1'000);        // the last criterion was exercised
}
