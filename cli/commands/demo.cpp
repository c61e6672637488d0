// tata demo [--db PATH] [--no-serve] [--port N]: the procedures on the
// shipped example data for Kabupaten Kapuas: import the roster (4,874
// workers), take workers' files through verification, let deadlines pass,
// rank and propose the round, check two vendors' monthly reports and submit
// one to its contract, file a grievance on that contract, evaluate six
// workers' performance for 2025 (one objection), and print the rekap for the
// regency's leadership. Then, unless --no-serve (which adds the demo users
// and stops, so that `tata serve` can serve the database later), serve the API on
// the demo database with a demo user for every role.
#include "commands/case_view.hpp"
#include "commands/commands.hpp"
#include "commands/demo_server.hpp"
#include "commands/ranking_view.hpp"
#include "reports/rekap_format.hpp"

#include "compliance/compliance.hpp"
#include "compliance/report_text.hpp"
#include "compliance/submission.hpp"
#include "nik/area_registry.hpp"
#include "performance/open_year.hpp"
#include "performance/predikat_summary.hpp"
#include "ranking/ranking.hpp"
#include "ranking/round.hpp"
#include "reports/rekap.hpp"
#include "roster/worker_import.hpp"

#include <algorithm>
#include <filesystem>

namespace tata::cli {
namespace {

constexpr const char* kapuas = "62.03";

void heading(Context& context, const std::string& text) { context.out << "\n== " << text << " ==\n"; }

void show(Context& context, Engine& engine, CaseId id) {
    const CaseRecord record = engine.get_case(id);
    const int offset = regency_offset(engine, record.regency);
    print_case(context.out, record, engine.workflow_of(record).get(), offset);
    context.out << "History:\n";
    print_history(context.out, engine.history(id), offset);
}

// The first verification case resting in `state`, if any.
std::optional<CaseId> first_in(Engine& engine, const std::string& state) {
    CaseFilter filter;
    filter.regency = kapuas;
    filter.workflow_id = "verification";
    filter.state = state;
    filter.limit = 1;
    const auto cases = engine.list_cases(filter);
    if (cases.empty()) return std::nullopt;
    return cases.front().id;
}

// Verified workers of one OPD, in case order: whom the demo's grievance and
// evaluations are about, so the OPD's demo users see them.
struct VerifiedWorker {
    std::string nik, nama, jabatan;
};
std::vector<VerifiedWorker> verified_in(Engine& engine, const std::string& opd, std::size_t most) {
    std::vector<VerifiedWorker> found;
    IndexQuery query;
    query.workflow_id = "verification";
    query.regency = kapuas;
    query.result = "verified";
    query.columns = {"nik", "nama", "jabatan", "opd"};
    engine.scan_index(query, [&](const IndexRow& row) {
        if (found.size() < most && !row.is_null(3) && row.text(3) == opd)
            found.push_back({std::string(row.text(0)), std::string(row.text(1)), std::string(row.text(2))});
    });
    return found;
}

void import_roster(Context& context, Engine& engine) {
    const auto roster = context.examples_dir() / "data" / "kapuas-roster.csv";
    heading(context, "Roster import: " + roster.filename().string());
    const auto areas = nik::AreaRegistry::shared(context.sources().rules.front() / "wilayah");
    roster::ImportOptions options;
    options.regency = kapuas;
    options.actor = {"rina", "officer"};
    const auto report = roster::import_workers(engine, roster, *areas, options);
    context.out << report.created << " workers imported, each with a verification case ("
                << report.flagged << " flagged for a manual NIK review, " << report.rejected << " rows rejected)\n";
}

// The heads of the education and health OPDs confirm their files in time
// and BKAD validates the salary slips; the other OPDs do not answer.
void verify_education_and_health(Context& context, Engine& engine) {
    IndexQuery query;
    query.workflow_id = "verification";
    query.regency = kapuas;
    query.state = "konfirmasi_opd";
    query.columns = {"sektor"};
    std::vector<CaseId> ids;
    engine.scan_index(query, [&](const IndexRow& row) {
        const auto sektor = row.text(0);
        if (sektor == "pendidikan" || sektor == "kesehatan") ids.push_back(row.case_id());
    });
    if (ids.empty()) return;
    engine.batch([&] {
        for (CaseId id : ids) {
            engine.fire(id, "setuju", {{"nomor_sptjm", "800/" + std::to_string(id) + "/SPTJM/2025"}}, {"kadis", "opd_head"});
            engine.fire(id, "valid", {{"catatan_bkad", "Slip gaji Januari–Mei 2025 sesuai SP2D"}}, {"bkad01", "bkad"});
        }
    });
    heading(context, "Education and health files: SPTJM by the heads of the OPDs, salary slips validated by BKAD");
    context.out << ids.size() << " files verified; one of them:\n";
    show(context, engine, ids.front());
}

void show_returned(Context& context, Engine& engine) {
    const auto id = first_in(engine, "dikembalikan");
    if (!id) return;
    heading(context, "A file returned to its OPD, with the reasons");
    show(context, engine, *id);
}

// Two weeks after the deadline the OPD heads have not answered: every
// overdue SPTJM task escalates to BKPSDM.
std::unique_ptr<Engine> let_deadlines_pass(Context& context, std::unique_ptr<Engine> engine) {
    const auto waiting = first_in(*engine, "konfirmasi_opd");
    if (!waiting) return engine;
    const TimePoint due = *engine->get_case(*waiting).open_tasks.front().due_at;
    engine.reset();
    auto later = context.open_engine(std::make_shared<FixedClock>(due + std::chrono::hours(24 * 7)));
    const auto timers = later->run_due_timers();
    heading(context, "Five working days later: unanswered SPTJM requests escalate to BKPSDM");
    context.out << timers.fired << " tasks escalated (deadline " << format_iso8601(due, 7 * 60) << ")\n";
    show(context, *later, *waiting);
    return later;
}

// Verified workers ranked by Kapuas' scorecard on top of the national order
// and allocated to the 2025 formasi.
void rank_verified(Context& context, Engine& engine) {
    heading(context, "Prioritization: verified workers ranked and allocated to the formasi");
    const auto result = ranking::rank_regency_own_formasi(engine, kapuas);
    print_ranking(context.out, result, 10);
    const auto allocated = std::find_if(result.workers.begin(), result.workers.end(),
                                        [](const ranking::RankedWorker& w) { return !w.formasi.empty(); });
    if (allocated != result.workers.end()) {
        const ranking::RankedWorker worker = *allocated;  // built when read
        context.out << "\nWhy (tata rank --regency 62.03 --explain " << worker.nik() << "):\n";
        print_explain(context.out, worker);
    }
    // The proposal goes to the Kepala BKPSDM as the regency's round.
    ranking::RoundSnapshots snapshots(context.database());
    const auto proposal = ranking::propose_round(engine, result, {"rina", "officer"}, snapshots);
    context.out << "\nProposed as " << ranking::ranking_number(result) << " (tata rank --regency 62.03 --propose):\n";
    show(context, engine, proposal.round.id);
}

// Both reports checked as a vendor does before sending; the compliant one
// then sent to its contract's case, which goes back to waiting for July.
CaseId check_vendor_reports(Context& context, Engine& engine) {
    heading(context, "Vendors' monthly compliance reports (June 2025)");
    const auto settings = compliance::settings_for(*engine.definitions()->find_regency(kapuas));
    for (const char* name : {"kapuas-2025-06-patuh.csv", "kapuas-2025-06-tidak-patuh.csv"}) {
        const auto report = compliance::check_report(context.examples_dir() / "vendor" / name, settings);
        context.out << compliance::format_summary(report) << "\n";
        for (const auto& finding : report.findings) context.out << "  " << compliance::format_finding(report, finding) << "\n";
    }
    const CaseId contract = engine
                                .create_case("vendor_contract", kapuas,
                                             {{"nomor_kontrak", "027/PBJ-BKPSDM/2025"},
                                              {"id_penyedia", demo_vendor},
                                              {"nama_penyedia", "PT Kapuas Bersih Mandiri"},
                                              {"jumlah_pekerja_kontrak", 8},
                                              {"upah_bulanan", 3650000},
                                              {"kelas_risiko_jkk", 1},
                                              {"tanggal_bayar", 5}},
                                             {"rina", "officer"})
                                .record.id;
    const auto submitted = compliance::submit_report(engine, contract, context.examples_dir() / "vendor" / "kapuas-2025-06-patuh.csv",
                                                     {demo_vendor_user, "vendor"});
    context.out << "\nThe compliant report sent to its contract (tata vendor submit ... --case " << contract << "):\n";
    show(context, engine, submitted.contract.id);
    return contract;
}

// A verified worker now placed with the vendor complains of unpaid wages.
DemoWorker file_grievance(Context& context, Engine& engine, CaseId contract) {
    heading(context, "A worker's grievance: unpaid wages, routed to vendor management");
    DemoWorker worker{"6203082710860099", "Sahrudin Ansyari"};
    if (const auto verified = verified_in(engine, demo_opd, 1); !verified.empty())
        worker = {verified.front().nik, verified.front().nama};
    const auto created = engine.create_case("grievance", kapuas,
                                            {{"nama_pelapor", worker.name},
                                             {"nik", worker.nik},
                                             {"kategori", "upah_tidak_dibayar"},
                                             {"kontrak_terkait", contract},
                                             {"uraian", "Upah bulan Mei 2025 dari PT Kapuas Bersih Mandiri belum dibayar."}},
                                            {demo_worker_user, "worker"});
    engine.fire(created.record.id, "terima", {{"catatan_verifikasi", "Kontrak PT Kapuas Bersih Mandiri aktif; diteruskan"}},
                {"rina", "officer"});
    show(context, engine, created.record.id);
    context.out << "\nThe contract, now under a compliance check opened by the grievance:\n";
    show(context, engine, contract);
    return worker;
}

// 2025's evaluations in Dinas Pendidikan: targets, four quarterly
// check-ins, the annual rating and the predikat from the decision table.
// One worker objects and the OPD head changes the rating; the demo worker
// has agreed to their targets and is due to record the first quarter.
void evaluate_performance(Context& context, Engine& engine, CaseId contract, const DemoWorker& demo) {
    heading(context, "Performance evaluation 2025 (penilaian kinerja): Dinas Pendidikan");
    auto workers = verified_in(engine, demo_opd, 6);
    if (workers.size() < 6) return;
    // The demo worker first, whatever the scan order.
    std::stable_partition(workers.begin(), workers.end(), [&](const VerifiedWorker& w) { return w.nik == demo.nik; });
    const char* kinds[] = {"pppk_paruh_waktu", "pppk", "pppk_paruh_waktu", "pppk_paruh_waktu", "alih_daya", "pppk"};
    std::vector<performance::EvaluatedWorker> list;
    for (std::size_t i = 0; i < workers.size(); ++i)
        list.push_back({workers[i].nik, workers[i].nama, demo_opd, workers[i].jabatan, kinds[i],
                        std::string(kinds[i]) == "alih_daya" ? contract : 0, i + 2});
    const auto opened = performance::open_evaluation_year(engine, kapuas, 2025, list, {"rina", "officer"});
    context.out << opened.opened << " evaluations opened (tata evaluation open --regency 62.03 --year 2025 LIST.csv)\n";

    const Actor supervisor{demo_supervisor_user, "supervisor"};
    const Actor head{"kadis", "opd_head"};
    auto set_targets = [&](CaseId id, const Actor& worker) {
        engine.fire(id, "tetapkan_target",
                    {{"indikator_1", "Rencana pelaksanaan pembelajaran disusun tepat waktu"},
                     {"target_1", "100% RPP per semester"},
                     {"indikator_2", "Kehadiran mengajar"},
                     {"target_2", "minimal 95% jam mengajar"}},
                    supervisor);
        engine.fire(id, "setuju", nlohmann::json::object(), worker);
    };
    auto run_year = [&](CaseId id, const Actor& worker, const char* hasil, const char* perilaku) {
        set_targets(id, worker);
        for (int quarter = 1; quarter <= 4; ++quarter) {
            engine.fire(id, "catat_realisasi",
                        {{"realisasi_1", "RPP triwulan " + std::to_string(quarter) + " lengkap"},
                         {"realisasi_2", "Kehadiran 97%"}},
                        worker);
            engine.fire(id, "kirim_umpan_balik", {{"umpan_balik", "Sesuai rencana; pertahankan."}}, supervisor);
        }
        engine.fire(id, "nilai", {{"hasil_kerja", hasil}, {"perilaku_kerja", perilaku}}, supervisor);
    };
    engine.batch([&] {
        std::vector<CaseId> ids = opened.cases;
        auto worker_actor = [&](std::size_t i) { return Actor{i == 0 ? demo_worker_user : "pegawai" + std::to_string(i), "worker"}; };
        set_targets(ids[0], worker_actor(0));
        run_year(ids[1], worker_actor(1), "di_atas_ekspektasi", "di_atas_ekspektasi");
        engine.fire(ids[1], "terima_hasil", nlohmann::json::object(), worker_actor(1));
        engine.fire(ids[1], "perpanjang", {{"alasan_usulan", "Predikat Sangat Baik; kebutuhan guru tetap."}, {"lama_perpanjangan_tahun", 5}},
                    {"rina", "officer"});
        run_year(ids[2], worker_actor(2), "sesuai_ekspektasi", "sesuai_ekspektasi");
        engine.fire(ids[2], "terima_hasil", nlohmann::json::object(), worker_actor(2));
        engine.fire(ids[2], "angkat_pppk", {{"alasan_usulan", "Predikat Baik dan formasi guru tersedia."}}, {"rina", "officer"});
        run_year(ids[3], worker_actor(3), "di_bawah_ekspektasi", "sesuai_ekspektasi");
        engine.fire(ids[3], "ajukan_keberatan",
                    {{"alasan_keberatan", "Target RPP tercapai 100%; bukti terlampir pada realisasi triwulan."}}, worker_actor(3));
        engine.fire(ids[3], "terima",
                    {{"hasil_kerja", "sesuai_ekspektasi"}, {"perilaku_kerja", "sesuai_ekspektasi"},
                     {"alasan_putusan", "Bukti realisasi menunjukkan target hasil kerja tercapai."}},
                    head);
        run_year(ids[4], worker_actor(4), "sesuai_ekspektasi", "di_atas_ekspektasi");
        engine.fire(ids[4], "terima_hasil", nlohmann::json::object(), worker_actor(4));
    });
    // One line per worker: where the evaluation stands and its predikat, in
    // the decision table's words.
    const Regency* regency = engine.definitions()->find_regency(kapuas);
    const DecisionTable* table = regency ? regency->find_decision_table(performance::kPredikatTable) : nullptr;
    for (const CaseId id : opened.cases) {
        const CaseRecord record = engine.get_case(id);
        const auto workflow = engine.workflow_of(record);
        const State* state = workflow->find_state(record.state);
        context.out << "  #" << id << " " << record.data.value("nama", std::string()) << " ("
                    << record.data.value("jenis_kepegawaian", std::string()) << "): "
                    << (state ? state->title : record.state);
        if (const auto predikat = record.data.find("predikat"); predikat != record.data.end() && predikat->is_string()) {
            context.out << "; predikat " << performance::predikat_label(table, predikat->get<std::string>());
            if (record.data.value("keberatan", std::string()) == "diterima")
                context.out << " (keberatan diterima, semula "
                            << performance::predikat_label(table, record.data.value("predikat_sebelum_keberatan", std::string()))
                            << ")";
        }
        context.out << "\n";
    }
    context.out << "Why the objection's predikat (tata case show " << opened.cases[3] << "):\n  "
                << engine.get_case(opened.cases[3]).data["keputusan"][performance::kPredikatTable].value("keterangan", std::string())
                << "\n";
}

void print_rekap(Context& context, Engine& engine) {
    heading(context, "Rekap for the regency's leadership");
    reports::print_rekap_table(context.out, reports::build_rekap(engine, kapuas), false);
    context.out << "(per OPD: tata report rekap --regency 62.03 --db " << context.database() << " [--format csv])\n";
}

}  // namespace

int run_demo(Context& context) {
    const std::string database = context.database();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(database + suffix);
    std::filesystem::remove_all(database + ".dokumen");
    auto engine = context.open_engine();
    context.out << "Tata demo: Kabupaten Kapuas (62.03), database " << database << "\n";

    import_roster(context, *engine);
    verify_education_and_health(context, *engine);
    show_returned(context, *engine);
    engine = let_deadlines_pass(context, std::move(engine));
    rank_verified(context, *engine);
    const CaseId contract = check_vendor_reports(context, *engine);
    const DemoWorker worker = file_grievance(context, *engine, contract);
    evaluate_performance(context, *engine, contract, worker);
    print_rekap(context, *engine);

    const auto audit = engine->verify_audit();
    context.out << "\nAudit chain: " << (audit.intact ? "intact" : "BROKEN") << ", " << audit.events_checked
                << " events verified; head " << audit.head_seq << ":" << audit.head_hash.substr(0, 16) << "…\n";
    if (!audit.intact) return 1;
    if (context.args.flag("no-serve")) {
        add_demo_users(context, worker);
        return 0;
    }
    engine.reset();  // the server opens the database itself
    return serve_demo(context, worker);
}

}  // namespace tata::cli
