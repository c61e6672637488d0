// The case index tables of the PostgreSQL store: `idx_<workflow>` with the
// case's own columns and one typed column per index field, as the SQLite
// store's (store/case_index.hpp).
#pragma once

#include "store/postgres/pg_connection.hpp"
#include "tata/records.hpp"
#include "tata/workflow.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tata::pg {

class CaseIndex {
public:
    explicit CaseIndex(Connection& db) : db_(db) {}

    // Inside the caller's write transaction.
    void ensure(const std::string& workflow_id, const std::vector<IndexField>& fields);
    void write(const std::string& workflow_id, const std::vector<IndexField>& fields, const CaseRecord& record);
    // Reads the rows a chunk at a time, by case id: the visitor may use the
    // store meanwhile (a query per row, even another scan).
    void scan(const IndexQuery& query, const std::function<void(const IndexRow&)>& visit);
    // The table of a text field of the workflow's index, as the loaded
    // definitions declare it (ensure), if it is one: quoted for SQL.
    std::optional<std::string> text_field_table(const std::string& workflow_id, const std::string& field) const;

    // A table or column name quoted for SQL: a field may be named like a
    // word PostgreSQL reserves (user, order, end).
    static std::string quoted(const std::string& name) { return '"' + name + '"'; }

private:
    // Column name → its type, as the database has it (empty: no table).
    std::map<std::string, IndexType> columns_of(const std::string& workflow_id);

    Connection& db_;
    std::map<std::string, std::set<std::string>> text_fields_;  // per workflow
};

}  // namespace tata::pg
