// `tata import workers`: a roster CSV → one verification case per worker,
// keyed by NIK within the regency. Importing the same file twice changes
// nothing the second time; a corrected row updates the worker's case (and
// resubmits a file that was returned for correction).
#pragma once

#include "nik/area_registry.hpp"

#include <tata/engine.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace tata::roster {

struct ImportOptions {
    std::string regency;                         // e.g. "62.03"
    Actor actor{"import", "officer"};
    std::string workflow_id = "verification";
    std::string resubmit_event = "ajukan_ulang";  // fired when a returned file is corrected
    std::size_t rows_per_transaction = 500;
    // Called now and then with the bytes read so far and the file's size.
    std::function<void(std::uint64_t read, std::uint64_t total)> on_progress;
};

struct ImportReport {
    std::size_t created = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t rejected = 0;
    std::size_t flagged = 0;            // accepted, with findings for a manual review
    std::vector<std::string> problems;  // "FILE:ROW: column: message", one per problem
};

// Throws csv::Error when the file as a whole cannot be read (no header,
// missing columns, broken quoting: nothing is imported past that point),
// NotFound for an unknown regency or workflow.
ImportReport import_workers(Engine& engine, const std::filesystem::path& file, const nik::AreaRegistry& areas,
                            const ImportOptions& options);

}  // namespace tata::roster
