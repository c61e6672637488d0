// Lists and searches at national size (bench/list_bench.sh runs both modes):
//
//   bench_lists fill --dir PATH [--cases N]
//     writes N verification cases (2.3 M by default) spread over the five
//     shipped regencies straight into the tables (the engine would take an
//     hour to import them), each active with an open task that falls due
//     over the coming weeks, then opens the engine, which builds the text
//     index of every case the way it does after an upgrade: that is the cost
//     of keeping the index, set beside the cost of writing the cases.
//
//   bench_lists measure --url URL --token TOKEN [--requests N]
//     times each list, search and filter route through the real server
//     (N sequential requests each, p50 and p99), beside reading one case by
//     its number, the baseline of the same run.
#include "bench_support.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The shipped regencies: cases of an undefined regency would stop the
// engine from loading (cases in flight need their rules).
const char* const kRegencies[] = {"62.03", "64.71", "63.08", "13.74", "51.05"};
const char* const kFirstNames[] = {"Siti", "Nur", "Ahmad", "Budi", "Dewi", "Rina", "Agus", "Made", "Wayan", "Putri",
                                   "Muhammad", "Sri", "Dian", "Eko", "Fitri", "Yusuf", "Lestari", "Hendra", "Ani", "Rudi"};
const char* const kLastNames[] = {"Aminah", "Rahmawati", "Santoso", "Saputra", "Wijaya", "Hidayat", "Nursiti",
                                  "Handayani", "Kusuma", "Pratama", "Setiawan", "Lubis", "Siregar", "Yani", "Halim"};
const char* const kOpds[] = {"Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum", "Sekretariat Daerah",
                             "Dinas Perhubungan", "Badan Pendapatan Daerah", "Dinas Sosial", "Kecamatan Selat"};

int fill(const fs::path& dir, int cases) {
    fs::create_directories(dir);
    const tata::EngineOptions options = tata::bench::engine_options(dir / "tata.db", {fs::path(TATA_SOURCE_DIR) / "workflows"});
    std::shared_ptr<const tata::Workflow> workflow, grievance;
    {
        tata::Engine create_schema(options);  // schema and index tables
        workflow = create_schema.definitions()->latest("verification");
        grievance = create_schema.definitions()->latest("grievance");
    }
    auto start = std::chrono::steady_clock::now();
    {
        SQLite::Database db(options.database.string(), SQLite::OPEN_READWRITE);
        SQLite::Transaction transaction(db);
        // The definition the cases run on, as the engine pins it.
        SQLite::Statement pin(db, "INSERT INTO workflow_definitions (workflow_id, version, sha256, source) VALUES (?, ?, ?, ?)");
        for (const auto& definition : {workflow, grievance}) {
            pin.reset();
            pin.bind(1, definition->id);
            pin.bind(2, definition->version);
            pin.bind(3, definition->source_sha256);
            pin.bind(4, definition->source_text);
            pin.exec();
        }
        // One case in fifty is a worker's grievance waiting for its
        // verification (the grievance queue), the others verification files
        // waiting for a manual review (the officers' inbox).
        SQLite::Statement insert_case(
            db, "INSERT INTO cases (id, regency, workflow_id, workflow_version, state, status, result, data, version, "
                "created_at, updated_at, case_key) VALUES (?, ?, ?, ?, ?, 'active', '', ?, 1, ?, ?, ?)");
        SQLite::Statement insert_index(
            db, "INSERT INTO idx_verification (case_id, regency, state, status, result, case_key, nik, nama, opd) VALUES "
                "(?, ?, 'tinjauan_manual', 'active', '', ?, ?, ?, ?)");
        // One Kapuas file in five is verified, with what the ranking reads.
        SQLite::Statement insert_verified(
            db, "INSERT INTO idx_verification (case_id, regency, state, status, result, case_key, nik, nama, opd, jabatan, "
                "sektor, jenis_kontrak, tmt, kategori, sumber_gaji, honor_bulanan, pendidikan, nilai_kinerja, "
                "hasil_seleksi) VALUES (?, ?, 'terverifikasi', 'completed', 'verified', ?, ?, ?, ?, 'Guru Kelas', "
                "'pendidikan', 'honorer', ?, ?, 'apbd', ?, ?, ?, ?)");
        SQLite::Statement complete(db, "UPDATE cases SET status = 'completed', result = 'verified' WHERE id = ?");
        static const char* const categories[] = {"eks_thk2", "database_bkn", "non_database"};
        static const char* const education[] = {"SMA", "D3", "S1", "S2"};
        static const char* const results[] = {"belum_ikut", "tidak_lulus", "tidak_lulus", "lulus_pppk"};
        SQLite::Statement insert_task(
            db, "INSERT INTO tasks (case_id, state, title, roles, opened_at, due_at) VALUES (?, ?, ?, '[\"officer\"]', ?, ?)");
        tata::bench::SplitMix random(2300000);
        const std::int64_t now = 1749520800;  // the bench clock, 2025-06-10
        for (int i = 1; i <= cases; ++i) {
            const char* regency = kRegencies[i % 5];
            const std::string nik = std::string(regency).substr(0, 2) + std::string(regency).substr(3, 2) +
                                    std::to_string(100000000000LL + i);
            const std::string nama = std::string(kFirstNames[random.below(20)]) + " " + kLastNames[random.below(15)];
            const std::string opd = kOpds[random.below(8)];
            const bool complaint = (i / 5) % 50 == 0;  // one in fifty of each regency
            const nlohmann::json data =
                complaint ? nlohmann::json{{"nik", nik}, {"nama_pelapor", nama}, {"kategori", "status_kepegawaian"}}
                          : nlohmann::json{{"nik", nik}, {"nama", nama}, {"opd", opd}, {"jabatan", "Guru Kelas"}};
            const bool verified = !complaint && i % 5 == 0 && (i / 5) % 5 == 1;
            const char* state = complaint ? "verifikasi" : verified ? "terverifikasi" : "tinjauan_manual";
            insert_case.reset();
            insert_case.bind(1, i);
            insert_case.bind(2, regency);
            insert_case.bind(3, complaint ? "grievance" : "verification");
            insert_case.bind(4, complaint ? grievance->version : workflow->version);
            insert_case.bind(5, state);
            insert_case.bind(6, data.dump());
            insert_case.bind(7, now);
            insert_case.bind(8, now);
            if (complaint) insert_case.bind(9);
            else insert_case.bind(9, nik);
            insert_case.exec();
            if (verified) {
                char tmt[16];
                std::snprintf(tmt, sizeof tmt, "%04d-07-01", 2000 + static_cast<int>(random.below(24)));
                insert_verified.reset();
                insert_verified.bind(1, i);
                insert_verified.bind(2, regency);
                insert_verified.bind(3, nik);
                insert_verified.bind(4, nik);
                insert_verified.bind(5, nama);
                insert_verified.bind(6, opd);
                insert_verified.bind(7, tmt);
                insert_verified.bind(8, categories[random.below(3)]);
                insert_verified.bind(9, 1000000 + static_cast<int>(random.below(25)) * 100000);
                insert_verified.bind(10, education[random.below(4)]);
                insert_verified.bind(11, 50.0 + static_cast<double>(random.below(51)));
                insert_verified.bind(12, results[random.below(4)]);
                insert_verified.exec();
                complete.reset();
                complete.bind(1, i);
                complete.exec();
                continue;  // completed: no open task
            }
            if (!complaint) {
                insert_index.reset();
                insert_index.bind(1, i);
                insert_index.bind(2, regency);
                insert_index.bind(3, nik);
                insert_index.bind(4, nik);
                insert_index.bind(5, nama);
                insert_index.bind(6, opd);
                insert_index.exec();
            }
            insert_task.reset();
            insert_task.bind(1, i);
            insert_task.bind(2, state);
            insert_task.bind(3, complaint ? "Verifikasi pengaduan" : "Tinjauan manual data NIK");
            insert_task.bind(4, now - random.below(90) * 86400);  // opened over the last three months
            insert_task.bind(5, now + (random.below(60) - 20) * 86400);  // some already late
            insert_task.exec();
        }
        // The text index is built by the engine below, as after an upgrade.
        db.exec("DELETE FROM case_search; DELETE FROM case_search_fields");
        transaction.commit();
    }
    const double written = tata::bench::seconds_since(start);
    start = std::chrono::steady_clock::now();
    { tata::Engine build_text_index(options); }
    const double indexed = tata::bench::seconds_since(start);
    std::printf("%-52s %10s %14s %10s\n", "fill", "seconds", "cases/s", "vs base");
    std::printf("%-52s %10.2f %14.0f %10s\n", "baseline: write cases, index rows and tasks", written, cases / written, "1.00");
    std::printf("%-52s %10.2f %14.0f %10.2f\n", "build the text index of every case (engine)", indexed, cases / indexed,
                indexed / written);
    std::printf("database: %.0f MB for %d cases\n", static_cast<double>(fs::file_size(options.database)) / 1e6, cases);
    return 0;
}

struct Timing {
    double p50 = 0;
    double p99 = 0;
    std::string sample;  // the first answer's start, to show what came back
};

Timing time_route(const Poco::URI& base, const std::string& token, const std::vector<std::string>& paths, int requests) {
    Poco::Net::HTTPClientSession session(base.getHost(), base.getPort());
    session.setKeepAlive(true);
    std::vector<double> millis;
    Timing timing;
    for (int i = 0; i < requests; ++i) {
        const std::string& path = paths[static_cast<std::size_t>(i) % paths.size()];
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", "Bearer " + token);
        const auto start = std::chrono::steady_clock::now();
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& body = session.receiveResponse(response);
        std::ostringstream text;
        text << body.rdbuf();
        millis.push_back(tata::bench::seconds_since(start) * 1000);
        if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
            std::fprintf(stderr, "%s answered %d: %s\n", path.c_str(), static_cast<int>(response.getStatus()),
                         text.str().substr(0, 300).c_str());
            std::exit(1);
        }
        if (i == 0) {
            const auto json = nlohmann::json::parse(text.str());
            if (json.contains("total"))
                timing.sample = std::to_string(json["total"].get<std::size_t>()) +
                                (json.value("total_exact", true) ? "" : "+") + " found";
        }
    }
    std::sort(millis.begin(), millis.end());
    timing.p50 = millis[millis.size() / 2];
    timing.p99 = millis[std::min(millis.size() - 1, millis.size() * 99 / 100)];
    return timing;
}

int measure(const std::string& url, const std::string& token, int requests) {
    const Poco::URI base(url);
    std::vector<std::string> reads;
    for (int i = 1; i <= 50; ++i) reads.push_back("/api/v1/cases/" + std::to_string(i * 5 * 97));  // Kapuas cases
    const Timing baseline = time_route(base, token, reads, requests);
    const std::vector<std::pair<std::string, std::vector<std::string>>> routes = {
        {"search a name: q=siti", {"/api/v1/cases?q=siti&per_page=20"}},
        {"search a rare name: q=nursiti", {"/api/v1/cases?q=nursiti&per_page=20"}},
        {"a name 1,500 files share: q=eko wijaya", {"/api/v1/cases?q=eko%20wijaya&per_page=20"}},
        {"search a NIK prefix: q=6203", {"/api/v1/cases?q=6203&per_page=20"}},
        {"search one NIK", {"/api/v1/cases?q=6203100000000505&per_page=20"}},
        // Page 50 of 20: the last a count of 1,000 numbers; further, the cursor.
        {"search, verification, OPD, page 50",
         {"/api/v1/cases?q=siti&workflow=verification&opd=Dinas%20Pendidikan&per_page=20&page=50"}},
        {"search, verification, OPD, by cursor",
         {"/api/v1/cases?q=siti&workflow=verification&opd=Dinas%20Pendidikan&per_page=20&after=1000000"}},
        {"filter workflow + OPD, page 50",
         {"/api/v1/cases?workflow=verification&opd=Dinas%20Pendidikan&page=50&per_page=20"}},
        {"filter workflow + OPD, by cursor",
         {"/api/v1/cases?workflow=verification&opd=Dinas%20Pendidikan&after=1000000&per_page=20"}},
        {"overdue cases", {"/api/v1/cases?overdue=true&per_page=20"}},
        {"grievance queue: sort=deadline, states", {"/api/v1/cases?workflow=grievance&status=active&sort=deadline&states=true&per_page=25"}},
        {"grievance queue: overdue count", {"/api/v1/cases?workflow=grievance&status=active&sort=deadline&overdue=true&per_page=1"}},
        {"inbox of open tasks", {"/api/v1/tasks?per_page=20"}},
        {"inbox, newest first", {"/api/v1/tasks?urut=terbaru&per_page=20"}},
        {"inbox, oldest first, page 50", {"/api/v1/tasks?urut=terlama&per_page=20&page=50"}},
        {"inbox, search a name, newest first", {"/api/v1/tasks?q=siti&urut=terbaru&per_page=20"}},
        {"ranking, one OPD (kept ranking)", {"/api/v1/ranking?opd=Dinas%20Pendidikan&per_page=20"}},
        {"ranking, search a name (kept ranking)", {"/api/v1/ranking?q=siti&per_page=20"}},
        {"inbox, search a name", {"/api/v1/tasks?q=siti&per_page=20"}},
        {"inbox, a name 1,500 files share", {"/api/v1/tasks?q=eko%20wijaya&per_page=20"}},
    };
    // The ranking is made on its first request and kept (until a case of
    // the regency changes): that first request, once, apart.
    const Timing ranked = time_route(base, token, {"/api/v1/ranking?per_page=20"}, 1);
    std::printf("%-46s %9.2f %9s %9s  %s\n", "ranking: first request ranks", ranked.p50, "", "", ranked.sample.c_str());
    std::printf("%-46s %9s %9s %9s  %s\n", "GET (officer of 62.03)", "p50 ms", "p99 ms", "p99/base", "answer");
    std::printf("%-46s %9.2f %9.2f %9s  %s\n", "baseline: /api/v1/cases/{id}", baseline.p50, baseline.p99, "1.00", "");
    bool met = true;
    for (const auto& [label, paths] : routes) {
        const Timing t = time_route(base, token, paths, requests);
        std::printf("%-46s %9.2f %9.2f %9.2f  %s\n", label.c_str(), t.p50, t.p99, t.p99 / baseline.p99, t.sample.c_str());
        met = met && t.p99 <= 50.0 && t.p99 <= 10 * baseline.p99;
    }
    std::printf("\nbudget: every route p99 <= 50 ms and within 10x the baseline's p99: %s\n", met ? "met" : "NOT met");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as it is measured, also into a pipe
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_lists fill --dir PATH [--cases N] | measure --url URL --token T [--requests N]\n");
        return 2;
    }
    const std::string mode = argv[1];
    fs::path dir;
    std::string url, token;
    int cases = 2'300'000, requests = 200;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--dir") dir = argv[i + 1];
        else if (option == "--cases") cases = std::atoi(argv[i + 1]);
        else if (option == "--url") url = argv[i + 1];
        else if (option == "--token") token = argv[i + 1];
        else if (option == "--requests") requests = std::atoi(argv[i + 1]);
    }
    if (mode == "fill" && !dir.empty()) return fill(dir, cases);
    if (mode == "measure" && !url.empty()) return measure(url, token, requests);
    std::fprintf(stderr, "bench_lists: say fill --dir PATH or measure --url URL --token T\n");
    return 2;
}
