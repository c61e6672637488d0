#include "store/audit_chain.hpp"

#include "tata/sha256.hpp"

namespace tata {

const std::string& audit_genesis_hash() {
    static const std::string genesis(64, '0');
    return genesis;
}

std::string audit_event_hash(const EventRecord& e, const std::string& payload_text) {
    // Every field length-prefixed, so that no two different events can
    // serialize to the same bytes; hashed in one call (this is per advance).
    std::string bytes;
    bytes.reserve(160 + payload_text.size());
    auto field = [&bytes](std::string_view value) {
        bytes += std::to_string(value.size());
        bytes += ':';
        bytes += value;
    };
    field(std::to_string(e.seq));
    field(std::to_string(e.case_id));
    field(std::to_string(e.at.time_since_epoch().count()));
    field(e.actor);
    field(e.role);
    field(e.type);
    field(e.from_state);
    field(e.to_state);
    field(payload_text);
    field(e.prev_hash);
    return sha256_hex(bytes);
}

AuditChainVerifier::AuditChainVerifier(std::vector<AuditAnchor> anchors) : anchors_(std::move(anchors)) {
    report_.head_hash = audit_genesis_hash();
}

bool AuditChainVerifier::accept(const EventRecord& e, const std::string& payload_text) {
    if (!report_.intact) return false;
    if (e.seq != last_seq_ + 1) {
        broken_at(e.seq, "expected event " + std::to_string(last_seq_ + 1) + " next, found " + std::to_string(e.seq) +
                             " (events deleted or renumbered)");
        return false;
    }
    if (e.prev_hash != last_hash_) {
        broken_at(e.seq, "its link to the previous event does not match (events deleted, inserted or reordered)");
        return false;
    }
    if (audit_event_hash(e, payload_text) != e.hash) {
        broken_at(e.seq, "its content does not match its hash (the event was edited)");
        return false;
    }
    for (const auto& anchor : anchors_) {
        if (anchor.seq == e.seq && anchor.hash != e.hash) {
            broken_at(e.seq, "its hash differs from the anchor recorded for it (the chain was rebuilt after a change)");
            return false;
        }
    }
    last_seq_ = e.seq;
    last_hash_ = e.hash;
    ++report_.events_checked;
    report_.head_seq = e.seq;
    report_.head_hash = e.hash;
    return true;
}

void AuditChainVerifier::check_head(std::int64_t seq, const std::string& hash) {
    if (!report_.intact) return;
    for (const auto& anchor : anchors_) {
        if (anchor.seq > last_seq_) {
            broken_at(last_seq_ + 1, "the chain ends at event " + std::to_string(last_seq_) + " but event " +
                                         std::to_string(anchor.seq) + " was anchored (events removed from the end)");
            return;
        }
    }
    if (seq != last_seq_ || hash != last_hash_) {
        broken_at(last_seq_ + 1, "the chain ends at event " + std::to_string(last_seq_) + " but its recorded head is event " +
                                     std::to_string(seq) + " (events removed from the end)");
    }
}

AuditReport AuditChainVerifier::broken_at(std::int64_t seq, std::string problem) {
    report_.intact = false;
    report_.first_bad_seq = seq;
    report_.problem = std::move(problem);
    return report_;
}

}  // namespace tata
