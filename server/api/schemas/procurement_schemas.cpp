// Procurement packages' sealed bids (api/bid_routes.cpp), and contracts'
// monthly compliance reports (api/vendor_routes.cpp, compliance/report_json.cpp).
// The packages and contracts themselves are cases (CaseSummary, Case).
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

namespace tata::server {
namespace {

using namespace schema;

// compliance::finding_json: the money rules add required and reported, the
// pay day rule days_late.
json compliance_finding() {
    return with_optional(
        closed({{"row",
                 {{"type", {"integer", "null"}}, {"description", "the CSV row (header = 1); null for the report"}}},
                {"nik", nullable(string())},
                {"nama", nullable(string())},
                {"rule", one_of_texts({"format_berkas", "baris_tidak_valid", "periode_campur", "nik_ganda",
                                       "upah_minimum", "bpjs_tk_terdaftar", "iuran_jht", "iuran_jp", "iuran_jkk",
                                       "iuran_jkm", "bpjs_kesehatan_terdaftar", "iuran_kesehatan", "tanggal_bayar",
                                       "jumlah_pekerja"})},
                {"message", string()},
                {"shortfall", integer()},
                {"text", string()}}),
        {{"required", integer()}, {"reported", integer()}, {"days_late", integer()}});
}

// compliance::to_json; amounts are whole rupiah.
json compliance_report() {
    return closed({{"file", string()},
                   {"periode", nullable(string())},
                   {"pay_deadline", nullable(date())},
                   {"pay_day",
                    {{"type", "integer"}, {"description", "1..31 of the next month, 0 for the month's last day"}}},
                   {"pay_day_from", one_of_texts({"contract", "regency"})},
                   {"umk", integer()},
                   {"jkk_class", integer()},
                   {"expected_headcount", nullable(integer())},
                   {"rows", integer()},
                   {"workers", integer()},
                   {"total_wage", integer()},
                   {"total_shortfall", integer()},
                   {"complete", boolean()},
                   {"compliant", boolean()},
                   {"findings", array_of(ref("ComplianceFinding"))}});
}

// vendor_routes.cpp reports_of: a kirim_laporan event and the
// hasil_pemeriksaan after it. The values come from the events' forms
// (workflows/vendor_contract.yaml), null when the form left them out.
json contract_report() {
    const json result = closed({{"findings", nullable(integer())},
                                {"serious", nullable(boolean())},
                                {"shortfall", nullable(integer())},
                                {"details", nullable(string())},
                                {"checked_at", date_time()},
                                {"checked_by", string()}});
    return closed({{"periode", string()},
                   {"workers", nullable(integer())},
                   {"document", nullable(string())},
                   {"note", nullable(string())},
                   {"submitted_at", date_time()},
                   {"submitted_by", string()},
                   {"result", {{"oneOf", {{{"type", "null"}}, result}},
                               {"description", "the recorded check; null while it is awaited"}}},
                   {"check", {{"oneOf", {{{"type", "null"}}, ref("ComplianceReport")}},
                              {"description", "the kept file checked again; null when it was not kept"}}}});
}

// procurement::offer_json with the bidder's id.
json bid_offer() {
    return closed({{"nama_penyedia", string()},
                   {"npwp_penyedia", string()},
                   {"harga_penawaran", integer()},
                   {"upah_ditawarkan", integer()},
                   {"berkas_penawaran", string()},
                   {"id_penyedia", string()}});
}

// bid_routes.cpp bid_json: a sealed bid shows no offer.
json package_bid() {
    return with_optional(closed({{"id_penyedia", string()},
                                 {"at", date_time()},
                                 {"by", string()},
                                 {"revision", integer()},
                                 {"sha256", string()},
                                 {"sealed", boolean()}}),
                         {{"bid", ref("BidOffer")}});
}

// bid_routes.cpp award_json: the tetapkan form's fields the package has.
json bid_award() {
    return with_optional(closed(json::object()),
                         {{"nomor_penetapan", string()}, {"nama_pemenang", string()}, {"nilai_kontrak", integer()}});
}

}  // namespace

nlohmann::json procurement_schemas() {
    return {{"ComplianceFinding", compliance_finding()},
            {"ComplianceReport", compliance_report()},
            {"ComplianceSubmission", with(compliance_report(), {{"document", string()}, {"case", ref("Case")}})},
            {"ContractReport", contract_report()},
            {"BidOffer", bid_offer()},
            {"PackageBid", package_bid()},
            {"BidAward", bid_award()}};
}

}  // namespace tata::server
