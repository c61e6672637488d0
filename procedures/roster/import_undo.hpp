// Undoing a roster import as a whole: the wrong regency's roster, last
// year's file, a file with the columns shifted. Reads the batch's changes
// from the audit chain (the events tagged with its operation) and, in one
// transaction, per case:
// - a case the import created is withdrawn (Engine::withdraw_case), even
//   if officers have worked on it since: the worker should not have been
//   there; one already closed by its workflow is kept and listed;
// - a case the import updated gets its fields back as they were before
//   (the `before` of its data_updated events), unless anything happened
//   to it since (a later change, a decision) or the import sent it back
//   to the checks: those are kept and listed, for an officer to look at.
// Every change is audited as the undoing officer's, tagged with the undo's
// own operation. An import is undone once; a preview says what an undo
// would do and writes nothing.
#pragma once

#include "roster/import_batches.hpp"

#include <tata/engine.hpp>

#include <stdexcept>

namespace tata::roster {

struct KeptCase {
    CaseId case_id = 0;
    std::string nik;
    std::string reason;  // Bahasa Indonesia
};

struct UndoReport {
    std::int64_t batch = 0;
    bool preview = false;
    std::size_t withdrawn = 0;
    std::size_t reverted = 0;
    std::size_t kept_count = 0;
    std::vector<KeptCase> kept;  // the first max_listed of them
};

struct UndoOptions {
    std::string regency;  // the batch must be this regency's (else NotFound)
    Actor actor;
    bool preview = false;
    std::size_t max_listed = 1000;
};

// The import was undone already (by another request, perhaps).
class AlreadyUndone : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// NotFound for a batch that is not the regency's; AlreadyUndone.
UndoReport undo_import(Engine& engine, ImportBatches& batches, std::int64_t batch, const UndoOptions& options);

// The operation an undo's own changes carry.
std::string undo_operation_of(std::int64_t batch);

}  // namespace tata::roster
