// A sealed bid on a procurement package (workflows/vendor_selection.yaml):
// what a vendor offers, kept apart from the package's case so that no other
// vendor can list, search or read it (procurement rule: bids stay sealed
// until the committee opens them).
#pragma once

#include <tata/clock.hpp>
#include <tata/records.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace tata::server::procurement {

struct Bid {
    CaseId package_id = 0;
    std::string vendor;        // the vendor account's id (User::vendor), one bid per vendor and package
    std::string submitted_by;  // the user who sent it
    TimePoint submitted_at{};
    int revision = 1;  // 2, 3, ... when resubmitted before the deadline

    // The offer.
    std::string nama_penyedia;
    std::string npwp_penyedia;
    std::int64_t harga_penawaran = 0;
    std::int64_t upah_ditawarkan = 0;
    std::string berkas_penawaran;  // sha256:<hex> of the uploaded bid document

    // sha256(salt + "\n" + content): the fingerprint the audit trail keeps.
    // The random salt stops anyone who sees only the fingerprint from
    // guessing a price by hashing candidates.
    std::string salt;
    std::string sha256;
};

// The offer's fields as JSON (the bid form's names).
nlohmann::json offer_json(const Bid& bid);

// A fresh random salt (hex) and the fingerprint of the bid's offer with it.
std::string new_salt();
std::string fingerprint(const Bid& bid);

}  // namespace tata::server::procurement
