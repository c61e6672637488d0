#include "store/postgres/pg_case_index.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace tata::pg {
namespace {

// Workflow ids and field names are validated identifiers ([a-z][a-z0-9_]*);
// quoted all the same (CaseIndex::quoted), as a field may be a reserved word.
std::string table_name(const std::string& workflow_id) { return "idx_" + workflow_id; }
std::string table_of(const std::string& workflow_id) { return CaseIndex::quoted(table_name(workflow_id)); }

const char* sql_type(IndexType type) {
    switch (type) {
        case IndexType::integer:
        case IndexType::boolean: return "BIGINT";
        case IndexType::number: return "DOUBLE PRECISION";
        case IndexType::text:
        case IndexType::date: return "TEXT";
    }
    return "TEXT";
}

IndexType type_of_column(std::string_view data_type) {
    if (data_type == "bigint" || data_type == "integer") return IndexType::integer;
    if (data_type == "double precision" || data_type == "real") return IndexType::number;
    return IndexType::text;
}

// data[field] converted to the field's type, as the SQLite store converts
// it; anything that does not convert is NULL (the index is for reading,
// the data stays authoritative).
Params& add_value(Params& params, const IndexField& field, const nlohmann::json& data) {
    const auto it = data.find(field.name);
    if (it == data.end() || it->is_null()) return params.null();
    const nlohmann::json& v = *it;
    switch (field.type) {
        case IndexType::text:
        case IndexType::date: return params.text(v.is_string() ? v.get<std::string>() : v.dump());
        case IndexType::boolean: return v.is_boolean() ? params.integer(v.get<bool>() ? 1 : 0) : params.null();
        case IndexType::integer:
            if (v.is_number_integer()) return params.integer(v.get<std::int64_t>());
            if (v.is_number_float()) return params.integer(static_cast<std::int64_t>(v.get<double>()));
            if (v.is_string()) {
                const std::string& s = v.get_ref<const std::string&>();
                std::int64_t parsed = 0;
                auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
                if (ec == std::errc() && end == s.data() + s.size()) return params.integer(parsed);
            }
            return params.null();
        case IndexType::number:
            if (!v.is_number()) return params.null();
            // Enough digits to read back the same double.
            char text[32];
            const auto [end, ec] = std::to_chars(text, text + sizeof text, v.get<double>());
            return params.text(std::string(text, ec == std::errc() ? end : text));
    }
    return params.null();
}

class PgIndexRow final : public IndexRow {
public:
    PgIndexRow(const Result& result, const std::vector<IndexType>& types) : result_(result), types_(types) {}
    void at(int row) {
        row_ = row;
        state_.assign(result_.text(row, 1));
        result_text_.assign(result_.text(row, 2));
    }
    CaseId case_id() const override { return result_.integer(row_, 0); }
    const std::string& state() const override { return state_; }
    const std::string& result() const override { return result_text_; }
    bool is_null(std::size_t column) const override { return result_.is_null(row_, offset(column)); }
    std::string_view text(std::size_t column) const override { return result_.text(row_, offset(column)); }
    std::int64_t integer(std::size_t column) const override {
        return types_[column] == IndexType::number ? static_cast<std::int64_t>(number(column))
                                                   : result_.integer(row_, offset(column));
    }
    double number(std::size_t column) const override {
        return types_[column] == IndexType::number ? result_.number(row_, offset(column))
                                                   : static_cast<double>(result_.integer(row_, offset(column)));
    }
    FieldValue value(std::size_t column) const override {
        if (is_null(column)) return {};
        switch (types_[column]) {
            case IndexType::integer:
            case IndexType::boolean: return FieldValue::of_integer(result_.integer(row_, offset(column)));
            case IndexType::number: return FieldValue::of_number(result_.number(row_, offset(column)));
            case IndexType::text:
            case IndexType::date: break;
        }
        return FieldValue::of_text(text(column));
    }

private:
    static int offset(std::size_t column) { return static_cast<int>(column) + 3; }
    const Result& result_;
    const std::vector<IndexType>& types_;
    int row_ = 0;
    std::string state_;
    std::string result_text_;
};

// Rows per query of a scan: large enough that the round trips do not
// count, small enough that a chunk's text stays a few megabytes.
constexpr int kScanChunk = 20'000;

}  // namespace

std::map<std::string, IndexType> CaseIndex::columns_of(const std::string& workflow_id) {
    const Result result = db_.run(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND "
        "table_name = $1",
        Params().text(table_name(workflow_id)));
    std::map<std::string, IndexType> out;
    for (int row = 0; row < result.rows(); ++row) out.emplace(result.string(row, 0), type_of_column(result.text(row, 1)));
    return out;
}

void CaseIndex::ensure(const std::string& workflow_id, const std::vector<IndexField>& fields) {
    const std::string table = table_of(workflow_id);
    auto existing = columns_of(workflow_id);
    const bool created = existing.empty();
    if (created) {
        db_.exec("CREATE TABLE " + table +
                 " (case_id BIGINT PRIMARY KEY REFERENCES cases (id), regency TEXT NOT NULL, state TEXT NOT NULL, "
                 "status TEXT NOT NULL, result TEXT NOT NULL, case_key TEXT)");
        db_.exec("CREATE INDEX " + quoted(table_name(workflow_id) + "_by_state") + " ON " + table + " (regency, state, status)");
    }
    bool added = false;
    for (const auto& field : fields) {
        if (existing.count(field.name)) continue;
        db_.exec("ALTER TABLE " + table + " ADD COLUMN " + quoted(field.name) + " " + sql_type(field.type));
        existing.emplace(field.name, field.type);
        added = true;
    }
    auto& text_fields = text_fields_[workflow_id];
    text_fields.clear();
    for (const auto& field : fields) {
        if (field.type == IndexType::text) text_fields.insert(field.name);
        if (field.filter)
            db_.exec("CREATE INDEX IF NOT EXISTS " + quoted(table_name(workflow_id) + "_by_" + field.name) + " ON " + table +
                     " (regency, " + quoted(field.name) + ")");
    }
    if (!added && !created) return;
    // The table's shape changed: statements prepared on it are stale.
    db_.forget_statements();
    // Fill the index for cases that existed before it (or before a column),
    // a chunk of cases at a time.
    for (std::int64_t after = 0;;) {
        const Result cases = db_.run(
            "SELECT id, regency, state, status, result, case_key, data FROM cases WHERE workflow_id = $1 AND id > $2 "
            "ORDER BY id LIMIT $3",
            Params().text(workflow_id).integer(after).integer(kScanChunk));
        for (int row = 0; row < cases.rows(); ++row) {
            CaseRecord record;
            record.id = cases.integer(row, 0);
            record.regency = cases.string(row, 1);
            record.state = cases.string(row, 2);
            record.status = case_status_from_string(cases.string(row, 3)).value_or(CaseStatus::active);
            record.result = cases.string(row, 4);
            if (!cases.is_null(row, 5)) record.key = cases.string(row, 5);
            record.data = nlohmann::json::parse(cases.text(row, 6));
            write(workflow_id, fields, record);
            after = record.id;
        }
        if (cases.rows() < kScanChunk) return;
    }
}

void CaseIndex::write(const std::string& workflow_id, const std::vector<IndexField>& fields, const CaseRecord& record) {
    std::string sql = "INSERT INTO " + table_of(workflow_id) + " (case_id, regency, state, status, result, case_key";
    std::string values = "$1, $2, $3, $4, $5, $6";
    std::string update = "regency = EXCLUDED.regency, state = EXCLUDED.state, status = EXCLUDED.status, "
                         "result = EXCLUDED.result, case_key = EXCLUDED.case_key";
    int position = 7;
    for (const auto& field : fields) {
        sql += ", " + quoted(field.name);
        values += ", $" + std::to_string(position++);
        update += ", " + quoted(field.name) + " = EXCLUDED." + quoted(field.name);
    }
    sql += ") VALUES (" + values + ") ON CONFLICT (case_id) DO UPDATE SET " + update;
    Params params;
    params.integer(record.id).text(record.regency).text(record.state).text(to_string(record.status)).text(record.result);
    if (record.key.empty()) params.null();
    else params.text(record.key);
    for (const auto& field : fields) add_value(params, field, record.data);
    db_.run(sql, params);
}

std::optional<std::string> CaseIndex::text_field_table(const std::string& workflow_id, const std::string& field) const {
    const auto it = text_fields_.find(workflow_id);
    if (it == text_fields_.end() || !it->second.count(field)) return std::nullopt;
    return table_of(workflow_id);
}

void CaseIndex::scan(const IndexQuery& query, const std::function<void(const IndexRow&)>& visit) {
    const auto existing = columns_of(query.workflow_id);
    if (existing.empty()) throw std::invalid_argument("workflow '" + query.workflow_id + "' has no case index");
    std::string sql = "SELECT case_id, state, result";
    std::vector<IndexType> types;
    for (const auto& column : query.columns) {
        const auto it = existing.find(column);
        if (it == existing.end())
            throw std::invalid_argument("'" + column + "' is not an index field of workflow '" + query.workflow_id + "'");
        sql += ", " + quoted(column);
        types.push_back(it->second);
    }
    sql += " FROM " + table_of(query.workflow_id) + " WHERE case_id > $1";
    Params base;
    int position = 2;
    const auto filter = [&](const char* column, const std::optional<std::string>& value) {
        if (!value) return;
        sql += std::string(" AND ") + column + " = $" + std::to_string(position++);
        base.text(*value);
    };
    filter("regency", query.regency);
    filter("state", query.state);
    if (query.status) filter("status", std::optional<std::string>(to_string(*query.status)));
    else sql += " AND status <> 'withdrawn'";
    filter("result", query.result);
    sql += " ORDER BY case_id LIMIT " + std::to_string(kScanChunk);
    std::int64_t after = 0;
    for (;;) {
        Params params;
        params.integer(after);
        for (const auto& value : base.values()) params.optional_text(value);
        const Result chunk = db_.run(sql, params);
        PgIndexRow row(chunk, types);
        for (int i = 0; i < chunk.rows(); ++i) {
            row.at(i);
            visit(row);
        }
        if (chunk.rows() < kScanChunk) return;
        after = chunk.integer(chunk.rows() - 1, 0);
    }
}

}  // namespace tata::pg
