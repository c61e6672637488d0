// The text a case is found by: its key and the workflow's `search:` fields,
// folded so that a search ignores case and accents ("Siti", "SITI" and
// "Sîti" find each other), with codes in front for its regency, its
// workflow and the values of the workflow's `filters:` fields, so that one
// text index serves every regency and a search reads only the rows of its
// own regency, workflow and OPD.
//
// The store keeps one row per case in an FTS5 table with the trigram
// tokenizer (any substring of three characters or more is an index lookup;
// shorter ones are checked row by row within the regency and workflow).
// A code is four capital letters, which folded text never holds, so each
// code's trigrams are found exactly in the rows of its regency, workflow or
// filter value: a search asks the index for them, not for the regency's
// name (whose trigrams every row of the country would share). Codes are
// hashes: two values may share one, so the SQL still checks the regency,
// the workflow and the filter on the case itself.
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

// The indexed text of a case: "\x02<regency code>\x03<workflow code>",
// "\x05<code>" for each filter field with a text value, "\x04", then each
// searchable value folded, each after a "\x1f" (the key first). Folding
// removes control characters, so no value can imitate the markers.
std::string of_case(const CaseRecord& record, const std::vector<std::string>& fields,
                    const std::vector<std::string>& filters);

// The numbers in an indexed text's values (of_case): each run of digits,
// once, its first kMaxNumberDigits digits.
inline constexpr std::size_t kMaxNumberDigits = 32;
std::vector<std::string> numbers(std::string_view indexed_text);

// A search of digits only (after folding) looks for numbers that start with
// them, not for the digits anywhere: "6203" finds the NIKs of Kapuas, not
// every NIK with 6203 in its middle.
bool is_number_query(std::string_view folded_query);

// The GLOB pattern that finds `query` (folded, GLOB's *?[ escaped) in the
// values of cases of the regency and workflow (either may be absent; the
// workflow counts only with the regency) whose filter fields hold the given
// values (field, value); for a number query, a number that starts with it.
std::string pattern(std::string_view query, const std::optional<std::string>& regency,
                    const std::optional<std::string>& workflow,
                    const std::vector<std::pair<std::string, std::string>>& filters = {});

// The same search as an FTS5 query of the index (positions make each
// phrase an exact substring, so no row needs a second look): the phrase of
// the narrowest code the search names (a filter value's, else the
// workflow's; the regency is the store's range of rows) AND the folded
// query. Folded text holds
// neither capitals nor control characters, so the query can only match
// values, as the pattern's "\x04*" asks. nullopt for what a phrase cannot
// say: a number query (numbers that *start* with the digits) and a query
// of fewer than three characters (no trigram); pattern() serves those.
std::optional<std::string> match(std::string_view query, const std::optional<std::string>& regency,
                                 const std::optional<std::string>& workflow,
                                 const std::vector<std::pair<std::string, std::string>>& filters = {});

}  // namespace tata::search_text
