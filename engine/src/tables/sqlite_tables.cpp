// The tables' SQLite connection: SQLiteCpp, its statements cached by SQL.
#include <tata/tables.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <unordered_map>

namespace tata::tables {
namespace {

struct Bind {
    SQLite::Statement& statement;
    int index;
    void operator()(std::monostate) const { statement.bind(index); }
    void operator()(std::int64_t value) const { statement.bind(index, static_cast<int64_t>(value)); }
    void operator()(double value) const { statement.bind(index, value); }
    void operator()(const std::string& value) const { statement.bind(index, value); }
    void operator()(const Blob& value) const {
        statement.bind(index, value.bytes.data(), static_cast<int>(value.bytes.size()));
    }
};

class SqliteDatabase final : public Database {
public:
    explicit SqliteDatabase(const std::string& file) : db_(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
        db_.setBusyTimeout(5000);
        db_.exec("PRAGMA journal_mode = WAL");
        db_.exec("PRAGMA synchronous = NORMAL");
        db_.exec("PRAGMA foreign_keys = ON");
    }

    Dialect dialect() const override { return Dialect::sqlite; }

    void exec(const std::string& sql) override { db_.exec(sql); }

    Rows query(const std::string& sql, const Values& values) override {
        SQLite::Statement& statement = bound(sql, values);
        Reset reset{statement};
        std::vector<std::vector<std::optional<std::string>>> rows;
        const int columns = statement.getColumnCount();
        while (statement.executeStep()) {
            auto& row = rows.emplace_back();
            row.reserve(static_cast<std::size_t>(columns));
            for (int i = 0; i < columns; ++i) {
                const SQLite::Column column = statement.getColumn(i);
                if (column.isNull())
                    row.emplace_back();
                else
                    row.emplace_back(column.getString());  // blobs too: their bytes as they are
            }
        }
        return Rows(std::move(rows), false);
    }

    std::int64_t run(const std::string& sql, const Values& values) override {
        SQLite::Statement& statement = bound(sql, values);
        Reset reset{statement};
        return statement.exec();
    }

    void begin() override { db_.exec("BEGIN IMMEDIATE"); }
    void begin_snapshot() override { db_.exec("BEGIN DEFERRED"); }
    void commit() override { db_.exec("COMMIT"); }
    void rollback() noexcept override {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // Nothing was open, or SQLite rolled back on its own already.
        }
    }

private:
    // A cached statement goes back to the cache reset, its values cleared,
    // whatever happened while it ran.
    struct Reset {
        SQLite::Statement& statement;
        ~Reset() {
            try {
                statement.reset();
            } catch (...) {
                // reset() repeats the error the step already threw.
            }
            statement.clearBindings();
        }
    };

    SQLite::Statement& bound(const std::string& sql, const Values& values) {
        auto it = statements_.find(sql);
        if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
        SQLite::Statement& statement = *it->second;
        for (std::size_t i = 0; i < values.size(); ++i)
            std::visit(Bind{statement, static_cast<int>(i + 1)}, values[i]);
        return statement;
    }

    SQLite::Database db_;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& file) { return std::make_unique<SqliteDatabase>(file); }

}  // namespace tata::tables
