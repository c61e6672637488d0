// The SQL of case lists, counts and inboxes of the SQLite store, built from
// a CaseFilter or TaskFilter: which rows, in which order, read through which
// index. Kept apart from the store so that the planning decisions (the text
// index drives a search, the index table answers a filter on an OPD) sit in
// one place with their reasons.
#pragma once

#include "tata/records.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tata {

using SqlValue = std::variant<std::string, std::int64_t>;

// Binds the values from position `index`; returns the next free position.
int bind_values(SQLite::Statement& q, const std::vector<SqlValue>& values, int index = 1);

struct SqlText {
    std::string sql;
    std::vector<SqlValue> values;
};

// Where a text field of a workflow's index lives: its table ("idx_<id>")
// and whether a database index on (regency, field) backs it (`filters:`).
struct IndexedField {
    std::string table;
    bool filtered = false;
};
// The place of a workflow's text index field, nullopt when it has none.
using IndexTableOf = std::function<std::optional<IndexedField>(const std::string& workflow_id, const std::string& field)>;

// What the SQL takes from the store's data: where index fields live, and
// whether a table has few rows WHERE a condition (with its values). Few
// numbers of a digit search: case_search_numbers drives, its matches sorted
// by case id (otherwise the text index does, whose first page comes at once
// when the matches are many). Few text matches: an inbox takes them as a
// set and sorts their tasks; with many, it walks open tasks in deadline
// order and checks each task's case against its row.
// And a regency's number in the text index's rowids (store/search_rows.hpp),
// nullopt before its first row.
struct QueryCatalog {
    IndexTableOf index_table;
    std::function<bool(const std::string& table, const SqlText& condition)> few_rows;
    std::function<std::optional<std::int64_t>(const std::string& regency)> regency_number;
};

// SELECT <columns> of the cases a filter finds, in its order, one page
// (limit, offset, after). `columns` are read from the table alias `cases`.
SqlText case_list_sql(const CaseFilter& filter, const std::string& columns, const QueryCatalog& catalog);
// SELECT count(*) of the cases a filter finds, stopping at `cap`.
SqlText case_count_sql(const CaseFilter& filter, std::size_t cap, const QueryCatalog& catalog);

// SELECT state, count(*) of the cases a filter finds but for its state.
SqlText case_states_sql(const CaseFilter& filter, const QueryCatalog& catalog);

// The FROM and WHERE clauses of an inbox's open tasks (tasks t, cases c),
// and, for a search with many matches, the check of each task's case
// against its text row apart: a count can then check a budget of rows only.
//   - a search with few matches (up to 2,000): those cases drive, then
//     their open tasks, sorted (a walk in deadline order would read tens of
//     thousands of tasks to find a rare name's);
//   - otherwise the open tasks drive (CROSS JOIN keeps them first), read in
//     deadline order through open_tasks_by_deadline: a page needs only its
//     first matches instead of sorting a regency's tasks.
struct TaskQuery {
    SqlText from;                      // " FROM ...", with its values
    SqlText where;                     // " WHERE ...", without the row check
    std::optional<SqlText> row_check;  // a boolean SQL expression on c
    bool sorts_all = false;            // the few cases drive: every task found is sorted

    SqlText all() const;  // from, where, AND the row check
};
TaskQuery task_query(const TaskFilter& filter, const QueryCatalog& catalog);

}  // namespace tata
