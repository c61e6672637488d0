// Roster imports, their batches and undo (api/worker_routes.cpp,
// api/import_batch_routes.cpp).
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

namespace tata::server {
namespace {

using namespace schema;

json import_report() {
    const json rows = array_of(ref("ImportProblemRow"));
    return closed({{"pratinjau", boolean()},
                   {"batch", {{"type", {"integer", "null"}}, {"description", "the import's number; null for a preview"}}},
                   {"created", integer()},
                   {"updated", integer()},
                   {"unchanged", integer()},
                   {"rejected", integer()},
                   {"flagged", integer()},
                   {"other_regency", integer()},
                   {"unknown_opd", integer()},
                   {"problems", array_of(string())},
                   {"problem_rows", rows},
                   {"warning_count", integer()},
                   {"warning_rows", rows},
                   {"file_warnings", array_of(string())}});
}

json import_batch() {
    const json undo = closed({{"by", string()}, {"at", date_time()}, {"withdrawn", integer()}, {"reverted", integer()},
                              {"kept", integer()}});
    return closed({{"id", integer()},
                   {"file_name", string()},
                   {"imported_by", string()},
                   {"imported_at", date_time()},
                   {"finished", boolean()},
                   {"created", integer()},
                   {"updated", integer()},
                   {"unchanged", integer()},
                   {"rejected", integer()},
                   {"undo", nullable(undo)}});
}

json undo_report() {
    return closed({{"batch", integer()},
                   {"preview", boolean()},
                   {"withdrawn", integer()},
                   {"reverted", integer()},
                   {"kept_count", integer()},
                   {"kept", array_of(closed({{"case_id", integer()}, {"nik", string()}, {"reason", string()}}))}});
}

}  // namespace

nlohmann::json roster_schemas() {
    return {{"ImportProblemRow",
             closed({{"row", nullable(integer())}, {"nik", nullable(string())}, {"column", nullable(string())}, {"message", string()}})},
            {"ImportReport", import_report()},
            {"ImportBatch", import_batch()},
            {"UndoReport", undo_report()}};
}

}  // namespace tata::server
