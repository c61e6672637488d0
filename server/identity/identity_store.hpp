// The server's own tables beside the engine's, in the same database (an
// SQLite file or PostgreSQL): users (Argon2id password hashes, a disabled
// flag), sessions (one per bearer token, stored as SHA-256, never in
// clear), Idempotency-Key results and document metadata. Its own
// connection and its own schema version (server_schema), so the engine's
// migrations never see these tables.
#pragma once

#include "identity/user.hpp"

#include <tata/clock.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

namespace tata::tables {
class Database;
}

namespace tata::server {

struct NewUser {
    std::string username;
    std::string regency;
    std::string role;
    std::string vendor;
    std::string nik;
    std::string opd;
    std::string email{};  // optional: where notifications reach them
    std::string phone{};
};

// A login that has not ended: what its user and their admin may see of it
// (never the token).
struct Session {
    std::int64_t id = 0;
    std::string token_sha256;  // to tell the caller's own session; never shown
    TimePoint issued_at{};
    TimePoint expires_at{};
    TimePoint last_seen_at{};  // to the minute (kLastSeenResolution)
    std::string client;        // the address it logged in from
};

// What is wrong with a new password ("at least 10 characters", "at most
// 1024 bytes"), or nullopt.
std::optional<std::string> password_problem(const std::string& password);

// What is wrong with an e-mail address or a phone number ("" is fine: none).
std::optional<std::string> email_problem(const std::string& email);
std::optional<std::string> phone_problem(const std::string& phone);
// A random password for an admin's reset: 16 letters and digits that cannot
// be misread, in groups of four.
std::string generate_password();

struct IssuedToken {
    std::string token;  // shown once, to the client
    TimePoint expires_at{};
};

// What a POST with an Idempotency-Key answered the first time.
struct StoredResponse {
    std::string request_hash;  // method, path and body: a reused key with another request is refused
    int status = 0;
    std::string content_type;
    std::string body;
};

struct DocumentRecord {
    std::string sha256;  // hex, the blob's name
    std::int64_t case_id = 0;
    std::string name;
    std::string content_type;
    std::int64_t size = 0;
    std::string uploaded_by;
    TimePoint uploaded_at{};
};

class IdentityStore {
public:
    explicit IdentityStore(const std::filesystem::path& database);
    ~IdentityStore();

    // Throws InvalidInput (field errors) for a bad user or password, Conflict
    // for a username that exists.
    User add_user(const NewUser& user, const std::string& password);
    // A user whose password was hashed elsewhere (another database of the
    // deployment, moved here; or many users given one known password at
    // once, which would cost one Argon2id hash each): the same checks,
    // and InvalidInput naming `password_hash` when it is not an Argon2id
    // string as tata stores it.
    User add_user_with_hash(const NewUser& user, const std::string& password_hash);
    // The stored Argon2id string of a user's password (never the password:
    // it is not kept); NotFound for no such user.
    std::string password_hash_of(const std::string& username);
    std::optional<User> find_user(const std::string& username);
    std::vector<User> users_of(const std::string& regency);

    std::optional<User> user_by_id(std::int64_t id);

    // The user when the password is right and the user is not disabled;
    // nullopt otherwise (as slow for an unknown or disabled name as for a
    // wrong password).
    std::optional<User> authenticate(const std::string& username, const std::string& password);
    // How many passwords authenticate() has checked (each one Argon2id):
    // what the login throttle must keep small.
    std::uint64_t password_checks() const { return password_checks_.load(); }

    IssuedToken issue_token(const User& user, TimePoint now, std::chrono::seconds lifetime,
                            const std::string& client = "");
    // The token's user, unless the token is unknown, expired, revoked or its
    // user disabled. Cached; a cached answer is checked against the database
    // again after the recheck interval, so a revocation made by another
    // process on the same database counts here within that time.
    std::optional<User> user_of_token(const std::string& token, TimePoint now);
    void revoke_token(const std::string& token);
    static constexpr std::chrono::milliseconds kTokenRecheck{2000};
    static constexpr std::chrono::seconds kLastSeenResolution{60};  // last_seen_at written at most once a minute
    void set_token_recheck(std::chrono::milliseconds interval);  // tests use a shorter one

    // The user's sessions that have not expired, newest first.
    std::vector<Session> sessions_of(std::int64_t user_id, TimePoint now);
    // Ends one session of the user; false when the user has no such session.
    bool revoke_session(std::int64_t user_id, std::int64_t session_id);
    // Ends every session of the user but the one of `keep_token` (empty:
    // all); how many ended.
    int revoke_sessions(std::int64_t user_id, const std::string& keep_token = "");

    // A disabled user cannot log in; disabling ends all their sessions.
    void set_disabled(std::int64_t user_id, bool disabled);
    // A new e-mail address and phone number (empty: none); InvalidInput
    // naming `email` or `phone` when one is not an address or a number.
    void set_contact(std::int64_t user_id, const std::string& email, const std::string& phone);
    // A new password (InvalidInput naming `field` when it is too short or
    // long); every session of the user but the one of `keep_token` ends.
    void set_password(std::int64_t user_id, const std::string& password, const std::string& keep_token,
                      const std::string& field = "password");

    std::optional<StoredResponse> stored_response(std::int64_t user_id, const std::string& key);
    void store_response(std::int64_t user_id, const std::string& key, const StoredResponse& response, TimePoint now);

    void add_document(const DocumentRecord& document);
    std::vector<DocumentRecord> documents_of(std::int64_t case_id);
    std::vector<DocumentRecord> document_uses(const std::string& sha256);

private:
    User insert_user(const NewUser& user, const std::string& hash);
    void forget_tokens_of(std::int64_t user_id, const std::string& keep_sha256);

    std::unique_ptr<tables::Database> db_;
    std::mutex mutex_;

    // Tokens already checked, by SHA-256: every request presents one, and
    // the database need not be asked each time. Revoking here drops the
    // entry; a revocation elsewhere is seen at the next recheck.
    struct KnownToken {
        User user;
        TimePoint expires_at{};
        TimePoint last_seen{};
        std::chrono::steady_clock::time_point checked_at{};
    };
    std::atomic<std::int64_t> token_recheck_ms_{kTokenRecheck.count()};
    std::atomic<std::uint64_t> password_checks_{0};
    std::shared_mutex tokens_mutex_;
    std::unordered_map<std::string, KnownToken> known_tokens_;
};

}  // namespace tata::server
