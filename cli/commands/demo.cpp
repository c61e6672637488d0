// tata demo: runs the shipped verification workflow end to end on two
// example worker files and prints what happened, step by step.
#include "commands/case_view.hpp"
#include "commands/commands.hpp"

#include <filesystem>

namespace tata::cli {
namespace {

nlohmann::json complete_file() {
    return {{"nik", "6203014501900001"},    {"nama", "Siti Rahmawati"},     {"opd", "Dinas Kesehatan"},
            {"jabatan", "Perawat"},         {"sektor", "kesehatan"},        {"kategori", "database_bkn"},
            {"sumber_gaji", "apbd"},        {"tmt", "2016-07-01"},          {"honor_bulanan", 2500000},
            {"dokumen", {"ktp", "sk", "bukti_gaji", "ijazah"}}};
}

nlohmann::json incomplete_file() {
    return {{"nik", "6203010707950002"},    {"nama", "Ahmad Fauzi"},        {"opd", "Dinas Pendidikan"},
            {"jabatan", "Guru"},            {"sektor", "pendidikan"},       {"kategori", "non_database"},
            {"sumber_gaji", "apbd"},        {"tmt", "2024-01-02"},          {"honor_bulanan", 1500000},
            {"dokumen", {"ktp", "sk"}}};
}

nlohmann::json late_file() {
    return {{"nik", "6203026112880003"},    {"nama", "Maria Ulfah"},        {"opd", "Puskesmas Selat"},
            {"jabatan", "Bidan"},           {"sektor", "kesehatan"},        {"kategori", "eks_thk2"},
            {"sumber_gaji", "apbd"},        {"tmt", "2010-03-01"},          {"honor_bulanan", 2750000},
            {"dokumen", {"ktp", "sk", "bukti_gaji", "ijazah"}}};
}

void show(Context& context, Engine& engine, CaseId id, const std::string& heading) {
    const CaseRecord record = engine.get_case(id);
    context.out << "\n== " << heading << " ==\n";
    const int offset = regency_offset(engine, record.regency);
    print_case(context.out, record, engine.workflow_of(record).get(), offset);
    context.out << "History:\n";
    print_history(context.out, engine.history(id), offset);
}

}  // namespace

int run_demo(Context& context) {
    const std::string database = context.database();
    std::filesystem::remove(database);
    std::filesystem::remove(database + "-wal");
    std::filesystem::remove(database + "-shm");
    auto engine = context.open_engine();
    const std::string regency = "62.03";
    context.out << "Tata demo: verification of worker files in Kabupaten Kapuas (database " << database << ")\n";

    const Actor officer{"rina", "officer"};
    const Actor opd_head{"kadinkes", "opd_head"};
    const Actor bkad{"bkad01", "bkad"};

    auto first = engine->create_case("verification", regency, complete_file(), officer);
    const CaseId complete = first.record.id;
    engine->fire(complete, "setuju", {{"nomor_sptjm", "800/112/DINKES/2025"}, {"catatan", "Data sesuai"}}, opd_head);
    engine->fire(complete, "valid", {{"catatan_bkad", "Slip gaji Jan–Des sesuai SP2D"}}, bkad);
    show(context, *engine, complete, "A complete file: automatic checks, SPTJM by the OPD head, BKAD validation");

    auto second = engine->create_case("verification", regency, incomplete_file(), officer);
    show(context, *engine, second.record.id, "An incomplete file: returned to the OPD with reasons");

    auto third = engine->create_case("verification", regency, late_file(), officer);
    const TimePoint due = *third.record.open_tasks.front().due_at;
    engine.reset();
    // Two weeks later the OPD head still has not confirmed: the timer run
    // escalates the task to BKPSDM (working days skip weekends and holidays).
    auto later = context.open_engine(std::make_shared<FixedClock>(due + std::chrono::hours(24 * 7)));
    const auto timers = later->run_due_timers();
    show(context, *later, third.record.id,
         "An OPD head who does not answer: escalated to BKPSDM after 5 working days (" + std::to_string(timers.fired) +
             " timer fired)");
    engine = std::move(later);

    const auto audit = engine->verify_audit();
    context.out << "\nAudit chain: " << (audit.intact ? "intact" : "BROKEN") << ", " << audit.events_checked
                << " event(s) verified\n";
    return audit.intact ? 0 : 1;
}

}  // namespace tata::cli
