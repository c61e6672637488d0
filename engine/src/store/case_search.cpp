#include "store/case_search.hpp"

#include "store/search_text.hpp"

#include <nlohmann/json.hpp>

namespace tata {

SQLite::Statement& SqliteCaseSearch::cached(const char* sql) {
    auto& statement = statements_[sql];
    if (!statement) statement = std::make_unique<SQLite::Statement>(db_, sql);
    statement->reset();
    statement->clearBindings();
    return *statement;
}

void SqliteCaseSearch::ensure(const std::string& workflow_id, const std::vector<std::string>& fields) {
    const std::string wanted = nlohmann::json(fields).dump();
    SQLite::Statement& known = cached("SELECT fields FROM case_search_fields WHERE workflow_id = ?");
    known.bind(1, workflow_id);
    const bool same = known.executeStep() && known.getColumn(0).getString() == wanted;
    known.reset();
    if (same) return;
    // First sight of the workflow, or its search fields changed: (re)build
    // the rows of its cases.
    SQLite::Statement cases(db_, "SELECT id, regency, case_key, data FROM cases WHERE workflow_id = ?");
    cases.bind(1, workflow_id);
    while (cases.executeStep()) {
        CaseRecord record;
        record.id = cases.getColumn(0).getInt64();
        record.regency = cases.getColumn(1).getString();
        record.workflow_id = workflow_id;
        record.key = cases.getColumn(2).getString();
        record.data = nlohmann::json::parse(cases.getColumn(3).getString(), nullptr, false);
        if (record.data.is_discarded()) record.data = nlohmann::json::object();
        write(fields, record);
    }
    SQLite::Statement& remember = cached("INSERT OR REPLACE INTO case_search_fields (workflow_id, fields) VALUES (?, ?)");
    remember.bind(1, workflow_id);
    remember.bind(2, wanted);
    remember.exec();
}

void SqliteCaseSearch::write(const std::vector<std::string>& fields, const CaseRecord& record) {
    const std::string text = search_text::of_case(record, fields);
    // Most advances change neither the name nor the NIK: a read by rowid is
    // far cheaper than replacing the row's trigrams.
    SQLite::Statement& current = cached("SELECT text FROM case_search WHERE rowid = ?");
    current.bind(1, static_cast<int64_t>(record.id));
    const bool unchanged = current.executeStep() && current.getColumn(0).getString() == text;
    current.reset();
    if (unchanged) return;
    SQLite::Statement& replace = cached("INSERT OR REPLACE INTO case_search (rowid, text) VALUES (?, ?)");
    replace.bind(1, static_cast<int64_t>(record.id));
    replace.bind(2, text);
    replace.exec();
}

}  // namespace tata
