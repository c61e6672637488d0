// Sealed bids on procurement packages (workflows/vendor_selection.yaml):
// POST and GET /api/v1/packages/{id}/bids. The bids live in the server's
// bid records (procurement/bid_store.hpp), not in the package's case.
#pragma once

#include "api/service.hpp"

namespace tata::server {

// Also moves version 1 packages' bids into the records, once per database.
void add_bid_routes(Router& router, Service& service);

}  // namespace tata::server
