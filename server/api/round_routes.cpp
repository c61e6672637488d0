// The prioritization round as approved and announced, read from the ranking
// it was proposed with (ranking/round_snapshots.hpp), never from a fresh
// one: the dashboard's counts, and a worker's own announced result with the
// objection window, in which their objection (sanggah) is filed as a
// grievance tied to the round (api/grievance_routes.cpp).
#include "api/case_json.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"

#include "app/indonesian_words.hpp"
#include "http/api_error.hpp"
#include "privacy/record_access.hpp"
#include "ranking/round.hpp"

namespace tata::server {
namespace {

const char* const kObjectionCategory = "keberatan_peringkat";

std::string state_title(Engine& engine, const CaseRecord& record) {
    return stage_title(engine.workflow_of(record).get(), record.state);
}

std::string today_in(Engine& engine, const std::string& regency_code) {
    const auto definitions = engine.definitions();
    const Regency* regency = definitions->find_regency(regency_code);
    if (!regency) throw not_found("regency " + regency_code + " is not defined");
    return ranking::reference_date_today(engine, *regency);
}

nlohmann::json announcement_json(const std::optional<ranking::Announcement>& announcement) {
    if (!announcement) return nullptr;
    return {{"tanggal_pengumuman", announcement->date},
            {"batas_sanggah", announcement->deadline},
            {"masa_sanggah_terbuka", announcement->open_for_objections}};
}

// The counts the round was proposed with: frozen with it, or (a round
// proposed by hand, or before rankings were frozen) its proposal's totals.
nlohmann::json round_counts(Service& service, const CaseRecord& round) {
    const std::string number = ranking::round_ranking_number(round);
    if (const auto frozen = service.round_snapshots().summary(number))
        return {{"jumlah", frozen->workers},
                {"per_usulan", frozen->by_outcome},
                {"per_opd", frozen->per_opd},
                {"tanggal_acuan", frozen->reference_date}};
    nlohmann::json per_outcome = nlohmann::json::object();
    for (const char* outcome : {"cpns", "pppk", "pppk_paruh_waktu", "alih_daya", "dirumahkan"})
        per_outcome[outcome] = round.data.value("usulan_" + std::string(outcome), 0);
    return {{"jumlah", round.data.value("jumlah_diperingkat", 0)},
            {"per_usulan", per_outcome},
            {"per_opd", nullptr},
            {"tanggal_acuan", nullptr}};
}

}  // namespace

void link_objection_round(Service& service, const User& user, nlohmann::json& data) {
    const auto given = data.find("putaran");
    if (given == data.end() || given->is_null()) return;
    Engine& engine = service.engine();
    std::optional<CaseRecord> round;
    try {
        round = engine.get_case(given->get<CaseId>());
    } catch (const NotFound&) {
    }
    if (!round || round->regency != user.regency || round->workflow_id != "prioritization")
        throw invalid_fields({{"putaran", "tidak ada putaran pemeringkatan dengan nomor ini di kabupaten/kota Anda"}});
    const auto announcement = ranking::announcement_of(*round, today_in(engine, user.regency));
    if (!announcement) throw invalid_fields({{"putaran", "hasil putaran ini belum diumumkan"}});
    if (!announcement->open_for_objections)
        throw invalid_fields({{"putaran", "masa sanggah putaran ini sudah berakhir pada " +
                                              indonesian_date(announcement->deadline).value_or(announcement->deadline)}});
    if (data.value("kategori", std::string()) != kObjectionCategory)
        throw invalid_fields({{"kategori", "sanggahan atas hasil pemeringkatan berkategori «Keberatan atas peringkat»"}});
    const std::string number = ranking::round_ranking_number(*round);
    const std::string nik = data.value("nik", std::string());
    // Only those the round ranked object to their place in it.
    if (service.round_snapshots().summary(number) && !service.round_snapshots().worker(number, nik))
        throw invalid_fields({{user.role == "worker" ? "putaran" : "nik",
                               "NIK ini tidak termasuk hasil pemeringkatan yang diumumkan"}});
    data["nomor_pemeringkatan"] = number;
}

void add_round_routes(Router& router, Service& service) {
    Engine& engine = service.engine();

    router.add({"GET", "/api/v1/rounds/approved", kOfficers, false, "read the approved prioritization round", "ranking",
                {{"responses", json_responses("The newest approved round with the counts it was proposed with, its "
                                              "announcement and the objections filed to it; putaran is null when no "
                                              "round is approved",
                                              schema_ref("ApprovedRound"), {401, 403})}},
                [&engine, &service](Request& request) {
                    const std::string& regency = request.caller().regency;
                    const auto round = ranking::approved_round(engine, regency);
                    if (!round) return Response::json({{"putaran", nullptr}});
                    nlohmann::json body = round_counts(service, *round);
                    body["putaran"] = round->id;
                    body["tahap"] = state_title(engine, *round);
                    body["selesai"] = round->status == CaseStatus::completed;
                    body["nomor_pemeringkatan"] = ranking::round_ranking_number(*round);
                    // The approval's number as the form took it (text), else null.
                    const auto approval = round->data.find("nomor_persetujuan");
                    body["nomor_persetujuan"] = approval != round->data.end() && approval->is_string()
                                                    ? *approval
                                                    : nlohmann::json();
                    body["pengumuman"] = announcement_json(ranking::announcement_of(*round, today_in(engine, regency)));
                    // The objections filed to it, for the Kepala BKPSDM's penetapan.
                    CaseFilter objections;
                    objections.regency = regency;
                    objections.workflow_id = "grievance";
                    objections.data_equals.emplace_back("nomor_pemeringkatan", ranking::round_ranking_number(*round));
                    const std::size_t filed = engine.count_cases(objections);
                    objections.status = CaseStatus::completed;
                    body["sanggahan"] = {{"jumlah", filed}, {"belum_selesai", filed - engine.count_cases(objections)}};
                    return Response::json(body);
                }});

    router.add({"GET", "/api/v1/me/round", {"worker"}, false, "read one's own announced ranking result", "ranking",
                {{"responses", json_responses("The announced round: one's rank, points, reasons and proposed outcome "
                                              "as announced, the objection window, and the objections one filed to it; "
                                              "putaran is null until a round is announced",
                                              schema_ref("OwnRound"), {401, 403})}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const auto round = ranking::approved_round(engine, user.regency);
                    const auto announcement =
                        round ? ranking::announcement_of(*round, today_in(engine, user.regency)) : std::nullopt;
                    // Before the announcement a worker learns nothing of it.
                    if (!announcement) return Response::json({{"putaran", nullptr}});
                    const std::string number = ranking::round_ranking_number(*round);
                    const auto result = service.round_snapshots().worker(number, user.nik);
                    if (result) privacy::record_niks(service, request, {user.nik}, privacy::action::kRankingExplain);

                    CaseFilter own;
                    own.regency = user.regency;
                    own.workflow_id = "grievance";
                    own.data_equals.emplace_back("nik", user.nik);
                    own.data_equals.emplace_back("nomor_pemeringkatan", number);
                    nlohmann::json objections = nlohmann::json::array();
                    for (const CaseRecord& filed : engine.list_cases(own))
                        objections.push_back({{"id", filed.id}, {"tahap", state_title(engine, filed)},
                                              {"selesai", filed.status == CaseStatus::completed}});
                    nlohmann::json body = announcement_json(announcement);
                    body["putaran"] = round->id;
                    body["tahap"] = state_title(engine, *round);
                    body["hasil"] = result ? *result : nlohmann::json();
                    body["sanggahan"] = std::move(objections);
                    return Response::json(body);
                }});
}

}  // namespace tata::server
