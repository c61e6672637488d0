#include "roster/worker_import.hpp"

#include "csv/csv_reader.hpp"
#include "roster/roster_row.hpp"

#include <unordered_map>

namespace tata::roster {
namespace {

std::chrono::year_month_day today_of(const Engine& engine) {
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(engine.clock().now())};
}

// The roster's part of a case's data: the columns the last import wrote
// (data.kolom_roster) and the manual-review findings.
nlohmann::json roster_fields(const ParsedRow& row) {
    nlohmann::json fields = row.data;
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& [key, value] : row.data.items()) columns.push_back(key);
    fields["kolom_roster"] = std::move(columns);
    fields["tinjauan_manual"] = row.review_flags;
    return fields;
}

// The merge patch that brings `current` to the row's fields, or an empty
// object when nothing changed. Columns the previous import wrote and this
// one does not are removed.
nlohmann::json patch_for(const nlohmann::json& current, const nlohmann::json& fields) {
    nlohmann::json patch = nlohmann::json::object();
    for (const auto& [key, value] : fields.items()) {
        const auto it = current.find(key);
        if (it == current.end() || *it != value) patch[key] = value;
    }
    if (const auto previous = current.find("kolom_roster"); previous != current.end() && previous->is_array()) {
        for (const auto& column : *previous) {
            if (column.is_string() && !fields.contains(column.get<std::string>())) patch[column.get<std::string>()] = nullptr;
        }
    }
    return patch;
}

class Importer {
public:
    Importer(Engine& engine, const nik::AreaRegistry& areas, const ImportOptions& options)
        : engine_(engine), areas_(areas), options_(options), today_(today_of(engine)) {}

    ImportReport run(const std::filesystem::path& file) {
        if (!engine_.definitions()->find_regency(options_.regency))
            throw NotFound("unknown regency '" + options_.regency + "'");
        if (!engine_.definitions()->latest(options_.workflow_id))
            throw NotFound("unknown workflow '" + options_.workflow_id + "'");
        csv::Reader reader(file);
        RosterColumns columns(reader.read_header(required_columns()));
        const std::uint64_t total = std::filesystem::file_size(file);
        bool more = true;
        while (more) {
            // A chunk of rows per transaction: durable progress, and fast.
            engine_.batch([&] {
                for (std::size_t n = 0; n < options_.rows_per_transaction; ++n) {
                    const csv::Row* row = reader.next();
                    if (!row) {
                        more = false;
                        return;
                    }
                    import_row(reader, *row, columns);
                }
            });
            if (options_.on_progress) options_.on_progress(reader.bytes_read(), total);
        }
        return std::move(report_);
    }

private:
    void reject(const csv::Reader& reader, const csv::Row& row, const std::vector<std::string>& problems) {
        ++report_.rejected;
        for (const auto& problem : problems) report_.problems.push_back(reader.location(row) + ": " + problem);
    }

    void import_row(const csv::Reader& reader, const csv::Row& row, const RosterColumns& columns) {
        const ParsedRow parsed = parse_row(row, columns, areas_, today_);
        if (!parsed.ok) return reject(reader, row, parsed.problems);
        if (auto [it, fresh] = seen_.emplace(parsed.nik, row.number()); !fresh)
            return reject(reader, row, {"nik: NIK " + parsed.nik + " ganda, sudah ada di baris " + std::to_string(it->second)});
        if (!parsed.review_flags.empty()) ++report_.flagged;

        nlohmann::json fields = roster_fields(parsed);
        const auto existing = engine_.find_case_by_key(options_.regency, options_.workflow_id, parsed.nik);
        if (!existing) {
            engine_.create_case(options_.workflow_id, options_.regency, std::move(fields), options_.actor, parsed.nik);
            ++report_.created;
            return;
        }
        const nlohmann::json patch = patch_for(existing->data, fields);
        if (patch.empty()) {
            ++report_.unchanged;
            return;
        }
        const CaseRecord updated = engine_.update_data(existing->id, patch, options_.actor, existing->version);
        ++report_.updated;
        resubmit_if_returned(updated);
    }

    // A file returned for correction goes back through the checks once the
    // corrected row arrives: as the importing officer where the return is a
    // task (verification v4), as the system where it is a wait (earlier
    // versions). A return task someone else claimed stays theirs to resubmit.
    void resubmit_if_returned(const CaseRecord& record) {
        if (record.status != CaseStatus::active || options_.resubmit_event.empty()) return;
        const auto workflow = engine_.workflow_of(record);
        const State* state = workflow->find_state(record.state);
        if (!state || !state->find_outcome(options_.resubmit_event)) return;
        if (state->kind == StateKind::wait) {
            engine_.fire(record.id, options_.resubmit_event, nlohmann::json::object(), Actor::system(), record.version);
        } else if (state->kind == StateKind::task) {
            for (const TaskRecord& task : record.open_tasks)
                if (!task.assignee.empty() && task.assignee != options_.actor.user) return;
            engine_.fire(record.id, options_.resubmit_event, nlohmann::json::object(), options_.actor, record.version);
        }
    }

    Engine& engine_;
    const nik::AreaRegistry& areas_;
    const ImportOptions& options_;
    std::chrono::year_month_day today_;
    std::unordered_map<std::string, std::size_t> seen_;
    ImportReport report_;
};

}  // namespace

ImportReport import_workers(Engine& engine, const std::filesystem::path& file, const nik::AreaRegistry& areas,
                            const ImportOptions& options) {
    return Importer(engine, areas, options).run(file);
}

}  // namespace tata::roster
