// The text index of the SQLite store: one row of the FTS5 table
// `case_search` per case (its rowid: store/search_rows.hpp) holding
// search_text::of_case, written in the same transaction as the case.
// The fields each workflow's
// rows were built from are remembered in `case_search_fields`, so a change
// of a workflow's `search:` rebuilds its rows once. Beside it,
// `case_search_numbers` holds each number of those texts by (regency,
// workflow, number) for searches of digits (search_text::is_number_query).
#pragma once

#include "store/store.hpp"
#include "tata/records.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tata {

// What one case's row holds: its text, and where it goes.
struct SearchRow {
    CaseId case_id = 0;
    std::string regency;
    std::string workflow_id;
    std::string text;  // search_text::of_case
};

class SqliteCaseSearch {
public:
    explicit SqliteCaseSearch(SQLite::Database& db) : db_(db) {}

    // Inside the caller's write transaction.
    void ensure(const std::string& workflow_id, const SearchLayout& layout);
    // Numbers::changed writes the case's numbers (case_search_numbers) when
    // its text changed; Numbers::all writes them whatever the text, for a
    // rebuild that emptied them first.
    enum class Numbers { changed, all };
    void write(const SearchLayout& layout, const CaseRecord& record, Numbers numbers = Numbers::changed) {
        write(row_of(layout, record), numbers);
    }
    void write(const SearchRow& row, Numbers numbers = Numbers::changed);
    // The row of a case, computed without touching the database (a store
    // may write it later in the same transaction).
    static SearchRow row_of(const SearchLayout& layout, const CaseRecord& record);

    // The regency's number in the rowids (store/search_rows.hpp), nullopt
    // before its first row.
    std::optional<std::int64_t> find_regency_number(const std::string& regency);

private:
    SQLite::Statement& cached(const char* sql);
    // The regency's number in the rowids, given on its first row.
    std::int64_t regency_number(const std::string& regency);
    void write_number(const char* sql, const SearchRow& row, const std::string& number);

    SQLite::Database& db_;
    std::map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace tata
