#include "roster/worker_import.hpp"

#include "csv/csv_reader.hpp"
#include "opd/opd_names.hpp"
#include "roster/roster_row.hpp"
#include "xlsx/xlsx_reader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <type_traits>
#include <unordered_map>

namespace tata::roster {
namespace {

// The area register writes names in capitals ("KABUPATEN HULU SUNGAI
// UTARA"); a message reads "Kabupaten Hulu Sungai Utara". DKI and DI stay.
std::string area_name(const std::string& upper) {
    std::string out;
    std::size_t start = 0;
    while (start <= upper.size()) {
        const std::size_t end = std::min(upper.find(' ', start), upper.size());
        std::string word = upper.substr(start, end - start);
        if (word != "DKI" && word != "DI")
            for (std::size_t i = 1; i < word.size(); ++i)
                word[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
        if (!out.empty()) out += ' ';
        out += word;
        start = end + 1;
    }
    return out;
}

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
        : engine_(engine),
          definitions_(engine.definitions()),
          areas_(areas),
          options_(options),
          actor_(options.actor),
          today_(today_of(engine)) {}

    ImportReport run(const std::filesystem::path& file) {
        regency_ = definitions_->find_regency(options_.regency);
        if (!regency_) throw NotFound("unknown regency '" + options_.regency + "'");
        if (!definitions_->latest(options_.workflow_id))
            throw NotFound("unknown workflow '" + options_.workflow_id + "'");
        if (is_workbook(file)) {
            xlsx::Reader reader(file);
            read(reader, file, [&] { return reader.total_bytes(); });
        } else {
            csv::Reader reader(file);
            read(reader, file, [&] { return std::filesystem::file_size(file); });
        }
        warn_of_other_regencies();
        if (report_.batch)
            options_.batches->close(report_.batch, report_.created, report_.updated, report_.unchanged, report_.rejected);
        return std::move(report_);
    }

private:
    // A workbook by its first bytes (a zip, or the OLE file of an old .xls
    // or a password-protected .xlsx, which the XLSX reader names) or its
    // name: whatever an officer's Excel saved, under whatever name.
    static bool is_workbook(const std::filesystem::path& file) {
        char magic[4] = {};
        std::ifstream(file, std::ios::binary).read(magic, sizeof magic);
        const std::string_view start(magic, sizeof magic);
        if (start == std::string_view("PK\x03\x04", 4) || start == std::string_view("\xD0\xCF\x11\xE0", 4)) return true;
        std::string extension = file.extension().string();
        for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return extension == ".xlsx" || extension == ".xls";
    }

    // Reads every row of a CSV or XLSX reader; `total` is the progress
    // bar's whole (asked once the header is read).
    template <class TableReader>
    void read(TableReader& reader, const std::filesystem::path& file, const std::function<std::uint64_t()>& total) {
        RosterColumns columns(reader.read_header(required_columns()));
        name_ = reader.name();
        const auto nik_column = columns.find("nik");
        if (!options_.preview && options_.batches) {
            const auto at = std::chrono::duration_cast<std::chrono::seconds>(engine_.clock().now().time_since_epoch());
            report_.batch = options_.batches->open(options_.regency, options_.workflow_id,
                                                   options_.file_name.empty() ? file.filename().string() : options_.file_name,
                                                   options_.actor.user, at.count());
            actor_.operation = operation_of(report_.batch);
        }
        const std::uint64_t whole = total();
        bool more = true;
        const auto chunk = [&] {
            for (std::size_t n = 0; n < options_.rows_per_transaction; ++n) {
                const csv::Row* row = reader.next();
                if (!row) {
                    more = false;
                    return;
                }
                bool nik_as_number = false;
                if constexpr (std::is_same_v<TableReader, xlsx::Reader>)
                    nik_as_number = nik_column && reader.kind(*nik_column) == xlsx::CellKind::number;
                import_row(*row, columns, nik_as_number);
            }
        };
        while (more) {
            // A chunk of rows per transaction: durable progress, and fast.
            // A preview writes nothing, so it needs none.
            if (options_.preview)
                chunk();
            else
                engine_.batch(chunk);
            if (options_.on_progress) options_.on_progress(reader.bytes_read(), whole);
        }
    }

    // "FILE:ROW", as both readers write it.
    std::string location(const csv::Row& row) const { return name_ + ":" + std::to_string(row.number()); }

    void reject(const csv::Row& row, const std::vector<std::string>& problems) {
        ++report_.rejected;
        for (const auto& problem : problems) report_.problems.push_back(location(row) + ": " + problem);
    }

    void warn(const csv::Row& row, const std::string& warning) {
        if (++report_.warning_count <= options_.max_listed_warnings)
            report_.warnings.push_back(location(row) + ": " + warning);
    }

    // What of a row taken deserves a look: the NIK's findings, a NIK
    // registered in another regency, an OPD the regency does not list.
    void warn_of(const csv::Row& row, const ParsedRow& parsed) {
        if (!parsed.review_flags.empty()) ++report_.flagged;
        for (const auto& flag : parsed.review_flags) warn(row, "nik: " + flag);
        const std::string code = parsed.nik.substr(0, 2) + "." + parsed.nik.substr(2, 2);
        if (code != options_.regency) {
            ++report_.other_regency;
            const auto& area = parsed.data["wilayah_nik"];
            const std::string where = area.is_object() ? area_name(area.value("kabupaten", code)) + ", " +
                                                             area_name(area.value("provinsi", ""))
                                                       : code;
            ++other_regencies_[where];
            warn(row, "nik: NIK terdaftar di " + where + ", bukan di " + regency_->name);
        }
        if (const auto opd = parsed.data.find("opd"); opd != parsed.data.end() && opd->is_string()) {
            if (const auto problem = opd::opd_problem(*regency_, opd->get<std::string>())) {
                ++report_.unknown_opd;
                warn(row, "opd: " + *problem);
            }
        }
    }

    // A neighbour's roster sent to the wrong regency: most of its NIKs are
    // registered elsewhere. Said once for the file, beside the rows.
    void warn_of_other_regencies() {
        const std::size_t taken = report_.created + report_.updated + report_.unchanged;
        if (taken == 0 || report_.other_regency * 2 <= taken) return;
        const auto most = std::max_element(other_regencies_.begin(), other_regencies_.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
        report_.file_warnings.push_back(std::to_string(report_.other_regency) + " dari " + std::to_string(taken) +
                                        " NIK terdaftar di luar " + regency_->name + ", terbanyak di " + most->first +
                                        ". Pastikan berkas ini memang daftar tenaga non-ASN " + regency_->name + ".");
    }

    // `nik_as_number`: the NIK cell of a workbook held a number, which
    // Excel keeps to 15 digits: the NIK's last digit may be lost already.
    void import_row(const csv::Row& row, const RosterColumns& columns, bool nik_as_number) {
        const ParsedRow parsed = parse_row(row, columns, areas_, today_);
        if (!parsed.ok) {
            std::vector<std::string> problems = parsed.problems;
            if (nik_as_number) problems.push_back(kNikAsNumber);
            return reject(row, problems);
        }
        if (auto [it, fresh] = seen_.emplace(parsed.nik, row.number()); !fresh)
            return reject(row, {"nik: NIK " + parsed.nik + " ganda, sudah ada di baris " + std::to_string(it->second)});
        if (nik_as_number) warn(row, kNikAsNumber);
        warn_of(row, parsed);

        nlohmann::json fields = roster_fields(parsed);
        const auto existing = engine_.find_case_by_key(options_.regency, options_.workflow_id, parsed.nik);
        if (!existing) {
            if (!options_.preview)
                engine_.create_case(options_.workflow_id, options_.regency, std::move(fields), actor_, parsed.nik);
            ++report_.created;
            return;
        }
        const nlohmann::json patch = patch_for(existing->data, fields);
        if (patch.empty()) {
            ++report_.unchanged;
            return;
        }
        ++report_.updated;
        if (options_.preview) return;
        const CaseRecord updated = engine_.update_data(existing->id, patch, actor_, existing->version);
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
                if (!task.assignee.empty() && task.assignee != actor_.user) return;
            engine_.fire(record.id, options_.resubmit_event, nlohmann::json::object(), actor_, record.version);
        }
    }

    Engine& engine_;
    std::shared_ptr<const DefinitionSet> definitions_;  // keeps regency_ alive whatever a reload does
    const Regency* regency_ = nullptr;
    const nik::AreaRegistry& areas_;
    static constexpr const char* kNikAsNumber =
        "nik: NIK tersimpan sebagai angka di Excel, yang hanya menyimpan 15 angka pertama; periksa angka terakhirnya, "
        "lalu format kolom nik sebagai Teks dan ketik ulang NIK";

    const ImportOptions& options_;
    std::string name_;  // the file as messages name it
    Actor actor_;  // the importer, with the batch's operation once registered
    std::chrono::year_month_day today_;
    std::unordered_map<std::string, std::size_t> seen_;
    std::map<std::string, std::size_t> other_regencies_;  // where NIKs are registered instead → rows
    ImportReport report_;
};

}  // namespace

ImportReport import_workers(Engine& engine, const std::filesystem::path& file, const nik::AreaRegistry& areas,
                            const ImportOptions& options) {
    return Importer(engine, areas, options).run(file);
}

}  // namespace tata::roster
