// Adopting a planning scenario (docs/planning.md, "Adopting a scenario"):
// its formasi, frozen, and its rules become the regency's. The adoption is
// written to the file the regency names for it (settings.prioritization
// .penetapan, read by ranking/adopted_policy.hpp), installed by the normal
// reload and recorded as a `planning_adoption` case in the audit trail. If
// the reload refuses the file or the record cannot be written, the previous
// file is put back and nothing changes.
#pragma once

#include "planning/scenario.hpp"

#include <tata/engine.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tata::planning {

// Installs what is on disk as the serving generation; the problems that
// refused it ("FILE:LINE:COL: error: ..."), empty when installed.
using Reload = std::function<std::vector<std::string>()>;

struct AdoptionResult {
    bool ok = false;
    std::vector<std::string> errors;  // why the reload refused it
    CaseId record = 0;                // the planning_adoption case
    std::string ranking_number;       // what the regency's ranking gives now
    std::string text;                 // the adopted file as written
};

// The adopted file's text: `scenario` on top of what the regency ranks by
// now (its earlier adoption), the formasi frozen as a list. Exposed for tests.
std::string adoption_yaml(const PlanningContext& context, const Scenario& scenario,
                          const std::vector<ranking::Formasi>* formasi, const std::string& oleh,
                          const std::string& pada, const std::string& catatan);

// PlanningFileError when the regency names no file for an adoption, its
// planning files are broken or the scenario does not apply (an unknown
// rule); NotFound for an unknown regency. One adoption at a time.
AdoptionResult adopt_scenario(Engine& engine, const std::string& regency, const Scenario& scenario, const Actor& actor,
                              const std::string& note, const Reload& reload);

// Ends the regency's adoption: its own files apply again. PlanningFileError
// when nothing is adopted.
AdoptionResult revoke_adoption(Engine& engine, const std::string& regency, const Actor& actor, const std::string& note,
                               const Reload& reload);

// Puts a file's new text in place atomically (or removes it, for nullopt)
// and the old one back when destroyed unless kept.
class ReplacedFile {
public:
    ReplacedFile(std::filesystem::path file, const std::optional<std::string>& text);
    ~ReplacedFile();
    ReplacedFile(const ReplacedFile&) = delete;
    ReplacedFile& operator=(const ReplacedFile&) = delete;
    void keep() { kept_ = true; }
    void restore();

private:
    std::filesystem::path file_;
    std::optional<std::string> previous_;
    bool kept_ = false;
    bool restored_ = false;
};

}  // namespace tata::planning
