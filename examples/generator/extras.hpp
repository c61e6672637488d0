// The smaller example files: the rejected-rows roster, the Hulu Sungai Utara
// Puskesmas unit and the grievances. Each returns the file's text.
#pragma once

#include "roster.hpp"

#include <string>
#include <vector>

namespace tata::example {

// kapuas-roster-salah.csv: 20 Kapuas rows, each with one planted problem
// named in the extra `catatan` column.
std::string kapuas_problem_rows(Rng& rng, NikAllocator& niks, const std::vector<District>& districts);

// The 25 non-ASN staff of Puskesmas Sungai Malang (Hulu Sungai Utara, 63.08).
std::vector<Worker> hsu_puskesmas_staff(Rng& rng, NikAllocator& niks, const std::vector<District>& districts);
std::string hsu_unit_yaml(const std::vector<Worker>& staff, unsigned long long seed);

// grievances.yaml: complaints by workers of the Kapuas roster.
std::string grievances_yaml(const std::vector<Worker>& kapuas, unsigned long long seed);

// A YAML double-quoted scalar.
std::string yaml_quote(const std::string& text);

}  // namespace tata::example
