// The server's table of sealed bids (procurement_bids) in the same database
// as the engine, with its own schema version (procurement_schema): the
// engine knows nothing of vendors or bids; the server's procurement code
// owns them, as the identity store owns users.
#pragma once

#include "procurement/bid.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace tata::tables {
class Database;
}

namespace tata::server::procurement {

class BidStore {
public:
    explicit BidStore(const std::filesystem::path& database);
    ~BidStore();
    BidStore(const BidStore&) = delete;
    BidStore& operator=(const BidStore&) = delete;

    std::optional<Bid> find(CaseId package, const std::string& vendor);
    // In vendor order.
    std::vector<Bid> of_package(CaseId package);

    // Runs `then` (firing the bid event, which checks the package still
    // takes bids), then saves the bid, replacing the vendor's earlier one
    // and continuing its revision. When `then` throws nothing is saved.
    // Returns the bid as stored.
    Bid save(Bid bid, const std::function<void()>& then);

    // Moving bids out of version 1 packages' data (legacy_bids.hpp): runs
    // `import` once per database, in one transaction with its inserts.
    // `import` calls `insert` for each bid; a bid already stored is kept.
    void import_once(const std::function<void(const std::function<void(const Bid&)>& insert)>& import);

private:
    void migrate();

    std::unique_ptr<tables::Database> db_;
    std::mutex mutex_;
};

}  // namespace tata::server::procurement
