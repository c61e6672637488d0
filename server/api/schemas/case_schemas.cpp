// Cases and tasks as the API shows them (api/case_json.cpp), with what hangs
// off a case: its history and incidents, documents and letters, the words of
// its workflow, and one decision taken on many cases at once.
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

namespace tata::server {
namespace {

using namespace schema;

json task() {
    return closed({{"id", integer()},
                   {"case_id", integer()},
                   {"state", string()},
                   {"title", string()},
                   {"roles", array_of(string())},
                   {"assignee", nullable(string())},
                   {"opened_at", date_time()},
                   {"due_at", nullable(date_time())},
                   {"overdue", boolean()}});
}

json case_summary() {
    return closed({{"id", integer()},
                   {"key", nullable(string())},
                   {"workflow", string()},
                   {"workflow_title", string()},
                   {"workflow_version", integer()},
                   {"state", string()},
                   {"state_title", string()},
                   {"status", one_of_texts({"active", "incident", "completed", "withdrawn"})},
                   {"result", nullable(string())},
                   {"version", integer()},
                   {"nama", nullable(string())},  // the case's nama, nama_pelapor or nama_paket
                   {"opd", nullable(string())},
                   {"updated_at", date_time()},
                   {"open_tasks", array_of(ref("Task"))}});
}

json form_field() {
    return with_optional(closed({{"name", string()}, {"type", string()}, {"required", boolean()}, {"label", string()}}),
                         {{"options", array_of(string())},
                          {"option_labels", map_of(string())},
                          {"min", number()},
                          {"max", number()}});
}

json case_detail() {
    const json allowed = with_optional(closed({{"name", string()}, {"label", string()}, {"form", array_of(ref("FormField"))}}),
                                       {{"via", {{"type", "string"}, {"description", "the route that takes this decision instead"}}}});
    return with_optional(with(case_summary(), {{"regency", string()},
                                               {"data", {{"type", "object"}, {"description", "the case data the caller may see"}}},
                                               {"created_at", date_time()},
                                               {"allowed_outcomes", array_of(allowed)}}),
                         {{"state_description", string()}});
}

// One audit event (case_json.cpp, event_json); `from` is empty for the
// event that created the case.
json case_event() {
    return closed({{"seq", integer()},
                   {"at", date_time()},
                   {"actor", string()},
                   {"role", string()},
                   {"type", string()},
                   {"from", string()},
                   {"to", string()},
                   {"payload", {{"type", "object"}, {"description", "what the event carried, by its type"}}},
                   {"hash", string()}});
}

// The answer to firing an outcome: the case, and the incident when a step
// after the decision failed and parked the case.
json case_after_outcome() {
    return with_optional(case_detail(),
                         {{"incident", closed({{"id", integer()}, {"action", string()}, {"message", string()}})}});
}

json case_document() {
    return closed({{"sha256", string()},
                   {"reference", {{"type", "string"}, {"description", "sha256:<hex>, what document fields take"}}},
                   {"name", string()},
                   {"content_type", string()},
                   {"size", integer()},
                   {"uploaded_by", string()},
                   {"uploaded_at", date_time()},
                   {"dokumen", nullable(string())},
                   {"url", string()}});
}

// What a printed letter's code proves: the when, stage and later changes
// only when the code matches the case's audit chain.
json letter_verification() {
    return with_optional(closed({{"sah", boolean()}, {"nomor_berkas", integer()}, {"pesan", string()}}),
                         {{"dibuat_dari_keadaan_pada", date_time()},
                          {"tahap_saat_itu", string()},
                          {"perubahan_sesudahnya", integer()}});
}

json workflow_labels() {
    return closed({{"workflow", string()},
                   {"version", integer()},
                   {"title", string()},
                   {"states", map_of(string())},
                   {"outcomes", map_of(map_of(string()))},
                   {"results", map_of(string())},
                   {"fields", map_of(string())},
                   {"values", map_of(map_of(string()))},
                   {"hidden", array_of(string())}});
}

// One case of a decision on many: decided (status 200) or refused with the
// problem the single-case route would answer; exactly one of the two.
json bulk_decision_result() {
    const json decided = with_optional(closed({{"id", integer()},
                                               {"status", {{"enum", {200}}}},
                                               {"state", string()},
                                               {"state_title", string()},
                                               {"version", integer()}}),
                                       {{"incident", {{"type", "string"}, {"description", "why the case parked"}}}});
    const json refused = with_optional(
        closed({{"id", integer()}, {"status", integer()}, {"title", string()}, {"detail", string()}}),
        {{"errors", array_of(closed({{"field", string()}, {"message", string()}}))}});
    return {{"oneOf", {decided, refused}}};
}

}  // namespace

nlohmann::json case_schemas() {
    return {{"Task", task()},
            {"CaseSummary", case_summary()},
            {"FormField", form_field()},
            {"Case", case_detail()},
            {"InboxItem", with(task(), {{"case", ref("CaseSummary")}})},
            {"StateCount", closed({{"state", string()}, {"title", string()}, {"count", integer()}})},
            {"CaseAfterOutcome", case_after_outcome()},
            {"CaseEvent", case_event()},
            {"CaseHistory", closed({{"case_id", integer()}, {"events", array_of(ref("CaseEvent"))}})},
            {"CaseIncident", closed({{"id", integer()},
                                     {"opened_at", date_time()},
                                     {"state", string()},
                                     {"action", string()},
                                     {"message", string()},
                                     {"open", boolean()}})},
            {"CaseIncidents", closed({{"case_id", integer()}, {"incidents", array_of(ref("CaseIncident"))}})},
            {"CaseDocument", case_document()},
            {"CaseDocuments", closed({{"case_id", integer()}, {"documents", array_of(ref("CaseDocument"))}})},
            {"CaseLetter", closed({{"id", string()}, {"judul", string()}, {"url", string()}})},
            {"CaseLetters", closed({{"case_id", integer()}, {"letters", array_of(ref("CaseLetter"))}})},
            {"LetterVerification", letter_verification()},
            {"WorkflowLabels", workflow_labels()},
            {"BulkDecisionResult", bulk_decision_result()},
            {"BulkDecision", closed({{"outcome", string()},
                                     {"decided", integer()},
                                     {"refused", integer()},
                                     {"results", array_of(ref("BulkDecisionResult"))}})}};
}

}  // namespace tata::server
