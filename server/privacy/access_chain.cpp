#include "privacy/access_chain.hpp"

#include <tata/sha256.hpp>

namespace tata::server::privacy {
namespace {

void field(std::string& bytes, std::string_view value) {
    bytes += std::to_string(value.size());
    bytes += ':';
    bytes += value;
}

}  // namespace

const std::string& access_genesis_hash() {
    static const std::string genesis(64, '0');
    return genesis;
}

void SubjectDigest::add(CaseId case_id, const std::string& nik_mac) {
    field(bytes_, std::to_string(case_id));
    field(bytes_, nik_mac);
    ++count_;
}

std::string SubjectDigest::hex() const { return sha256_hex(bytes_); }

std::string access_entry_hash(const ChainFields& f) {
    std::string bytes;
    bytes.reserve(256);
    field(bytes, f.regency);
    field(bytes, std::to_string(f.seq));
    field(bytes, std::to_string(f.at));
    field(bytes, std::to_string(f.user_id));
    field(bytes, f.username);
    field(bytes, f.role);
    field(bytes, f.unit);
    field(bytes, f.action);
    field(bytes, f.route);
    field(bytes, f.purpose);
    field(bytes, f.whole_regency ? "1" : "0");
    field(bytes, f.subjects_digest);
    field(bytes, f.prev_hash);
    return sha256_hex(bytes);
}

}  // namespace tata::server::privacy
