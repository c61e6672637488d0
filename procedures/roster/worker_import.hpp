// `tata import workers`: a roster, CSV or the first sheet of an Excel
// workbook (told by its first bytes, procedures/xlsx/) → one verification
// case per worker, keyed by NIK within the regency. Importing the same file twice changes
// nothing the second time; a corrected row updates the worker's case (and
// resubmits a file that was returned for correction).
//
// Rows that are taken but deserve a look are warned of, row by row: a NIK
// registered in another regency (a neighbour's roster sent to the wrong
// regency is mostly such rows, and the report says so once for the file),
// an OPD not in the regency's list (settings.opd), and the NIK's findings
// for a manual review. A preview reads and checks every row as the import
// would, and writes nothing.
#pragma once

#include "nik/area_registry.hpp"
#include "roster/import_batches.hpp"

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
    bool preview = false;  // count and warn as the import would; write nothing
    // Warnings listed at most (all are counted): a neighbour's whole roster
    // warns on every row, and a page needs the first ones and the count.
    std::size_t max_listed_warnings = 1000;
    // When set (and not a preview), the import is registered as a batch
    // there and its changes carry the batch's operation, so that it can be
    // undone as a whole (import_undo.hpp). `file_name` names the file in
    // the register as the importer called it; empty: the file's own name.
    ImportBatches* batches = nullptr;
    std::string file_name;
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
    std::vector<std::string> warnings;  // the same, for rows taken that deserve a look (the first ones)
    std::size_t warning_count = 0;      // all of them
    // About the file as a whole: most of its NIKs are registered elsewhere.
    std::vector<std::string> file_warnings;
    std::size_t other_regency = 0;      // rows whose NIK is registered in another regency
    std::size_t unknown_opd = 0;        // rows naming an OPD the regency's list lacks
    std::int64_t batch = 0;             // the batch registered (ImportOptions::batches), else 0
};

// Throws csv::Error when the file as a whole cannot be read (no header,
// missing columns, broken quoting, not a workbook: nothing is imported
// past that point),
// NotFound for an unknown regency or workflow.
ImportReport import_workers(Engine& engine, const std::filesystem::path& file, const nik::AreaRegistry& areas,
                            const ImportOptions& options);

}  // namespace tata::roster
