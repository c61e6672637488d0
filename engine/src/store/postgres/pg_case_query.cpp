#include "store/postgres/pg_case_query.hpp"

#include "store/epoch_seconds.hpp"
#include "store/field_name.hpp"
#include "store/search_text.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

namespace tata::pg {
namespace {

std::string like_escaped(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') escaped += '\\';
        escaped += c;
    }
    return escaped;
}

// A case's data field as text. Field names come from workflows and
// requests: checked as the SQLite store checks them, and bound as a
// parameter besides.
std::string data_field(Sql& sql, const std::string& cases, const std::string& field) {
    return "(" + cases + ".data::jsonb ->> " + sql.bind(field_name(field)) + ")";
}

// The clauses on a case's data both filters share: data.<field> equals a
// text (read from the index table when the field is a text field there),
// and a search, through the text index or in the named fields.
void add_data_clauses(Sql& sql, const std::string& cases, const std::optional<std::string>& workflow_id,
                      const std::vector<std::pair<std::string, std::string>>& data_equals, const std::string& search,
                      const std::vector<std::string>& search_fields, const TextFieldTable& index) {
    for (const auto& [field, value] : data_equals) {
        const auto table = workflow_id ? index(*workflow_id, field) : std::nullopt;
        // Index fields are validated identifiers, quoted like the table
        // (a field may be a reserved word).
        if (table)
            sql.text += " AND " + cases + ".id IN (SELECT case_id FROM " + *table + " WHERE \"" + field_name(field) +
                        "\" = " + sql.bind(value) + ")";
        else
            sql.text += " AND " + data_field(sql, cases, field) + " = " + sql.bind(value);
    }
    if (search.empty()) return;
    const std::string folded = search_text::fold(search);
    const bool number = search_text::is_number_query(folded);
    if (search_fields.empty()) {
        // The values of an indexed text follow its \x04 marker
        // (search_text::of_case); a number query finds the numbers that
        // start with the digits.
        const std::string condition =
            number ? "s.text ~ " + sql.bind(std::string("\x04.*[^0-9]") + folded)
                   : "s.text LIKE " + sql.bind(std::string("%\x04%") + like_escaped(folded) + "%");
        sql.text += " AND " + cases + ".id IN (SELECT s.case_id FROM case_search s WHERE " + condition + ")";
        return;
    }
    // A narrower view's own fields, read case by case.
    const std::string pattern = number ? sql.bind("[^0-9]" + folded) : sql.bind("%" + like_escaped(search) + "%");
    const auto matches = [&](const std::string& value) {
        return number ? "(' ' || coalesce(" + value + ", '')) ~ " + pattern : "coalesce(" + value + ", '') ILIKE " + pattern;
    };
    sql.text += " AND (" + matches(cases + ".case_key");
    for (const auto& field : search_fields) sql.text += " OR " + matches(data_field(sql, cases, field));
    sql.text += ")";
}

constexpr const char* kNextDue = "d.next_due";

// FROM and WHERE of the cases a filter finds (alias c, its deadline row d).
void case_from_where(Sql& sql, const CaseFilter& filter, const TextFieldTable& index) {
    sql.text += " FROM cases c JOIN case_deadlines d ON d.case_id = c.id WHERE TRUE";
    if (filter.regency) sql.text += " AND c.regency = " + sql.bind(*filter.regency);
    if (filter.workflow_id) sql.text += " AND c.workflow_id = " + sql.bind(*filter.workflow_id);
    if (filter.state) sql.text += " AND c.state = " + sql.bind(*filter.state);
    if (filter.status) sql.text += " AND c.status = " + sql.bind(to_string(*filter.status));
    if (filter.key) sql.text += " AND c.case_key = " + sql.bind(*filter.key);
    if (filter.after) sql.text += " AND c.id > " + sql.bind(static_cast<std::int64_t>(*filter.after));
    if (const auto& cursor = filter.after_deadline) {
        // After (due, id) in the deadline order: later due dates, then
        // smaller ids on the same date, then those without a due date.
        const std::string id = sql.bind(static_cast<std::int64_t>(cursor->id));
        if (cursor->due) {
            const std::string due = sql.bind(seconds(*cursor->due));
            sql.text += std::string(" AND (") + kNextDue + " IS NULL OR " + kNextDue + " > " + due + " OR (" + kNextDue +
                        " = " + due + " AND c.id < " + id + "))";
        } else {
            sql.text += std::string(" AND ") + kNextDue + " IS NULL AND c.id < " + id;
        }
    }
    add_data_clauses(sql, "c", filter.workflow_id, filter.data_equals, filter.search, filter.search_fields, index);
    if (filter.overdue_at) sql.text += std::string(" AND ") + kNextDue + " < " + sql.bind(seconds(*filter.overdue_at));
}

std::string case_order(const CaseFilter& filter) {
    // Among equal deadlines (and those without one) the newest case first.
    if (filter.order == CaseOrder::by_deadline)
        return std::string(" ORDER BY ") + kNextDue + " IS NULL, " + kNextDue + ", c.id DESC";
    return " ORDER BY c.id";
}

void task_from_where(Sql& sql, const TaskFilter& filter, const TextFieldTable& index) {
    sql.text += " FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.status = 'open'";
    if (filter.regency) sql.text += " AND c.regency = " + sql.bind(*filter.regency);
    if (filter.workflow_id) sql.text += " AND c.workflow_id = " + sql.bind(*filter.workflow_id);
    if (filter.state) sql.text += " AND t.state = " + sql.bind(*filter.state);
    if (filter.assignee) sql.text += " AND t.assignee = " + sql.bind(*filter.assignee);
    if (filter.overdue_at)
        sql.text += " AND t.due_at IS NOT NULL AND t.due_at < " + sql.bind(seconds(*filter.overdue_at));
    if (filter.due_after) sql.text += " AND t.due_at > " + sql.bind(seconds(*filter.due_after));
    add_data_clauses(sql, "c", filter.workflow_id, filter.data_equals, filter.search, filter.search_fields, index);
    if (!filter.roles.empty()) {
        // roles is a JSON array of names: look for the quoted name.
        sql.text += " AND (";
        for (std::size_t i = 0; i < filter.roles.size(); ++i)
            sql.text += (i ? " OR strpos(t.roles, " : "strpos(t.roles, ") + sql.bind(nlohmann::json(filter.roles[i]).dump()) +
                        ") > 0";
        sql.text += ")";
    }
}

std::string task_order(TaskOrder order) {
    switch (order) {
        case TaskOrder::newest: return " ORDER BY t.opened_at DESC, t.id DESC";
        case TaskOrder::oldest: return " ORDER BY t.opened_at, t.id";
        case TaskOrder::deadline: break;
    }
    return " ORDER BY t.due_at IS NULL, t.due_at, t.id";
}

std::string capped(const std::string& inner, std::size_t cap, Sql& sql) {
    if (cap == std::numeric_limits<std::size_t>::max()) return "SELECT count(*) FROM (SELECT 1" + inner + ") counted";
    const auto bound = static_cast<std::int64_t>(std::min<std::size_t>(cap, std::numeric_limits<std::int64_t>::max()));
    return "SELECT count(*) FROM (SELECT 1" + inner + " LIMIT " + sql.bind(bound) + ") counted";
}

}  // namespace

std::string Sql::bind(std::string value) {
    params.text(std::move(value));
    return "$" + std::to_string(params.size());
}

std::string Sql::bind(std::int64_t value) {
    params.integer(value);
    return "$" + std::to_string(params.size());
}

Sql case_list_sql(const CaseFilter& filter, const std::string& columns, const TextFieldTable& index) {
    Sql sql;
    sql.text = "SELECT " + columns;
    if (filter.order == CaseOrder::by_deadline) sql.text += std::string(", ") + kNextDue;
    case_from_where(sql, filter, index);
    sql.text += case_order(filter);
    sql.text += " LIMIT " + sql.bind(static_cast<std::int64_t>(filter.limit));
    sql.text += " OFFSET " + sql.bind(static_cast<std::int64_t>(filter.offset));
    return sql;
}

Sql case_count_sql(const CaseFilter& filter, std::size_t cap, const TextFieldTable& index) {
    Sql inner;
    case_from_where(inner, filter, index);
    Sql sql{"", inner.params};
    sql.text = capped(inner.text, cap, sql);
    return sql;
}

Sql case_states_sql(const CaseFilter& filter, const TextFieldTable& index) {
    CaseFilter any_state = filter;
    any_state.state.reset();
    any_state.after.reset();
    any_state.after_deadline.reset();
    Sql sql;
    sql.text = "SELECT c.state, count(*)";
    case_from_where(sql, any_state, index);
    sql.text += " GROUP BY c.state ORDER BY c.state";
    return sql;
}

Sql task_list_sql(const TaskFilter& filter, const std::string& columns, bool counted, const TextFieldTable& index) {
    Sql sql;
    sql.text = "SELECT " + columns + (counted ? ", count(*) OVER ()" : "");
    task_from_where(sql, filter, index);
    sql.text += task_order(filter.order);
    sql.text += " LIMIT " + sql.bind(static_cast<std::int64_t>(filter.limit));
    sql.text += " OFFSET " + sql.bind(static_cast<std::int64_t>(filter.offset));
    return sql;
}

Sql task_count_sql(const TaskFilter& filter, std::size_t cap, const TextFieldTable& index) {
    Sql inner;
    task_from_where(inner, filter, index);
    Sql sql{"", inner.params};
    sql.text = capped(inner.text, cap, sql);
    return sql;
}

}  // namespace tata::pg
