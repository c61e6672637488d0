#include "procurement/legacy_bids.hpp"

#include "procurement/bid_rules.hpp"

#include <map>

namespace tata::server::procurement {
namespace {

// The bids of one package from its history: the last one of each vendor.
std::map<std::string, Bid> bids_in_history(Engine& engine, CaseId package) {
    std::map<std::string, Bid> last;
    for (const auto& event : engine.history(package)) {
        if (event.type != "fired" || event.payload.value("outcome", "") != kBidEvent) continue;
        const nlohmann::json input = event.payload.value("input", nlohmann::json::object());
        if (!input.contains("harga_penawaran")) continue;  // a sealed (version 2) event: nothing to move
        Bid bid;
        bid.package_id = package;
        const std::string vendor = input.value("id_penyedia", "");
        bid.vendor = vendor.empty() ? event.actor : vendor;
        bid.submitted_by = event.actor;
        bid.submitted_at = event.at;
        bid.revision = last.count(bid.vendor) ? last[bid.vendor].revision + 1 : 1;
        bid.nama_penyedia = input.value("nama_penyedia", "");
        bid.npwp_penyedia = input.value("npwp_penyedia", "");
        bid.harga_penawaran = input.value("harga_penawaran", std::int64_t{0});
        bid.upah_ditawarkan = input.value("upah_ditawarkan", std::int64_t{0});
        bid.berkas_penawaran = input.value("berkas_penawaran", "");
        bid.salt = new_salt();
        bid.sha256 = fingerprint(bid);
        last[bid.vendor] = bid;
    }
    return last;
}

}  // namespace

std::size_t import_legacy_bids(Engine& engine, BidStore& store) {
    std::size_t found = 0;
    store.import_once([&](const std::function<void(const Bid&)>& insert) {
        CaseFilter filter;
        filter.workflow_id = kPackageWorkflow;
        filter.limit = kImportPageSize;
        for (filter.offset = 0;; filter.offset += kImportPageSize) {
            const auto packages = engine.list_cases(filter);
            for (const auto& package : packages)
                for (const auto& [vendor, bid] : bids_in_history(engine, package.id)) {
                    insert(bid);
                    ++found;
                }
            if (packages.size() < kImportPageSize) break;
        }
    });
    return found;
}

}  // namespace tata::server::procurement
