// The text a case is found by: its key and the workflow's `search:` fields,
// folded so that a search ignores case and accents ("Siti", "SITI" and
// "Sîti" find each other), with its regency and workflow in front so that
// one text index serves every regency and each search reads only its own.
//
// The store keeps one row per case in an FTS5 table with the trigram
// tokenizer (any substring of three characters or more is an index lookup;
// shorter ones are checked row by row within the regency and workflow).
#pragma once

#include "tata/records.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tata::search_text {

// Lower case, Latin accents removed (Latin-1 and Latin Extended-A letters to
// their base letters), control characters to spaces; any other character
// is kept as it is. Invalid UTF-8 bytes become spaces.
std::string fold(std::string_view text);

// The indexed text of a case: "\x02<regency>\x03<workflow>\x04" then each
// searchable value folded, each after a "\x1f" (the key first). Folding
// removes control characters, so no value can imitate the markers.
std::string of_case(const CaseRecord& record, const std::vector<std::string>& fields);

// The GLOB pattern that finds `query` (folded, GLOB's *?[ escaped) in the
// values of cases of the regency and workflow (either may be absent).
std::string pattern(std::string_view query, const std::optional<std::string>& regency,
                    const std::optional<std::string>& workflow);

}  // namespace tata::search_text
