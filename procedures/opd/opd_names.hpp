// The regency's own list of OPDs (settings.opd in its regency.yaml): the only
// names an OPD head's or a supervisor's account may carry, what pages offer
// to pick from, and what a roster's opd column is checked against. A name that differs by case or spacing ("Dinas
// kesehatan") would make a user who sees nothing of their own OPD. A regency
// without a list takes any name, as before.
#pragma once

#include <tata/regency.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tata::opd {

// The names in settings.opd, in file order; empty when the regency keeps none.
std::vector<std::string> opd_names(const Regency& regency);

// Why `opd` is not one of the regency's OPDs (Bahasa Indonesia, naming the
// listed name it probably means), or nullopt when it is, or there is no list.
std::optional<std::string> opd_problem(const Regency& regency, const std::string& opd);

}  // namespace tata::opd
