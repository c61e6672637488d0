// The text index of the SQLite store: one row of the FTS5 table
// `case_search` per case (rowid = case id) holding search_text::of_case,
// written in the same transaction as the case. The fields each workflow's
// rows were built from are remembered in `case_search_fields`, so a change
// of a workflow's `search:` rebuilds its rows once.
#pragma once

#include "tata/records.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <string>
#include <vector>

namespace tata {

class SqliteCaseSearch {
public:
    explicit SqliteCaseSearch(SQLite::Database& db) : db_(db) {}

    // Inside the caller's write transaction.
    void ensure(const std::string& workflow_id, const std::vector<std::string>& fields);
    void write(const std::vector<std::string>& fields, const CaseRecord& record);

private:
    SQLite::Statement& cached(const char* sql);

    SQLite::Database& db_;
    std::map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace tata
