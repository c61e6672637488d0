// The ranking, the prioritization round, grievances and the leadership's
// reports (api/worker_routes.cpp, api/round_routes.cpp,
// api/grievance_routes.cpp, api/report_routes.cpp; the JSON itself comes from
// ranking::worker_json and reports::rekap_json).
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

namespace tata::server {
namespace {

using namespace schema;

// Counts by outcome code (cpns, pppk, ...); the codes come from the ranking,
// so they are names of a map rather than fixed properties.
json counts() { return map_of(integer()); }

json ranked_worker() {
    const json contribution = closed({{"aturan", string()}, {"label", string()}, {"poin", number()}});
    return closed({{"peringkat", integer()},
                   {"nik", string()},
                   {"nama", nullable(string())},
                   {"opd", nullable(string())},
                   {"jabatan", nullable(string())},
                   {"kelompok", string()},
                   {"poin", number()},
                   {"kontribusi", array_of(contribution)},
                   {"usulan", string()},
                   {"formasi", nullable(string())},
                   {"penjelasan", string()}});
}

json ranking_page() {
    // The adopted scenario's `pada` is copied from the adoption file as
    // written, so it is not promised to be a date-time.
    const json adopted = closed({{"nama", string()}, {"pada", string()}});
    return with(page_of(ref("RankedWorker")), {{"per_opd", map_of(counts())},
                                               {"nomor_pemeringkatan", string()},
                                               {"tanggal_acuan", date()},
                                               {"per_usulan", counts()},
                                               {"sisa_formasi", counts()},
                                               {"skenario_ditetapkan", nullable(adopted)},
                                               {"tidak_diperingkat_masa_kerja", integer()}});
}

json announcement() {
    return closed({{"tanggal_pengumuman", date()}, {"batas_sanggah", date()}, {"masa_sanggah_terbuka", boolean()}});
}

// Before there is a round (or, for a worker, before it is announced) the
// answer is only {"putaran": null}.
json no_round() { return closed({{"putaran", {{"type", "null"}}}}); }

json approved_round() {
    // per_opd and tanggal_acuan are null for a round whose ranking was not
    // frozen (proposed by hand, or before rankings were frozen).
    const json round = closed({{"putaran", integer()},
                               {"jumlah", integer()},
                               {"per_usulan", counts()},
                               {"per_opd", nullable(map_of(counts()))},
                               {"tanggal_acuan", nullable(date())},
                               {"tahap", string()},
                               {"selesai", boolean()},
                               {"nomor_pemeringkatan", string()},
                               {"nomor_persetujuan", nullable(string())},  // the approval's number, or null
                               {"pengumuman", nullable(ref("RoundAnnouncement"))},
                               {"sanggahan", closed({{"jumlah", integer()}, {"belum_selesai", integer()}})}});
    return {{"oneOf", {no_round(), round}}};
}

json own_round() {
    const json objection = closed({{"id", integer()}, {"tahap", string()}, {"selesai", boolean()}});
    const json round = with(announcement(), {{"putaran", integer()},
                                             {"tahap", string()},
                                             {"hasil", nullable(ref("RankedWorker"))},
                                             {"sanggahan", array_of(objection)}});
    return {{"oneOf", {no_round(), round}}};
}

json rekap_counts() {
    return closed({{"jumlah", integer()},
                   {"per_kategori", counts()},
                   {"per_kategori_dan_hasil_seleksi", map_of(counts())},
                   {"status_verifikasi", counts()},
                   {"usulan", counts()}});
}

json rekap() {
    // kinerja only when the regency has performance evaluations.
    const json kinerja = closed({{"tahun", integer()},
                                 {"label_predikat", map_of(string())},
                                 {"batas_sebaran", map_of(number())},
                                 {"total", ref("PredikatCounts")},
                                 {"per_opd", map_of(ref("PredikatCounts"))}});
    return with_optional(closed({{"regency", string()},
                                 {"name", string()},
                                 {"nomor_pemeringkatan", string()},
                                 {"putaran", nullable(integer())},
                                 {"total", ref("RekapCounts")},
                                 {"per_opd", map_of(ref("RekapCounts"))}}),
                         {{"kinerja", kinerja}});
}

json open_tasks_report() {
    const json tally = closed({{"open", integer()}, {"overdue", integer()}});
    const json workflow = closed({{"workflow", string()},
                                  {"title", string()},
                                  {"open", integer()},
                                  {"overdue", integer()},
                                  {"per_role", map_of(tally)}});
    return closed(
        {{"at", date_time()}, {"open", integer()}, {"overdue", integer()}, {"workflows", array_of(workflow)}});
}

}  // namespace

nlohmann::json ranking_schemas() {
    // The round and the grievance answer with the case as GET /cases/{id}
    // does, plus their own fields.
    const json case_detail = case_schemas().at("Case");
    return {{"RankedWorker", ranked_worker()},
            {"RankingPage", ranking_page()},
            {"ProposedRound", with(case_detail, {{"nomor_pemeringkatan", string()}, {"putaran_baru", boolean()}})},
            {"RoundAnnouncement", announcement()},
            {"ApprovedRound", approved_round()},
            {"OwnRound", own_round()},
            {"FiledGrievance", with(case_detail, {{"nomor_tiket", integer()}})},
            {"RekapCounts", rekap_counts()},
            {"Rekap", rekap()},
            {"OpenTasksReport", open_tasks_report()}};
}

}  // namespace tata::server
