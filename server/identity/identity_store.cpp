#include "identity/identity_store.hpp"

#include "app/server_tables.hpp"

#include <tata/errors.hpp>
#include <tata/json_limits.hpp>
#include <tata/sha256.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>

#include <algorithm>
#include <regex>
#include <semaphore>
#include <stdexcept>
#include <thread>

namespace tata::server {
namespace {

// Each entry moves the server's tables one version on.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE server_users (
        id            INTEGER PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        regency       TEXT NOT NULL,
        role          TEXT NOT NULL,
        vendor        TEXT NOT NULL DEFAULT '',
        nik           TEXT NOT NULL DEFAULT '',
        opd           TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL
    );
    CREATE TABLE server_tokens (
        token_sha256 TEXT PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES server_users (id),
        issued_at    INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
    );
    CREATE TABLE server_idempotency (
        user_id      INTEGER NOT NULL,
        key          TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status       INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        body         TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (user_id, key)
    );
    CREATE TABLE server_documents (
        sha256       TEXT NOT NULL,
        case_id      INTEGER NOT NULL,
        name         TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size         INTEGER NOT NULL,
        uploaded_by  TEXT NOT NULL,
        uploaded_at  INTEGER NOT NULL,
        PRIMARY KEY (sha256, case_id, name)
    );
    )sql",
    // Sessions get an id (shown to their user and the admin, never the
    // token), when they were last used and from where; users can be disabled.
    R"sql(
    ALTER TABLE server_users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE server_sessions (
        id           INTEGER PRIMARY KEY,
        token_sha256 TEXT NOT NULL UNIQUE,
        user_id      INTEGER NOT NULL REFERENCES server_users (id),
        issued_at    INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        client       TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX server_sessions_user ON server_sessions (user_id);
    INSERT INTO server_sessions (token_sha256, user_id, issued_at, expires_at, last_seen_at)
        SELECT token_sha256, user_id, issued_at, expires_at, issued_at FROM server_tokens;
    DROP TABLE server_tokens;
    )sql",
    // Where notifications reach a person.
    R"sql(
    ALTER TABLE server_users ADD COLUMN email TEXT NOT NULL DEFAULT '';
    ALTER TABLE server_users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
    )sql",
};

std::int64_t seconds(TimePoint at) { return at.time_since_epoch().count(); }
TimePoint from_seconds(std::int64_t value) { return TimePoint{std::chrono::seconds{value}}; }

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

// Argon2id takes 64 MiB for each hash. Without a bound, a burst of logins
// costs memory (16 at once peaked at 848 MB); with one, it costs waiting:
// at most one hash per core (2 to 8) runs at a time.
class KdfSlot {
public:
    KdfSlot() { slots().acquire(); }
    ~KdfSlot() { slots().release(); }
    KdfSlot(const KdfSlot&) = delete;
    KdfSlot& operator=(const KdfSlot&) = delete;

private:
    static std::counting_semaphore<8>& slots() {
        static std::counting_semaphore<8> slots(std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 8));
        return slots;
    }
};

std::string hash_password(const std::string& password) {
    ensure_sodium();
    const KdfSlot slot;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool password_matches(const std::string& hash, const std::string& password) {
    ensure_sodium();
    const KdfSlot slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// A hash to check against when the user does not exist, so that an unknown
// name costs the same time as a wrong password.
const std::string& decoy_hash() {
    static const std::string hash = hash_password("tata-decoy-password");
    return hash;
}

std::string random_token() {
    ensure_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sizeof bytes * 2 + 1];
    sodium_bin2hex(text, sizeof text, bytes, sizeof bytes);
    return text;
}

User read_user(SQLite::Statement& q) {
    User u;
    u.disabled = q.getColumn(7).getInt() != 0;
    u.id = q.getColumn(0).getInt64();
    u.username = q.getColumn(1).getString();
    u.regency = q.getColumn(2).getString();
    u.role = q.getColumn(3).getString();
    u.vendor = q.getColumn(4).getString();
    u.nik = q.getColumn(5).getString();
    u.opd = q.getColumn(6).getString();
    u.email = q.getColumn(8).getString();
    u.phone = q.getColumn(9).getString();
    return u;
}

const char* const kUserColumns = "id, username, regency, role, vendor, nik, opd, disabled, email, phone";

DocumentRecord read_document(SQLite::Statement& q) {
    DocumentRecord d;
    d.sha256 = q.getColumn(0).getString();
    d.case_id = q.getColumn(1).getInt64();
    d.name = q.getColumn(2).getString();
    d.content_type = q.getColumn(3).getString();
    d.size = q.getColumn(4).getInt64();
    d.uploaded_by = q.getColumn(5).getString();
    d.uploaded_at = from_seconds(q.getColumn(6).getInt64());
    return d;
}

std::vector<FieldError> check_new_user(const NewUser& user, const std::string& password) {
    std::vector<FieldError> errors;
    static const std::regex username(R"([a-z0-9][a-z0-9._-]{2,63})");
    static const std::regex regency(R"(\d{2}\.\d{2})");
    static const std::regex nik(R"(\d{16})");
    if (!std::regex_match(user.username, username))
        errors.push_back({"username", "3 to 64 characters: lower-case letters, digits, '.', '_' or '-'"});
    if (!std::regex_match(user.regency, regency)) errors.push_back({"regency", "a regency code such as 62.03"});
    const auto& roles = user_roles();
    if (std::find(roles.begin(), roles.end(), user.role) == roles.end())
        errors.push_back({"role", "one of admin, officer, opd_head, supervisor, bkad, vendor, worker"});
    if (user.role == "vendor" && user.vendor.empty()) errors.push_back({"vendor", "a vendor user names its vendor"});
    if (user.role != "vendor" && !user.vendor.empty()) errors.push_back({"vendor", "only for vendor users"});
    if (user.role == "worker" && !std::regex_match(user.nik, nik))
        errors.push_back({"nik", "a worker user names their 16-digit NIK"});
    if (user.role != "worker" && !user.nik.empty()) errors.push_back({"nik", "only for worker users"});
    const bool bound_to_opd = user.role == "opd_head" || user.role == "supervisor";
    if (bound_to_opd && user.opd.empty()) errors.push_back({"opd", "an OPD head or a supervisor names their OPD"});
    if (!bound_to_opd && !user.opd.empty()) errors.push_back({"opd", "only for OPD heads and supervisors"});
    if (auto problem = password_problem(password)) errors.push_back({"password", *problem});
    if (auto problem = email_problem(user.email)) errors.push_back({"email", *problem});
    if (auto problem = phone_problem(user.phone)) errors.push_back({"phone", *problem});
    return errors;
}

}  // namespace

// A password is counted in characters (UTF-8 code points) for people and
// capped in bytes for the server.
std::optional<std::string> password_problem(const std::string& password) {
    if (password.size() > kMaxPasswordBytes)
        return "at most " + std::to_string(kMaxPasswordBytes) + " bytes";
    if (utf8_length(password) < kMinPasswordChars) return "at least " + std::to_string(kMinPasswordChars) + " characters";
    return std::nullopt;
}

std::optional<std::string> email_problem(const std::string& email) {
    if (email.empty()) return std::nullopt;
    static const std::regex address(R"([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)");
    if (email.size() > kMaxEmailBytes) return "at most " + std::to_string(kMaxEmailBytes) + " bytes";
    if (!std::regex_match(email, address)) return "an e-mail address such as nama@kapuaskab.go.id";
    return std::nullopt;
}

std::optional<std::string> phone_problem(const std::string& phone) {
    if (phone.empty()) return std::nullopt;
    static const std::regex number(R"(\+?[0-9]{8,15})");
    if (phone.size() > 16 || !std::regex_match(phone, number))
        return "8 to 15 digits, with a leading + when international (+6281234567890)";
    return std::nullopt;
}

IdentityStore::IdentityStore(const std::filesystem::path& database) : db_(open_server_tables(database)) {
    db_->exec("PRAGMA foreign_keys = ON");
    migrate_tables(*db_, "server_schema", kMigrations, "the server tables");
}

IdentityStore::~IdentityStore() = default;

User IdentityStore::add_user(const NewUser& user, const std::string& password) {
    if (auto errors = check_new_user(user, password); !errors.empty()) throw InvalidInput(std::move(errors));
    const std::string hash = hash_password(password);  // slow: outside the lock
    std::lock_guard lock(mutex_);
    SQLite::Statement exists(*db_, "SELECT 1 FROM server_users WHERE username = ?");
    exists.bind(1, user.username);
    if (exists.executeStep()) throw Conflict("user '" + user.username + "' already exists", 0);
    SQLite::Statement insert(*db_,
                             "INSERT INTO server_users (username, regency, role, vendor, nik, opd, password_hash, "
                             "email, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, user.username);
    insert.bind(2, user.regency);
    insert.bind(3, user.role);
    insert.bind(4, user.vendor);
    insert.bind(5, user.nik);
    insert.bind(6, user.opd);
    insert.bind(7, hash);
    insert.bind(8, user.email);
    insert.bind(9, user.phone);
    insert.exec();
    User added;
    added.id = db_->getLastInsertRowid();
    added.username = user.username;
    added.regency = user.regency;
    added.role = user.role;
    added.vendor = user.vendor;
    added.nik = user.nik;
    added.opd = user.opd;
    added.email = user.email;
    added.phone = user.phone;
    return added;
}

std::optional<User> IdentityStore::find_user(const std::string& username) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kUserColumns + " FROM server_users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return std::nullopt;
    return read_user(q);
}

std::vector<User> IdentityStore::users_of(const std::string& regency) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kUserColumns +
                                  " FROM server_users WHERE regency = ? ORDER BY username");
    q.bind(1, regency);
    std::vector<User> users;
    while (q.executeStep()) users.push_back(read_user(q));
    return users;
}

std::optional<User> IdentityStore::authenticate(const std::string& username, const std::string& password) {
    std::optional<User> user;
    std::string hash;
    if (username.size() <= kMaxUsernameBytes) {
        std::lock_guard lock(mutex_);
        SQLite::Statement q(*db_, std::string("SELECT ") + kUserColumns +
                                      ", password_hash FROM server_users WHERE username = ?");
        q.bind(1, username);
        if (q.executeStep()) {
            user = read_user(q);
            hash = q.getColumn(10).getString();
        }
    }
    ++password_checks_;
    // Unknown and disabled users cost the same time as a wrong password and
    // get the same answer: the name's state does not leak.
    const bool matches = password.size() <= kMaxPasswordBytes && password_matches(user ? hash : decoy_hash(), password);
    if (!user || !matches || user->disabled) return std::nullopt;
    return user;
}

std::optional<User> IdentityStore::user_by_id(std::int64_t id) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kUserColumns + " FROM server_users WHERE id = ?");
    q.bind(1, static_cast<int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
    return read_user(q);
}

IssuedToken IdentityStore::issue_token(const User& user, TimePoint now, std::chrono::seconds lifetime,
                                       const std::string& client) {
    IssuedToken issued{random_token(), now + lifetime};
    std::lock_guard lock(mutex_);
    SQLite::Statement purge(*db_, "DELETE FROM server_sessions WHERE expires_at <= ?");
    purge.bind(1, seconds(now));
    purge.exec();
    SQLite::Statement q(*db_, "INSERT INTO server_sessions (token_sha256, user_id, issued_at, expires_at, last_seen_at, "
                              "client) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, sha256_hex(issued.token));
    q.bind(2, static_cast<int64_t>(user.id));
    q.bind(3, seconds(now));
    q.bind(4, seconds(issued.expires_at));
    q.bind(5, seconds(now));
    q.bind(6, client.substr(0, 64));  // an address; bounded all the same
    q.exec();
    return issued;
}

void IdentityStore::set_token_recheck(std::chrono::milliseconds interval) {
    token_recheck_ms_ = interval.count();
}

std::optional<User> IdentityStore::user_of_token(const std::string& token, TimePoint now) {
    const std::string hash = sha256_hex(token);
    const auto checked = std::chrono::steady_clock::now();
    {
        std::shared_lock read(tokens_mutex_);
        if (const auto it = known_tokens_.find(hash); it != known_tokens_.end()) {
            const KnownToken& known = it->second;
            // Fresh enough: another process may have revoked it, but we ask
            // the database again only every token_recheck_ms_.
            const bool fresh = checked - known.checked_at < std::chrono::milliseconds(token_recheck_ms_.load()) &&
                               now - known.last_seen < kLastSeenResolution;
            if (fresh) {
                if (now < known.expires_at) return known.user;
                return std::nullopt;
            }
        }
    }
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT u.id, u.username, u.regency, u.role, u.vendor, u.nik, u.opd, u.disabled, "
                              "u.email, u.phone, s.expires_at, s.last_seen_at, s.id "
                              "FROM server_sessions s JOIN server_users u ON u.id = s.user_id "
                              "WHERE s.token_sha256 = ? AND u.disabled = 0");
    q.bind(1, hash);
    if (!q.executeStep()) {
        std::unique_lock write(tokens_mutex_);
        known_tokens_.erase(hash);
        return std::nullopt;
    }
    KnownToken known{read_user(q), from_seconds(q.getColumn(10).getInt64()), from_seconds(q.getColumn(11).getInt64()),
                     checked};
    const std::int64_t session = q.getColumn(12).getInt64();
    q.reset();
    if (now < known.expires_at && now - known.last_seen >= kLastSeenResolution) {
        SQLite::Statement seen(*db_, "UPDATE server_sessions SET last_seen_at = ? WHERE id = ?");
        seen.bind(1, seconds(now));
        seen.bind(2, static_cast<int64_t>(session));
        seen.exec();
        known.last_seen = now;
    }
    {
        std::unique_lock write(tokens_mutex_);
        if (known_tokens_.size() > 100'000) known_tokens_.clear();  // a bound, not an eviction policy
        known_tokens_[hash] = known;
    }
    if (now >= known.expires_at) return std::nullopt;
    return known.user;
}

void IdentityStore::forget_tokens_of(std::int64_t user_id, const std::string& keep_sha256) {
    std::unique_lock write(tokens_mutex_);
    for (auto it = known_tokens_.begin(); it != known_tokens_.end();)
        it = it->second.user.id == user_id && it->first != keep_sha256 ? known_tokens_.erase(it) : std::next(it);
}

void IdentityStore::revoke_token(const std::string& token) {
    const std::string hash = sha256_hex(token);
    {
        std::unique_lock write(tokens_mutex_);
        known_tokens_.erase(hash);
    }
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "DELETE FROM server_sessions WHERE token_sha256 = ?");
    q.bind(1, hash);
    q.exec();
}

std::vector<Session> IdentityStore::sessions_of(std::int64_t user_id, TimePoint now) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT id, token_sha256, issued_at, expires_at, last_seen_at, client FROM server_sessions "
                              "WHERE user_id = ? AND expires_at > ? ORDER BY issued_at DESC, id DESC");
    q.bind(1, static_cast<int64_t>(user_id));
    q.bind(2, seconds(now));
    std::vector<Session> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), from_seconds(q.getColumn(2).getInt64()),
                       from_seconds(q.getColumn(3).getInt64()), from_seconds(q.getColumn(4).getInt64()),
                       q.getColumn(5).getString()});
    return out;
}

bool IdentityStore::revoke_session(std::int64_t user_id, std::int64_t session_id) {
    std::string hash;
    {
        std::lock_guard lock(mutex_);
        SQLite::Statement find(*db_, "SELECT token_sha256 FROM server_sessions WHERE id = ? AND user_id = ?");
        find.bind(1, static_cast<int64_t>(session_id));
        find.bind(2, static_cast<int64_t>(user_id));
        if (!find.executeStep()) return false;
        hash = find.getColumn(0).getString();
        find.reset();
        SQLite::Statement remove(*db_, "DELETE FROM server_sessions WHERE id = ?");
        remove.bind(1, static_cast<int64_t>(session_id));
        remove.exec();
    }
    std::unique_lock write(tokens_mutex_);
    known_tokens_.erase(hash);
    return true;
}

int IdentityStore::revoke_sessions(std::int64_t user_id, const std::string& keep_token) {
    const std::string keep = keep_token.empty() ? std::string() : sha256_hex(keep_token);
    int removed = 0;
    {
        std::lock_guard lock(mutex_);
        SQLite::Statement q(*db_, "DELETE FROM server_sessions WHERE user_id = ? AND token_sha256 <> ?");
        q.bind(1, static_cast<int64_t>(user_id));
        q.bind(2, keep);
        removed = q.exec();
    }
    forget_tokens_of(user_id, keep);
    return removed;
}

void IdentityStore::set_contact(std::int64_t user_id, const std::string& email, const std::string& phone) {
    std::vector<FieldError> errors;
    if (auto problem = email_problem(email)) errors.push_back({"email", *problem});
    if (auto problem = phone_problem(phone)) errors.push_back({"phone", *problem});
    if (!errors.empty()) throw InvalidInput(std::move(errors));
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "UPDATE server_users SET email = ?, phone = ? WHERE id = ?");
    q.bind(1, email);
    q.bind(2, phone);
    q.bind(3, static_cast<int64_t>(user_id));
    q.exec();
    // Cached sessions hold a copy of the user: read it again.
    forget_tokens_of(user_id, "");
}

void IdentityStore::set_disabled(std::int64_t user_id, bool disabled) {
    {
        std::lock_guard lock(mutex_);
        SQLite::Transaction transaction(*db_);
        SQLite::Statement q(*db_, "UPDATE server_users SET disabled = ? WHERE id = ?");
        q.bind(1, disabled ? 1 : 0);
        q.bind(2, static_cast<int64_t>(user_id));
        q.exec();
        if (disabled) {
            SQLite::Statement end(*db_, "DELETE FROM server_sessions WHERE user_id = ?");
            end.bind(1, static_cast<int64_t>(user_id));
            end.exec();
        }
        transaction.commit();
    }
    forget_tokens_of(user_id, "");
}

void IdentityStore::set_password(std::int64_t user_id, const std::string& password, const std::string& keep_token,
                                 const std::string& field) {
    if (auto problem = password_problem(password)) throw InvalidInput(std::vector<FieldError>{FieldError{field, *problem}});
    const std::string hash = hash_password(password);  // slow: outside the lock
    const std::string keep = keep_token.empty() ? std::string() : sha256_hex(keep_token);
    {
        std::lock_guard lock(mutex_);
        SQLite::Transaction transaction(*db_);
        SQLite::Statement q(*db_, "UPDATE server_users SET password_hash = ? WHERE id = ?");
        q.bind(1, hash);
        q.bind(2, static_cast<int64_t>(user_id));
        q.exec();
        SQLite::Statement end(*db_, "DELETE FROM server_sessions WHERE user_id = ? AND token_sha256 <> ?");
        end.bind(1, static_cast<int64_t>(user_id));
        end.bind(2, keep);
        end.exec();
        transaction.commit();
    }
    forget_tokens_of(user_id, keep);
}

std::string generate_password() {
    ensure_sodium();
    // No 0/O, 1/l/I: read aloud or copied by hand without mistakes.
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += alphabet[randombytes_uniform(sizeof alphabet - 1)];
    }
    return out;
}

std::optional<StoredResponse> IdentityStore::stored_response(std::int64_t user_id, const std::string& key) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT request_hash, status, content_type, body FROM server_idempotency "
                              "WHERE user_id = ? AND key = ?");
    q.bind(1, static_cast<int64_t>(user_id));
    q.bind(2, key);
    if (!q.executeStep()) return std::nullopt;
    return StoredResponse{q.getColumn(0).getString(), q.getColumn(1).getInt(), q.getColumn(2).getString(),
                          q.getColumn(3).getString()};
}

void IdentityStore::store_response(std::int64_t user_id, const std::string& key, const StoredResponse& response,
                                   TimePoint now) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "INSERT OR IGNORE INTO server_idempotency "
                              "(user_id, key, request_hash, status, content_type, body, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<int64_t>(user_id));
    q.bind(2, key);
    q.bind(3, response.request_hash);
    q.bind(4, response.status);
    q.bind(5, response.content_type);
    q.bind(6, response.body);
    q.bind(7, seconds(now));
    q.exec();
}

void IdentityStore::add_document(const DocumentRecord& d) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "INSERT OR IGNORE INTO server_documents "
                              "(sha256, case_id, name, content_type, size, uploaded_by, uploaded_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, d.sha256);
    q.bind(2, static_cast<int64_t>(d.case_id));
    q.bind(3, d.name);
    q.bind(4, d.content_type);
    q.bind(5, static_cast<int64_t>(d.size));
    q.bind(6, d.uploaded_by);
    q.bind(7, seconds(d.uploaded_at));
    q.exec();
}

std::vector<DocumentRecord> IdentityStore::documents_of(std::int64_t case_id) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT sha256, case_id, name, content_type, size, uploaded_by, uploaded_at "
                              "FROM server_documents WHERE case_id = ? ORDER BY uploaded_at, name");
    q.bind(1, static_cast<int64_t>(case_id));
    std::vector<DocumentRecord> out;
    while (q.executeStep()) out.push_back(read_document(q));
    return out;
}

std::vector<DocumentRecord> IdentityStore::document_uses(const std::string& sha256) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT sha256, case_id, name, content_type, size, uploaded_by, uploaded_at "
                              "FROM server_documents WHERE sha256 = ? ORDER BY case_id");
    q.bind(1, sha256);
    std::vector<DocumentRecord> out;
    while (q.executeStep()) out.push_back(read_document(q));
    return out;
}

}  // namespace tata::server
