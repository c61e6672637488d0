// The server's own tables beside the engine's, in the same SQLite file:
// users (Argon2id password hashes), bearer tokens (stored as SHA-256, never
// in clear), Idempotency-Key results and document metadata. Its own
// connection and its own schema version (server_schema), so the engine's
// migrations never see these tables.
#pragma once

#include "identity/user.hpp"

#include <tata/clock.hpp>

#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
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
};

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
    std::optional<User> find_user(const std::string& username);
    std::vector<User> users_of(const std::string& regency);

    // The user when the password is right; nullopt otherwise (as slow for an
    // unknown name as for a wrong password).
    std::optional<User> authenticate(const std::string& username, const std::string& password);

    IssuedToken issue_token(const User& user, TimePoint now, std::chrono::seconds lifetime);
    std::optional<User> user_of_token(const std::string& token, TimePoint now);
    void revoke_token(const std::string& token);

    std::optional<StoredResponse> stored_response(std::int64_t user_id, const std::string& key);
    void store_response(std::int64_t user_id, const std::string& key, const StoredResponse& response, TimePoint now);

    void add_document(const DocumentRecord& document);
    std::vector<DocumentRecord> documents_of(std::int64_t case_id);
    std::vector<DocumentRecord> document_uses(const std::string& sha256);

private:
    void migrate();

    std::unique_ptr<SQLite::Database> db_;
    std::mutex mutex_;

    // Tokens already checked, by SHA-256: every request presents one, and
    // the database need not be asked each time. Revoking drops the entry.
    struct KnownToken {
        User user;
        TimePoint expires_at{};
    };
    std::shared_mutex tokens_mutex_;
    std::unordered_map<std::string, KnownToken> known_tokens_;
};

}  // namespace tata::server
