// A regency's ranking policy files (its scorecard, formasi and adopted
// scenario) as one generation of definitions read them. They are read once
// per generation — when the generation is checked before a reload installs
// it, or at first use — and kept with it: a file edited or broken on disk
// afterwards changes nothing the serving generation ranks by, until a
// reload checks and installs a generation that reads it again.
#pragma once

#include "ranking/adopted_policy.hpp"
#include "ranking/formasi.hpp"

#include <tata/definitions.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tata::ranking {

struct PolicyFiles {
    std::filesystem::path scorecard_file;
    std::string scorecard_text;
    std::vector<Formasi> formasi;  // empty: the regency names none
    std::optional<AdoptedPolicy> adopted;  // the planning scenario it adopted
};

// The files of `regency` for `definitions`, read now or earlier for the same
// generation. Throws RulesFileError when they cannot be read or the formasi
// is invalid (nothing is kept then: the next call reads again).
std::shared_ptr<const PolicyFiles> generation_policy(const std::shared_ptr<const DefinitionSet>& definitions,
                                                     const Regency& regency);

}  // namespace tata::ranking
