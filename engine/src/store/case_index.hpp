// The case index tables of the SQLite store: `idx_<workflow>` with the
// case's own columns (regency, state, status, result, case_key) and one typed
// column per index field declared in the workflow's YAML.
#pragma once

#include "tata/records.hpp"
#include "tata/workflow.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tata {

class SqliteCaseIndex {
public:
    explicit SqliteCaseIndex(SQLite::Database& db) : db_(db) {}

    // Inside the caller's write transaction.
    void ensure(const std::string& workflow_id, const std::vector<IndexField>& fields);
    void write(const std::string& workflow_id, const std::vector<IndexField>& fields, const CaseRecord& record);
    void scan(const IndexQuery& query, const std::function<void(const IndexRow&)>& visit);

    // The table holding `field` of the workflow's index when it is a text
    // field there (a list's filter on it reads the table, not the JSON).
    // The second is true when the field is one of `filters:` (a database
    // index on (regency, field) backs it).
    std::optional<std::pair<std::string, bool>> text_field_table(const std::string& workflow_id,
                                                                 const std::string& field) const;

private:
    std::vector<std::string> columns_of(const std::string& table);
    SQLite::Statement& cached(const std::string& sql);
    SQLite::Statement& writer(const std::string& workflow_id, const std::vector<IndexField>& fields);

    // The prepared INSERT of each workflow's index row, with the fields it
    // was made for.
    struct Writer {
        std::vector<std::string> fields;
        std::unique_ptr<SQLite::Statement> statement;
    };

    SQLite::Database& db_;
    std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
    std::map<std::string, Writer> writers_;
    std::map<std::string, std::map<std::string, bool>> text_fields_;  // per workflow: field → filtered
};

}  // namespace tata
