// Who sees a bid (procurement rule: bids stay sealed until opening):
//
//   the vendor who sent it   its own bid, always; never another vendor's
//   admin, officer           before opening: that bids arrived (who, when,
//                            revision, fingerprint); after opening
//                            (tutup_penawaran → lanjutkan): every bid in full
//   anyone else              nothing (403 by role, 404 for another regency)
//
// After the award the result (nomor_penetapan, nama_pemenang, nilai_kontrak)
// is public to the regency's vendors, as a procurement announcement is; the
// other bids stay closed to them.
#include "api/bid_routes.hpp"

#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

#include "http/api_error.hpp"
#include "http/json_body.hpp"

#include "procurement/bid_rules.hpp"
#include "procurement/bid_store.hpp"
#include "procurement/legacy_bids.hpp"

#include <iostream>

namespace tata::server {
namespace {

using procurement::Bid;
using procurement::BidStore;

// Longest text of a bid field (names, NPWP, document reference), in bytes.
constexpr std::size_t kMaxBidText = 300;

CaseRecord package_of(Engine& engine, const Request& request) {
    auto record = visible_case(engine, request.caller(), id_param(request, "id"));
    if (record.workflow_id != procurement::kPackageWorkflow) throw not_found("no such vendor_selection case");
    return record;
}

// The engine checked the bid's fields when they were the event's form; now
// that the event carries only the fingerprint, the route checks them.
Bid bid_from(const nlohmann::json& body, const User& user, CaseId package, TimePoint now) {
    std::vector<FieldError> errors;
    auto text = [&](const char* field) {
        const std::string value = body[field];
        if (value.empty()) errors.push_back({field, "must not be empty"});
        if (value.size() > kMaxBidText) errors.push_back({field, "at most " + std::to_string(kMaxBidText) + " bytes"});
        return value;
    };
    Bid bid;
    bid.package_id = package;
    bid.vendor = user.vendor;  // who bids is the account, not what the body says
    bid.submitted_by = user.username;
    bid.submitted_at = now;
    bid.nama_penyedia = text("nama_penyedia");
    bid.npwp_penyedia = text("npwp_penyedia");
    bid.berkas_penawaran = text("berkas_penawaran");
    if (!bid.berkas_penawaran.empty() && bid.berkas_penawaran.rfind("sha256:", 0) != 0)
        errors.push_back({"berkas_penawaran", "must be the sha256:<hex> reference of an uploaded document"});
    bid.harga_penawaran = body["harga_penawaran"];
    if (bid.harga_penawaran < 1) errors.push_back({"harga_penawaran", "must be at least 1"});
    bid.upah_ditawarkan = body["upah_ditawarkan"];
    if (bid.upah_ditawarkan < 0) errors.push_back({"upah_ditawarkan", "must be at least 0"});
    if (!errors.empty()) throw InvalidInput(std::move(errors));
    bid.salt = procurement::new_salt();
    bid.sha256 = procurement::fingerprint(bid);
    return bid;
}

nlohmann::json bid_json(const Bid& bid, bool sealed, int offset) {
    nlohmann::json out = {{"id_penyedia", bid.vendor},
                          {"at", format_iso8601(bid.submitted_at, offset)},
                          {"by", bid.submitted_by},
                          {"revision", bid.revision},
                          {"sha256", bid.sha256},
                          {"sealed", sealed}};
    if (!sealed) {
        out["bid"] = procurement::offer_json(bid);
        out["bid"]["id_penyedia"] = bid.vendor;
    }
    return out;
}

// The award as announced, once the package has one.
nlohmann::json award_json(const CaseRecord& package) {
    if (!package.data.contains("nama_pemenang")) return nullptr;
    nlohmann::json award = nlohmann::json::object();
    for (const char* field : {"nomor_penetapan", "nama_pemenang", "nilai_kontrak"})
        if (package.data.contains(field)) award[field] = package.data[field];
    return award;
}

Response submit(Engine& engine, BidStore& store, Request& request) {
    const User& user = request.caller();
    const auto record = package_of(engine, request);
    const auto body = read_json_object(request, {{"nama_penyedia", JsonKind::string, true},
                                                 {"npwp_penyedia", JsonKind::string, true},
                                                 {"harga_penawaran", JsonKind::integer, true},
                                                 {"upah_ditawarkan", JsonKind::integer, true},
                                                 {"berkas_penawaran", JsonKind::string, true}});
    const auto definitions = engine.definitions();
    const int offset = regency_offset_minutes(*definitions, record.regency);
    const TimePoint now = engine.clock().now();
    if (const auto why = procurement::why_no_bid(record, now, offset))
        throw ApiError(409, "Paket tidak sedang menerima penawaran", *why);
    const Bid bid = bid_from(body, user, record.id, now);
    const auto workflow = engine.workflow_of(record);
    // The event is the audit record ("penawaran diterima" with the
    // fingerprint); the engine refuses it when the package moved on meanwhile.
    const Bid saved = store.save(bid, [&] {
        engine.fire(record.id, procurement::kBidEvent, procurement::bid_event_input(*workflow, bid), user.actor());
    });
    return Response::json({{"package", record.id}, {"bid", bid_json(saved, false, offset)}}, 201);
}

Response list(Engine& engine, BidStore& store, Request& request) {
    const User& user = request.caller();
    const auto record = package_of(engine, request);
    const int offset = regency_offset_minutes(*engine.definitions(), record.regency);
    nlohmann::json bids = nlohmann::json::array();
    bool opened = false;
    if (user.role == "vendor") {
        if (const auto own = store.find(record.id, user.vendor)) bids.push_back(bid_json(*own, false, offset));
    } else {
        opened = procurement::bids_opened(engine, record);
        for (const auto& bid : store.of_package(record.id)) bids.push_back(bid_json(bid, !opened, offset));
    }
    return Response::json({{"package", record.id}, {"opened", opened}, {"bids", bids}, {"award", award_json(record)}});
}

}  // namespace

void add_bid_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    auto store = std::make_shared<BidStore>(service.config().database);
    if (const std::size_t moved = procurement::import_legacy_bids(engine, *store))
        std::cerr << "tata serve: moved " << moved << " bids out of vendor_selection version 1 packages\n";
    const nlohmann::json case_id = path_parameter("id", "The package's case number");
    const nlohmann::json bid_schema = {
        {"type", "object"},
        {"required", {"nama_penyedia", "npwp_penyedia", "harga_penawaran", "upah_ditawarkan", "berkas_penawaran"}},
        {"additionalProperties", false},
        {"properties",
         {{"nama_penyedia", {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxBidText}}},
          {"npwp_penyedia", {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxBidText}}},
          {"harga_penawaran", {{"type", "integer"}, {"minimum", 1}}},
          {"upah_ditawarkan", {{"type", "integer"}, {"minimum", 0}}},
          {"berkas_penawaran",
           {{"type", "string"},
            {"minLength", 1},
            {"maxLength", kMaxBidText},
            {"description", "sha256:<hex> of an uploaded document"}}}}}};

    router.add({"POST", "/api/v1/packages/{id}/bids", {"vendor"}, false,
                "send or replace the caller's sealed bid on a procurement package", "vendors",
                {{"parameters", {case_id}},
                 {"requestBody", json_body(bid_schema)},
                 {"responses", json_responses("The bid as recorded. One bid per vendor and package: sending again "
                                              "before the deadline replaces it (revision + 1). The case history "
                                              "records only that a bid arrived, with its fingerprint",
                                              schema::closed({{"package", schema::integer()},
                                                              {"bid", schema_ref("PackageBid")}}),
                                              {400, 401, 403, 404, 409, 415, 422}, 201)}},
                [&engine, store](Request& request) { return submit(engine, *store, request); }});

    router.add({"GET", "/api/v1/packages/{id}/bids", {"admin", "officer", "vendor"}, false,
                "list the bids on a procurement package", "vendors",
                {{"parameters", {case_id}},
                 {"responses", json_responses("A vendor: its own bid. The committee (admin, officer): every bid, "
                                              "sealed (who, when, fingerprint) until the bids are opened, in full "
                                              "after. award: the announced winner and contract value, or null",
                                              schema::closed({{"package", schema::integer()},
                                                              {"opened", schema::boolean()},
                                                              {"bids", schema::array_of(schema_ref("PackageBid"))},
                                                              {"award", schema::nullable(schema_ref("BidAward"))}}),
                                              {401, 403, 404})}},
                [&engine, store](Request& request) { return list(engine, *store, request); }});
}

}  // namespace tata::server
