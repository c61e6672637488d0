// Version 1 of vendor_selection kept each bid in the package's data and its
// bid event's input. On start the server copies those bids into the bid
// records once per database (the last bid of each vendor per package), so a
// package that was open during the upgrade loses none. The history cannot be
// rewritten (it is hash-chained); vendors never see other vendors' events,
// and the package data stays redacted for them (api/access.cpp).
#pragma once

#include "procurement/bid_store.hpp"

#include <tata/engine.hpp>

namespace tata::server::procurement {

// How many packages are read at a time while importing.
inline constexpr std::size_t kImportPageSize = 200;

// Returns how many bids were found (0 when the import already ran).
std::size_t import_legacy_bids(Engine& engine, BidStore& store);

}  // namespace tata::server::procurement
