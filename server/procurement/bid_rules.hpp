// The procurement rules on bids (workflows/vendor_selection.yaml): when a
// package takes bids, when they are opened, what the audit trail records of a
// bid, and what of the award the bidders may read.
#pragma once

#include "procurement/bid.hpp"

#include <tata/engine.hpp>

#include <optional>
#include <string>

namespace tata::server::procurement {

inline constexpr const char* kPackageWorkflow = "vendor_selection";
inline constexpr const char* kBidEvent = "ajukan_penawaran";
// The only state in which the bid event can be sent.
inline constexpr const char* kBiddingState = "masa_penawaran";
// The committee's outcome that closes bidding and opens the bids
// (tutup_penawaran → pemeriksaan_administrasi).
inline constexpr const char* kOpeningOutcome = "lanjutkan";
// The field of the bid event that carries the sealed bid's fingerprint;
// a workflow version whose bid form lacks it (version 1) takes the bid's
// content in the event instead.
inline constexpr const char* kFingerprintField = "sidik_penawaran";

// Why the package takes no bid now (its state, or the deadline
// batas_penawaran passed in the regency's calendar), or nullopt.
std::optional<std::string> why_no_bid(const CaseRecord& package, TimePoint now, int utc_offset_minutes);

// Whether the committee opened the package's bids: the opening outcome was
// fired. Before it, the committee sees that bids arrived (who, when, the
// fingerprint) but not what they offer.
bool bids_opened(Engine& engine, const CaseRecord& package);

// The bid event's input for the package's workflow version: who bid and
// the fingerprint, or for version 1 packages the content as it used to be.
nlohmann::json bid_event_input(const Workflow& workflow, const Bid& bid);

}  // namespace tata::server::procurement
