// The fold every search compares with: lower case, Latin accents removed
// (Latin-1 and Latin Extended-A letters to their base letters), control
// characters and invalid UTF-8 to spaces. The case search's text index
// stores its values folded this way, and other searches (the ranking's)
// fold both sides with it, so "Sîti" finds "SITI" on every page alike.
#pragma once

#include <string>
#include <string_view>

namespace tata {

std::string fold_for_search(std::string_view text);

}  // namespace tata
