// Fictional Indonesian names as they appear in Kapuas and Hulu Sungai Utara
// rosters: Banjar and other Muslim names, Dayak Ngaju family names, Christian
// given names, Javanese names of transmigrant families.
#pragma once

#include "prng.hpp"

#include <string>

namespace tata::example {

enum class Sex { male, female };

// A full name without academic titles. A few carry a nickname in quotes
// (Maria "Ria" Ulfah), as officers sometimes type them.
std::string make_name(Rng& rng, Sex sex);

}  // namespace tata::example
