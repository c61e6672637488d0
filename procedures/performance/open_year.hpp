// Opening a year of performance evaluation: one performance_evaluation case
// per worker of the list, keyed NIK/tahun, in one transaction. A worker who
// already has a case for the year is left as they are, so opening the same
// list twice (or a list extended later) opens only what is new.
#pragma once

#include "performance/evaluation_list.hpp"

#include <tata/engine.hpp>

#include <stdexcept>

namespace tata::performance {

inline constexpr const char* kWorkflow = "performance_evaluation";

// A list naming a contract that is not an outsourcing contract of the
// regency: nothing is opened; problems() names every such row.
class ListRefused : public std::runtime_error {
public:
    explicit ListRefused(std::vector<std::string> problems);
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<std::string> problems_;
};

struct OpenYearReport {
    std::size_t opened = 0;
    std::size_t already_open = 0;
    std::vector<CaseId> cases;  // the cases opened, in list order
};

// The key of a worker's evaluation case for a year.
std::string evaluation_key(const std::string& nik, int year);

// The years a list may open: from the first year of the procedure to one
// year ahead of the engine's clock.
bool acceptable_year(const Engine& engine, const std::string& regency, int year);

// Opens the year for `list` (read and checked by read_evaluation_list) as
// `actor`. Throws ListRefused, NotFound (regency or workflow), or what the
// engine throws; on any throw nothing is opened.
OpenYearReport open_evaluation_year(Engine& engine, const std::string& regency, int year,
                                    const std::vector<EvaluatedWorker>& workers, const Actor& actor);

}  // namespace tata::performance
