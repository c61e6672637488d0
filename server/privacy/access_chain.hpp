// The personal-data access log's hash chain, per regency: each entry's hash
// covers its fields, a digest of its subject rows and the previous entry's
// hash, the way the case audit chain does (store/audit_chain.cpp): every
// field length-prefixed, so no two entries serialize to the same bytes.
#pragma once

#include "privacy/access_event.hpp"

#include <string>

namespace tata::server::privacy {

const std::string& access_genesis_hash();

// Builds the digest of an entry's subjects, row by row in stored order.
class SubjectDigest {
public:
    void add(CaseId case_id, const std::string& nik_mac);
    std::string hex() const;  // SHA-256 of what was added
    std::size_t count() const { return count_; }

private:
    std::string bytes_;
    std::size_t count_ = 0;
};

struct ChainFields {
    std::string regency;
    std::int64_t seq = 0;
    std::int64_t at = 0;  // seconds since the epoch, as stored
    std::int64_t user_id = 0;
    std::string username, role, unit, action, route, purpose;
    bool whole_regency = false;
    std::string subjects_digest;
    std::string prev_hash;
};

std::string access_entry_hash(const ChainFields& fields);

}  // namespace tata::server::privacy
