#include "identity/login_throttle.hpp"

#include <tata/database_location.hpp>
#include <tata/tables.hpp>

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace tata::server {
namespace {

static_assert(crypto_shorthash_KEYBYTES == 16 && crypto_shorthash_BYTES == 8);

const char* const kThrottleTables[] = {
    R"sql(
    CREATE TABLE login_failures (
        key   BIGINT PRIMARY KEY,
        count INTEGER NOT NULL,
        last  BIGINT NOT NULL
    );
    CREATE INDEX login_failures_last ON login_failures (last);
    CREATE TABLE login_throttle_key (
        id  INTEGER PRIMARY KEY CHECK (id = 1),
        key BYTEA NOT NULL
    );
    )sql",
};

// The advisory lock the nodes' login checks take turns on: a check and
// its reservation are one step cluster-wide, as under mutex_ in one process.
constexpr std::int64_t kThrottleTurn = 7306120215;

std::int64_t epoch_seconds(TimePoint at) { return at.time_since_epoch().count(); }
// The hashes as the table's BIGINT keys: the same 64 bits.
std::int64_t stored(std::uint64_t key) { return static_cast<std::int64_t>(key); }

}  // namespace

LoginThrottle::LoginThrottle() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    // A key of our own: nobody outside can pick names that collide.
    crypto_shorthash_keygen(hash_key_.data());
}

LoginThrottle::LoginThrottle(const std::string& database) : LoginThrottle() {
    if (!names_postgresql(database)) return;
    shared_ = tables::open(database);
    tables::migrate(*shared_, "login_throttle_schema", {{}, kThrottleTables}, "the login throttle's tables");
    // Every node hashes with the first node's key, or their entries for
    // one name and address would differ.
    shared_->run("INSERT INTO login_throttle_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
                 {tables::Blob{std::string(reinterpret_cast<const char*>(hash_key_.data()), hash_key_.size())}});
    const std::string key = shared_->query("SELECT key FROM login_throttle_key WHERE id = 1")[0].blob(0);
    if (key.size() != hash_key_.size()) throw std::runtime_error("the login throttle's key in the database is damaged");
    std::copy(key.begin(), key.end(), hash_key_.begin());
}

LoginThrottle::~LoginThrottle() = default;

std::uint64_t LoginThrottle::key_of(const std::string& a, const std::string& b) const {
    // The lengths go in too, so ("ab", "c") and ("a", "bc") differ.
    std::string text = std::to_string(a.size()) + ":" + a + ":" + b;
    std::uint64_t out = 0;
    unsigned char bytes[crypto_shorthash_BYTES];
    crypto_shorthash(bytes, reinterpret_cast<const unsigned char*>(text.data()), text.size(), hash_key_.data());
    for (unsigned char byte : bytes) out = out << 8 | byte;
    return out;
}

std::chrono::seconds LoginThrottle::wait_of(const Failures& f, int free, TimePoint now) {
    if (f.count < free) return std::chrono::seconds(0);
    if (now - f.last > kLongestWait) return std::chrono::seconds(0);  // forgiven, see count()
    const int doublings = std::min(f.count - free, 10);  // 2^10 s > 15 minutes
    const auto wait = std::min(std::chrono::seconds(1LL << doublings), kLongestWait);
    const auto ready = f.last + wait;
    if (now >= ready) return std::chrono::seconds(0);
    return std::chrono::duration_cast<std::chrono::seconds>(ready - now) + std::chrono::seconds(1);
}

void LoginThrottle::make_room(Table& table, TimePoint now) {
    if (table.size() < kMaxTracked) return;
    // First what is older than the longest wait: it holds nobody back.
    for (auto it = table.begin(); it != table.end();)
        it = now - it->second.last > kLongestWait ? table.erase(it) : std::next(it);
    if (table.size() < kMaxTracked) return;
    // Still full (a guesser with very many addresses): drop the oldest
    // quarter at once, so that this scan runs once per many inserts.
    std::vector<TimePoint> lasts;
    lasts.reserve(table.size());
    for (const auto& [key, f] : table) lasts.push_back(f.last);
    auto cut = lasts.begin() + static_cast<std::ptrdiff_t>(lasts.size() / 4);
    std::nth_element(lasts.begin(), cut, lasts.end());
    const TimePoint cutoff = *cut;
    for (auto it = table.begin(); it != table.end();)
        it = it->second.last <= cutoff ? table.erase(it) : std::next(it);
}

void LoginThrottle::count(Table& table, std::uint64_t key, TimePoint now) {
    if (!table.count(key)) make_room(table, now);
    Failures& f = table[key];
    // A quiet quarter of an hour forgives the past failures.
    if (f.count > 0 && now - f.last > kLongestWait) f.count = 0;
    ++f.count;
    f.last = now;
}

LoginThrottle::Attempt LoginThrottle::begin(const std::string& username, const std::string& client, TimePoint now) {
    Attempt attempt;
    attempt.pair = key_of(username, client);
    attempt.client = key_of("", client);  // the empty name is never a user's: its own domain
    std::lock_guard lock(mutex_);
    if (shared_) {
        begin_shared(attempt, now);
        return attempt;
    }
    if (auto it = by_pair_.find(attempt.pair); it != by_pair_.end())
        attempt.wait = std::max(attempt.wait, wait_of(it->second, kFreeFailuresPerPair, now));
    if (auto it = by_client_.find(attempt.client); it != by_client_.end())
        attempt.wait = std::max(attempt.wait, wait_of(it->second, kFreeFailuresPerClient, now));
    if (attempt.wait.count() > 0) return attempt;
    // Reserve now, in the same critical section as the check: parallel
    // attempts see each other's count before any password is hashed.
    count(by_pair_, attempt.pair, now);
    count(by_client_, attempt.client, now);
    return attempt;
}

void LoginThrottle::begin_shared(Attempt& attempt, TimePoint now) {
    tables::Transaction transaction(*shared_);
    tables::take_turns(*shared_, kThrottleTurn);
    shared_->run("DELETE FROM login_failures WHERE last < ?", {epoch_seconds(now - kLongestWait)});
    const tables::Rows rows = shared_->query("SELECT key, count, last FROM login_failures WHERE key = ? OR key = ?",
                                             {stored(attempt.pair), stored(attempt.client)});
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Failures f{static_cast<int>(rows[i].integer(1)), TimePoint{std::chrono::seconds{rows[i].integer(2)}}};
        const bool pair = rows[i].integer(0) == stored(attempt.pair);
        attempt.wait = std::max(attempt.wait, wait_of(f, pair ? kFreeFailuresPerPair : kFreeFailuresPerClient, now));
    }
    if (attempt.wait.count() > 0) return;
    for (const std::uint64_t key : {attempt.pair, attempt.client})
        shared_->run("INSERT INTO login_failures (key, count, last) VALUES (?, 1, ?) ON CONFLICT (key) DO UPDATE SET "
                     "count = login_failures.count + 1, last = excluded.last",
                     {stored(key), epoch_seconds(now)});
    transaction.commit();
}

void LoginThrottle::succeeded_shared(const Attempt& attempt) {
    tables::Transaction transaction(*shared_);
    tables::take_turns(*shared_, kThrottleTurn);
    shared_->run("DELETE FROM login_failures WHERE key = ?", {stored(attempt.pair)});
    shared_->run("UPDATE login_failures SET count = count - 1 WHERE key = ?", {stored(attempt.client)});
    shared_->run("DELETE FROM login_failures WHERE key = ? AND count <= 0", {stored(attempt.client)});
    transaction.commit();
}

void LoginThrottle::succeeded(const Attempt& attempt) {
    std::lock_guard lock(mutex_);
    if (shared_) {
        succeeded_shared(attempt);
        return;
    }
    by_pair_.erase(attempt.pair);
    if (auto it = by_client_.find(attempt.client); it != by_client_.end()) {
        if (--it->second.count <= 0) by_client_.erase(it);
    }
}

std::size_t LoginThrottle::tracked() const {
    std::lock_guard lock(mutex_);
    if (shared_) return static_cast<std::size_t>(shared_->query("SELECT count(*) FROM login_failures")[0].integer(0));
    return by_pair_.size() + by_client_.size();
}

}  // namespace tata::server
