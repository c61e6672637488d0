// libFuzzer target for a search by name or NIK (GET /cases?q=, /tasks?q=):
// any bytes as a case's name and as the search text, through the fold, the
// GLOB pattern, the FTS5 query (MATCH) and SQLite's FTS5 trigram table the
// store uses. Invariants: folding is idempotent and leaves no control
// character or invalid UTF-8 (so no value can imitate the row's markers);
// searching for a name finds the case that holds exactly that name, through
// the GLOB and through the MATCH alike (which never fails to parse); never
// a crash.
// Links: tata::engine (its private store headers).
#include "store/schema.hpp"
#include "store/search_text.hpp"
#include "tata/json_limits.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

namespace {

SQLite::Database& database() {
    static SQLite::Database db = [] {
        SQLite::Database created(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        for (const auto migration : tata::schema_migrations()) created.exec(std::string(migration));
        return created;
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return 0;  // the server takes 200 bytes of q
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string folded = tata::search_text::fold(bytes);
    for (const char c : folded)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();
    if (!tata::is_valid_utf8(folded) || tata::search_text::fold(folded) != folded) std::abort();

    tata::CaseRecord record;
    record.id = 1;
    record.regency = "62.03";
    record.workflow_id = "verification";
    record.key = "6203010101900001";
    record.data = {{"nama", folded}, {"opd", bytes}};  // the OPD as sent: its code is of the raw value
    SQLite::Database& db = database();
    db.exec("DELETE FROM case_search");
    SQLite::Statement insert(db, "INSERT INTO case_search (rowid, text) VALUES (1, ?)");
    insert.bind(1, tata::search_text::of_case(record, {"nama"}, {"opd"}));
    insert.exec();
    const std::optional<std::string> regency("62.03"), workflow("verification");
    SQLite::Statement search(db, "SELECT count(*) FROM case_search WHERE text GLOB ?");
    search.bind(1, tata::search_text::pattern(bytes, regency, workflow, {{"opd", bytes}}));
    search.executeStep();
    if (search.getColumn(0).getInt() != 1) std::abort();  // a name with its OPD finds its own case
    if (const auto match = tata::search_text::match(bytes, regency, workflow, {{"opd", bytes}})) {
        SQLite::Statement phrase(db, "SELECT count(*) FROM case_search WHERE case_search MATCH ?");
        phrase.bind(1, *match);
        phrase.executeStep();  // throws, and so aborts, on a query FTS5 cannot parse
        if (phrase.getColumn(0).getInt() != 1) std::abort();
    }
    return 0;
}
