#include "store/case_search.hpp"

#include "store/search_rows.hpp"
#include "store/search_text.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <vector>

namespace tata {

SQLite::Statement& SqliteCaseSearch::cached(const char* sql) {
    auto& statement = statements_[sql];
    if (!statement) statement = std::make_unique<SQLite::Statement>(db_, sql);
    statement->reset();
    statement->clearBindings();
    return *statement;
}

namespace {

// What a workflow's rows were built from: its fields and filters, and the
// form of the text (4: codes in front, a filter's with its regency, and
// case_search_numbers beside).
// Anything else rebuilds them once.
std::string built_from(const SearchLayout& layout) {
    return nlohmann::json{{"fields", layout.fields}, {"filters", layout.filters}, {"form", 4}}.dump();
}

}  // namespace

void SqliteCaseSearch::ensure(const std::string& workflow_id, const SearchLayout& layout) {
    const std::string wanted = built_from(layout);
    SQLite::Statement& known = cached("SELECT fields FROM case_search_fields WHERE workflow_id = ?");
    known.bind(1, workflow_id);
    const bool same = known.executeStep() && known.getColumn(0).getString() == wanted;
    known.reset();
    if (same) return;
    // First sight of the workflow, or its search fields or the layout
    // changed: (re)build the rows of its cases.
    SQLite::Statement forget(db_, "DELETE FROM case_search_numbers WHERE workflow_id = ?");
    forget.bind(1, workflow_id);
    forget.exec();
    // Regency by regency, each in case id order: the rowids then only grow
    // (store/search_rows.hpp). FTS5 writes out its pending rows whenever a
    // rowid is smaller than the last; in plain id order, with the regencies'
    // cases interleaved, that made a segment every few rows (100,000 rows:
    // 1.6 s against 0.6 s in order; bench/list_bench.sh's 2.3 M cases,
    // 83 s against 54 s).
    std::vector<std::string> regencies;
    SQLite::Statement which(db_, "SELECT DISTINCT regency FROM cases WHERE workflow_id = ? ORDER BY regency");
    which.bind(1, workflow_id);
    while (which.executeStep()) regencies.push_back(which.getColumn(0).getString());
    SQLite::Statement cases(db_, "SELECT id, case_key, data FROM cases WHERE regency = ? AND workflow_id = ? ORDER BY id");
    for (const auto& regency : regencies) {
        cases.reset();
        cases.bind(1, regency);
        cases.bind(2, workflow_id);
        while (cases.executeStep()) {
            CaseRecord record;
            record.id = cases.getColumn(0).getInt64();
            record.regency = regency;
            record.workflow_id = workflow_id;
            record.key = cases.getColumn(1).getString();
            record.data = nlohmann::json::parse(cases.getColumn(2).getString(), nullptr, false);
            if (record.data.is_discarded()) record.data = nlohmann::json::object();
            write(layout, record, Numbers::all);
        }
    }
    SQLite::Statement& remember = cached("INSERT OR REPLACE INTO case_search_fields (workflow_id, fields) VALUES (?, ?)");
    remember.bind(1, workflow_id);
    remember.bind(2, wanted);
    remember.exec();
}

SearchRow SqliteCaseSearch::row_of(const SearchLayout& layout, const CaseRecord& record) {
    return {record.id, record.regency, record.workflow_id, search_text::of_case(record, layout.fields, layout.filters)};
}

void SqliteCaseSearch::write(const SearchRow& row, Numbers numbers) {
    const std::string& text = row.text;
    // Most advances change neither the name nor the NIK: a read by rowid is
    // far cheaper than replacing the row's trigrams.
    if (row.case_id <= 0 || row.case_id > search_rows::kCaseIdMask)
        throw std::runtime_error("case " + std::to_string(row.case_id) + " is past the text index's case ids (2^" +
                                 std::to_string(search_rows::kCaseIdBits) + ")");
    const std::int64_t rowid = search_rows::rowid(regency_number(row.regency), row.case_id);
    SQLite::Statement& current = cached("SELECT text FROM case_search WHERE rowid = ?");
    current.bind(1, static_cast<int64_t>(rowid));
    std::optional<std::string> before;
    if (current.executeStep()) before = current.getColumn(0).getString();
    current.reset();
    if (before != text) {
        SQLite::Statement& replace = cached("INSERT OR REPLACE INTO case_search (rowid, text) VALUES (?, ?)");
        replace.bind(1, static_cast<int64_t>(rowid));
        replace.bind(2, text);
        replace.exec();
    } else if (numbers == Numbers::changed) {
        return;
    }
    // The numbers: those of the text it had go, those of the new text come
    // (a case never changes regency or workflow).
    if (before && numbers == Numbers::changed)
        for (const auto& number : search_text::numbers(*before))
            write_number("DELETE FROM case_search_numbers WHERE regency = ? AND number = ? AND workflow_id = ? AND case_id = ?",
                         row, number);
    for (const auto& number : search_text::numbers(text))
        write_number("INSERT OR IGNORE INTO case_search_numbers (regency, number, workflow_id, case_id) VALUES (?, ?, ?, ?)",
                     row, number);
}

// Read each time rather than kept: a number given in a transaction that is
// then rolled back must not be remembered (a primary-key read costs less
// than a microsecond beside the row's trigrams).
std::optional<std::int64_t> SqliteCaseSearch::find_regency_number(const std::string& regency) {
    SQLite::Statement& known = cached("SELECT number FROM case_search_regencies WHERE regency = ?");
    known.bind(1, regency);
    std::optional<std::int64_t> number;
    if (known.executeStep()) number = known.getColumn(0).getInt64();
    known.reset();
    return number;
}

std::int64_t SqliteCaseSearch::regency_number(const std::string& regency) {
    if (const auto known = find_regency_number(regency)) return *known;
    SQLite::Statement& next = cached("SELECT coalesce(max(number), 0) + 1 FROM case_search_regencies");
    next.executeStep();
    const std::int64_t number = next.getColumn(0).getInt64();
    next.reset();
    if (number > search_rows::kMostRegencies) throw std::runtime_error("too many regencies for the text index");
    SQLite::Statement& add = cached("INSERT INTO case_search_regencies (regency, number) VALUES (?, ?)");
    add.bind(1, regency);
    add.bind(2, static_cast<int64_t>(number));
    add.exec();
    return number;
}

void SqliteCaseSearch::write_number(const char* sql, const SearchRow& row, const std::string& number) {
    SQLite::Statement& q = cached(sql);
    q.bind(1, row.regency);
    q.bind(2, number);
    q.bind(3, row.workflow_id);
    q.bind(4, static_cast<int64_t>(row.case_id));
    q.exec();
}

}  // namespace tata
