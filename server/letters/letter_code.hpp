// The verification code printed on every letter: "4875-128734-7F3A91C2",
// the case number, the audit event the letter was made at (the case's
// latest, whose hash chains to every event before it) and the first 8 hex
// digits of that event's hash. An officer given a printed letter types the
// code in and learns whether the chain holds that event for that case, when
// the letter was made and whether the case changed since.
#pragma once

#include <tata/records.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tata::server::letters {

std::string letter_code(const EventRecord& latest);

struct LetterCode {
    CaseId case_id = 0;
    std::int64_t seq = 0;
    std::string hash_prefix;  // 8 lower-case hex digits
};

// Spaces ignored, letters in either case; nullopt when it is no such code.
// At most 64 bytes are looked at.
std::optional<LetterCode> parse_letter_code(std::string_view text);

}  // namespace tata::server::letters
