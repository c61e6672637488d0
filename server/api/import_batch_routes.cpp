// The roster imports of a regency, and undoing one as a whole
// (roster/import_undo.hpp): the officers who import are the ones who find
// they imported the wrong file.
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"
#include "api/case_json.hpp"
#include "api/routes.hpp"

#include "http/api_error.hpp"

#include "roster/import_undo.hpp"

namespace tata::server {
namespace {

std::string when(std::int64_t unix_seconds, int offset_minutes) {
    return format_iso8601(TimePoint(std::chrono::seconds(unix_seconds)), offset_minutes);
}

nlohmann::json batch_json(const roster::ImportBatch& batch, int offset_minutes) {
    nlohmann::json out = {{"id", batch.id},
                          {"file_name", batch.file_name},
                          {"imported_by", batch.imported_by},
                          {"imported_at", when(batch.imported_at, offset_minutes)},
                          {"finished", batch.finished},
                          {"created", batch.created},
                          {"updated", batch.updated},
                          {"unchanged", batch.unchanged},
                          {"rejected", batch.rejected},
                          {"undo", nullptr}};
    if (batch.undone())
        out["undo"] = {{"by", batch.undone_by},
                       {"at", when(batch.undone_at, offset_minutes)},
                       {"withdrawn", batch.withdrawn},
                       {"reverted", batch.reverted},
                       {"kept", batch.kept}};
    return out;
}

nlohmann::json undo_json(const roster::UndoReport& report) {
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& k : report.kept) kept.push_back({{"case_id", k.case_id}, {"nik", k.nik}, {"reason", k.reason}});
    return {{"batch", report.batch},     {"preview", report.preview},     {"withdrawn", report.withdrawn},
            {"reverted", report.reverted}, {"kept_count", report.kept_count}, {"kept", std::move(kept)}};
}

}  // namespace

void add_import_batch_routes(Router& router, Service& service) {
    router.add({"GET", "/api/v1/workers/imports", kOfficers, false, "list the regency's roster imports, newest first",
                "workers",
                {{"parameters", {query_parameter("page", "from 1", "integer"), query_parameter("per_page", "1 to 200", "integer")}},
                 {"responses", json_responses("One page of imports: file, who, when, the counts, and the undo if any",
                                              schema::page_of(schema_ref("ImportBatch")), {400, 401, 403})}},
                [&service](Request& request) {
                    const Page page = page_of(request);
                    const std::string& regency = request.caller().regency;
                    const int offset = regency_offset_minutes(*service.engine().definitions(), regency);
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& batch : service.import_batches().recent(regency, page.per_page, page.offset()))
                        items.push_back(batch_json(batch, offset));
                    return Response::json(page_json(page, service.import_batches().count(regency), std::move(items)));
                }});

    router.add({"POST", "/api/v1/workers/imports/{batch}/undo", kOfficers, false,
                "undo a roster import: withdraw the cases it created, put back the fields it changed", "workers",
                {{"parameters", {path_parameter("batch", "the import's number"),
                                 query_parameter("pratinjau", "true: say what the undo would do, writing nothing")}},
                 {"responses", json_responses("How many cases were withdrawn and put back, and those kept with the reason",
                                              schema_ref("UndoReport"), {400, 401, 403, 404, 409})}},
                [&service](Request& request) {
                    roster::UndoOptions options;
                    options.regency = request.caller().regency;
                    options.actor = request.caller().actor();
                    options.preview = flag_param(request, "pratinjau");
                    try {
                        const auto report = roster::undo_import(service.engine(), service.import_batches(),
                                                                id_param(request, "batch"), options);
                        return Response::json(undo_json(report));
                    } catch (const roster::AlreadyUndone& e) {
                        throw ApiError(409, "Sudah dibatalkan", e.what());
                    } catch (const NotFound&) {
                        throw not_found("Impor ini tidak ada.");
                    }
                }});
}

}  // namespace tata::server
