// Performance evaluation (workflows/performance_evaluation.yaml) on the
// shipped regencies with the real core plugin and the shipped predikat
// decision table: every path of the procedure, the list that opens a year,
// the leadership's summary, and the ranking reading the predikat.
#include "performance/evaluation_list.hpp"
#include "performance/open_year.hpp"
#include "performance/predikat_history.hpp"
#include "performance/predikat_summary.hpp"
#include "ranking/policy_check.hpp"
#include "ranking/ranking.hpp"
#include "support/shipped_procedures.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace tata;
using namespace tata::test;
using nlohmann::json;
using Catch::Matchers::Contains;

namespace {

const Actor officer{"budi", "officer"};
const Actor admin{"kepala", "admin"};
const Actor supervisor{"penilai", "supervisor"};
const Actor head{"kadis", "opd_head"};
const Actor worker{"wati", "worker"};
constexpr int kWib = 7 * 60;

const char* kKapuas = "62.03";

json evaluated(const std::string& nik, const std::string& kind = "pppk", int year = 2026) {
    return {{"nik", nik},   {"nama", "Pegawai " + nik.substr(12)}, {"opd", "Dinas Pendidikan"}, {"jabatan", "Guru Kelas"},
            {"jenis_kepegawaian", kind}, {"tahun", year}};
}

CaseId open_case(Procedures& p, const std::string& nik, const std::string& kind = "pppk", int year = 2026) {
    const auto record = p.create(performance::kWorkflow, kKapuas, evaluated(nik, kind, year), officer,
                                 performance::evaluation_key(nik, year));
    REQUIRE(record.state == "penyusunan_target");
    return record.id;
}

void set_targets(Procedures& p, CaseId id) {
    p.fire(id, "tetapkan_target", {{"indikator_1", "RPP tersusun"}, {"target_1", "100%"}}, supervisor);
    CHECK(p.get(id).state == "persetujuan_target");
}

void one_checkin(Procedures& p, CaseId id, int quarter) {
    p.fire(id, "catat_realisasi", {{"realisasi_1", "RPP triwulan " + std::to_string(quarter)}}, worker);
    p.fire(id, "kirim_umpan_balik", {{"umpan_balik", "Baik, lanjutkan"}}, supervisor);
}

// Targets agreed, four check-ins, the annual rating: announced.
CaseRecord rate(Procedures& p, CaseId id, const std::string& hasil, const std::string& perilaku) {
    set_targets(p, id);
    p.fire(id, "setuju", json::object(), worker);
    for (int quarter = 1; quarter <= 4; ++quarter) one_checkin(p, id, quarter);
    REQUIRE(p.get(id).state == "evaluasi_tahunan");
    return p.fire(id, "nilai", {{"hasil_kerja", hasil}, {"perilaku_kerja", perilaku}}, supervisor);
}

std::string state_of(Procedures& p, CaseId id) { return p.get(id).state; }

}  // namespace

TEST_CASE("evaluation: targets agreed, four check-ins, rating, accepted, PPPK contract extended",
          "[performance][workflow]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    const CaseId id = open_case(p, "6203014101900001");
    CaseRecord c = p.get(id);
    REQUIRE(c.open_tasks.size() == 1);
    CHECK(c.open_tasks[0].roles == std::vector<std::string>{"supervisor"});
    // Mon 2 Feb + 10 working days, skipping the Imlek days (16, 17 Feb).
    CHECK(format_iso8601(*c.open_tasks[0].due_at, kWib) == "2026-02-19T00:00:00+07:00");
    CHECK(c.data["jumlah_periode"] == 4);
    CHECK(c.data["status_predikat"] == "belum_dinilai");

    c = rate(p, id, "di_atas_ekspektasi", "sesuai_ekspektasi");
    CHECK(c.state == "masa_keberatan");
    CHECK(c.data["predikat"] == "baik");
    CHECK(c.data["status_predikat"] == "diumumkan");
    const json& why = c.data["keputusan"]["predikat_kinerja"];
    CHECK(why["hasil"]["predikat"] == "baik");
    CHECK(why["masukan"]["hasil_kerja"] == "di_atas_ekspektasi");
    CHECK(why["baris"].is_number_integer());
    CHECK_THAT(why["keterangan"].get<std::string>(), Contains("Baik"));
    // Each period's realisation and feedback kept, the working fields cleared.
    REQUIRE(c.data["riwayat_periode"].size() == 4);
    CHECK(c.data["riwayat_periode"][3]["periode"] == 4);
    CHECK(c.data["riwayat_periode"][0]["realisasi_1"] == "RPP triwulan 1");
    CHECK(c.data["riwayat_periode"][0]["umpan_balik"] == "Baik, lanjutkan");
    CHECK_FALSE(c.data.contains("realisasi_1"));

    c = p.fire(id, "terima_hasil", json::object(), worker);
    CHECK(c.state == "usulan_pppk");
    CHECK(c.data["status_predikat"] == "final");
    CHECK(c.open_tasks[0].roles == std::vector<std::string>{"officer"});
    c = p.fire(id, "perpanjang", {{"alasan_usulan", "Predikat Baik"}, {"lama_perpanjangan_tahun", 5}}, officer);
    CHECK(c.status == CaseStatus::completed);
    CHECK(c.result == "diperpanjang");
}

TEST_CASE("evaluation: the worker asks for changes and the supervisor revises the targets", "[performance][workflow]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    const CaseId id = open_case(p, "6203014101900002");
    set_targets(p, id);
    CaseRecord c = p.fire(id, "minta_perubahan", {{"alasan_perubahan", "Target 100% terlalu tinggi untuk semester ganjil"}}, worker);
    CHECK(c.state == "penyusunan_target");
    REQUIRE(c.data["riwayat_target"].size() == 1);
    CHECK(c.data["riwayat_target"][0]["target_1"] == "100%");
    CHECK(c.data["riwayat_target"][0]["alasan_perubahan"] == "Target 100% terlalu tinggi untuk semester ganjil");
    p.fire(id, "tetapkan_target", {{"indikator_1", "RPP tersusun"}, {"target_1", "90%"}}, supervisor);
    c = p.fire(id, "setuju", json::object(), worker);
    CHECK(c.state == "realisasi_periode");
    CHECK(c.data["target_1"] == "90%");
    CHECK(c.data.contains("target_berlaku_pada"));
}

TEST_CASE("evaluation: who may act at each step", "[performance][workflow][roles]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    const CaseId id = open_case(p, "6203014101900003");
    CHECK_THROWS_AS(p.engine->fire(id, "tetapkan_target", {{"indikator_1", "x"}, {"target_1", "y"}}, worker), Forbidden);
    CHECK_THROWS_AS(p.engine->fire(id, "tetapkan_target", {{"indikator_1", "x"}, {"target_1", "y"}}, officer), Forbidden);
    set_targets(p, id);
    CHECK_THROWS_AS(p.engine->fire(id, "setuju", json::object(), supervisor), Forbidden);
    p.fire(id, "setuju", json::object(), worker);
    for (int quarter = 1; quarter <= 4; ++quarter) one_checkin(p, id, quarter);
    // Ratings outside the scale are refused by the form; nothing moves.
    CHECK_THROWS_AS(p.engine->fire(id, "nilai", {{"hasil_kerja", "luar_biasa"}, {"perilaku_kerja", "sesuai_ekspektasi"}}, supervisor),
                    InvalidInput);
    CHECK(state_of(p, id) == "evaluasi_tahunan");
    CHECK_THROWS_AS(p.engine->fire(id, "nilai", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"}}, head),
                    Forbidden);
    p.fire(id, "nilai", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"}}, supervisor);
    p.fire(id, "ajukan_keberatan", {{"alasan_keberatan", "Realisasi melebihi target"}}, worker);
    // The evaluator does not judge the objection to their own rating.
    CHECK_THROWS_AS(p.engine->fire(id, "tolak", {{"alasan_putusan", "x"}}, supervisor), Forbidden);
}

TEST_CASE("evaluation: late steps escalate in working days", "[performance][workflow][deadlines]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    const CaseId id = open_case(p, "6203014101900004");

    // No targets by the deadline: the OPD head is asked.
    p.set_now("2026-02-19T08:00:00+07:00");
    CHECK(p.run_timers() == 1);
    CaseRecord c = p.get(id);
    CHECK(c.state == "eskalasi_target");
    CHECK(c.open_tasks[0].roles == std::vector<std::string>{"opd_head"});
    p.fire(id, "ingatkan", {{"catatan_eskalasi", "Segera susun target"}}, head);
    set_targets(p, id);

    // The worker does not answer in 5 working days: the supervisor decides.
    p.set_now("2026-03-03T08:00:00+07:00");
    CHECK(p.run_timers() == 1);
    CHECK(state_of(p, id) == "persetujuan_terlambat");
    c = p.fire(id, "tetapkan", {{"catatan_penetapan", "Pegawai tidak menanggapi; target ditetapkan"}}, supervisor);
    CHECK(c.state == "realisasi_periode");

    // A period without realisation: the supervisor closes it without one.
    p.set_now("2026-07-01T08:00:00+07:00");
    CHECK(p.run_timers() == 1);
    CHECK(state_of(p, id) == "realisasi_terlambat");
    c = p.fire(id, "tanpa_realisasi", {{"umpan_balik", "Realisasi triwulan I tidak diserahkan"}}, supervisor);
    CHECK(c.state == "realisasi_periode");
    CHECK(c.data["periode_ke"] == 2);
    REQUIRE(c.data["riwayat_periode"].size() == 1);
    CHECK(c.data["riwayat_periode"][0]["tanpa_realisasi"] == true);

    // Realisation recorded, feedback late: the OPD head is asked.
    p.fire(id, "catat_realisasi", {{"realisasi_1", "RPP triwulan II"}}, worker);
    p.set_now("2026-07-15T08:00:00+07:00");
    CHECK(p.run_timers() == 1);
    CHECK(state_of(p, id) == "eskalasi_umpan_balik");
    p.fire(id, "ingatkan", json::object(), head);
    p.fire(id, "kirim_umpan_balik", {{"umpan_balik", "Terlambat, maaf"}}, supervisor);
    one_checkin(p, id, 3);
    one_checkin(p, id, 4);

    // The annual rating late: escalated; an objection not decided: to the admin.
    CHECK(state_of(p, id) == "evaluasi_tahunan");
    p.set_now("2026-08-15T08:00:00+07:00");
    CHECK(p.run_timers() == 1);
    CHECK(state_of(p, id) == "eskalasi_evaluasi");
    p.fire(id, "ingatkan", json::object(), head);
    p.fire(id, "nilai", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "di_bawah_ekspektasi"}}, supervisor);
    CHECK(p.get(id).data["predikat"] == "kurang");
    p.fire(id, "ajukan_keberatan", {{"alasan_keberatan", "Perilaku dinilai tanpa catatan"}}, worker);
    p.set_now("2026-09-15T08:00:00+07:00");
    CHECK(p.run_timers() == 1);
    c = p.get(id);
    CHECK(c.state == "eskalasi_keberatan");
    CHECK(c.open_tasks[0].roles == std::vector<std::string>{"admin"});
}

TEST_CASE("evaluation: an objection accepted changes the predikat, refused keeps it, silence makes it final",
          "[performance][workflow][objection]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    const CaseId accepted = open_case(p, "6203014101900005", "pppk_paruh_waktu");
    const CaseId refused = open_case(p, "6203014101900006", "pppk_paruh_waktu");
    const CaseId silent = open_case(p, "6203014101900007", "pppk_paruh_waktu");

    rate(p, accepted, "di_bawah_ekspektasi", "sesuai_ekspektasi");
    CHECK(p.get(accepted).data["predikat"] == "butuh_perbaikan");
    p.fire(accepted, "ajukan_keberatan", {{"alasan_keberatan", "Bukti realisasi terlampir"}}, worker);
    CaseRecord c = p.get(accepted);
    CHECK(c.state == "putusan_keberatan");
    CHECK(c.data["keberatan"] == "diajukan");
    CHECK(c.open_tasks[0].roles == std::vector<std::string>{"opd_head"});
    c = p.fire(accepted, "terima",
               {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"}, {"alasan_putusan", "Bukti sah"}}, head);
    CHECK(c.data["predikat"] == "baik");
    CHECK(c.data["predikat_sebelum_keberatan"] == "butuh_perbaikan");
    CHECK(c.data["keberatan"] == "diterima");
    CHECK(c.data["status_predikat"] == "final");  // the superior's decision is final
    CHECK(c.state == "usulan_paruh_waktu");

    rate(p, refused, "di_bawah_ekspektasi", "di_bawah_ekspektasi");
    CHECK(p.get(refused).data["predikat"] == "sangat_kurang");
    p.fire(refused, "ajukan_keberatan", {{"alasan_keberatan", "Tidak setuju"}}, worker);
    c = p.fire(refused, "tolak", {{"alasan_putusan", "Realisasi 40% dari target"}}, head);
    CHECK(c.data["predikat"] == "sangat_kurang");
    CHECK(c.data["keberatan"] == "ditolak");
    CHECK(c.data["status_predikat"] == "final");
    // Deciding again is not possible: the task is gone.
    CHECK_THROWS(p.engine->fire(refused, "terima", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"},
                                                    {"alasan_putusan", "x"}}, head));

    rate(p, silent, "di_atas_ekspektasi", "di_atas_ekspektasi");
    const TimePoint rated = p.clock->now();
    p.clock->set(rated + std::chrono::hours(24 * 13));
    CHECK(p.run_timers() == 0);
    CHECK(state_of(p, silent) == "masa_keberatan");
    p.clock->set(rated + std::chrono::hours(24 * 14) + std::chrono::minutes(1));
    CHECK(p.run_timers() == 1);
    c = p.get(silent);
    CHECK(c.data["predikat"] == "sangat_baik");
    CHECK(c.data["status_predikat"] == "final");
    CHECK_FALSE(c.data.contains("keberatan"));
}

TEST_CASE("evaluation: follow-up by kind of worker", "[performance][workflow][follow_up]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    // Paruh waktu: appointed full PPPK, or not extended; PPPK cannot be
    // "appointed" (it is one already).
    const CaseId appointed = open_case(p, "6203014101900008", "pppk_paruh_waktu");
    rate(p, appointed, "di_atas_ekspektasi", "di_atas_ekspektasi");
    p.fire(appointed, "terima_hasil", json::object(), worker);
    CaseRecord c = p.fire(appointed, "angkat_pppk", {{"alasan_usulan", "Sangat Baik; formasi tersedia"}}, officer);
    CHECK(c.result == "diangkat_pppk");

    const CaseId ended = open_case(p, "6203014101900009", "pppk");
    rate(p, ended, "di_bawah_ekspektasi", "di_bawah_ekspektasi");
    p.fire(ended, "terima_hasil", json::object(), worker);
    CHECK(state_of(p, ended) == "usulan_pppk");
    CHECK_THROWS_AS(p.engine->fire(ended, "angkat_pppk", {{"alasan_usulan", "x"}}, officer), InvalidTransition);
    CHECK_THROWS_AS(p.engine->fire(ended, "tidak_diperpanjang", json::object(), officer), InvalidInput);  // a reason is required
    c = p.fire(ended, "tidak_diperpanjang", {{"alasan_usulan", "Target tidak tercapai dua triwulan"}}, officer);
    CHECK(c.result == "tidak_diperpanjang");

    // Outsourced: the result goes to the vendor's contract file, no proposal.
    const auto contract = p.create("vendor_contract", kKapuas,
                                   {{"nomor_kontrak", "027/PBJ/2026"}, {"id_penyedia", "pt-bersih"}, {"nama_penyedia", "PT Bersih"},
                                    {"jumlah_pekerja_kontrak", 5}, {"upah_bulanan", 3600000}});
    json data = evaluated("6203014101900010", "alih_daya");
    data["id_kontrak"] = contract.id;
    data["id_penyedia"] = "pt-bersih";
    const CaseId outsourced = p.create(performance::kWorkflow, kKapuas, data, officer).id;
    rate(p, outsourced, "sesuai_ekspektasi", "di_atas_ekspektasi");
    c = p.fire(outsourced, "terima_hasil", json::object(), worker);
    CHECK(c.result == "diteruskan_ke_penyedia");
    CHECK(c.data["predikat"] == "baik");
    CHECK(c.data.contains("diteruskan_pada"));
}

TEST_CASE("evaluation: a case that misses data or names another kind waits for the officer", "[performance][workflow]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    json data = evaluated("6203014101900011", "honorer");
    data.erase("jabatan");
    CaseRecord c = p.create(performance::kWorkflow, kKapuas, data, officer);
    CHECK(c.state == "lengkapi_data");
    CHECK(c.data["checks"]["jenis_kepegawaian"]["ok"] == false);
    CHECK(c.data["checks"]["data_pegawai"]["ok"] == false);
    c = p.fire(c.id, "simpan", {{"jabatan", "Guru Kelas"}, {"jenis_kepegawaian", "pppk_paruh_waktu"}}, officer);
    CHECK(c.state == "penyusunan_target");
}

TEST_CASE("evaluation list: every bad row named, nothing read from a bad file", "[performance][list]") {
    std::istringstream good("nik,nama,opd,jabatan,jenis_kepegawaian,id_kontrak\n"
                            "6203014101900001,\"Sari, S.Pd.\",Dinas Pendidikan,Guru Kelas,pppk,\n"
                            "6203014101900002,Budi,Dinas Kebersihan,Petugas Kebersihan,alih_daya,17\n");
    const auto list = performance::read_evaluation_list(good, "daftar.csv");
    REQUIRE(list.problems.empty());
    REQUIRE(list.workers.size() == 2);
    CHECK(list.workers[0].nama == "Sari, S.Pd.");
    CHECK(list.workers[1].id_kontrak == 17);
    CHECK(list.workers[1].row == 3);

    std::istringstream bad("nik,nama,opd,jabatan,jenis_kepegawaian,id_kontrak\n"
                           "62030141019,Sari,Dinas Pendidikan,Guru,pppk,\n"
                           "6203014101900002,,Dinas Pendidikan,Guru,honorer,\n"
                           "6203014101900003,Budi,Dinas Kebersihan,Petugas,alih_daya,\n"
                           "6203014101900004,Ani,Dinas Pendidikan,Guru,pppk,12\n"
                           "6203014101900004,Ani,Dinas Pendidikan,Guru,pppk,\n"
                           "6203014101900005," + std::string(201, 'a') + ",Dinas Pendidikan,Guru,pppk,\n");
    const auto refused = performance::read_evaluation_list(bad, "daftar.csv");
    CHECK(refused.workers.empty());
    const std::vector<std::string> expected = {
        "daftar.csv:2: nik: harus 16 angka",
        "daftar.csv:3: nama: wajib diisi",
        "daftar.csv:3: jenis_kepegawaian: harus pppk, pppk_paruh_waktu, atau alih_daya",
        "daftar.csv:4: id_kontrak: wajib untuk pekerja alih daya",
        "daftar.csv:5: id_kontrak: hanya untuk pekerja alih daya",
        "daftar.csv:6: nik: 6203014101900004 tercantum lebih dari sekali",
        "daftar.csv:7: nama: lebih dari 200 karakter",
    };
    CHECK(refused.problems == expected);

    std::istringstream no_column("nik,nama,opd\n6203014101900001,Sari,Dinas\n");
    const auto missing = performance::read_evaluation_list(no_column, "x.csv");
    REQUIRE(missing.problems.size() == 1);
    CHECK_THAT(missing.problems[0], Contains("jabatan"));
    std::istringstream not_utf8("nik,nama,opd,jabatan,jenis_kepegawaian\n6203014101900001,S\xff,D,G,pppk\n");
    CHECK(performance::read_evaluation_list(not_utf8, "y.csv").problems.size() == 1);

    std::string many = "nik,nama,opd,jabatan,jenis_kepegawaian\n";
    for (std::size_t i = 0; i <= performance::kMaxListRows; ++i)
        many += std::to_string(6203010000000000ULL + i) + ",N,O,J,pppk\n";
    std::istringstream too_long(many);
    const auto capped = performance::read_evaluation_list(too_long, "z.csv");
    CHECK(capped.workers.empty());
    REQUIRE(capped.problems.size() == 1);
    CHECK_THAT(capped.problems[0], Contains("lebih dari 50000 baris"));
}

TEST_CASE("opening a year: all or nothing, twice is harmless, contracts must be the regency's",
          "[performance][list][open]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    const auto contract = p.create("vendor_contract", kKapuas,
                                   {{"nomor_kontrak", "027/PBJ/2026"}, {"id_penyedia", "pt-bersih"}, {"nama_penyedia", "PT Bersih"},
                                    {"jumlah_pekerja_kontrak", 5}, {"upah_bulanan", 3600000}});
    const auto elsewhere = p.create("vendor_contract", "64.71",
                                    {{"nomor_kontrak", "9/2026"}, {"id_penyedia", "cv-lain"}, {"nama_penyedia", "CV Lain"},
                                     {"jumlah_pekerja_kontrak", 5}, {"upah_bulanan", 3800000}});
    std::vector<performance::EvaluatedWorker> list = {
        {"6203014101900001", "Sari", "Dinas Pendidikan", "Guru", "pppk", 0, 2},
        {"6203014101900002", "Budi", "Dinas Kebersihan", "Petugas", "alih_daya", elsewhere.id, 3},
    };
    CHECK_THROWS_AS(performance::open_evaluation_year(*p.engine, kKapuas, 2026, list, officer), performance::ListRefused);
    CaseFilter all;
    all.workflow_id = performance::kWorkflow;
    CHECK(p.engine->count_cases(all) == 0);

    list[1].id_kontrak = contract.id;
    const auto first = performance::open_evaluation_year(*p.engine, kKapuas, 2026, list, officer);
    CHECK(first.opened == 2);
    const auto outsourced = p.get(first.cases[1]);
    CHECK(outsourced.key == "6203014101900002/2026");
    CHECK(outsourced.data["id_penyedia"] == "pt-bersih");
    CHECK(outsourced.data["nama_penyedia"] == "PT Bersih");
    list.push_back({"6203014101900003", "Ani", "Dinas Pendidikan", "Guru", "pppk_paruh_waktu", 0, 4});
    const auto second = performance::open_evaluation_year(*p.engine, kKapuas, 2026, list, officer);
    CHECK(second.opened == 1);
    CHECK(second.already_open == 2);
    CHECK(p.engine->count_cases(all) == 3);
    // Another year is another case.
    CHECK(performance::open_evaluation_year(*p.engine, kKapuas, 2025, list, officer).opened == 3);
    CHECK(performance::acceptable_year(*p.engine, kKapuas, 2027));
    CHECK_FALSE(performance::acceptable_year(*p.engine, kKapuas, 2028));
    CHECK_FALSE(performance::acceptable_year(*p.engine, kKapuas, 2023));
}

TEST_CASE("the leadership's summary counts predikat per OPD against the caps", "[performance][summary]") {
    Procedures p("2026-02-02T09:00:00+07:00");
    // Kapuas caps Sangat Baik at 20% and Baik at 70% per OPD.
    const CaseId a = open_case(p, "6203014101900001");
    const CaseId b = open_case(p, "6203014101900002");
    const CaseId c = open_case(p, "6203014101900003");
    open_case(p, "6203014101900004");
    rate(p, a, "di_atas_ekspektasi", "di_atas_ekspektasi");
    p.fire(a, "terima_hasil", json::object(), worker);
    rate(p, b, "sesuai_ekspektasi", "sesuai_ekspektasi");
    rate(p, c, "di_bawah_ekspektasi", "sesuai_ekspektasi");
    p.fire(c, "ajukan_keberatan", {{"alasan_keberatan", "x"}}, worker);
    p.fire(c, "terima", {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"}, {"alasan_putusan", "y"}}, head);

    const auto summary = performance::summarize_year(*p.engine, kKapuas, 2026);
    CHECK(summary.caps == std::map<std::string, double>{{"baik", 70.0}, {"sangat_baik", 20.0}});
    REQUIRE(summary.by_opd.count("Dinas Pendidikan"));
    const auto& counts = summary.by_opd.at("Dinas Pendidikan");
    CHECK(counts.cases == 4);
    CHECK(counts.not_rated == 1);
    CHECK(counts.announced == 1);  // b, within its objection window
    CHECK(counts.final == 2);
    CHECK(counts.objections == 1);
    CHECK(counts.objections_accepted == 1);
    CHECK(counts.by_predikat == std::map<std::string, std::size_t>{{"baik", 2}, {"sangat_baik", 1}});
    // 1 of 3 rated is Sangat Baik (33% > 20%); 2 of 3 Baik (67% <= 70%).
    CHECK(counts.over_cap == std::vector<std::string>{"sangat_baik"});
    CHECK(performance::summarize_year(*p.engine, kKapuas, 2025).total.cases == 0);
    CHECK(performance::latest_evaluation_year(*p.engine, kKapuas) == 2026);
    CHECK_FALSE(performance::latest_evaluation_year(*p.engine, "64.71").has_value());
}

TEST_CASE("a scorecard reading the predikat reproduces a hand-computed order", "[performance][ranking]") {
    // A copy of the shipped rules where Kapuas ranks by the evaluations only.
    TempDir rules;
    fs::copy(source_dir() / "rules" / "nasional", rules / "nasional", fs::copy_options::recursive);
    fs::copy(source_dir() / "rules" / "62.03", rules / "62.03", fs::copy_options::recursive);
    write_file(rules / "62.03" / "prioritization.yaml", R"(rules:
  - {id: sb_dua_kali, label: Sangat Baik dua penilaian terakhir, when: "predikat_kinerja == 'sangat_baik' and predikat_kinerja_lalu == 'sangat_baik'", points: 10}
  - {id: sb, label: Sangat Baik penilaian terakhir, when: "predikat_kinerja == 'sangat_baik'", points: 5}
  - {id: baik, label: Baik penilaian terakhir, when: "predikat_kinerja == 'baik'", points: 3}
  - {id: perbaikan, label: Butuh Perbaikan, when: "predikat_kinerja == 'butuh_perbaikan'", points: -2}
tie_breaks:
  - {field: tmt, order: asc}
)");
    write_file(rules / "62.03" / "formasi-2025.yaml", "formasi: []\n");
    TempDir dir;
    auto clock = std::make_shared<FixedClock>(at("2026-02-02T09:00:00+07:00"));
    EngineOptions options = shipped_options(dir, clock);
    options.sources.rules = {rules.path()};
    Engine engine(options);

    // Six verified workers of the same national group (R3), tmt in NIK order.
    const std::vector<std::string> niks = {"6203014101900001", "6203014101900002", "6203014101900003",
                                           "6203014101900004", "6203014101900005", "6203014101900006"};
    for (std::size_t i = 0; i < niks.size(); ++i) {
        json data = {{"nik", niks[i]}, {"nama", "Pegawai " + std::to_string(i + 1)}, {"opd", "Dinas Pendidikan"},
                     {"jabatan", "Guru Kelas"}, {"sektor", "pendidikan"}, {"kategori", "database_bkn"},
                     {"tmt", "201" + std::to_string(i) + "-01-02"}, {"sumber_gaji", "apbd"},
                     {"dokumen", {"ktp", "sk", "bukti_gaji", "ijazah"}}};
        const auto c = engine.create_case("verification", "62.03", data, Actor{"budi", "officer"}, niks[i]).record;
        REQUIRE(c.state == "konfirmasi_opd");
        engine.fire(c.id, "setuju", {{"nomor_sptjm", "1"}}, head);
        REQUIRE(engine.fire(c.id, "valid", json::object(), Actor{"bkad", "bkad"}).record.result == "verified");
    }
    auto evaluate = [&](const std::string& nik, int year, const char* hasil, const char* perilaku, bool accept) {
        const auto id = engine.create_case(performance::kWorkflow, "62.03", evaluated(nik, "pppk", year), officer,
                                           performance::evaluation_key(nik, year)).record.id;
        engine.fire(id, "tetapkan_target", {{"indikator_1", "RPP"}, {"target_1", "100%"}}, supervisor);
        engine.fire(id, "setuju", json::object(), worker);
        for (int q = 0; q < 4; ++q) {
            engine.fire(id, "catat_realisasi", {{"realisasi_1", "ok"}}, worker);
            engine.fire(id, "kirim_umpan_balik", {{"umpan_balik", "ok"}}, supervisor);
        }
        engine.fire(id, "nilai", {{"hasil_kerja", hasil}, {"perilaku_kerja", perilaku}}, supervisor);
        if (accept) engine.fire(id, "terima_hasil", json::object(), worker);
    };
    const char* above = "di_atas_ekspektasi";
    const char* as = "sesuai_ekspektasi";
    const char* below = "di_bawah_ekspektasi";
    evaluate(niks[0], 2024, above, above, true);  // Sangat Baik twice: 10 + 5
    evaluate(niks[0], 2025, above, above, true);
    evaluate(niks[1], 2024, as, as, true);        // Baik, then Sangat Baik: 5
    evaluate(niks[1], 2025, above, above, true);
    evaluate(niks[2], 2024, above, above, true);  // Sangat Baik, then Baik: 3
    evaluate(niks[2], 2025, as, above, true);
    // niks[3]: never evaluated: 0
    evaluate(niks[4], 2025, below, as, true);     // Butuh Perbaikan: -2
    evaluate(niks[5], 2025, above, above, false); // Sangat Baik but still open to objection: not counted, 0

    const auto ranked = ranking::rank_regency_own_formasi(engine, "62.03");
    std::vector<std::string> order;
    std::vector<double> points;
    for (const auto& w : ranked.workers) {
        order.push_back(w.nik());
        points.push_back(w.points);
    }
    CHECK(order == std::vector<std::string>{niks[0], niks[1], niks[2], niks[3], niks[5], niks[4]});
    CHECK(points == std::vector<double>{15, 5, 3, 0, 0, -2});
    const auto* first = ranked.find(niks[0]);
    REQUIRE(first);
    CHECK_THAT(first->explanation, Contains("Predikat kinerja tahun 2025: Sangat Baik; penilaian sebelumnya: Sangat Baik."));
    const auto* fifth = ranked.find(niks[4]);
    REQUIRE(fifth);
    CHECK_THAT(fifth->explanation, Contains("Predikat kinerja tahun 2025: Butuh Perbaikan."));
    CHECK(ranked.find(niks[3])->explanation.find("Predikat kinerja") == std::string::npos);
}

TEST_CASE("distribution caps are checked when the rules load", "[performance][summary][reload]") {
    TempDir rules;
    fs::copy(source_dir() / "rules" / "nasional", rules / "nasional", fs::copy_options::recursive);
    fs::copy(source_dir() / "rules" / "62.03", rules / "62.03", fs::copy_options::recursive);
    std::string regency = read_text(rules / "62.03" / "regency.yaml");
    const std::string caps = "distribution_caps: {sangat_baik: 20, baik: 70}";
    REQUIRE(regency.find(caps) != std::string::npos);
    regency.replace(regency.find(caps), caps.size(), "distribution_caps: {sangat_baik: 120, istimewa: 10}");
    write_file(rules / "62.03" / "regency.yaml", regency);
    DefinitionSources sources;
    sources.workflows = {source_dir() / "workflows"};
    sources.rules = {rules.path()};
    sources.plugins = {core_plugin_dir()};
    const auto errors = ranking::check_ranking_policies(load_definitions(sources));
    const std::string file = (rules / "62.03" / "regency.yaml").string();
    CHECK(std::count(errors.begin(), errors.end(),
                     file + ": error: settings.performance.distribution_caps.sangat_baik must be a percent from 0 to 100") == 1);
    CHECK(std::count(errors.begin(), errors.end(),
                     file + ": error: settings.performance.distribution_caps: 'istimewa' is not a predikat of the table "
                            "predikat_kinerja") == 1);
}

TEST_CASE("tata evaluation open and summary: all or nothing, then the predikat per OPD", "[performance][cli]") {
    TempDir dir;
    const std::string db = (dir / "tata.db").string();
    const std::map<std::string, std::string> env = {{"TATA_NOW", "2026-02-02T09:00:00+07:00"}};
    const auto run = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--db", db, "--plugins", core_plugin_dir().string()});
        return run_tata(args, dir.path(), env);
    };
    const auto bad = dir.write("salah.csv", "nik,nama,opd,jabatan,jenis_kepegawaian\n"
                                             "6203014101900001,Sari,Dinas Pendidikan,Guru,pppk\n"
                                             "6203014101900002,Budi,Dinas Kesehatan,Perawat,honorer\n");
    const auto refused = run({"evaluation", "open", "--regency", "62.03", "--year", "2026", bad.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Contains("salah.csv:3: jenis_kepegawaian: harus pppk, pppk_paruh_waktu, atau alih_daya"));
    CHECK_THAT(refused.err, Contains("nothing opened"));

    const auto good = dir.write("daftar.csv", "nik,nama,opd,jabatan,jenis_kepegawaian\n"
                                               "6203014101900001,Sari,Dinas Pendidikan,Guru,pppk\n"
                                               "6203014101900002,Budi,Dinas Kesehatan,Perawat,pppk_paruh_waktu\n");
    const auto opened = run({"evaluation", "open", "--regency", "62.03", "--year", "2026", good.string(), "--json"});
    INFO(opened.err);
    REQUIRE(opened.exit_code == 0);
    CHECK(json::parse(opened.out)["dibuka"] == 2);
    const auto again = run({"evaluation", "open", "--regency", "62.03", "--year", "2026", good.string()});
    CHECK_THAT(again.out, Contains("0 dibuka, 2 sudah ada"));
    CHECK(run({"evaluation", "open", "--regency", "62.03", "--year", "2030", good.string()}).exit_code == 2);
    CHECK(run({"evaluation", "open", "--year", "2026", good.string()}).exit_code == 2);

    const auto summary = run({"evaluation", "summary", "--regency", "62.03", "--year", "2026"});
    REQUIRE(summary.exit_code == 0);
    CHECK_THAT(summary.out, Contains("Predikat kinerja 2026 (2 pegawai dinilai, 0 final, 0 keberatan)"));
    CHECK_THAT(summary.out, Contains("Dinas Kesehatan: 1 pegawai, belum dinilai 1"));
}
