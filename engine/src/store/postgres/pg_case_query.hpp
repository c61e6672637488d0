// The SQL of case lists, counts and inboxes of the PostgreSQL store, built
// from a CaseFilter or TaskFilter. PostgreSQL keeps statistics and plans
// each query itself, so unlike the SQLite store's (store/case_query.hpp)
// this says only which rows and in which order, not through which index.
#pragma once

#include "store/postgres/pg_connection.hpp"
#include "tata/records.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace tata::pg {

// SQL with its parameters, numbered as they are added.
struct Sql {
    std::string text;
    Params params;
    // Adds a parameter and returns its placeholder ($n).
    std::string bind(std::string value);
    std::string bind(std::int64_t value);
};

// The table holding a text field of a workflow's index (quoted for SQL),
// if it has one.
using TextFieldTable = std::function<std::optional<std::string>(const std::string& workflow_id, const std::string& field)>;

// SELECT <columns> (of the cases table, alias c) of the cases a filter finds,
// one page in its order.
Sql case_list_sql(const CaseFilter& filter, const std::string& columns, const TextFieldTable& index);
// SELECT count(*) of them, stopping at `cap`.
Sql case_count_sql(const CaseFilter& filter, std::size_t cap, const TextFieldTable& index);
// SELECT state, count(*) of them but for the filter's state.
Sql case_states_sql(const CaseFilter& filter, const TextFieldTable& index);

// SELECT <columns> (tasks t, cases c) of one page of open tasks, with
// `counted` the count of all of them as the last column.
Sql task_list_sql(const TaskFilter& filter, const std::string& columns, bool counted, const TextFieldTable& index);
// SELECT count(*) of the open tasks, stopping at `cap`.
Sql task_count_sql(const TaskFilter& filter, std::size_t cap, const TextFieldTable& index);

}  // namespace tata::pg
