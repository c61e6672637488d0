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
    // Whether a scan of the regency's rows (of one state) reads faster in
    // the table's own order, every row, than through the (regency, state)
    // index. The index walk seeks each row from the table's root: on 2.3 M
    // rows of one regency it took 2.8 s, reading the whole table 0.43 s.
    // SQLite, without statistics (ANALYZE), always takes the index for
    // `regency = ?`; the scan decides instead, by the regency's share.
    bool reads_most_of(const std::string& table, const std::string& regency, const std::optional<std::string>& state);
    // From this share of the table up (1/4; the break-even measured is 1/6).
    static constexpr std::int64_t kTableOrderShare = 4;

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
