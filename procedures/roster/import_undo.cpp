#include "roster/import_undo.hpp"

#include <map>

namespace tata::roster {
namespace {

// One case's part in the batch, from its events.
struct Touched {
    bool created = false;
    bool other = false;  // a decision the import made (a returned file sent back to the checks)
    std::int64_t last_seq = 0;
    nlohmann::json before = nlohmann::json::object();  // each field as it was before the batch's first change
};

std::map<CaseId, Touched> touched_by(const std::vector<EventRecord>& events) {
    std::map<CaseId, Touched> out;
    for (const EventRecord& event : events) {
        Touched& touched = out[event.case_id];
        touched.last_seq = event.seq;
        if (event.type == "created") {
            touched.created = true;
        } else if (event.type == "data_updated") {
            const auto before = event.payload.find("before");
            if (before == event.payload.end() || !before->is_object()) {
                touched.other = true;  // an update from before `before` was recorded: cannot put it back
                continue;
            }
            for (const auto& [field, value] : before->items())
                if (!touched.before.contains(field)) touched.before[field] = value;
        } else {
            touched.other = true;
        }
    }
    return out;
}

class Undo {
public:
    Undo(Engine& engine, const ImportBatch& batch, const UndoOptions& options)
        : engine_(engine), batch_(batch), options_(options), actor_(options.actor) {
        actor_.operation = undo_operation_of(batch.id);
        report_.batch = batch.id;
        report_.preview = options.preview;
        reason_ = "Impor berkas " + batch.file_name + " (nomor " + std::to_string(batch.id) + ") dibatalkan";
    }

    UndoReport run() {
        const auto touched = touched_by(engine_.events_of_operation(operation_of(batch_.id)));
        const auto work = [&] {
            for (const auto& [id, part] : touched) undo_case(id, part);
        };
        if (options_.preview) work();
        else engine_.batch(work);  // all or nothing
        return std::move(report_);
    }

private:
    void keep(const CaseRecord& record, std::string reason) {
        if (++report_.kept_count <= options_.max_listed)
            report_.kept.push_back({record.id, record.data.value("nik", record.key), std::move(reason)});
    }

    void undo_case(CaseId id, const Touched& part) {
        const CaseRecord record = engine_.get_case(id);
        if (record.status == CaseStatus::withdrawn) return keep(record, "berkas sudah ditarik sebelumnya");
        if (record.status == CaseStatus::completed) return keep(record, "berkas sudah selesai diproses");
        if (part.created) {
            ++report_.withdrawn;
            if (!options_.preview) engine_.withdraw_case(id, reason_, actor_, record.version);
            return;
        }
        if (part.other) return keep(record, "berkas sudah diajukan ulang ke pemeriksaan oleh impor ini");
        const auto history = engine_.history(id);
        if (!history.empty() && history.back().seq != part.last_seq)
            return keep(record, "berkas sudah diubah atau diproses sesudah impor");
        ++report_.reverted;
        if (!options_.preview) engine_.update_data(id, part.before, actor_, record.version);
    }

    Engine& engine_;
    const ImportBatch& batch_;
    const UndoOptions& options_;
    Actor actor_;
    std::string reason_;
    UndoReport report_;
};

}  // namespace

std::string undo_operation_of(std::int64_t batch) { return "roster-import-undo-" + std::to_string(batch); }

UndoReport undo_import(Engine& engine, ImportBatches& batches, std::int64_t batch, const UndoOptions& options) {
    const auto found = batches.find(batch);
    if (!found || found->regency != options.regency) throw NotFound("no import " + std::to_string(batch));
    if (found->undone())
        throw AlreadyUndone("Impor nomor " + std::to_string(batch) + " sudah dibatalkan oleh " + found->undone_by + ".");
    UndoReport report = Undo(engine, *found, options).run();
    if (options.preview) return report;
    const auto at = std::chrono::duration_cast<std::chrono::seconds>(engine.clock().now().time_since_epoch());
    // Two undos at once: the engine's write lock lets one through at a
    // time, and the second finds every case withdrawn or changed since and
    // changes nothing; the register keeps the first one's figures.
    if (!batches.mark_undone(batch, options.actor.user, at.count(), report.withdrawn, report.reverted, report.kept_count))
        throw AlreadyUndone("Impor nomor " + std::to_string(batch) + " sudah dibatalkan.");
    return report;
}

}  // namespace tata::roster
