#include "privacy/personal_data_log.hpp"

#include "app/server_tables.hpp"
#include "privacy/access_chain.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

namespace tata::server::privacy {
namespace {

// Each entry moves the privacy tables one version on.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE privacy_access (
        id              INTEGER PRIMARY KEY,
        regency         TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        at              INTEGER NOT NULL,
        user_id         INTEGER NOT NULL,
        username        TEXT NOT NULL,
        role            TEXT NOT NULL,
        unit            TEXT NOT NULL,
        action          TEXT NOT NULL,
        route           TEXT NOT NULL,
        purpose         TEXT NOT NULL,
        whole_regency   INTEGER NOT NULL,
        subject_count   INTEGER NOT NULL,
        subjects_digest TEXT NOT NULL,
        prev_hash       TEXT NOT NULL,
        hash            TEXT NOT NULL,
        UNIQUE (regency, seq)
    );
    CREATE INDEX privacy_access_reader ON privacy_access (regency, username, id);
    CREATE INDEX privacy_access_whole ON privacy_access (regency, whole_regency, id);
    CREATE TABLE privacy_access_subjects (
        access_id INTEGER NOT NULL,
        case_id   INTEGER NOT NULL,
        nik_mac   TEXT NOT NULL
    );
    CREATE INDEX privacy_access_subjects_entry ON privacy_access_subjects (access_id);
    CREATE INDEX privacy_access_subjects_nik ON privacy_access_subjects (nik_mac, access_id);
    CREATE TABLE privacy_access_heads (
        regency TEXT PRIMARY KEY,
        seq     INTEGER NOT NULL,
        hash    TEXT NOT NULL
    );
    )sql",
};

constexpr std::size_t kKeyBytes = crypto_auth_hmacsha256_KEYBYTES;
constexpr std::size_t kMacBytesStored = 16;  // 128 bits: no collisions among a country's NIKs

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string hex(const unsigned char* bytes, std::size_t size) {
    std::string text(size * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), bytes, size);
    text.pop_back();
    return text;
}

std::string read_key(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string text;
    in >> text;
    unsigned char key[kKeyBytes];
    std::size_t size = 0;
    if (text.size() != kKeyBytes * 2 ||
        sodium_hex2bin(key, sizeof key, text.data(), text.size(), nullptr, &size, nullptr) != 0 || size != kKeyBytes)
        throw std::runtime_error(path.string() + ": not an access-log key (" + std::to_string(kKeyBytes * 2) +
                                 " hex digits); restore it from the backup, or the NIKs already logged cannot be matched");
    return std::string(reinterpret_cast<const char*>(key), kKeyBytes);
}

// The deployment's key: made once, readable by the server's user only. Two
// processes starting at once: O_EXCL lets one write it; the other reads it.
std::string load_or_create_key(const std::filesystem::path& path) {
    ensure_sodium();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        if (errno != EEXIST) throw std::runtime_error(path.string() + ": cannot create the access-log key: " + std::strerror(errno));
        for (int attempt = 0; attempt < 50; ++attempt) {  // the other process may be writing it
            std::error_code ec;
            if (std::filesystem::file_size(path, ec) >= kKeyBytes * 2) break;
            ::usleep(10000);
        }
        return read_key(path);
    }
    unsigned char key[kKeyBytes];
    randombytes_buf(key, sizeof key);
    const std::string text = hex(key, sizeof key) + "\n";
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) throw std::runtime_error(path.string() + ": cannot write the access-log key");
    return std::string(reinterpret_cast<const char*>(key), kKeyBytes);
}

std::int64_t seconds(TimePoint at) { return at.time_since_epoch().count(); }

const char* const kEntryColumns =
    "id, regency, seq, at, user_id, username, role, unit, action, route, purpose, whole_regency, subject_count";

AccessEntry read_entry(SQLite::Statement& q) {
    AccessEntry e;
    e.id = q.getColumn(0).getInt64();
    e.regency = q.getColumn(1).getString();
    e.seq = q.getColumn(2).getInt64();
    e.at = TimePoint{std::chrono::seconds{q.getColumn(3).getInt64()}};
    e.user_id = q.getColumn(4).getInt64();
    e.username = q.getColumn(5).getString();
    e.role = q.getColumn(6).getString();
    e.unit = q.getColumn(7).getString();
    e.action = q.getColumn(8).getString();
    e.route = q.getColumn(9).getString();
    e.purpose = q.getColumn(10).getString();
    e.whole_regency = q.getColumn(11).getInt() != 0;
    e.subject_count = static_cast<std::size_t>(q.getColumn(12).getInt64());
    return e;
}

}  // namespace

std::filesystem::path access_key_path(const std::filesystem::path& database) {
    return std::filesystem::path(database.string() + ".access-key");
}

std::filesystem::path access_log_path(const std::filesystem::path& database) {
    return std::filesystem::path(database.string() + ".access-log");
}

std::string clean_purpose(const std::string& text) {
    std::string out;
    std::size_t digits = 0;
    auto flush_digits = [&] {
        // A run of 8+ digits may be a NIK or a phone number: masked.
        if (digits >= 8) out.replace(out.size() - digits, digits, "****");
        digits = 0;
    };
    for (const char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) continue;
        if (c >= '0' && c <= '9') {
            ++digits;
            out += static_cast<char>(c);
            continue;
        }
        flush_digits();
        out += static_cast<char>(c);
    }
    flush_digits();
    if (out.size() > kMaxPurposeBytes) {
        std::size_t cut = kMaxPurposeBytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

PersonalDataLog::PersonalDataLog(const std::filesystem::path& database)
    : db_(open_server_tables(access_log_path(database))), key_(load_or_create_key(access_key_path(database))) {
    migrate();
    move_tables_from_database(database);
}

PersonalDataLog::~PersonalDataLog() = default;

void PersonalDataLog::migrate() {
    std::lock_guard lock(mutex_);
    migrate_tables(*db_, "privacy_schema", kMigrations, "the access-log tables");
}

namespace {

std::int64_t count_rows(SQLite::Database& db, const std::string& table) {
    SQLite::Statement q(db, "SELECT count(*) FROM " + table);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

// Detaches the earlier database however the move ends.
struct Attached {
    SQLite::Database& db;
    ~Attached() {
        try {
            db.exec("DETACH DATABASE earlier");
        } catch (const std::exception&) {  // a failed ATTACH left nothing attached
        }
    }
};

}  // namespace

// Versions before the log had a file of its own kept its tables in the
// database. They move once, in two steps that a crash between cannot
// double: the rows are copied while the file's log is still empty, then the
// database's tables are dropped once the file holds at least as many entries.
void PersonalDataLog::move_tables_from_database(const std::filesystem::path& database) {
    std::error_code missing;
    if (!std::filesystem::exists(database, missing)) return;
    std::lock_guard lock(mutex_);
    {
        SQLite::Statement attach(*db_, "ATTACH DATABASE ? AS earlier");
        attach.bind(1, database.string());
        attach.exec();
    }
    const Attached detach_at_end{*db_};
    SQLite::Statement kept(*db_, "SELECT count(*) FROM earlier.sqlite_master WHERE name = 'privacy_access'");
    kept.executeStep();
    if (kept.getColumn(0).getInt() == 0) return;
    kept.reset();

    SQLite::Statement version(*db_, "SELECT max(version) FROM earlier.privacy_schema");
    version.executeStep();
    if (version.getColumn(0).getInt() != static_cast<int>(std::size(kMigrations)))
        throw std::runtime_error(database.string() + " holds a personal-data access log at version " +
                                 version.getColumn(0).getString() + "; this tata moves only version " +
                                 std::to_string(std::size(kMigrations)));
    version.reset();

    const char* const tables[] = {"privacy_access", "privacy_access_subjects", "privacy_access_heads"};
    {
        SQLite::Transaction copy(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        if (count_rows(*db_, "main.privacy_access") == 0)
            for (const char* table : tables)
                db_->exec(std::string("INSERT INTO main.") + table + " SELECT * FROM earlier." + table);
        copy.commit();
    }
    SQLite::Transaction drop(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    const std::int64_t here = count_rows(*db_, "main.privacy_access");
    const std::int64_t there = count_rows(*db_, "earlier.privacy_access");
    if (here < there)
        throw std::runtime_error(access_log_path(database).string() + " and " + database.string() +
                                 " both hold personal-data access entries (" + std::to_string(here) + " and " +
                                 std::to_string(there) + "); keep the file with the full log");
    for (const char* table : tables) db_->exec(std::string("DROP TABLE earlier.") + table);
    db_->exec("DROP TABLE earlier.privacy_schema");
    drop.commit();
}

std::string PersonalDataLog::nik_mac(const std::string& nik) const {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(nik.data()), nik.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return hex(mac, kMacBytesStored);
}

// An event made ready outside any lock: its subjects once each, their
// digest, its cleaned purpose.
struct PersonalDataLog::Pending {
    std::vector<const AccessSubject*> subjects;
    ChainFields fields;
    std::exception_ptr failure;
    bool done = false;
};

void PersonalDataLog::record(const AccessEvent& event) {
    Pending pending;
    pending.subjects.reserve(event.subjects.size());
    // Repeats within one read are one subject.
    std::set<std::pair<CaseId, std::string_view>> seen;
    SubjectDigest digest;
    for (const auto& subject : event.subjects) {
        if (!seen.emplace(subject.case_id, subject.nik_mac).second) continue;
        pending.subjects.push_back(&subject);
        digest.add(subject.case_id, subject.nik_mac);
    }
    pending.fields = ChainFields{event.regency, 0, seconds(event.at), event.user_id, event.username, event.role,
                                 event.unit, event.action, event.route, clean_purpose(event.purpose),
                                 event.whole_regency, digest.hex(), access_genesis_hash()};

    // Grouped commits: the first request to find no write under way writes
    // every entry queued by then in one transaction and wakes the others;
    // each request still returns only once its own entry is committed.
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&pending);
    while (!pending.done) {
        if (writing_) {
            written_.wait(lock);
            continue;
        }
        writing_ = true;
        std::vector<Pending*> group;
        group.swap(queue_);
        lock.unlock();
        write_or_fail_alone(group);
        lock.lock();
        for (Pending* each : group) each->done = true;
        writing_ = false;
        written_.notify_all();
    }
    if (pending.failure) std::rethrow_exception(pending.failure);
}

// A group that cannot be committed is written again one entry at a time,
// so that one entry that cannot be stored (a chain whose head row was
// tampered with) fails its own read, not every read that shared its commit.
void PersonalDataLog::write_or_fail_alone(const std::vector<Pending*>& group) {
    try {
        write_group(group);
        return;
    } catch (...) {
        if (group.size() == 1) {
            group.front()->failure = std::current_exception();
            return;
        }
    }
    for (Pending* each : group) {
        try {
            write_group({each});
        } catch (...) {
            each->failure = std::current_exception();
        }
    }
}

// One transaction for the group: each regency's head read once (IMMEDIATE,
// so another process appending to the same chain waits here, not after it
// read the same head), the entries chained in queue order, the heads moved.
void PersonalDataLog::write_group(const std::vector<Pending*>& group) {
    std::lock_guard lock(mutex_);
    // A statement an earlier group left mid-step (it threw) would otherwise
    // keep its read open into this transaction.
    for (auto& prepared : statements_)
        if (prepared) prepared->tryReset();
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::map<std::string, std::pair<std::int64_t, std::string>> heads;  // regency -> (seq, hash)
    for (Pending* pending : group) {
        ChainFields& fields = pending->fields;
        auto head = heads.find(fields.regency);
        if (head == heads.end()) {
            SQLite::Statement& read = statement(Query::read_head);
            read.tryReset();
            read.bind(1, fields.regency);
            std::pair<std::int64_t, std::string> found{0, access_genesis_hash()};  // a chain not begun
            if (read.executeStep()) found = {read.getColumn(0).getInt64(), read.getColumn(1).getString()};
            read.tryReset();
            head = heads.emplace(fields.regency, std::move(found)).first;
        }
        fields.seq = head->second.first + 1;
        fields.prev_hash = head->second.second;
        const std::string hash = access_entry_hash(fields);

        SQLite::Statement& insert = statement(Query::insert_entry);
        insert.tryReset();
        insert.bind(1, fields.regency);
        insert.bind(2, fields.seq);
        insert.bind(3, fields.at);
        insert.bind(4, fields.user_id);
        insert.bind(5, fields.username);
        insert.bind(6, fields.role);
        insert.bind(7, fields.unit);
        insert.bind(8, fields.action);
        insert.bind(9, fields.route);
        insert.bind(10, fields.purpose);
        insert.bind(11, fields.whole_regency ? 1 : 0);
        insert.bind(12, static_cast<std::int64_t>(pending->subjects.size()));
        insert.bind(13, fields.subjects_digest);
        insert.bind(14, fields.prev_hash);
        insert.bind(15, hash);
        insert.exec();
        const std::int64_t id = db_->getLastInsertRowid();

        SQLite::Statement& subject = statement(Query::insert_subject);
        for (const AccessSubject* s : pending->subjects) {
            subject.tryReset();
            subject.bind(1, id);
            subject.bind(2, static_cast<std::int64_t>(s->case_id));
            subject.bind(3, s->nik_mac);
            subject.exec();
        }
        head->second = {fields.seq, hash};
    }
    SQLite::Statement& move_head = statement(Query::move_head);
    for (const auto& [regency, head] : heads) {
        move_head.tryReset();
        move_head.bind(1, regency);
        move_head.bind(2, head.first);
        move_head.bind(3, head.second);
        move_head.exec();
    }
    transaction.commit();
}

// The writes' statements, prepared once (under mutex_, as every use). Each
// use starts with tryReset: after a failed step, reset() would throw that
// step's error again and fail the next group too.
SQLite::Statement& PersonalDataLog::statement(Query query) {
    static const char* const kSql[] = {
        "SELECT seq, hash FROM privacy_access_heads WHERE regency = ?",
        ("INSERT INTO privacy_access (regency, seq, at, user_id, username, role, unit, action, route, purpose, "
         "whole_regency, subject_count, subjects_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
         "?, ?, ?)"),
        "INSERT INTO privacy_access_subjects (access_id, case_id, nik_mac) VALUES (?, ?, ?)",
        ("INSERT INTO privacy_access_heads (regency, seq, hash) VALUES (?, ?, ?) "
         "ON CONFLICT (regency) DO UPDATE SET seq = excluded.seq, hash = excluded.hash"),
    };
    auto& prepared = statements_[static_cast<std::size_t>(query)];
    if (!prepared) prepared = std::make_unique<SQLite::Statement>(*db_, kSql[static_cast<std::size_t>(query)]);
    return *prepared;
}

AccessLogReport PersonalDataLog::verify() {
    AccessLogReport report;
    auto broken = [&report](std::int64_t row, const std::string& regency, std::int64_t seq, std::string problem) {
        report.intact = false;
        report.first_bad_row = row;
        report.bad_regency = regency;
        report.bad_seq = seq;
        report.problem = std::move(problem);
        return report;
    };

    std::lock_guard lock(mutex_);
    SQLite::Transaction snapshot(*db_);  // one consistent view; rolled back (nothing written)
    struct Link {
        std::int64_t seq = 0;
        std::string hash = access_genesis_hash();
        std::int64_t row = 0;
    };
    std::map<std::string, Link> chains;

    SQLite::Statement entries(*db_,
                              "SELECT id, regency, seq, at, user_id, username, role, unit, action, route, purpose, "
                              "whole_regency, subject_count, subjects_digest, prev_hash, hash FROM privacy_access ORDER BY id");
    SQLite::Statement subjects(*db_,
                               "SELECT access_id, case_id, nik_mac FROM privacy_access_subjects ORDER BY access_id, rowid");
    bool subject_ready = subjects.executeStep();

    while (entries.executeStep()) {
        const std::int64_t row = entries.getColumn(0).getInt64();
        ChainFields f;
        f.regency = entries.getColumn(1).getString();
        f.seq = entries.getColumn(2).getInt64();
        f.at = entries.getColumn(3).getInt64();
        f.user_id = entries.getColumn(4).getInt64();
        f.username = entries.getColumn(5).getString();
        f.role = entries.getColumn(6).getString();
        f.unit = entries.getColumn(7).getString();
        f.action = entries.getColumn(8).getString();
        f.route = entries.getColumn(9).getString();
        f.purpose = entries.getColumn(10).getString();
        f.whole_regency = entries.getColumn(11).getInt() != 0;
        const std::int64_t subject_count = entries.getColumn(12).getInt64();
        const std::string stored_digest = entries.getColumn(13).getString();
        f.prev_hash = entries.getColumn(14).getString();
        const std::string stored_hash = entries.getColumn(15).getString();

        Link& link = chains[f.regency];
        if (subject_ready && subjects.getColumn(0).getInt64() < row)
            return broken(row, f.regency, f.seq,
                          "subject rows of entry row " + std::to_string(subjects.getColumn(0).getInt64()) +
                              ", which does not exist, lie before it (an entry was deleted)");
        SubjectDigest digest;
        while (subject_ready && subjects.getColumn(0).getInt64() == row) {
            digest.add(subjects.getColumn(1).getInt64(), subjects.getColumn(2).getString());
            subject_ready = subjects.executeStep();
        }
        if (f.seq != link.seq + 1)
            return broken(row, f.regency, f.seq,
                          "expected entry " + std::to_string(link.seq + 1) + " of regency " + f.regency + " next, found " +
                              std::to_string(f.seq) + " (entries deleted or renumbered)");
        if (f.prev_hash != link.hash)
            return broken(row, f.regency, f.seq, "its link to the previous entry does not match (entries deleted, inserted or reordered)");
        f.subjects_digest = digest.hex();
        if (static_cast<std::int64_t>(digest.count()) != subject_count || f.subjects_digest != stored_digest)
            return broken(row, f.regency, f.seq, "its list of workers read does not match its hash (subject rows edited, added or deleted)");
        if (access_entry_hash(f) != stored_hash)
            return broken(row, f.regency, f.seq, "its content does not match its hash (the entry was edited)");
        link.seq = f.seq;
        link.hash = stored_hash;
        link.row = row;
        ++report.entries_checked;
        report.subjects_checked += subject_count;
    }
    if (subject_ready)
        return broken(subjects.getColumn(0).getInt64(), "", 0,
                      "subject rows name entry row " + std::to_string(subjects.getColumn(0).getInt64()) +
                          ", which does not exist (entries removed from the end)");

    // Each regency's recorded head must be its last entry: entries removed
    // from the end leave the head pointing past them.
    std::set<std::string> headed;
    SQLite::Statement heads(*db_, "SELECT regency, seq, hash FROM privacy_access_heads ORDER BY regency");
    while (heads.executeStep()) {
        const std::string regency = heads.getColumn(0).getString();
        const std::int64_t seq = heads.getColumn(1).getInt64();
        const auto it = chains.find(regency);
        const Link last = it == chains.end() ? Link{} : it->second;
        if (seq != last.seq || heads.getColumn(2).getString() != last.hash)
            return broken(last.row, regency, last.seq + 1,
                          "the chain of regency " + regency + " ends at entry " + std::to_string(last.seq) +
                              " but its recorded head is entry " + std::to_string(seq) + " (entries removed from the end)");
        headed.insert(regency);
    }
    for (const auto& [regency, link] : chains)
        if (!headed.count(regency))
            return broken(link.row, regency, link.seq, "regency " + regency + " has entries but no recorded head (the head was deleted)");
    report.regencies = static_cast<std::int64_t>(chains.size());
    return report;
}

std::vector<AccessEntry> PersonalDataLog::entries_about(const std::string& regency, const std::string& nik,
                                                        bool officials_only, std::size_t offset, std::size_t limit,
                                                        std::size_t& total) {
    const std::string mac = nik_mac(nik);
    const std::string where =
        std::string(" FROM privacy_access WHERE regency = ?1 AND (id IN (SELECT access_id FROM privacy_access_subjects "
                    "WHERE nik_mac = ?2) OR (whole_regency = 1))") +
        (officials_only ? " AND role <> 'worker'" : "");
    std::lock_guard lock(mutex_);
    SQLite::Statement count(*db_, "SELECT count(*)" + where);
    count.bind(1, regency);
    count.bind(2, mac);
    count.executeStep();
    total = static_cast<std::size_t>(count.getColumn(0).getInt64());

    SQLite::Statement q(*db_, std::string("SELECT ") + kEntryColumns + where + " ORDER BY id DESC LIMIT ?3 OFFSET ?4");
    q.bind(1, regency);
    q.bind(2, mac);
    q.bind(3, static_cast<std::int64_t>(limit));
    q.bind(4, static_cast<std::int64_t>(offset));
    std::vector<AccessEntry> out;
    while (q.executeStep()) out.push_back(read_entry(q));
    // Only this worker's cases: the others read in the same list are not
    // this worker's business.
    SQLite::Statement cases(*db_,
                            "SELECT DISTINCT case_id FROM privacy_access_subjects WHERE access_id = ? AND nik_mac = ? AND case_id > 0");
    for (auto& entry : out) {
        cases.bind(1, entry.id);
        cases.bind(2, mac);
        while (cases.executeStep()) entry.case_ids.push_back(cases.getColumn(0).getInt64());
        cases.reset();
    }
    return out;
}

std::vector<AccessEntry> PersonalDataLog::entries_by(const std::string& regency, const std::string& username,
                                                     std::size_t offset, std::size_t limit, std::size_t& total) {
    std::lock_guard lock(mutex_);
    SQLite::Statement count(*db_, "SELECT count(*) FROM privacy_access WHERE regency = ? AND username = ?");
    count.bind(1, regency);
    count.bind(2, username);
    count.executeStep();
    total = static_cast<std::size_t>(count.getColumn(0).getInt64());
    SQLite::Statement q(*db_, std::string("SELECT ") + kEntryColumns +
                                  " FROM privacy_access WHERE regency = ? AND username = ? ORDER BY id DESC LIMIT ? OFFSET ?");
    q.bind(1, regency);
    q.bind(2, username);
    q.bind(3, static_cast<std::int64_t>(limit));
    q.bind(4, static_cast<std::int64_t>(offset));
    std::vector<AccessEntry> out;
    while (q.executeStep()) out.push_back(read_entry(q));
    SQLite::Statement cases(*db_, "SELECT case_id FROM privacy_access_subjects WHERE access_id = ? AND case_id > 0 "
                                  "ORDER BY rowid LIMIT " + std::to_string(kMaxCaseIdsShown));
    for (auto& entry : out) {
        cases.bind(1, entry.id);
        while (cases.executeStep()) entry.case_ids.push_back(cases.getColumn(0).getInt64());
        cases.reset();
    }
    return out;
}

}  // namespace tata::server::privacy
