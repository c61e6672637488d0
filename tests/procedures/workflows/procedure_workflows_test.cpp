// The shipped procedures (workflows/*.yaml) on the shipped regencies
// (rules/*/regency.yaml) with the real core plugin: prioritization rounds,
// vendor selection, contract compliance with its sanctions ladder, and
// grievances with routing, deadlines in working days and escalation.
#include "support/shipped_procedures.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};
const Actor head{"kepala", "admin"};  // the BKPSDM head approves, awards and takes escalations
const Actor worker{"wati", "worker"};
const Actor vendor{"pt_bersih", "vendor"};
const Actor other_vendor{"cv_rapi", "vendor"};
const Actor opd_head{"sari", "opd_head"};

constexpr int kWib = 7 * 60;
constexpr int kWita = 8 * 60;

std::vector<std::string> roles_of_task(const CaseRecord& record) {
    REQUIRE(record.open_tasks.size() == 1);
    return record.open_tasks[0].roles;
}

std::string due_of(const CaseRecord& record, int offset_minutes) {
    REQUIRE(record.open_tasks.size() == 1);
    REQUIRE(record.open_tasks[0].due_at.has_value());
    return format_iso8601(*record.open_tasks[0].due_at, offset_minutes);
}

bool has_event(const std::vector<EventRecord>& events, const std::string& type, const std::string& from,
               const std::string& to) {
    return std::any_of(events.begin(), events.end(), [&](const EventRecord& e) {
        return e.type == type && e.from_state == from && e.to_state == to;
    });
}

int count_fired(const std::vector<EventRecord>& events, const std::string& outcome) {
    return static_cast<int>(std::count_if(events.begin(), events.end(), [&](const EventRecord& e) {
        return e.type == "fired" && e.payload.value("outcome", std::string()) == outcome;
    }));
}

std::set<std::string> keys_of(const json& object) {
    std::set<std::string> keys;
    if (!object.is_object()) return keys;
    for (const auto& [key, value] : object.items()) keys.insert(key);
    return keys;
}

std::shared_ptr<const DefinitionSet> shipped_definitions() {
    DefinitionSources sources;
    sources.workflows = {source_dir() / "workflows"};
    sources.rules = {source_dir() / "rules"};
    sources.plugins = {core_plugin_dir()};
    try {
        return load_definitions(sources);
    } catch (const std::exception& e) {
        FAIL(e.what());
    }
    return nullptr;
}

std::chrono::sys_days day(int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

const std::vector<std::string> kRegencies{"62.03", "51.05", "64.71", "13.74", "63.08"};

// The reasons a refused decision gives, field by field; fails the test when
// the decision is taken.
std::vector<FieldError> refused(Procedures& p, CaseId id, const std::string& outcome, const json& input,
                                const Actor& actor) {
    const std::int64_t version = p.get(id).version;
    try {
        p.fire(id, outcome, input, actor);
    } catch (const InvalidInput& e) {
        CHECK(p.get(id).version == version);  // nothing written
        return e.errors();
    }
    FAIL("decision '" << outcome << "' was taken");
    return {};
}

}  // namespace

// ---------------------------------------------------------------------------
// Regencies and definitions

TEST_CASE("the five shipped regencies load with their zone, UMK and calendar", "[procedures][regencies]") {
    const auto set = shipped_definitions();
    REQUIRE(set);
    struct Expected {
        std::string code, name, zone;
        int offset;
        std::int64_t umk;
    };
    const std::vector<Expected> expected{
        {"62.03", "Kabupaten Kapuas", "WIB", kWib, 3473710},
        {"51.05", "Kabupaten Klungkung", "WITA", kWita, 2996561},
        {"64.71", "Kota Balikpapan", "WITA", kWita, 3701508},
        {"13.74", "Kota Padang Panjang", "WIB", kWib, 2994193},
        {"63.08", "Kabupaten Hulu Sungai Utara", "WITA", kWita, 3496194},
    };
    for (const auto& e : expected) {
        INFO(e.code);
        const Regency* regency = set->find_regency(e.code);
        REQUIRE(regency);
        CHECK(regency->name == e.name);
        CHECK(regency->zone == e.zone);
        CHECK(regency->calendar.utc_offset_minutes() == e.offset);
        CHECK(regency->settings["umk"] == e.umk);
        CHECK(regency->settings["min_service_years"] == 2);
        // The national list applies everywhere: Idul Fitri 2026 and its cuti bersama.
        CHECK_FALSE(regency->calendar.is_working_day(day(2026, 3, 20)));
        CHECK_FALSE(regency->calendar.is_working_day(day(2026, 3, 23)));
        const json documents = regency->settings["documents"];
        for (const char* mandatory : {"ktp", "sk", "bukti_gaji", "ijazah"}) {
            CHECK(std::find(documents.begin(), documents.end(), mandatory) != documents.end());
        }
    }
    // Anniversaries are local: Balikpapan's 10 February is a working day in Kapuas.
    CHECK_FALSE(set->find_regency("64.71")->calendar.is_working_day(day(2025, 2, 10)));
    CHECK(set->find_regency("62.03")->calendar.is_working_day(day(2025, 2, 10)));
    CHECK_FALSE(set->find_regency("51.05")->calendar.is_working_day(day(2025, 4, 28)));
    CHECK(set->find_regency("64.71")->calendar.is_working_day(day(2025, 4, 28)));
    CHECK_FALSE(set->find_regency("13.74")->calendar.is_working_day(day(2025, 12, 1)));
    CHECK_FALSE(set->find_regency("62.03")->calendar.is_working_day(day(2026, 3, 21)));
}

TEST_CASE("every regency's settings have the same keys, group by group", "[procedures][regencies]") {
    const auto set = shipped_definitions();
    REQUIRE(set);
    const json& reference = set->find_regency("62.03")->settings;
    const std::set<std::string> top{"umk",        "min_service_years", "documents", "deadlines",
                                    "prioritization", "outsourcing",   "compliance", "grievance",
                                    "performance",    "transition"};
    // `planning` is there only where a regency ships its planning files
    // (docs/planning.md), `opd` only where it lists its OPDs (docs/rules.md);
    // every other group everywhere.
    auto without_planning = [](const json& settings) {
        auto keys = keys_of(settings);
        keys.erase("planning");
        keys.erase("opd");
        return keys;
    };
    CHECK(without_planning(reference) == top);
    for (const auto& code : kRegencies) {
        INFO(code);
        const json& settings = set->find_regency(code)->settings;
        CHECK(without_planning(settings) == top);
        for (const auto& group : top) {
            INFO(group);
            CHECK(keys_of(settings[group]) == keys_of(reference[group]));
        }
        CHECK(keys_of(settings["outsourcing"]["weights"]) == std::set<std::string>{"kualitas", "biaya"});
        CHECK(keys_of(settings["compliance"]["thresholds"]) == keys_of(reference["compliance"]["thresholds"]));
        CHECK(settings["prioritization"]["scorecard"] == "prioritization.yaml");
    }
}

TEST_CASE("the regencies differ where their policies differ", "[procedures][regencies]") {
    const auto set = shipped_definitions();
    REQUIRE(set);
    auto settings = [&](const std::string& code) { return set->find_regency(code)->settings; };
    auto contains = [](const json& list, const std::string& value) {
        return std::find(list.begin(), list.end(), value) != list.end();
    };

    // Kapuas: education and health by skill; no new non-ASN without MenPANRB; data by year of hire.
    const json kapuas = settings("62.03");
    CHECK(contains(kapuas["prioritization"]["emphasis"], "sektor_pendidikan"));
    CHECK(contains(kapuas["prioritization"]["emphasis"], "sektor_kesehatan"));
    CHECK(contains(kapuas["prioritization"]["emphasis"], "keahlian"));
    CHECK(kapuas["transition"]["new_non_asn"] == "dilarang_tanpa_persetujuan_menpanrb");
    CHECK(contains(kapuas["transition"]["data_grouping"], "tahun_tmt"));
    // Balikpapan: long service and performance first; honorer ended.
    const json balikpapan = settings("64.71");
    CHECK(balikpapan["prioritization"]["emphasis"] == json::array({"masa_kerja", "nilai_kinerja"}));
    CHECK(balikpapan["transition"]["honorer_ended"] == true);
    // Klungkung: cross-OPD task force, transition programme with training, outsourcing framework.
    const json klungkung = settings("51.05");
    CHECK(klungkung["transition"]["task_force"] == true);
    CHECK(klungkung["transition"]["training"] == true);
    CHECK(klungkung["outsourcing"]["framework_agreement"] == true);
    // Padang Panjang, and only it, offers outsourcing to those not accommodated.
    for (const auto& code : kRegencies) {
        INFO(code);
        CHECK(settings(code)["outsourcing"]["offer_to_not_accommodated"] == (code == "13.74"));
        if (code != "51.05") CHECK(settings(code)["transition"]["task_force"] == false);
        if (code != "64.71") CHECK(settings(code)["transition"]["honorer_ended"] == false);
    }

    for (const auto& code : kRegencies) {
        INFO(code);
        const json outsourcing = settings(code)["outsourcing"];
        const std::string method = outsourcing["method"];
        CHECK((method == "sistem_nilai" || method == "harga_terendah"));
        CHECK(outsourcing["weights"]["kualitas"].get<int>() + outsourcing["weights"]["biaya"].get<int>() == 100);
        if (method == "harga_terendah") CHECK(outsourcing["weights"]["biaya"] == 100);
        CHECK(outsourcing["priority_former_non_asn"] == true);
        const int jkk = settings(code)["compliance"]["jkk_class"];
        CHECK((jkk >= 1 && jkk <= 5));
        const int pay_day = settings(code)["compliance"]["pay_day"];
        CHECK((pay_day >= 1 && pay_day <= 31));
    }
    CHECK(settings("13.74")["outsourcing"]["method"] == "harga_terendah");
    CHECK(settings("62.03")["outsourcing"]["weights"]["kualitas"] == 70);
    CHECK(settings("64.71")["outsourcing"]["weights"]["kualitas"] == 80);
}

TEST_CASE("the sanctions ladder of every regency is the one the contract workflow runs", "[procedures][regencies]") {
    const auto set = shipped_definitions();
    REQUIRE(set);
    const auto contract = set->latest("vendor_contract");
    REQUIRE(contract);
    const std::vector<std::string> ladder{"peringatan_1", "peringatan_2", "denda", "pemutusan", "daftar_hitam"};
    for (const auto& code : kRegencies) {
        INFO(code);
        const json compliance = set->find_regency(code)->settings["compliance"];
        std::vector<std::string> steps;
        for (const auto& step : compliance["sanctions"]) {
            steps.push_back(step["step"]);
            REQUIRE(contract->find_state(step["step"]) != nullptr);
            CHECK(contract->state(step["step"]).kind == StateKind::task);
            if (step["step"] == "denda") CHECK((step.contains("amount") || step.contains("percent")));
            if (step["step"] == "daftar_hitam") CHECK(step["years"].get<int>() >= 1);
        }
        CHECK(steps == ladder);
        CHECK(compliance["thresholds"]["serious_findings"].get<int>() >= 1);
    }
}

TEST_CASE("the deadlines in the settings are the durations the workflows use", "[procedures][regencies]") {
    // `due:` and `timer:` are literal in the YAML (the engine cannot read
    // settings there); this keeps the two from drifting apart.
    const auto set = shipped_definitions();
    REQUIRE(set);
    const auto grievance = set->latest("grievance");
    const auto contract = set->latest("vendor_contract");
    const auto round = set->latest("prioritization");
    const auto evaluation = set->latest("performance_evaluation");
    REQUIRE(evaluation);
    REQUIRE(grievance);
    REQUIRE(contract);
    REQUIRE(round);
    auto is = [](const std::optional<Duration>& d, Duration::Unit unit, const json& amount) {
        return d && d->unit == unit && d->amount == amount.get<int>();
    };
    using U = Duration::Unit;
    for (const auto& code : kRegencies) {
        INFO(code);
        const json& s = set->find_regency(code)->settings;
        CHECK(is(grievance->state("verifikasi").due, U::working_days, s["grievance"]["verify_working_days"]));
        for (const char* unit : {"tindak_lanjut_opd", "tindak_lanjut_bkpsdm", "tindak_lanjut_alih_daya"}) {
            CHECK(is(grievance->state(unit).due, U::working_days, s["grievance"]["follow_up_working_days"]));
        }
        CHECK(is(grievance->state("menunggu_informasi").timer, U::working_days, s["grievance"]["info_working_days"]));
        CHECK(is(grievance->state("lengkapi_pengaduan").timer, U::working_days, s["grievance"]["info_working_days"]));
        CHECK(is(grievance->state("menunggu_konfirmasi").timer, U::days, s["grievance"]["confirm_days"]));
        CHECK(s["grievance"]["overall_days"] == 60);

        CHECK(is(contract->state("menunggu_laporan").timer, U::days, s["compliance"]["report_wait_days"]));
        CHECK(is(contract->state("pemeriksaan_laporan").timer, U::working_days, s["compliance"]["review_working_days"]));
        for (const char* step : {"peringatan_1", "peringatan_2", "denda", "pemutusan", "laporan_terlambat"}) {
            CHECK(is(contract->state(step).due, U::working_days, s["compliance"]["sanction_working_days"]));
        }
        CHECK(s["prioritization"]["sanggah_working_days"].get<int>() >= 1);

        const json& k = s["performance"];
        CHECK(is(evaluation->state("penyusunan_target").due, U::working_days, k["target_working_days"]));
        CHECK(is(evaluation->state("persetujuan_target").timer, U::working_days, k["agreement_working_days"]));
        CHECK(is(evaluation->state("realisasi_periode").timer, U::working_days, k["checkin_working_days"]));
        CHECK(is(evaluation->state("umpan_balik").due, U::working_days, k["feedback_working_days"]));
        CHECK(is(evaluation->state("evaluasi_tahunan").due, U::working_days, k["evaluation_working_days"]));
        CHECK(is(evaluation->state("masa_keberatan").timer, U::days, k["objection_days"]));
        CHECK(is(evaluation->state("putusan_keberatan").due, U::working_days, k["objection_decision_working_days"]));
        for (const char* step : {"usulan_pppk", "usulan_paruh_waktu"})
            CHECK(is(evaluation->state(step).due, U::working_days, k["follow_up_working_days"]));
        // A year of check-ins fits in a year of working days.
        CHECK(k["checkins_per_year"].get<int>() * k["checkin_working_days"].get<int>() <= 260);
    }
    CHECK(round->state("tangani_sanggah").due.has_value());
}

TEST_CASE("the shipped procedures hold every step DESIGN.md names", "[procedures][definitions]") {
    const auto set = shipped_definitions();
    REQUIRE(set);
    const std::map<std::string, std::vector<std::string>> steps{
        {"prioritization",
         {"susun_usulan", "persetujuan_kepala", "pengumuman", "masa_sanggah", "tangani_sanggah", "penetapan",
          "ditetapkan"}},
        {"vendor_selection",
         {"definisi_paket", "masa_penawaran", "tutup_penawaran", "pemeriksaan_administrasi", "evaluasi",
          "penetapan_pemenang", "kontrak", "cek_kontrak", "kontrak_disepakati"}},
        {"vendor_contract",
         {"menunggu_laporan", "pemeriksaan_laporan", "cek_temuan", "peringatan_1", "peringatan_2", "denda",
          "pemutusan", "daftar_hitam", "selesai", "diputus", "masuk_daftar_hitam"}},
        {"grievance",
         {"pengajuan", "registrasi", "verifikasi", "eskalasi_verifikasi", "rute_pengaduan", "tindak_lanjut_opd",
          "tindak_lanjut_bkpsdm", "tindak_lanjut_alih_daya", "eskalasi_tindak_lanjut", "menunggu_konfirmasi",
          "tinjau_banding", "selesai"}},
    };
    for (const auto& [id, names] : steps) {
        INFO(id);
        const auto workflow = set->latest(id);
        REQUIRE(workflow);
        for (const auto& name : names) {
            INFO(name);
            CHECK(workflow->find_state(name) != nullptr);
        }
    }
    CHECK(set->latest("prioritization")->state("masa_sanggah").kind == StateKind::wait);
    CHECK(set->latest("prioritization")->state("ditetapkan").result == "final");
    CHECK(set->latest("vendor_selection")->state("kontrak_disepakati").result == "awarded");
    CHECK(set->latest("vendor_contract")->state("masuk_daftar_hitam").result == "blacklisted");
    CHECK(set->latest("grievance")->state("selesai").result == "resolved");
    CHECK(set->latest("verification"));
}

// ---------------------------------------------------------------------------
// Prioritization

namespace {

json proposal(int total) {
    return {{"id_pemeringkatan", "rank-62.03-2025-1"},
            {"jumlah_diperingkat", total},
            {"usulan_cpns", 5},
            {"usulan_pppk", 40},
            {"usulan_pppk_paruh_waktu", 35},
            {"usulan_alih_daya", 15},
            {"usulan_dirumahkan", 5}};
}

}  // namespace

TEST_CASE("prioritization: draft, approval, announcement, objection, final", "[procedures][prioritization]") {
    Procedures p("2025-04-08T09:00:00+07:00");  // Tuesday, Kapuas (WIB)
    CaseRecord c = p.create("prioritization", "62.03", {{"tahun", 2025}, {"putaran", 1}});
    const CaseId id = c.id;
    CHECK(c.state == "susun_usulan");
    CHECK(roles_of_task(c) == std::vector<std::string>{"officer"});
    CHECK(c.data["ada_sanggah_diterima"] == false);

    CHECK_THROWS_AS(p.engine->fire(id, "ajukan", proposal(100), worker), Forbidden);
    CHECK_THROWS_AS(p.engine->fire(id, "ajukan", {{"jumlah_diperingkat", 100}}, officer), InvalidInput);

    // A proposal that does not add up to the ranked total is refused, with
    // the reason at the total.
    const auto not_adding_up = refused(p, id, "ajukan", proposal(90), officer);
    REQUIRE(not_adding_up.size() == 1);
    CHECK(not_adding_up[0].field == "jumlah_diperingkat");
    CHECK_THAT(not_adding_up[0].message, Catch::Contains("jumlah pegawai yang diperingkat"));
    CHECK(p.get(id).state == "susun_usulan");

    c = p.fire(id, "ajukan", proposal(100), officer);
    CHECK(c.state == "persetujuan_kepala");
    CHECK_FALSE(c.data.contains("catatan_sistem"));
    CHECK(c.data["id_pemeringkatan"] == "rank-62.03-2025-1");
    CHECK(roles_of_task(c) == std::vector<std::string>{"admin"});

    // The officer who drafted cannot approve; the head returns it once.
    CHECK_THROWS_AS(p.engine->fire(id, "setujui", {{"nomor_persetujuan", "800/1"}}, officer), Forbidden);
    c = p.fire(id, "kembalikan", {{"alasan_pengembalian", "Lampirkan rincian per OPD"}}, head);
    CHECK(c.state == "susun_usulan");
    c = p.fire(id, "ajukan", proposal(100), officer);
    c = p.fire(id, "setujui", {{"nomor_persetujuan", "800/45/BKPSDM/2025"}}, head);
    CHECK(c.state == "pengumuman");

    // A window that already ended is refused, with its reason at the field.
    // Before today (8 April) and before the announcement.
    const auto ended = refused(p, id, "umumkan", {{"tanggal_pengumuman", "2025-04-08"}, {"batas_sanggah", "2025-04-07"}}, officer);
    REQUIRE(ended.size() == 2);
    CHECK(ended[0].field == "batas_sanggah");
    CHECK(ended[0].message == "Batas akhir masa sanggah tidak boleh sebelum hari ini.");
    CHECK(ended[1].message == "Batas akhir masa sanggah tidak boleh sebelum tanggal pengumuman.");
    CHECK(p.get(id).state == "pengumuman");

    p.set_now("2025-04-09T10:00:00+07:00");  // Wednesday
    c = p.fire(id, "umumkan", {{"tanggal_pengumuman", "2025-04-09"}, {"batas_sanggah", "2025-04-15"}}, officer);
    CHECK(c.state == "masa_sanggah");
    CHECK(c.open_tasks.empty());
    CHECK_FALSE(c.data.contains("catatan_sistem"));

    // The window is checked at the end of every day and stays open until 15 April.
    p.set_now("2025-04-10T08:00:00+07:00");
    CHECK(p.run_timers() == 1);
    CHECK(p.get(id).state == "masa_sanggah");
    p.set_now("2025-04-14T10:00:00+07:00");  // Monday
    CHECK(p.run_timers() == 1);
    CHECK(p.get(id).state == "masa_sanggah");

    const json objection{{"nik_penyanggah", "6203014507900002"}, {"alasan_sanggah", "Masa kerja saya dihitung kurang"}};
    CHECK_THROWS_AS(p.engine->fire(id, "sanggah_masuk", objection, vendor), Forbidden);
    c = p.fire(id, "sanggah_masuk", objection, worker);
    CHECK(c.state == "tangani_sanggah");
    CHECK(roles_of_task(c) == std::vector<std::string>{"officer"});
    CHECK(due_of(c, kWib) == "2025-04-18T00:00:00+07:00");  // Tue 15, Wed 16, Thu 17
    // While one objection is being answered the case takes no other (an engine limit).
    CHECK_THROWS_AS(p.engine->fire(id, "sanggah_masuk", objection, worker), InvalidTransition);
    CHECK_THROWS_AS(p.engine->fire(id, "terima", {{"jawaban_sanggah", "x"}}, worker), Forbidden);

    // Not answered in 3 working days: escalated to the head, who hands it back.
    p.set_now("2025-04-17T23:59:59+07:00");
    CHECK(p.run_timers() == 0);
    p.set_now("2025-04-18T00:00:00+07:00");
    CHECK(p.run_timers() == 1);
    c = p.get(id);
    CHECK(c.state == "eskalasi_sanggah");
    CHECK(roles_of_task(c) == std::vector<std::string>{"admin"});
    CHECK(has_event(p.engine->history(id), "escalated", "tangani_sanggah", "eskalasi_sanggah"));
    CHECK_THROWS_AS(p.engine->fire(id, "tugaskan_kembali", json::object(), officer), Forbidden);
    c = p.fire(id, "tugaskan_kembali", {{"catatan_eskalasi", "Segera jawab"}}, head);
    CHECK(c.state == "tangani_sanggah");

    // Answered after the window's end: the window is not extended, the round goes to the final decision.
    c = p.fire(id, "terima",
               {{"jawaban_sanggah", "Masa kerja dihitung ulang dari SK 2017"}, {"perubahan_peringkat", "NIK ...0002 naik"}},
               officer);
    CHECK(c.state == "penetapan");
    CHECK(c.data["ada_sanggah_diterima"] == true);
    CHECK_THROWS_AS(p.engine->fire(id, "sanggah_masuk", objection, worker), InvalidTransition);
    CHECK_THROWS_AS(p.engine->fire(id, "tetapkan", {{"nomor_keputusan", "1"}, {"tanggal_penetapan", "2025-04-21"}},
                                   officer),
                    Forbidden);

    c = p.fire(id, "tetapkan", {{"nomor_keputusan", "800/50/BKPSDM/2025"}, {"tanggal_penetapan", "2025-04-21"}}, head);
    CHECK(c.state == "ditetapkan");
    CHECK(c.status == CaseStatus::completed);
    CHECK(c.result == "final");
    CHECK(c.data.contains("ditetapkan_pada"));
    CHECK(count_fired(p.engine->history(id), "sanggah_masuk") == 1);
    CHECK(p.engine->verify_audit().intact);
}

TEST_CASE("prioritization: the objection window closes at midnight after its last day", "[procedures][prioritization]") {
    Procedures p("2025-04-09T10:00:00+07:00");
    CaseRecord c = p.create("prioritization", "62.03", {{"tahun", 2025}});
    const CaseId id = c.id;
    p.fire(id, "ajukan", proposal(100), officer);
    p.fire(id, "setujui", {{"nomor_persetujuan", "800/45"}}, head);
    c = p.fire(id, "umumkan", {{"tanggal_pengumuman", "2025-04-09"}, {"batas_sanggah", "2025-04-09"}}, officer);
    CHECK(c.state == "masa_sanggah");

    p.set_now("2025-04-09T23:59:59+07:00");
    CHECK(p.run_timers() == 0);
    p.set_now("2025-04-10T00:00:00+07:00");
    CHECK(p.run_timers() == 1);
    c = p.get(id);
    CHECK(c.state == "penetapan");
    CHECK(c.data["ada_sanggah_diterima"] == false);

    // The head sends the round back for a new ranking, then cancels it.
    c = p.fire(id, "susun_ulang", {{"alasan_penyusunan_ulang", "Formasi berubah"}}, head);
    CHECK(c.state == "susun_usulan");
    p.fire(id, "ajukan", proposal(100), officer);
    c = p.fire(id, "batalkan", {{"alasan_pembatalan", "Formasi dibatalkan"}}, head);
    CHECK(c.result == "cancelled");
}

// ---------------------------------------------------------------------------
// Vendor selection

namespace {

json package(const std::string& batas, const std::string& method = "sistem_nilai") {
    return {{"nama_paket", "Jasa kebersihan kantor 2026"},
            {"jenis_pekerjaan", "kebersihan"},
            {"jumlah_pekerja_dibutuhkan", 20},
            {"pagu_anggaran", 1000000000},
            {"metode_evaluasi", method},
            {"batas_penawaran", batas}};
}

// The bid event as the server's bid route fires it (version 2): who bid and
// the fingerprint of the sealed bid, which the server keeps apart.
json bid(const std::string& name, int price) {
    return {{"id_penyedia", name}, {"sidik_penawaran", "sha256:penawaran-" + name + "-" + std::to_string(price)}};
}

json admin_check(const std::string& name, bool all_ok) {
    return {{"nama_penyedia", name}, {"badan_hukum", true}, {"nib", true},
            {"npwp", all_ok},        {"bpjs_terdaftar", true}, {"bebas_daftar_hitam", true}};
}

json contract_terms(int wage) {
    return {{"nomor_kontrak", "027/KTR/2025"},   {"upah_bulanan", wage},         {"bpjs_ketenagakerjaan", true},
            {"bpjs_kesehatan", true},            {"prioritas_eks_non_asn", true}, {"kelas_risiko_jkk", 2},
            {"tanggal_bayar", 5},                {"tanggal_mulai", "2025-07-01"}, {"tanggal_selesai", "2026-06-30"}};
}

// From a new package to the contract task, with one bid that passes.
CaseId reach_contract_terms(Procedures& p, const std::string& regency) {
    const CaseId id = p.create("vendor_selection", regency, json::object()).id;
    p.fire(id, "umumkan", package("2025-06-11", "harga_terendah"), officer);
    p.fire(id, "ajukan_penawaran", bid("PT Bersih Sejahtera", 900000000), vendor);
    p.set_now("2025-06-12T09:00:00+08:00");
    p.run_timers();
    REQUIRE(p.get(id).state == "tutup_penawaran");
    p.fire(id, "lanjutkan", {{"jumlah_penawaran", 1}}, officer);
    p.fire(id, "catat_hasil", admin_check("PT Bersih Sejahtera", true), officer);
    p.fire(id, "selesai", json::object(), officer);
    const CaseRecord c = p.fire(id, "usulkan_pemenang",
                                {{"metode", "harga_terendah"}, {"calon_pemenang", "PT Bersih Sejahtera"},
                                 {"harga_terbaik", 900000000}},
                                officer);
    REQUIRE(c.state == "penetapan_pemenang");
    p.fire(id, "tetapkan", {{"nomor_penetapan", "1"}, {"nama_pemenang", "PT Bersih Sejahtera"}, {"nilai_kontrak", 900000000}},
           head);
    REQUIRE(p.get(id).state == "kontrak");
    return id;
}

}  // namespace

TEST_CASE("vendor selection: package, bids, administrative check, evaluation, award, contract",
          "[procedures][vendor_selection]") {
    Procedures p("2025-06-02T09:00:00+08:00");  // Monday, Balikpapan (WITA)
    CaseRecord c = p.create("vendor_selection", "64.71", json::object());
    const CaseId id = c.id;
    CHECK(c.state == "definisi_paket");
    CHECK_THROWS_AS(p.engine->fire(id, "umumkan", package("2025-06-11"), vendor), Forbidden);

    const auto past_deadline = refused(p, id, "umumkan", package("2025-06-01"), officer);  // already past
    REQUIRE(past_deadline.size() == 1);
    CHECK(past_deadline[0].field == "batas_penawaran");
    CHECK(past_deadline[0].message == "Batas akhir penawaran tidak boleh sebelum hari ini.");
    CHECK(p.get(id).state == "definisi_paket");
    // A method the regency does not offer: the officer reads the choices in words.
    const auto unknown_method = refused(p, id, "umumkan", package("2025-06-11", "lelang"), officer);
    REQUIRE(unknown_method.size() == 1);
    CHECK(unknown_method[0].field == "metode_evaluasi");
    CHECK(unknown_method[0].message == "harus salah satu dari: Sistem nilai (kualitas dan biaya), Harga terendah");
    c = p.fire(id, "umumkan", package("2025-06-11"), officer);
    CHECK(c.state == "masa_penawaran");
    CHECK(c.open_tasks.empty());

    // Vendors bid; an officer cannot. Each bid's fingerprint is in the history; the data keeps the latest.
    CHECK_THROWS_AS(p.engine->fire(id, "ajukan_penawaran", bid("BKPSDM", 1), officer), Forbidden);
    CHECK_THROWS_AS(p.engine->fire(id, "ajukan_penawaran", {{"id_penyedia", "PT X"}}, vendor), InvalidInput);
    // The bid's content is no field of the event: it stays sealed outside the case.
    CHECK_THROWS_AS(p.engine->fire(id, "ajukan_penawaran",
                                   {{"id_penyedia", "PT X"}, {"sidik_penawaran", "x"}, {"harga_penawaran", 1}}, vendor),
                    InvalidInput);
    c = p.fire(id, "ajukan_penawaran", bid("PT Bersih Sejahtera", 950000000), vendor);
    CHECK(c.state == "masa_penawaran");
    p.set_now("2025-06-05T14:00:00+08:00");
    CHECK(p.run_timers() == 1);  // the end-of-day check of 2 June
    c = p.fire(id, "ajukan_penawaran", bid("CV Rapi Mandiri", 880000000), other_vendor);
    CHECK(c.state == "masa_penawaran");
    CHECK(c.data["id_penyedia"] == "CV Rapi Mandiri");
    CHECK_FALSE(c.data.contains("harga_penawaran"));
    CHECK(count_fired(p.engine->history(id), "ajukan_penawaran") == 2);

    // After the last day the bids close and the officer takes over.
    p.set_now("2025-06-11T23:59:59+08:00");
    p.run_timers();  // the end-of-day check of 5 June: still open
    CHECK(p.get(id).state == "masa_penawaran");
    p.set_now("2025-06-12T00:00:00+08:00");
    CHECK(p.run_timers() == 1);
    c = p.get(id);
    CHECK(c.state == "tutup_penawaran");
    CHECK_THROWS_AS(p.engine->fire(id, "ajukan_penawaran", bid("PT Terlambat", 1), vendor), InvalidTransition);
    CHECK_THROWS_AS(p.engine->fire(id, "lanjutkan", {{"jumlah_penawaran", 2}}, vendor), Forbidden);
    c = p.fire(id, "lanjutkan", {{"jumlah_penawaran", 2}}, officer);
    CHECK(c.state == "pemeriksaan_administrasi");

    // Administrative check, one bidder at a time.
    CHECK_THROWS_AS(p.engine->fire(id, "catat_hasil", admin_check("PT Bersih Sejahtera", true), vendor), Forbidden);
    c = p.fire(id, "catat_hasil", admin_check("PT Bersih Sejahtera", false), officer);
    CHECK(c.state == "pemeriksaan_administrasi");
    CHECK(c.data["hasil_administrasi_terakhir"] == "gugur");
    CHECK_FALSE(c.data.contains("ada_penyedia_lulus"));
    c = p.fire(id, "catat_hasil", admin_check("CV Rapi Mandiri", true), officer);
    CHECK(c.data["hasil_administrasi_terakhir"] == "lulus");
    CHECK(c.data["ada_penyedia_lulus"] == true);
    c = p.fire(id, "selesai", json::object(), officer);
    CHECK(c.state == "evaluasi");

    // Evaluation: sistem nilai needs the scores; the price must fit the ceiling.
    json evaluation{{"metode", "sistem_nilai"}, {"calon_pemenang", "CV Rapi Mandiri"}, {"harga_terbaik", 880000000},
                    {"nilai_kualitas", 85}};
    const auto without_scores = refused(p, id, "usulkan_pemenang", evaluation, officer);
    REQUIRE(without_scores.size() == 2);  // each missing score at its field
    CHECK(without_scores[0].field == "nilai_biaya");
    CHECK(without_scores[1].field == "nilai_akhir");
    CHECK_THAT(without_scores[1].message, Catch::Contains("sistem nilai"));
    evaluation["nilai_biaya"] = 90;
    evaluation["nilai_akhir"] = 86;  // 80/20 in Balikpapan
    evaluation["harga_terbaik"] = 1200000000;
    const auto above_ceiling = refused(p, id, "usulkan_pemenang", evaluation, officer);
    REQUIRE(above_ceiling.size() == 1);
    CHECK(above_ceiling[0].field == "harga_terbaik");
    CHECK_THAT(above_ceiling[0].message, Catch::Contains("pagu"));
    CHECK(p.get(id).state == "evaluasi");
    evaluation["harga_terbaik"] = 880000000;
    c = p.fire(id, "usulkan_pemenang", evaluation, officer);
    CHECK(c.state == "penetapan_pemenang");

    // Award: not by a vendor, not by the evaluating officer.
    const json award{{"nomor_penetapan", "027/PP/2025"}, {"nama_pemenang", "CV Rapi Mandiri"}, {"nilai_kontrak", 880000000}};
    CHECK_THROWS_AS(p.engine->fire(id, "tetapkan", award, vendor), Forbidden);
    CHECK_THROWS_AS(p.engine->fire(id, "tetapkan", award, officer), Forbidden);
    c = p.fire(id, "tetapkan", award, head);
    CHECK(c.state == "kontrak");

    // Contract terms: wage at least Balikpapan's UMK (3,701,508), BPJS, former non-ASN first.
    c = p.fire(id, "simpan_syarat", contract_terms(3500000), officer);
    CHECK(c.state == "kontrak");
    CHECK(c.data["checks"]["upah_minimum"]["ok"] == false);
    CHECK_THAT(c.data["checks"]["upah_minimum"]["pesan"].get<std::string>(), Catch::Contains("di bawah UMK"));
    json terms = contract_terms(3701508);
    terms["bpjs_kesehatan"] = false;
    c = p.fire(id, "simpan_syarat", terms, officer);
    CHECK(c.state == "kontrak");
    CHECK(c.data["checks"]["upah_minimum"]["ok"] == true);
    CHECK(c.data["checks"]["bpjs_kesehatan"]["ok"] == false);
    terms["bpjs_kesehatan"] = true;
    terms["tanggal_selesai"] = "2025-06-30";  // before it starts
    const auto ends_before_start = refused(p, id, "simpan_syarat", terms, officer);
    REQUIRE(ends_before_start.size() == 1);
    CHECK(ends_before_start[0].field == "tanggal_selesai");
    CHECK(p.get(id).state == "kontrak");
    CHECK(p.get(id).data["checks"]["bpjs_kesehatan"]["ok"] == false);  // the refused terms wrote nothing
    terms["tanggal_selesai"] = "2026-06-30";
    c = p.fire(id, "simpan_syarat", terms, officer);
    CHECK(c.state == "kontrak_disepakati");
    CHECK(c.result == "awarded");
    CHECK(c.data["checks"]["failed"] == 0);
    CHECK(p.engine->verify_audit().intact);
}

TEST_CASE("vendor selection: the contract wage is checked against the regency's own UMK",
          "[procedures][vendor_selection]") {
    // 3,000,000 is above Klungkung's UMK (2,996,561) and below Balikpapan's (3,701,508).
    Procedures p("2025-06-02T09:00:00+08:00");
    const CaseId klungkung = reach_contract_terms(p, "51.05");
    CHECK(p.fire(klungkung, "simpan_syarat", contract_terms(3000000), officer).result == "awarded");

    p.set_now("2025-06-02T09:00:00+08:00");
    const CaseId balikpapan = reach_contract_terms(p, "64.71");
    const CaseRecord c = p.fire(balikpapan, "simpan_syarat", contract_terms(3000000), officer);
    CHECK(c.state == "kontrak");
    CHECK(c.data["checks"]["upah_minimum"]["ok"] == false);
}

TEST_CASE("vendor selection: no bidder passes the administrative check", "[procedures][vendor_selection]") {
    Procedures p("2025-06-02T09:00:00+07:00");
    const CaseId id = p.create("vendor_selection", "13.74", json::object()).id;  // Padang Panjang: harga terendah
    p.fire(id, "umumkan", package("2025-06-03", "harga_terendah"), officer);
    p.set_now("2025-06-04T08:00:00+07:00");
    CHECK(p.run_timers() == 1);  // the end-of-day check of 2 June runs on 4 June: closed
    CHECK(p.get(id).state == "tutup_penawaran");

    // No bids yet: the officer extends the window once, to a day still ahead.
    const auto ended_already = refused(
        p, id, "perpanjang", {{"batas_penawaran", "2025-06-03"}, {"alasan_perpanjangan", "Belum ada penawaran"}}, officer);
    REQUIRE(ended_already.size() == 1);
    CHECK(ended_already[0].field == "batas_penawaran");
    CHECK(p.get(id).state == "tutup_penawaran");
    CaseRecord c = p.fire(id, "perpanjang", {{"batas_penawaran", "2025-06-10"}, {"alasan_perpanjangan", "Belum ada penawaran"}},
                          officer);
    CHECK(c.state == "masa_penawaran");
    p.fire(id, "ajukan_penawaran", bid("PT Tanpa NPWP", 500000000), vendor);
    p.set_now("2025-06-11T08:00:00+07:00");
    p.run_timers();
    p.fire(id, "lanjutkan", {{"jumlah_penawaran", 1}}, officer);
    p.fire(id, "catat_hasil", admin_check("PT Tanpa NPWP", false), officer);
    c = p.fire(id, "selesai", json::object(), officer);
    CHECK(c.state == "gagal");
    CHECK(c.result == "failed");
    CHECK_THAT(c.data["alasan_gagal"].get<std::string>(), Catch::Contains("administrasi"));
}

// ---------------------------------------------------------------------------
// Contract compliance

namespace {

json contract_data(int wage) {
    return {{"nomor_kontrak", "027/KTR/2025"},
            {"nama_penyedia", "PT Bersih Sejahtera"},
            {"jumlah_pekerja_kontrak", 20},
            {"upah_bulanan", wage},
            {"kelas_risiko_jkk", 2},
            {"tanggal_bayar", 5}};
}

json report(const std::string& periode) {
    return {{"periode", periode}, {"jumlah_pekerja", 20}, {"berkas_laporan", "sha256:laporan-" + periode}};
}

json findings(int count, bool serious = false) {
    return {{"temuan", count}, {"pelanggaran_berat", serious}, {"rincian_temuan", "Upah di bawah UMK"}};
}

}  // namespace

TEST_CASE("vendor contract: monthly reports, the sanctions ladder and escalation in WITA",
          "[procedures][vendor_contract]") {
    Procedures p("2025-05-02T09:00:00+08:00");  // Friday, Klungkung (WITA)

    // A wage below Klungkung's UMK (2,996,561) is sent back for correction.
    CaseRecord c = p.create("vendor_contract", "51.05", contract_data(2900000));
    const CaseId id = c.id;
    CHECK(c.state == "lengkapi_kontrak");
    CHECK(c.data["checks"]["upah_minimum"]["ok"] == false);
    c = p.fire(id, "simpan", {{"upah_bulanan", 3000000}}, officer);
    CHECK(c.state == "menunggu_laporan");

    // A compliant month: the vendor reports, the system records no findings.
    c = p.fire(id, "kirim_laporan", report("2025-04"), vendor);
    CHECK(c.state == "pemeriksaan_laporan");
    CHECK_THROWS_AS(p.engine->fire(id, "hasil_pemeriksaan", findings(0), vendor), Forbidden);
    c = p.fire(id, "hasil_pemeriksaan", findings(0), Actor::system());
    CHECK(c.state == "menunggu_laporan");
    CHECK(c.data["status_kepatuhan"] == "patuh");
    CHECK_FALSE(c.data.contains("sanksi_terakhir"));

    // Findings: first warning, due in 5 working days (skipping Waisak and its cuti bersama).
    p.set_now("2025-05-08T10:00:00+08:00");  // Thursday
    p.fire(id, "kirim_laporan", report("2025-05"), vendor);
    c = p.fire(id, "hasil_pemeriksaan", findings(3), officer);
    CHECK(c.state == "peringatan_1");
    CHECK(c.data["status_kepatuhan"] == "tidak_patuh");
    CHECK(roles_of_task(c) == std::vector<std::string>{"officer"});
    CHECK(due_of(c, kWita) == "2025-05-20T00:00:00+08:00");  // 9, 14, 15, 16, 19 May
    const json letter{{"nomor_surat", "SP-1/027/2025"}, {"tanggal_surat", "2025-05-20"}};
    CHECK_THROWS_AS(p.engine->fire(id, "terbitkan", letter, vendor), Forbidden);

    p.set_now("2025-05-19T23:59:59+08:00");
    CHECK(p.run_timers() == 0);
    p.set_now("2025-05-20T00:00:00+08:00");
    CHECK(p.run_timers() == 1);
    c = p.get(id);
    CHECK(c.state == "eskalasi_sanksi");
    CHECK(roles_of_task(c) == std::vector<std::string>{"admin"});
    CHECK(has_event(p.engine->history(id), "escalated", "peringatan_1", "eskalasi_sanksi"));
    CHECK_THROWS_AS(p.engine->fire(id, "tugaskan_kembali", json::object(), officer), Forbidden);
    c = p.fire(id, "tugaskan_kembali", {{"catatan_eskalasi", "Terbitkan hari ini"}}, head);
    CHECK(c.state == "peringatan_1");  // the same step, not the next one
    c = p.fire(id, "terbitkan", letter, officer);
    CHECK(c.state == "menunggu_laporan");
    CHECK(c.data["sanksi_terakhir"] == "peringatan_1");

    // Each further month with findings climbs one step.
    p.fire(id, "kirim_laporan", report("2025-06"), vendor);
    c = p.fire(id, "hasil_pemeriksaan", findings(1), officer);
    CHECK(c.state == "peringatan_2");
    c = p.fire(id, "terbitkan", {{"nomor_surat", "SP-2/027/2025"}, {"tanggal_surat", "2025-05-21"}}, officer);
    CHECK(c.data["sanksi_terakhir"] == "peringatan_2");

    // A compliant month in between does not reset the ladder.
    p.fire(id, "kirim_laporan", report("2025-07"), vendor);
    c = p.fire(id, "hasil_pemeriksaan", findings(0), officer);
    CHECK(c.state == "menunggu_laporan");
    CHECK(c.data["sanksi_terakhir"] == "peringatan_2");

    p.fire(id, "kirim_laporan", report("2025-08"), vendor);
    c = p.fire(id, "hasil_pemeriksaan", findings(2), officer);
    CHECK(c.state == "denda");
    c = p.fire(id, "tetapkan_denda",
               {{"nomor_surat", "D/027/2025"}, {"jumlah_denda", 1500000}, {"dasar_perhitungan", "2% nilai kontrak bulanan"}},
               officer);
    CHECK(c.state == "menunggu_laporan");
    CHECK(c.data["sanksi_terakhir"] == "denda");

    p.fire(id, "kirim_laporan", report("2025-09"), vendor);
    c = p.fire(id, "hasil_pemeriksaan", findings(4), officer);
    CHECK(c.state == "pemutusan");
    c = p.fire(id, "putuskan",
               {{"nomor_surat_pemutusan", "PK/027/2025"}, {"tanggal_pemutusan", "2025-05-22"}, {"usulkan_daftar_hitam", true}},
               officer);
    CHECK(c.state == "daftar_hitam");
    const json blacklist{{"nomor_sk_daftar_hitam", "DH/1/2025"}, {"masa_berlaku_tahun", 1}};
    CHECK_THROWS_AS(p.engine->fire(id, "tetapkan", blacklist, officer), Forbidden);
    CHECK_THROWS_AS(p.engine->fire(id, "tetapkan", blacklist, vendor), Forbidden);
    c = p.fire(id, "tetapkan", blacklist, head);
    CHECK(c.state == "masuk_daftar_hitam");
    CHECK(c.result == "blacklisted");
    CHECK(count_fired(p.engine->history(id), "kirim_laporan") == 6);
    CHECK_THROWS_AS(p.engine->fire(id, "kirim_laporan", report("2025-10"), vendor), InvalidTransition);
}

TEST_CASE("vendor contract: late reports, unchecked reports, a serious breach, complaints",
          "[procedures][vendor_contract]") {
    Procedures p("2025-07-01T09:00:00+08:00");  // Balikpapan (WITA)
    const CaseId id = p.create("vendor_contract", "64.71", contract_data(3701508)).id;
    CHECK(p.get(id).state == "menunggu_laporan");

    // No report in 35 days: the officer is alerted and gives the vendor another chance.
    p.set_now("2025-08-05T08:59:59+08:00");
    CHECK(p.run_timers() == 0);
    p.set_now("2025-08-05T09:00:00+08:00");
    CHECK(p.run_timers() == 1);
    CaseRecord c = p.get(id);
    CHECK(c.state == "laporan_terlambat");
    CHECK(roles_of_task(c) == std::vector<std::string>{"officer"});
    c = p.fire(id, "beri_kesempatan", {{"catatan_pengingat", "Ditelepon"}}, officer);
    CHECK(c.state == "menunggu_laporan");

    // A report nobody checks in 5 working days goes to the head (17 and 18 August are off).
    p.set_now("2025-08-14T10:00:00+08:00");  // Thursday
    c = p.fire(id, "kirim_laporan", report("2025-07"), vendor);
    CHECK(c.state == "pemeriksaan_laporan");
    p.set_now("2025-08-22T00:00:00+08:00");  // 15, 19, 20, 21 August: only four
    CHECK(p.run_timers() == 0);
    p.set_now("2025-08-23T00:00:00+08:00");
    CHECK(p.run_timers() == 1);
    c = p.get(id);
    CHECK(c.state == "eskalasi_pemeriksaan");
    c = p.fire(id, "tugaskan_kembali", json::object(), head);
    CHECK(c.state == "pemeriksaan_laporan");

    // Findings that turn out wrong are dropped without climbing the ladder.
    c = p.fire(id, "hasil_pemeriksaan", findings(1), officer);
    CHECK(c.state == "peringatan_1");
    c = p.fire(id, "temuan_tidak_terbukti", {{"alasan_pembatalan_temuan", "Slip gaji menyusul"}}, officer);
    CHECK(c.state == "menunggu_laporan");
    CHECK_FALSE(c.data.contains("sanksi_terakhir"));

    // A worker's unpaid-wage complaint opens a compliance check; a serious breach skips the warnings.
    CHECK_THROWS_AS(p.engine->fire(id, "pengaduan_upah", {{"nomor_pengaduan", 7}}, vendor), Forbidden);
    c = p.fire(id, "pengaduan_upah", {{"nomor_pengaduan", 7}}, officer);
    CHECK(c.state == "pemeriksaan_laporan");
    c = p.fire(id, "hasil_pemeriksaan", findings(12, true), officer);
    CHECK(c.state == "pemutusan");
    c = p.fire(id, "putuskan",
               {{"nomor_surat_pemutusan", "PK/1"}, {"tanggal_pemutusan", "2025-08-25"}, {"usulkan_daftar_hitam", false}},
               officer);
    CHECK(c.result == "terminated");
}

TEST_CASE("vendor contract: a contract that runs its term", "[procedures][vendor_contract]") {
    Procedures p("2025-07-01T09:00:00+07:00");
    const CaseId id = p.create("vendor_contract", "62.03", contract_data(3473710)).id;  // exactly the UMK
    p.fire(id, "kirim_laporan", report("2025-06"), vendor);
    p.fire(id, "hasil_pemeriksaan", findings(0), officer);
    CHECK_THROWS_AS(p.engine->fire(id, "akhiri_kontrak", {{"tanggal_berakhir", "2026-06-30"}}, vendor), Forbidden);
    const CaseRecord c = p.fire(id, "akhiri_kontrak", {{"tanggal_berakhir", "2026-06-30"}}, officer);
    CHECK(c.result == "completed");
    CHECK(c.data.contains("ditutup_pada"));
}

// ---------------------------------------------------------------------------
// Grievances

namespace {

json complaint(const std::string& kategori) {
    return {{"nama_pelapor", "Wati Lestari"},
            {"nik", "6471014507900002"},
            {"kategori", kategori},
            {"uraian", "Uraian pengaduan"}};
}

}  // namespace

TEST_CASE("grievance: routed to the responsible unit by kategori", "[procedures][grievance]") {
    struct Route {
        std::string kategori, state, unit, role;
    };
    const std::vector<Route> routes{
        {"data_salah", "tindak_lanjut_opd", "opd", "opd_head"},
        {"keberatan_peringkat", "tindak_lanjut_bkpsdm", "bkpsdm", "officer"},
        {"upah_tidak_dibayar", "tindak_lanjut_alih_daya", "pengelola_alih_daya", "officer"},
        {"bpjs_tidak_terdaftar", "tindak_lanjut_alih_daya", "pengelola_alih_daya", "officer"},
        {"lainnya", "tindak_lanjut_bkpsdm", "bkpsdm", "officer"},
    };
    Procedures p("2025-05-05T09:00:00+07:00");
    for (const auto& route : routes) {
        INFO(route.kategori);
        const CaseRecord filed = p.create("grievance", "62.03", complaint(route.kategori), worker);
        CHECK(filed.state == "verifikasi");
        CHECK(filed.data.contains("berkas_lengkap_pada"));
        const CaseRecord c = p.fire(filed.id, "terima", {{"catatan_verifikasi", "Lengkap"}}, officer);
        CHECK(c.state == route.state);
        CHECK(c.data["unit_tujuan"] == route.unit);
        CHECK(roles_of_task(c) == std::vector<std::string>{route.role});
        CHECK(due_of(c, kWib) == "2025-05-15T00:00:00+07:00");  // 6, 7, 8, 9, 14 May (Waisak and its cuti bersama off)
        CHECK(c.data.value("perlu_pemeriksaan_kepatuhan", false) == (route.unit == "pengelola_alih_daya"));
    }

    // The officer corrects the category at verification; a unit passes a misrouted complaint on.
    const CaseId id = p.create("grievance", "62.03", complaint("lainnya"), officer).id;
    CaseRecord c = p.fire(id, "terima", {{"kategori", "data_salah"}}, officer);
    CHECK(c.state == "tindak_lanjut_opd");
    CHECK_THROWS_AS(p.engine->fire(id, "selesaikan", {{"hasil_penyelesaian", "x"}}, officer), Forbidden);
    c = p.fire(id, "alihkan", {{"kategori", "keberatan_peringkat"}, {"alasan_pengalihan", "Soal peringkat"}}, opd_head);
    CHECK(c.state == "tindak_lanjut_bkpsdm");
    CHECK(c.data["unit_tujuan"] == "bkpsdm");
}

TEST_CASE("grievance: an unpaid-wage complaint opens a compliance check on the contract, once",
          "[procedures][grievance][vendor_contract]") {
    Procedures p("2025-07-01T09:00:00+07:00");
    const CaseId contract = p.create("vendor_contract", "62.03", contract_data(3473710)).id;
    REQUIRE(p.get(contract).state == "menunggu_laporan");

    json filed = complaint("upah_tidak_dibayar");
    filed["kontrak_terkait"] = contract;
    const CaseId id = p.create("grievance", "62.03", filed, worker).id;
    CaseRecord c = p.fire(id, "terima", {{"catatan_verifikasi", "Lengkap"}}, officer);
    CHECK(c.state == "tindak_lanjut_alih_daya");
    CHECK(c.data["sinyal"]["pengaduan_upah"]["terkirim"] == true);
    CaseRecord k = p.get(contract);
    CHECK(k.state == "pemeriksaan_laporan");
    CHECK(k.data["nomor_pengaduan"] == id);
    CHECK(has_event(p.engine->history(contract), "fired", "menunggu_laporan", "pemeriksaan_laporan"));

    // Escalated and reassigned, the complaint comes back to the unit without a
    // second signal (the unchecked contract escalates too).
    p.set_now("2025-07-09T00:00:00+07:00");  // 5 working days: 2, 3, 4, 7, 8 July
    REQUIRE(p.run_timers() == 2);
    k = p.get(contract);
    CHECK(k.state == "eskalasi_pemeriksaan");
    c = p.fire(id, "tugaskan_kembali", json::object(), head);
    CHECK(c.state == "tindak_lanjut_alih_daya");
    const auto history = p.engine->history(id);
    const auto signals =
        std::count_if(history.begin(), history.end(), [](const EventRecord& e) { return e.type == "signal"; });
    CHECK(signals == 1);

    // A second complaint while the contract is under check is recorded as not delivered; the complaint goes on.
    const CaseId second = p.create("grievance", "62.03", filed, worker).id;
    c = p.fire(second, "terima", json::object(), officer);
    CHECK(c.state == "tindak_lanjut_alih_daya");
    CHECK(c.data["sinyal"]["pengaduan_upah"]["terkirim"] == false);
    CHECK_THAT(c.data["sinyal"]["pengaduan_upah"]["alasan"].get<std::string>(), Catch::Contains("pengaduan_upah"));
    CHECK(p.get(contract).version == k.version);

    // Without a contract named, the unit identifies it itself.
    c = p.fire(p.create("grievance", "62.03", complaint("upah_tidak_dibayar"), worker).id, "terima", json::object(),
               officer);
    CHECK(c.state == "tindak_lanjut_alih_daya");
    CHECK_FALSE(c.data.contains("sinyal"));
}

TEST_CASE("grievance: deadlines in WITA working days, escalation, appeal, confirmation", "[procedures][grievance]") {
    Procedures p("2025-05-08T10:00:00+08:00");  // Thursday, Balikpapan (WITA)
    CaseRecord c = p.create("grievance", "64.71", complaint("upah_tidak_dibayar"), worker);
    const CaseId id = c.id;
    CHECK(c.state == "verifikasi");
    // 3 working days: Friday 9; 12 May (Waisak) and 13 May (cuti bersama) skipped; 14, 15.
    CHECK(due_of(c, kWita) == "2025-05-16T00:00:00+08:00");
    CHECK_THROWS_AS(p.engine->fire(id, "terima", json::object(), worker), Forbidden);
    CHECK_THROWS_AS(p.engine->fire(id, "terima", json::object(), vendor), Forbidden);
    CHECK_THROWS_AS(p.engine->fire(id, "arsip", {{"alasan", "x"}}, opd_head), Forbidden);

    p.set_now("2025-05-15T23:59:59+08:00");
    CHECK(p.run_timers() == 0);
    p.set_now("2025-05-16T00:00:00+08:00");
    CHECK(p.run_timers() == 1);
    c = p.get(id);
    CHECK(c.state == "eskalasi_verifikasi");
    CHECK(roles_of_task(c) == std::vector<std::string>{"admin"});
    CHECK(has_event(p.engine->history(id), "escalated", "verifikasi", "eskalasi_verifikasi"));
    CHECK_THROWS_AS(p.engine->fire(id, "tugaskan_kembali", json::object(), officer), Forbidden);

    p.set_now("2025-05-16T08:00:00+08:00");
    c = p.fire(id, "tugaskan_kembali", {{"catatan_eskalasi", "Segera"}}, head);
    CHECK(c.state == "verifikasi");
    CHECK(due_of(c, kWita) == "2025-05-22T00:00:00+08:00");  // 19, 20, 21 May

    // More information is needed; the worker sends it.
    c = p.fire(id, "perlu_info", {{"informasi_diminta", "Nama penyedia dan bulan upah tidak dibayar"}}, officer);
    CHECK(c.state == "menunggu_informasi");
    CHECK_THROWS_AS(p.engine->fire(id, "kirim_informasi", {{"informasi_tambahan", "x"}}, vendor), Forbidden);
    p.set_now("2025-05-27T10:00:00+08:00");  // Tuesday
    c = p.fire(id, "kirim_informasi", {{"informasi_tambahan", "PT Bersih Sejahtera, April 2025"}}, worker);
    CHECK(c.state == "verifikasi");

    // Follow-up by vendor management: 5 working days across Ascension Day and its cuti bersama.
    c = p.fire(id, "terima", json::object(), officer);
    CHECK(c.state == "tindak_lanjut_alih_daya");
    CHECK(due_of(c, kWita) == "2025-06-06T00:00:00+08:00");  // 28 May, 2, 3, 4, 5 June
    p.set_now("2025-06-06T00:00:00+08:00");
    CHECK(p.run_timers() == 1);
    c = p.get(id);
    CHECK(c.state == "eskalasi_tindak_lanjut");
    CHECK(has_event(p.engine->history(id), "escalated", "tindak_lanjut_alih_daya", "eskalasi_tindak_lanjut"));
    c = p.fire(id, "tugaskan_kembali", json::object(), head);
    CHECK(c.state == "tindak_lanjut_alih_daya");
    c = p.fire(id, "selesaikan", {{"hasil_penyelesaian", "Upah April dibayar penyedia"}, {"kasus_kontrak_diperiksa", 3}},
               officer);
    CHECK(c.state == "menunggu_konfirmasi");
    CHECK(c.data.contains("diselesaikan_pada"));

    // The worker appeals; the head orders a new follow-up; then the worker accepts.
    CHECK_THROWS_AS(p.engine->fire(id, "banding", {{"alasan_banding", "x"}}, vendor), Forbidden);
    c = p.fire(id, "banding", {{"alasan_banding", "Upah Mei belum dibayar"}}, worker);
    CHECK(c.state == "tinjau_banding");
    CHECK(roles_of_task(c) == std::vector<std::string>{"admin"});
    c = p.fire(id, "tindak_lanjut_ulang", {{"catatan_banding", "Periksa juga upah Mei"}}, head);
    CHECK(c.state == "tindak_lanjut_alih_daya");
    c = p.fire(id, "selesaikan", {{"hasil_penyelesaian", "Upah Mei dibayar"}}, officer);
    c = p.fire(id, "konfirmasi", {{"catatan_pelapor", "Terima kasih"}}, worker);
    CHECK(c.state == "selesai");
    CHECK(c.result == "resolved");
    CHECK(c.data["konfirmasi_pelapor"] == "diterima");
    CHECK(p.engine->verify_audit().intact);
}

TEST_CASE("grievance: the same instant counts from different days in WIB and WITA", "[procedures][grievance]") {
    // 23:30 WIB on Thursday 6 February 2025 is 00:30 WITA on Friday; Monday
    // 10 February is Balikpapan's anniversary.
    Procedures p("2025-02-06T23:30:00+07:00");
    const CaseRecord kapuas = p.create("grievance", "62.03", complaint("lainnya"), worker);
    const CaseRecord balikpapan = p.create("grievance", "64.71", complaint("lainnya"), worker);
    CHECK(due_of(kapuas, kWib) == "2025-02-12T00:00:00+07:00");        // 7, 10, 11 February
    CHECK(due_of(balikpapan, kWita) == "2025-02-14T00:00:00+08:00");  // 11, 12, 13 February
    CHECK_THAT(balikpapan.data["diajukan_pada"].get<std::string>(), Catch::StartsWith("2025-02-07T00:30:00+08:00"));
}

TEST_CASE("grievance: silence counts as acceptance, appeals can be rejected", "[procedures][grievance]") {
    Procedures p("2025-05-05T09:00:00+08:00");
    const CaseId quiet = p.create("grievance", "63.08", complaint("keberatan_peringkat"), worker).id;
    p.fire(quiet, "terima", json::object(), officer);
    CaseRecord c = p.fire(quiet, "selesaikan", {{"hasil_penyelesaian", "Peringkat diperiksa ulang, sudah benar"}}, officer);
    CHECK(c.state == "menunggu_konfirmasi");
    // The follow-up was recorded at 09:00 on 5 May: 14 days later, silence counts as acceptance.
    p.set_now("2025-05-19T08:59:59+08:00");
    CHECK(p.run_timers() == 0);
    p.set_now("2025-05-19T09:00:00+08:00");
    CHECK(p.run_timers() == 1);
    c = p.get(quiet);
    CHECK(c.result == "resolved");
    CHECK(c.data["konfirmasi_pelapor"] == "dianggap_diterima");

    const CaseId appeal = p.create("grievance", "63.08", complaint("keberatan_peringkat"), officer).id;
    p.fire(appeal, "terima", json::object(), officer);
    p.fire(appeal, "selesaikan", {{"hasil_penyelesaian", "Peringkat sudah benar"}}, officer);
    p.fire(appeal, "banding", {{"alasan_banding", "Tidak setuju"}}, worker);
    CHECK_THROWS_AS(p.engine->fire(appeal, "tolak_banding", {{"alasan_penolakan_banding", "x"}}, officer), Forbidden);
    c = p.fire(appeal, "tolak_banding", {{"alasan_penolakan_banding", "Sesuai kartu skor"}}, head);
    CHECK(c.result == "appeal_rejected");
}

TEST_CASE("grievance: incomplete filings, other authorities, archive", "[procedures][grievance]") {
    Procedures p("2025-05-05T09:00:00+07:00");  // Monday, Padang Panjang (WIB)

    json incomplete = complaint("tidak_dikenal");
    incomplete.erase("uraian");
    CaseRecord c = p.create("grievance", "13.74", incomplete, worker);
    const CaseId id = c.id;
    CHECK(c.state == "lengkapi_pengaduan");
    CHECK(c.data["checks"]["failed"] == 2);
    CHECK_FALSE(c.data.contains("berkas_lengkap_pada"));
    CHECK_THROWS_AS(p.engine->fire(id, "lengkapi", {{"kategori", "bukan_kategori"}}, worker), InvalidInput);
    p.set_now("2025-05-06T10:00:00+07:00");
    c = p.fire(id, "lengkapi", {{"kategori", "data_salah"}, {"uraian", "Tanggal lahir salah"}}, worker);
    CHECK(c.state == "verifikasi");
    CHECK(c.data["checks"]["failed"] == 0);
    CHECK(c.data["diajukan_pada"] == "2025-05-05T09:00:00+07:00");  // filed once, completed later
    CHECK(c.data["berkas_lengkap_pada"] == "2025-05-06T10:00:00+07:00");
    c = p.fire(id, "bukan_kewenangan", {{"instansi_berwenang", "BKN Kanreg XII"}, {"alasan", "Data BKN"}}, officer);
    CHECK(c.result == "referred");

    // Not completed within 10 working days (12 and 13 May are off): closed as incomplete.
    p.set_now("2025-05-05T09:00:00+07:00");
    json missing = complaint("lainnya");
    missing.erase("nama_pelapor");
    const CaseId late = p.create("grievance", "13.74", missing, worker).id;
    p.set_now("2025-05-20T23:59:59+07:00");  // 6-9, 14-16, 19, 20 May: nine
    CHECK(p.run_timers() == 0);
    p.set_now("2025-05-22T00:00:00+07:00");
    CHECK(p.run_timers() == 1);
    CHECK(p.get(late).result == "incomplete");

    const CaseId archived = p.create("grievance", "13.74", complaint("lainnya"), officer).id;
    CHECK(p.fire(archived, "arsip", {{"alasan", "Pengaduan ganda"}}, officer).result == "archived");
}
