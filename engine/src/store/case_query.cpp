#include "store/case_query.hpp"

#include "store/epoch_seconds.hpp"
#include "store/field_name.hpp"
#include "store/search_rows.hpp"
#include "store/search_text.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace tata {
namespace {

std::string data_path(const std::string& field) { return "'$." + field_name(field) + "'"; }

std::string like_pattern(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') escaped += '\\';
        escaped += c;
    }
    return "%" + escaped + "%";
}

// data.<field> of the row, or NULL when its data is JSON SQLite refuses
// (nested deeper than SQLite's limit, stored before Tata bounded case data):
// json_extract would fail the whole query, so one such case would break
// every list and search that reads the data.
std::string data_field(const std::string& cases, const std::string& field) {
    return "CASE WHEN json_valid(" + cases + ".data) THEN json_extract(" + cases + ".data, " + data_path(field) + ") END";
}

// The earliest due date of the case's open tasks (case_deadlines, which
// triggers keep), for the queues that work the nearest deadline first.
constexpr std::string_view kNextDue = "(SELECT d.next_due FROM case_deadlines d WHERE d.case_id = cases.id)";

void add(SqlText& where, const std::string& clause, SqlValue value) {
    where.sql += clause;
    where.values.push_back(std::move(value));
}

// The text index finds the key and the workflow's `search:` fields; a
// filter that names its own fields (a narrower view) reads them row by row.
bool searches_text_index(const std::string& search, const std::vector<std::string>& search_fields) {
    return !search.empty() && search_fields.empty();
}

// The clauses on a case's data both filters share: data.<field> equals a
// text, and a text in the key or one of the named data fields. `cases`
// names the cases table in the query ("cases", or the alias of a join);
// `skip` is the data_equals entry the query's driver already answers.
void add_data_clauses(SqlText& where, const std::string& cases, const std::optional<std::string>& workflow_id,
                      const std::vector<std::pair<std::string, std::string>>& data_equals, const std::string& search,
                      const std::vector<std::string>& search_fields, const IndexTableOf& index_table,
                      std::optional<std::size_t> skip = std::nullopt) {
    for (std::size_t i = 0; i < data_equals.size(); ++i) {
        if (skip == i) continue;
        const auto& [field, value] = data_equals[i];
        // A text field of the workflow's index is read from its row (by the
        // case's id), without parsing the case's JSON.
        const auto indexed = workflow_id ? index_table(*workflow_id, field) : std::nullopt;
        if (indexed)
            add(where, " AND (SELECT " + field_name(field) + " FROM " + indexed->table + " WHERE case_id = " + cases + ".id) = ?",
                value);
        else
            add(where, " AND " + data_field(cases, field) + " = ?", value);
    }
    if (search.empty() || searches_text_index(search, search_fields)) return;
    // Digits find the numbers that start with them, as through the index:
    // a space in front stands for the start of the value.
    const std::string digits = search_text::fold(search);
    const bool number = search_text::is_number_query(digits);
    const std::string pattern = number ? "*[^0-9]" + digits + "*" : like_pattern(search);
    const auto matches = [&](const std::string& value) {
        return number ? "(' ' || coalesce(" + value + ", '')) GLOB ?" : "coalesce(" + value + ", '') LIKE ? ESCAPE '\\'";
    };
    add(where, " AND (" + matches(cases + ".case_key"), pattern);
    for (const auto& field : search_fields) add(where, " OR " + matches(data_field(cases, field)), pattern);
    where.sql += ")";
}

// How the text index finds a search: the regency's range of rowids, and the
// codes of the workflow or of the filters on `filters:` fields (the OPD)
// that the index holds: then only that OPD's rows are read. The filters
// are still checked on each case (a code may stand for two values).
struct TextSearch {
    std::string glob;                  // search_text::pattern: checks one row, or asks the index
    std::optional<std::string> match;  // search_text::match, when a phrase can say the search
    std::optional<search_rows::Range> rows;  // the regency's rows (from a cursor on), when the search has one
    std::int64_t base = 0;                   // the rowid of the regency's case 0

    // The index's condition on `table` (case_search or its alias): its
    // MATCH where there is one (positions answer it from the index alone),
    // else the GLOB (each candidate row is read again and checked), within
    // the regency's rows.
    SqlText index_condition(const std::string& table) const {
        SqlText out = match ? SqlText{table + " MATCH ?", {*match}} : SqlText{table + ".text GLOB ?", {glob}};
        if (rows) {
            out.sql += " AND " + table + ".rowid >= ? AND " + table + ".rowid < ?";
            out.values.insert(out.values.end(), {rows->first, rows->end});
        }
        return out;
    }
    // The case id of a row of `table`.
    std::string case_id(const std::string& table) const {
        if (rows) return "(" + table + ".rowid - " + std::to_string(base) + ")";
        return "(" + table + ".rowid & " + std::to_string(search_rows::kCaseIdMask) + ")";
    }
    // The rowid of the row of case `cases_alias`.
    std::string row_of(const std::string& cases_alias) const {
        if (rows) return "(" + cases_alias + ".id + " + std::to_string(base) + ")";
        return search_rows::rowid_sql(cases_alias);
    }
};

TextSearch text_search(const std::string& search, const std::optional<std::string>& regency,
                       const std::optional<std::string>& workflow_id,
                       const std::vector<std::pair<std::string, std::string>>& data_equals, const QueryCatalog& catalog) {
    std::vector<std::pair<std::string, std::string>> coded;
    if (regency && workflow_id)
        for (const auto& [field, value] : data_equals)
            if (const auto indexed = catalog.index_table(*workflow_id, field); indexed && indexed->filtered)
                coded.emplace_back(field, value);
    TextSearch text{search_text::pattern(search, regency, workflow_id, coded),
                    search_text::match(search, regency, workflow_id, coded), std::nullopt};
    if (regency) {
        const auto number = catalog.regency_number(*regency);
        text.rows = number ? search_rows::of_regency(*number) : search_rows::Range{};  // no rows yet: none match
        text.base = text.rows->first;
    }
    return text;
}

// A search of digits in one regency (one of its workflows, or all) that
// finds few numbers: the WHERE clause of case_search_numbers' range of the
// numbers that start with the digits, and its values; nullopt otherwise.
std::optional<SqlText> few_numbers(const std::string& search, const std::vector<std::string>& search_fields,
                                   const std::optional<std::string>& regency,
                                   const std::optional<std::string>& workflow_id, const QueryCatalog& catalog) {
    if (!searches_text_index(search, search_fields) || !regency) return std::nullopt;
    const std::string digits = search_text::fold(search);
    if (!search_text::is_number_query(digits) || digits.size() > search_text::kMaxNumberDigits) return std::nullopt;
    // Numbers are digits only, and ':' follows '9': [digits, digits + ":")
    // holds exactly the numbers that start with them.
    SqlText range{"regency = ? AND number >= ? AND number < ?", {*regency, digits, digits + ":"}};
    if (workflow_id) add(range, " AND workflow_id = ?", *workflow_id);
    if (!catalog.few_rows || !catalog.few_rows("case_search_numbers", range)) return std::nullopt;
    return range;
}

// The rows a case list reads first, in its order, looking up each one's
// case by its id: the first page needs only the first rows, however many
// match, and a count stops at its cap.
//   - a search of digits with few matches: case_search_numbers' range (its
//     few case ids sorted);
//   - any other search: the text index over the regency's rows (in case id
//     order, store/search_rows.hpp), whose codes leave only the rows of
//     the workflow and filter values it names;
//   - the deadline order in a regency: case_deadlines through its indexes;
//   - a filter on a field of `filters:`: the workflow's index table through
//     its (regency, field) index, in case id order;
//   - otherwise the cases table through its (regency[, workflow]) indexes.
struct Driver {
    std::string from;
    std::string next_due{kNextDue};     // the case's nearest due date, for the deadline order
    std::vector<SqlValue> from_values;  // bound before the WHERE clause's
    std::string id;  // the driver's case id column, for the order and the cursor
    std::int64_t id_offset = 0;  // what `id` adds to a case id (the text index's rowids)
    SqlText where;
    std::optional<std::size_t> answers;  // the data_equals entry it answers
};

Driver driver_of(const CaseFilter& filter, const QueryCatalog& catalog) {
    Driver driver;
    if (const auto numbers = few_numbers(filter.search, filter.search_fields, filter.regency, filter.workflow_id, catalog)) {
        driver.from = " FROM (SELECT DISTINCT case_id FROM case_search_numbers WHERE " + numbers->sql +
                      ") numbers CROSS JOIN cases ON cases.id = numbers.case_id";
        driver.from_values = numbers->values;
        driver.id = "numbers.case_id";
        return driver;
    }
    if (searches_text_index(filter.search, filter.search_fields)) {
        TextSearch text = text_search(filter.search, filter.regency, filter.workflow_id, filter.data_equals, catalog);
        // A cursor starts the range: FTS5 takes one lower bound of the
        // rowid, and the regency's start would read every row before it.
        if (text.rows && filter.after)
            text.rows->first = std::max(text.rows->first, text.base + static_cast<std::int64_t>(*filter.after) + 1);
        const SqlText condition = text.index_condition("case_search");
        if (text.rows) {  // the regency's rows come in case id order
            driver.from = " FROM case_search CROSS JOIN cases ON cases.id = " + text.case_id("case_search");
            driver.id = "case_search.rowid";
            driver.id_offset = text.base;
            driver.where.sql += " AND " + condition.sql;
        } else {  // every regency's (a national view): the cases drive, in id order
            driver.from = " FROM cases";
            driver.id = "cases.id";
            driver.where.sql += " AND cases.id IN (SELECT " + text.case_id("case_search") + " FROM case_search WHERE " +
                                condition.sql + ")";
        }
        driver.where.values.insert(driver.where.values.end(), condition.values.begin(), condition.values.end());
        return driver;
    }
    if (filter.order == CaseOrder::by_deadline && filter.regency) {
        // The regency's (or workflow's) cases in deadline order from the
        // case_deadlines indexes: a page reads only its rows.
        driver.from = " FROM case_deadlines deadlines CROSS JOIN cases ON cases.id = deadlines.case_id";
        driver.id = "deadlines.case_id";
        driver.next_due = "deadlines.next_due";
        add(driver.where, " AND deadlines.regency = ?", *filter.regency);
        if (filter.workflow_id) add(driver.where, " AND deadlines.workflow_id = ?", *filter.workflow_id);
        return driver;
    }
    if (filter.workflow_id && filter.regency) {
        for (std::size_t i = 0; i < filter.data_equals.size(); ++i) {
            const auto& [field, value] = filter.data_equals[i];
            const auto indexed = catalog.index_table(*filter.workflow_id, field);
            if (!indexed || !indexed->filtered) continue;
            driver.from = " FROM " + indexed->table + " driver CROSS JOIN cases ON cases.id = driver.case_id";
            driver.id = "driver.case_id";
            add(driver.where, " AND driver.regency = ?", *filter.regency);
            add(driver.where, " AND driver." + field_name(field) + " = ?", value);
            driver.answers = i;
            return driver;
        }
    }
    driver.from = " FROM cases";
    driver.id = "cases.id";
    return driver;
}

SqlText case_where(const CaseFilter& filter, const Driver& driver, const QueryCatalog& catalog) {
    SqlText where;
    where.sql = " WHERE 1 = 1" + driver.where.sql;
    where.values = driver.from_values;
    where.values.insert(where.values.end(), driver.where.values.begin(), driver.where.values.end());
    if (filter.regency) add(where, " AND cases.regency = ?", *filter.regency);
    if (filter.workflow_id) add(where, " AND cases.workflow_id = ?", *filter.workflow_id);
    if (filter.state) add(where, " AND cases.state = ?", *filter.state);
    if (filter.status) add(where, " AND cases.status = ?", to_string(*filter.status));
    if (filter.key) add(where, " AND cases.case_key = ?", *filter.key);
    if (filter.after) add(where, " AND " + driver.id + " > ?", static_cast<std::int64_t>(*filter.after) + driver.id_offset);
    if (const auto& cursor = filter.after_deadline) {
        // After (due, id) in the order of case_order: later due dates, then
        // smaller ids on the same date, then those without a due date.
        const auto id = static_cast<std::int64_t>(cursor->id) + driver.id_offset;
        const std::string& next_due = driver.next_due;
        if (cursor->due) {
            const std::int64_t due = seconds(*cursor->due);
            where.sql += " AND (" + next_due + " IS NULL OR " + next_due + " > ? OR (" + next_due + " = ? AND " +
                         driver.id + " < ?))";
            where.values.insert(where.values.end(), {due, due, id});
        } else {
            add(where, " AND " + next_due + " IS NULL AND " + driver.id + " < ?", id);
        }
    }
    add_data_clauses(where, "cases", filter.workflow_id, filter.data_equals, filter.search, filter.search_fields,
                     catalog.index_table, driver.answers);
    // An open task due before then: the nearest due date is.
    if (filter.overdue_at) add(where, " AND " + driver.next_due + " < ?", seconds(*filter.overdue_at));
    return where;
}

std::string case_order(const CaseFilter& filter, const Driver& driver) {
    // Among equal deadlines (and those without one) the newest case first.
    if (filter.order == CaseOrder::by_deadline)
        return " ORDER BY " + driver.next_due + " IS NULL, " + driver.next_due + ", " + driver.id + " DESC";
    return " ORDER BY " + driver.id;
}

}  // namespace

int bind_values(SQLite::Statement& q, const std::vector<SqlValue>& values, int index) {
    for (const auto& value : values) {
        if (const auto* text = std::get_if<std::string>(&value)) q.bind(index++, *text);
        else q.bind(index++, static_cast<int64_t>(std::get<std::int64_t>(value)));
    }
    return index;
}

SqlText case_list_sql(const CaseFilter& filter, const std::string& columns, const QueryCatalog& catalog) {
    const Driver driver = driver_of(filter, catalog);
    SqlText where = case_where(filter, driver, catalog);
    SqlText out;
    out.sql = "SELECT " + columns;
    if (filter.order == CaseOrder::by_deadline) out.sql += ", " + driver.next_due + " AS next_due";
    out.sql += driver.from + where.sql + case_order(filter, driver) + " LIMIT ? OFFSET ?";
    out.values = std::move(where.values);
    out.values.emplace_back(static_cast<std::int64_t>(filter.limit));
    out.values.emplace_back(static_cast<std::int64_t>(filter.offset));
    return out;
}

SqlText case_count_sql(const CaseFilter& filter, std::size_t cap, const QueryCatalog& catalog) {
    const Driver driver = driver_of(filter, catalog);
    SqlText where = case_where(filter, driver, catalog);
    SqlText out;
    if (cap == std::numeric_limits<std::size_t>::max()) {
        out.sql = "SELECT count(*)" + driver.from + where.sql;
        out.values = std::move(where.values);
        return out;
    }
    out.sql = "SELECT count(*) FROM (SELECT 1" + driver.from + where.sql + " LIMIT ?)";
    out.values = std::move(where.values);
    out.values.emplace_back(static_cast<std::int64_t>(cap));
    return out;
}

SqlText case_states_sql(const CaseFilter& filter, const QueryCatalog& catalog) {
    CaseFilter any_state = filter;
    any_state.state.reset();
    any_state.after.reset();
    any_state.after_deadline.reset();
    any_state.order = CaseOrder::by_id;  // counted, not listed: no order to drive
    const Driver driver = driver_of(any_state, catalog);
    SqlText where = case_where(any_state, driver, catalog);
    return {"SELECT cases.state, count(*)" + driver.from + where.sql + " GROUP BY cases.state ORDER BY cases.state",
            std::move(where.values)};
}

SqlText TaskQuery::all() const {
    SqlText out = from;
    out.sql += where.sql;
    out.values.insert(out.values.end(), where.values.begin(), where.values.end());
    if (row_check) {
        out.sql += " AND " + row_check->sql;
        out.values.insert(out.values.end(), row_check->values.begin(), row_check->values.end());
    }
    return out;
}

TaskQuery task_query(const TaskFilter& filter, const QueryCatalog& catalog) {
    constexpr std::string_view kTasksOfCases =
        " CROSS JOIN tasks t ON t.case_id = matched.case_id CROSS JOIN cases c ON c.id = t.case_id";
    TaskQuery out;
    out.from.sql = " FROM tasks t CROSS JOIN cases c ON c.id = t.case_id";
    if (const auto numbers = few_numbers(filter.search, filter.search_fields, filter.regency, filter.workflow_id, catalog)) {
        out.from = {" FROM (SELECT DISTINCT case_id FROM case_search_numbers WHERE " + numbers->sql + ") matched" +
                        std::string(kTasksOfCases),
                    numbers->values};
        out.sorts_all = true;
    } else if (searches_text_index(filter.search, filter.search_fields)) {
        const TextSearch text = text_search(filter.search, filter.regency, filter.workflow_id, filter.data_equals, catalog);
        const SqlText condition = text.index_condition("case_search");
        if (!catalog.few_rows || catalog.few_rows("case_search", condition)) {
            out.from = {" FROM (SELECT " + text.case_id("case_search") + " AS case_id FROM case_search WHERE " +
                            condition.sql + ") matched" + std::string(kTasksOfCases),
                        condition.values};
            out.sorts_all = true;
        } else {  // glob() as a function: a check of the case's row, not a search of the index
            out.row_check =
                SqlText{"glob(?, (SELECT s.text FROM case_search s WHERE s.rowid = " + text.row_of("c") + "))", {text.glob}};
        }
    }
    SqlText& where = out.where;
    where.sql = " WHERE t.status = 'open'";
    if (filter.regency) add(where, " AND c.regency = ?", *filter.regency);
    if (filter.workflow_id) add(where, " AND c.workflow_id = ?", *filter.workflow_id);
    if (filter.state) add(where, " AND t.state = ?", *filter.state);
    if (filter.assignee) add(where, " AND t.assignee = ?", *filter.assignee);
    if (filter.overdue_at) add(where, " AND t.due_at IS NOT NULL AND t.due_at < ?", seconds(*filter.overdue_at));
    // The expression term lets open_tasks_by_deadline seek to the window's
    // start instead of reading every task already late before it.
    if (filter.due_after) add(where, " AND (t.due_at IS NULL) = 0 AND t.due_at > ?", seconds(*filter.due_after));
    add_data_clauses(where, "c", filter.workflow_id, filter.data_equals, filter.search, filter.search_fields,
                     catalog.index_table);
    if (!filter.roles.empty()) {
        // roles is a JSON array of names: look for the quoted name.
        where.sql += " AND (";
        for (std::size_t i = 0; i < filter.roles.size(); ++i) {
            where.sql += i ? " OR instr(t.roles, ?) > 0" : "instr(t.roles, ?) > 0";
            where.values.emplace_back(nlohmann::json(filter.roles[i]).dump());
        }
        where.sql += ")";
    }
    return out;
}

}  // namespace tata
