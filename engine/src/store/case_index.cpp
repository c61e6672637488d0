#include "store/case_index.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace tata {
namespace {

// Workflow ids and field names are validated identifiers ([a-z][a-z0-9_]*),
// so they can stand in SQL as they are.
std::string table_of(const std::string& workflow_id) { return "idx_" + workflow_id; }

const char* sql_type(IndexType type) {
    switch (type) {
        case IndexType::integer:
        case IndexType::boolean: return "INTEGER";
        case IndexType::number: return "REAL";
        case IndexType::text:
        case IndexType::date: return "TEXT";
    }
    return "TEXT";
}

// Binds data[field] converted to the field's type; anything that does not
// convert is NULL (the index is for reading, the data stays authoritative).
void bind_value(SQLite::Statement& q, int position, const IndexField& field, const nlohmann::json& data) {
    const auto it = data.find(field.name);
    if (it == data.end() || it->is_null()) return q.bind(position);
    const nlohmann::json& v = *it;
    switch (field.type) {
        case IndexType::text:
        case IndexType::date:
            // The data outlives the statement's run: no copy of the text.
            return v.is_string() ? q.bindNoCopy(position, v.get_ref<const std::string&>()) : q.bind(position, v.dump());
        case IndexType::boolean:
            return v.is_boolean() ? q.bind(position, v.get<bool>() ? 1 : 0) : q.bind(position);
        case IndexType::integer:
            if (v.is_number_integer()) return q.bind(position, v.get<std::int64_t>());
            if (v.is_number_float()) return q.bind(position, static_cast<std::int64_t>(v.get<double>()));
            if (v.is_string()) {
                const std::string& s = v.get_ref<const std::string&>();
                std::int64_t parsed = 0;
                auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
                if (ec == std::errc() && end == s.data() + s.size()) return q.bind(position, parsed);
            }
            return q.bind(position);
        case IndexType::number:
            return v.is_number() ? q.bind(position, v.get<double>()) : q.bind(position);
    }
}

// Reads the current row straight from SQLite's C API: a scan visits millions
// of rows, and SQLite::Column copies a shared pointer and checks bounds on
// every access (and SQLiteCpp keeps its raw statement private).
class SqliteIndexRow final : public IndexRow {
public:
    explicit SqliteIndexRow(sqlite3_stmt* q) : q_(q) {}
    void load() {
        id_ = sqlite3_column_int64(q_, 0);
        state_.assign(raw_text(1));
        result_.assign(raw_text(2));
    }
    CaseId case_id() const override { return id_; }
    const std::string& state() const override { return state_; }
    const std::string& result() const override { return result_; }
    bool is_null(std::size_t column) const override {
        return sqlite3_column_type(q_, offset(column)) == SQLITE_NULL;
    }
    std::string_view text(std::size_t column) const override { return raw_text(offset(column)); }
    std::int64_t integer(std::size_t column) const override { return sqlite3_column_int64(q_, offset(column)); }
    double number(std::size_t column) const override { return sqlite3_column_double(q_, offset(column)); }
    // One sqlite3_column_value per column instead of column_type, _text and
    // _bytes: each column_* call takes the connection's mutex. The value is
    // "unprotected", which is safe here because a scan has the connection to
    // itself (Engine::scan_index holds the engine).
    FieldValue value(std::size_t column) const override {
        sqlite3_value* v = sqlite3_column_value(q_, offset(column));
        switch (sqlite3_value_type(v)) {
            case SQLITE_INTEGER: return FieldValue::of_integer(sqlite3_value_int64(v));
            case SQLITE_FLOAT: return FieldValue::of_number(sqlite3_value_double(v));
            case SQLITE_TEXT:
            case SQLITE_BLOB: {
                const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(v));
                const int bytes = sqlite3_value_bytes(v);
                return FieldValue::of_text(text ? std::string_view(text, static_cast<std::size_t>(bytes)) : std::string_view());
            }
            default: return {};
        }
    }

private:
    static int offset(std::size_t column) { return static_cast<int>(column) + 3; }
    // Text first, then its length: the order SQLite documents as safe.
    std::string_view raw_text(int at) const {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(q_, at));
        const int bytes = sqlite3_column_bytes(q_, at);
        return text ? std::string_view(text, static_cast<std::size_t>(bytes)) : std::string_view();
    }
    sqlite3_stmt* q_;
    CaseId id_ = 0;
    std::string state_;
    std::string result_;
};

// Maps the database file into memory while a scan runs, and puts the
// connection's setting back after. A scan reads every page of an index table
// once: mapped, SQLite reads them in place instead of copying each into its
// cache by a pread (system calls are dear on virtual machines: the 2.3
// M-worker ranking scan took 7.8 s with reads, 3.9 s mapped). Unmapping again
// keeps a server that reads scattered cases from carrying the whole file in
// its resident memory. SQLite unmaps only when no mapped page is held (a scan
// started inside another scan's visit leaves the outer one's pages alone).
class ScopedMapping {
public:
    explicit ScopedMapping(SQLite::Database& db) : db_(db), previous_(db.execAndGet("PRAGMA mmap_size").getInt64()) {
        db_.exec("PRAGMA mmap_size=" + std::to_string(kBytes));
    }
    ~ScopedMapping() {
        try {
            db_.exec("PRAGMA mmap_size=" + std::to_string(previous_));
        } catch (...) {  // the mapping merely stays until the next scan
        }
    }
    ScopedMapping(const ScopedMapping&) = delete;
    ScopedMapping& operator=(const ScopedMapping&) = delete;

private:
    // Address space, not memory. SQLite lowers it to the limit it was
    // compiled with (SQLITE_MAX_MMAP_SIZE, 2 GiB by default), and reads the
    // pages beyond that as usual.
    static constexpr std::int64_t kBytes = std::int64_t{16} << 30;
    SQLite::Database& db_;
    std::int64_t previous_;
};

}  // namespace

std::vector<std::string> SqliteCaseIndex::columns_of(const std::string& table) {
    SQLite::Statement q(db_, "SELECT name FROM pragma_table_info(?)");
    q.bind(1, table);
    std::vector<std::string> names;
    while (q.executeStep()) names.push_back(q.getColumn(0).getString());
    return names;
}

SQLite::Statement& SqliteCaseIndex::cached(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
    it->second->reset();
    it->second->clearBindings();
    return *it->second;
}

void SqliteCaseIndex::ensure(const std::string& workflow_id, const std::vector<IndexField>& fields) {
    const std::string table = table_of(workflow_id);
    auto existing = columns_of(table);
    const bool created = existing.empty();
    if (created) {
        db_.exec("CREATE TABLE " + table +
                 " (case_id INTEGER PRIMARY KEY REFERENCES cases (id), regency TEXT NOT NULL, state TEXT NOT NULL, "
                 "status TEXT NOT NULL, result TEXT NOT NULL, case_key TEXT)");
        db_.exec("CREATE INDEX " + table + "_by_state ON " + table + " (regency, state, status)");
        existing = columns_of(table);
    }
    std::vector<IndexField> added;
    for (const auto& field : fields) {
        if (std::find(existing.begin(), existing.end(), field.name) != existing.end()) continue;
        db_.exec("ALTER TABLE " + table + " ADD COLUMN " + field.name + " " + sql_type(field.type));
        existing.push_back(field.name);
        added.push_back(field);
    }
    for (const auto& field : fields) {
        if (field.type == IndexType::text) text_fields_[workflow_id][field.name] = field.filter;
        // A list filtering on the field (an OPD's cases) finds its rows by
        // this index instead of reading the regency's.
        if (field.filter)
            db_.exec("CREATE INDEX IF NOT EXISTS " + table + "_by_" + field.name + " ON " + table + " (regency, " +
                     field.name + ")");
    }
    statements_.clear();  // the table's shape changed
    writers_.clear();
    if (added.empty() && !created) return;
    // Fill the index for cases that existed before it (or before a column).
    SQLite::Statement cases(db_, "SELECT id, regency, state, status, result, case_key, data FROM cases WHERE workflow_id = ?");
    cases.bind(1, workflow_id);
    while (cases.executeStep()) {
        CaseRecord record;
        record.id = cases.getColumn(0).getInt64();
        record.regency = cases.getColumn(1).getString();
        record.state = cases.getColumn(2).getString();
        record.status = case_status_from_string(cases.getColumn(3).getString()).value_or(CaseStatus::active);
        record.result = cases.getColumn(4).getString();
        record.key = cases.getColumn(5).getString();
        record.data = nlohmann::json::parse(cases.getColumn(6).getString());
        write(workflow_id, fields, record);
    }
}

SQLite::Statement& SqliteCaseIndex::writer(const std::string& workflow_id, const std::vector<IndexField>& fields) {
    // Checked by field names rather than by building the SQL text again and
    // looking that up: this runs once per case saved.
    auto it = writers_.find(workflow_id);
    const auto same_fields = [&](const Writer& w) {
        return std::equal(w.fields.begin(), w.fields.end(), fields.begin(), fields.end(),
                          [](const std::string& name, const IndexField& field) { return name == field.name; });
    };
    if (it == writers_.end() || !same_fields(it->second)) {
        std::string sql = "INSERT OR REPLACE INTO " + table_of(workflow_id) + " (case_id, regency, state, status, result, case_key";
        std::string values = "?, ?, ?, ?, ?, ?";
        Writer w;
        for (const auto& field : fields) {
            sql += ", " + field.name;
            values += ", ?";
            w.fields.push_back(field.name);
        }
        sql += ") VALUES (" + values + ")";
        w.statement = std::make_unique<SQLite::Statement>(db_, sql);
        it = writers_.insert_or_assign(workflow_id, std::move(w)).first;
    }
    SQLite::Statement& q = *it->second.statement;
    q.reset();
    q.clearBindings();
    return q;
}

void SqliteCaseIndex::write(const std::string& workflow_id, const std::vector<IndexField>& fields,
                            const CaseRecord& record) {
    SQLite::Statement& q = writer(workflow_id, fields);
    q.bind(1, static_cast<int64_t>(record.id));
    q.bindNoCopy(2, record.regency);
    q.bindNoCopy(3, record.state);
    q.bind(4, to_string(record.status));
    q.bindNoCopy(5, record.result);
    if (record.key.empty())
        q.bind(6);
    else
        q.bindNoCopy(6, record.key);
    int position = 7;
    for (const auto& field : fields) bind_value(q, position++, field, record.data);
    q.exec();
    q.reset();
}

std::optional<std::pair<std::string, bool>> SqliteCaseIndex::text_field_table(const std::string& workflow_id,
                                                                             const std::string& field) const {
    const auto it = text_fields_.find(workflow_id);
    if (it == text_fields_.end()) return std::nullopt;
    const auto found = it->second.find(field);
    if (found == it->second.end()) return std::nullopt;
    return std::pair{table_of(workflow_id), found->second};
}

bool SqliteCaseIndex::reads_most_of(const std::string& table, const std::string& regency,
                                    const std::optional<std::string>& state) {
    // One deployment, one regency: nothing else in the table.
    if (!state) {
        SQLite::Statement others(db_, "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE regency < ?1) OR EXISTS (SELECT 1 FROM " +
                                          table + " WHERE regency > ?1)");
        others.bind(1, regency);
        if (others.executeStep() && others.getColumn(0).getInt() == 0) return true;
    }
    // The rows the index walk would seek, counted in the index alone and
    // only as far as the answer needs, against the span of the table's ids,
    // which bounds its row count from above and costs two lookups. Ids are
    // shared by every workflow's cases: a table whose ids are sparse looks
    // larger than it is, and keeps the index a little longer than it should.
    SQLite::Statement span(db_, "SELECT (SELECT max(case_id) FROM " + table + ") - (SELECT min(case_id) FROM " + table +
                                    ") + 1");
    if (!span.executeStep()) return false;
    const std::int64_t enough = (span.getColumn(0).getInt64() + kTableOrderShare - 1) / kTableOrderShare;
    SQLite::Statement count(db_, "SELECT count(*) FROM (SELECT 1 FROM " + table + " WHERE regency = ?" +
                                     (state ? " AND state = ?" : "") + " LIMIT ?)");
    int position = 1;
    count.bind(position++, regency);
    if (state) count.bind(position++, *state);
    count.bind(position, enough);
    return count.executeStep() && count.getColumn(0).getInt64() >= enough;
}

void SqliteCaseIndex::scan(const IndexQuery& query, const std::function<void(const IndexRow&)>& visit) {
    const std::string table = table_of(query.workflow_id);
    const auto existing = columns_of(table);
    if (existing.empty()) throw std::invalid_argument("workflow '" + query.workflow_id + "' has no case index");
    std::string sql = "SELECT case_id, state, result";
    for (const auto& column : query.columns) {
        if (std::find(existing.begin(), existing.end(), column) == existing.end())
            throw std::invalid_argument("'" + column + "' is not an index field of workflow '" + query.workflow_id + "'");
        sql += ", " + column;
    }
    sql += " FROM " + table + " WHERE 1 = 1";
    std::vector<std::string> values;
    const bool table_order = query.regency && reads_most_of(table, *query.regency, query.state);
    auto filter = [&](const char* column, const std::optional<std::string>& value, bool by_index = true) {
        if (!value) return;
        // A unary plus keeps SQLite from answering the term with an index.
        sql += std::string(" AND ") + (by_index ? "" : "+") + column + " = ?";
        values.push_back(*value);
    };
    filter("regency", query.regency, !table_order);
    filter("state", query.state, !table_order);
    if (query.status) filter("status", to_string(*query.status));
    else sql += " AND status <> 'withdrawn'";
    filter("result", query.result);
    if (query.case_order) sql += " ORDER BY case_id";
    // Before the statement: it is finalized first, releasing its pages, and
    // SQLite unmaps the file only when no page of it is still held.
    const ScopedMapping mapped(db_);
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.getHandle(), sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK)
        throw SQLite::Exception(db_.getHandle(), sqlite3_errcode(db_.getHandle()));
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> q(raw, &sqlite3_finalize);
    for (std::size_t i = 0; i < values.size(); ++i)
        sqlite3_bind_text(raw, static_cast<int>(i + 1), values[i].data(), static_cast<int>(values[i].size()), SQLITE_STATIC);
    SqliteIndexRow row(raw);
    int status;
    while ((status = sqlite3_step(raw)) == SQLITE_ROW) {
        row.load();
        visit(row);
    }
    if (status != SQLITE_DONE) throw SQLite::Exception(db_.getHandle(), status);
}

}  // namespace tata
