// The tamper-evident event chain: each event's hash covers its content and
// the previous event's hash, so an edited, deleted or reordered row breaks
// the chain at the first place it was touched.
#pragma once

#include "tata/records.hpp"

#include <string>
#include <vector>

namespace tata {

const std::string& audit_genesis_hash();

// `payload_text` is the payload exactly as stored.
std::string audit_event_hash(const EventRecord& event, const std::string& payload_text);

// Walks the events in seq order.
class AuditChainVerifier {
public:
    explicit AuditChainVerifier(std::vector<AuditAnchor> anchors = {});
    // False once the chain is broken (report() says where and why).
    bool accept(const EventRecord& event, const std::string& payload_text);
    // The stored head must name the last event seen.
    void check_head(std::int64_t seq, const std::string& hash);
    AuditReport broken_at(std::int64_t seq, std::string problem);
    AuditReport report() const { return report_; }

private:
    std::vector<AuditAnchor> anchors_;
    AuditReport report_;
    std::int64_t last_seq_ = 0;
    std::string last_hash_ = audit_genesis_hash();
};

}  // namespace tata
