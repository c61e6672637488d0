#include <tata/tables.hpp>

#include <tata/database_location.hpp>

#include <charconv>
#include <stdexcept>

namespace tata::tables {

std::unique_ptr<Database> open_sqlite(const std::string& file);
std::unique_ptr<Database> open_postgresql(const std::string& uri);

std::unique_ptr<Database> open(const std::string& location) {
    return names_postgresql(location) ? open_postgresql(location) : open_sqlite(location);
}

const std::string& Row::text(std::size_t column) const {
    static const std::string empty;
    const auto& cell = (*cells_)[column];
    return cell ? *cell : empty;
}

std::int64_t Row::integer(std::size_t column) const {
    const std::string& value = text(column);
    std::int64_t out = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (error != std::errc() || end != value.data() + value.size())
        throw std::runtime_error("a table column holds '" + value.substr(0, 40) + "' where a whole number belongs");
    return out;
}


namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

// PostgreSQL sends BYTEA as text in its hex form, "\x0a1b...".
std::string Row::blob(std::size_t column) const {
    const std::string& value = text(column);
    if (!hex_blobs_) return value;
    if (value.size() < 2 || value[0] != '\\' || value[1] != 'x' || value.size() % 2 != 0)
        throw std::runtime_error("a BYTEA column is not in PostgreSQL's hex form");
    std::string bytes;
    bytes.reserve(value.size() / 2 - 1);
    for (std::size_t i = 2; i < value.size(); i += 2) {
        const int high = hex_digit(value[i]), low = hex_digit(value[i + 1]);
        if (high < 0 || low < 0) throw std::runtime_error("a BYTEA column is not in PostgreSQL's hex form");
        bytes.push_back(static_cast<char>(high * 16 + low));
    }
    return bytes;
}

void take_turns(Database& db, std::int64_t lock) {
    if (db.dialect() == Dialect::postgresql) db.query("SELECT pg_advisory_xact_lock(?)", {lock});
}

void migrate(Database& db, const std::string& schema_table, const Migrations& migrations, const std::string& what) {
    const auto steps = db.dialect() == Dialect::sqlite ? migrations.sqlite : migrations.postgresql;
    Transaction transaction(db);
    // One node migrates while the others wait here, then find it done.
    take_turns(db, 7306120213);
    db.exec("CREATE TABLE IF NOT EXISTS " + schema_table + " (version INTEGER NOT NULL)");
    const Rows read = db.query("SELECT max(version) FROM " + schema_table);
    const std::int64_t current = read[0].is_null(0) ? 0 : read[0].integer(0);
    const auto latest = static_cast<std::int64_t>(steps.size());
    if (current > latest)
        throw std::runtime_error(what + " are at version " + std::to_string(current) +
                                 ", newer than this tata understands (" + std::to_string(latest) + ")");
    for (std::int64_t next = current; next < latest; ++next) {
        db.exec(steps[static_cast<std::size_t>(next)]);
        db.run("INSERT INTO " + schema_table + " (version) VALUES (?)", {next + 1});
    }
    transaction.commit();
}

}  // namespace tata::tables
