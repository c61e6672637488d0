// Letters printed from a case (server/letters/): which ones the caller may
// print now, each as a PDF made from the regency's template and the case's
// data, and a printed letter's verification code checked against the audit
// chain.
#include "api/access.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"
#include "letters/letter_code.hpp"
#include "letters/letter_render.hpp"
#include "privacy/record_access.hpp"
#include "ranking/ranking.hpp"

#include <algorithm>

namespace tata::server {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Whether `user` may print `letter` from `record` now: its workflow, one of
// its stages (any when it names none), one of its roles.
bool printable(const letters::LetterTemplate& letter, const CaseRecord& record, const User& user) {
    return letter.workflow == record.workflow_id && (letter.states.empty() || contains(letter.states, record.state)) &&
           contains(letter.roles, user.role);
}

}  // namespace

void add_letter_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const nlohmann::json case_id = path_parameter("id", "The case number");

    router.add({"GET", "/api/v1/cases/{id}/letters", kAnyRole, false, "list the letters one may print from a case",
                "letters",
                {{"parameters", {case_id}},
                 {"responses",
                  json_responses("The letters of the case's workflow one's role may print in its stage now",
                                 schema_ref("CaseLetters"), {401, 404})}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const CaseRecord record = visible_case(engine, user, id_param(request, "id"));
                    nlohmann::json out = nlohmann::json::array();
                    const auto all = service.letters();
                    if (const auto it = all->find(record.regency); it != all->end())
                        for (const auto& letter : it->second.letters)
                            if (printable(letter, record, user))
                                out.push_back({{"id", letter.id},
                                               {"judul", letter.title},
                                               {"url", "/api/v1/cases/" + std::to_string(record.id) + "/letters/" + letter.id}});
                    return Response::json({{"case_id", record.id}, {"letters", out}});
                }});

    router.add({"GET", "/api/v1/cases/{id}/letters/{letter}", kAnyRole, false, "print a letter from a case (PDF)",
                "letters",
                {{"parameters", {case_id, path_parameter("letter", "the letter's id, from the case's list", false)}},
                 {"responses", file_responses("The letter as PDF", {"application/pdf"}, {401, 404})}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const CaseRecord record = visible_case(engine, user, id_param(request, "id"));
                    const std::string& id = request.params.at("letter");
                    const auto all = service.letters();
                    const auto regency_letters = all->find(record.regency);
                    const letters::LetterTemplate* letter =
                        regency_letters == all->end() ? nullptr : regency_letters->second.find(id);
                    // A letter the caller may not print now is, to them, no letter.
                    if (!letter || !printable(*letter, record, user))
                        throw not_found("case " + std::to_string(record.id) + " has no letter '" + id.substr(0, 64) +
                                        "' to print now");
                    const auto history = engine.history(record.id);
                    if (history.empty()) throw not_found("case " + std::to_string(record.id) + " has no history");
                    const auto definitions = engine.definitions();
                    const Regency* regency = definitions->find_regency(record.regency);
                    const auto workflow = engine.workflow_of(record);

                    letters::LetterInput input;
                    input.regency_letters = &regency_letters->second;
                    input.letter = letter;
                    input.record = &record;
                    input.labels = workflow ? workflow_labels_json(*workflow) : nlohmann::json::object();
                    input.regency_name = regency ? regency->name : record.regency;
                    input.today = regency ? ranking::reference_date_today(engine, *regency) : std::string();
                    input.stage_title = stage_title(workflow.get(), record.state);
                    input.verification_code = letters::letter_code(history.back());
                    const std::string pdf =
                        letters::render_letter(input, letters::serif_fonts(service.config().letter_fonts));
                    privacy::record_case(service, request, record, privacy::action::kLetterPrint);
                    Response response = Response::text(pdf, "application/pdf");
                    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + letter->id + "-" +
                                                                             std::to_string(record.id) + ".pdf\"");
                    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
                    return response;
                }});

    router.add({"POST", "/api/v1/letters/verify", kStaff, false, "check a printed letter's verification code",
                "letters",
                {{"requestBody",
                  json_body({{"type", "object"},
                             {"required", {"kode"}},
                             {"additionalProperties", false},
                             {"properties", {{"kode", {{"type", "string"}, {"maxLength", 64}}}}}})},
                 {"responses",
                  json_responses("Whether the code names an event of the audit chain for that case, when the letter "
                                 "was made, the stage then, and how often the case changed since",
                                 schema_ref("LetterVerification"), {400, 401, 403, 415, 422})}},
                [&engine](Request& request) {
                    const auto body = read_json_object(request, {{"kode", JsonKind::string, true}});
                    const std::string text = body["kode"].get<std::string>();
                    const auto code = letters::parse_letter_code(text);
                    if (!code)
                        throw invalid_fields({{"kode", "kode verifikasi ditulis seperti 4875-128734-7F3A91C2 (nomor berkas, "
                                                       "nomor kejadian, 8 huruf/angka)"}});
                    // A case the caller may not see is, to them, no case.
                    std::optional<CaseRecord> record;
                    try {
                        record = visible_case(engine, request.caller(), code->case_id);
                    } catch (const ApiError&) {
                    }
                    nlohmann::json answer = {{"sah", false}, {"nomor_berkas", code->case_id}};
                    if (!record) {
                        answer["pesan"] = "Tidak ada berkas dengan nomor ini yang dapat Anda periksa.";
                        return Response::json(answer);
                    }
                    const auto history = engine.history(record->id);
                    const auto made = std::find_if(history.begin(), history.end(),
                                                   [&](const EventRecord& e) { return e.seq == code->seq; });
                    if (made == history.end() || made->hash.rfind(code->hash_prefix, 0) != 0) {
                        answer["pesan"] = "Kode ini tidak cocok dengan jejak audit berkas " + std::to_string(record->id) +
                                          ": surat ini tidak dibuat dari berkas tersebut, atau kodenya keliru.";
                        return Response::json(answer);
                    }
                    const auto later = static_cast<std::size_t>(history.end() - made - 1);
                    const auto workflow = engine.workflow_of(*record);
                    const auto definitions = engine.definitions();
                    const Regency* regency = definitions->find_regency(record->regency);
                    answer["sah"] = true;
                    answer["dibuat_dari_keadaan_pada"] =
                        format_iso8601(made->at, regency ? regency->calendar.utc_offset_minutes() : 0);
                    answer["tahap_saat_itu"] = stage_title(workflow.get(), made->to_state.empty() ? made->from_state : made->to_state);
                    answer["perubahan_sesudahnya"] = later;
                    answer["pesan"] = later == 0 ? "Surat ini sesuai dengan keadaan berkas sekarang."
                                                 : "Surat ini sah untuk keadaan berkas saat dibuat; sesudahnya berkas berubah " +
                                                       std::to_string(later) + " kali.";
                    return Response::json(answer);
                }});
}

}  // namespace tata::server
