#include "procurement/bid_rules.hpp"

namespace tata::server::procurement {
namespace {

bool bid_form_has(const Workflow& workflow, const char* field) {
    const State* state = workflow.find_state(kBiddingState);
    if (!state) return false;
    for (const auto& outcome : state->outcomes)
        if (outcome.name == kBidEvent)
            for (const auto& f : outcome.form)
                if (f.name == field) return true;
    return false;
}

}  // namespace

std::optional<std::string> why_no_bid(const CaseRecord& package, TimePoint now, int utc_offset_minutes) {
    if (package.status != CaseStatus::active || package.state != kBiddingState)
        return "the package is in state '" + package.state + "', not taking bids";
    const auto deadline = package.data.find("batas_penawaran");
    if (deadline == package.data.end() || !deadline->is_string()) return "the package has no bidding deadline";
    // Dates are YYYY-MM-DD: as text they compare in calendar order. The
    // end-of-day timer closes the state later; the deadline holds from
    // midnight on.
    const std::string today = format_iso8601(now, utc_offset_minutes).substr(0, 10);
    if (today > deadline->get<std::string>())
        return "the bidding deadline " + deadline->get<std::string>() + " has passed";
    return std::nullopt;
}

bool bids_opened(Engine& engine, const CaseRecord& package) {
    for (const auto& event : engine.history(package.id))
        if (event.type == "fired" && event.payload.value("outcome", "") == kOpeningOutcome) return true;
    return false;
}

nlohmann::json bid_event_input(const Workflow& workflow, const Bid& bid) {
    if (bid_form_has(workflow, kFingerprintField)) return {{"id_penyedia", bid.vendor}, {kFingerprintField, bid.sha256}};
    nlohmann::json legacy = offer_json(bid);
    legacy["id_penyedia"] = bid.vendor;
    return legacy;
}

}  // namespace tata::server::procurement
