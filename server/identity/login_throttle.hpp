// Slows down guessing passwords without letting a guesser lock anyone else
// out. Failures are counted per (user name, client address) pair: after a
// few, that pair waits, longer each time (1 s, 2 s, 4 s, ... up to 15
// minutes), answered 429 with Retry-After. The same user from another
// address is not slowed, so naming an account is not enough to lock it. A
// client address also has an overall allowance across every name it tries,
// so one address cannot spray many accounts either.
//
// Every attempt reserves its count BEFORE the password is checked (begin()),
// under one lock: 40 parallel guesses get 5 checks, not 15. A successful
// login clears its pair and gives the client its reservation back.
//
// The tables are keyed by a keyed 64-bit hash (SipHash) of the name and the
// address, never by the text itself, and hold at most kMaxTracked entries
// each: a guesser sending huge or endless names cannot grow memory.
//
// Beside an SQLite file (one node) the counts are kept in memory, under a
// key drawn per process: a restart forgets them, which only gives an
// attacker the first few tries again. On PostgreSQL they are a table every
// node shares, under one key kept there too: a guesser spreading attempts
// over the nodes behind a proxy gets no more tries than from one. Entries
// older than kLongestWait are purged as attempts come.
#pragma once

#include <tata/clock.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tata::tables {
class Database;
}

namespace tata::server {

class LoginThrottle {
public:
    static constexpr int kFreeFailuresPerPair = 5;     // per (user name, client address)
    static constexpr int kFreeFailuresPerClient = 20;  // per client address, across every name
    // Kept for callers that speak of "per name": it is per name and client.
    static constexpr int kFreeFailuresPerName = kFreeFailuresPerPair;
    static constexpr std::chrono::seconds kLongestWait{15 * 60};
    static constexpr std::size_t kMaxTracked = 100'000;  // entries per table (~64 bytes each)

    // In memory, for one process.
    LoginThrottle();
    // For the deployment's database: shared through it on PostgreSQL, in
    // memory beside an SQLite file.
    explicit LoginThrottle(const std::string& database);
    ~LoginThrottle();

    // One login attempt. Either `wait` > 0 (refuse: try again after it) or
    // the attempt holds a reserved count that stays a failure unless
    // succeeded() is called.
    struct Attempt {
        std::chrono::seconds wait{0};
        std::uint64_t pair = 0;
        std::uint64_t client = 0;
    };
    Attempt begin(const std::string& username, const std::string& client, TimePoint now);
    // The password was right: the pair starts afresh, the client gets its
    // reserved count back.
    void succeeded(const Attempt& attempt);

    // How many entries the tables hold (both together), for tests and metrics.
    std::size_t tracked() const;

private:
    struct Failures {
        int count = 0;
        TimePoint last{};
    };
    using Table = std::unordered_map<std::uint64_t, Failures>;

    static std::chrono::seconds wait_of(const Failures& f, int free, TimePoint now);
    std::uint64_t key_of(const std::string& a, const std::string& b) const;
    static void make_room(Table& table, TimePoint now);
    static void count(Table& table, std::uint64_t key, TimePoint now);
    // The same steps on the shared table.
    void begin_shared(Attempt& attempt, TimePoint now);
    void succeeded_shared(const Attempt& attempt);

    std::array<unsigned char, 16> hash_key_{};
    mutable std::mutex mutex_;
    Table by_pair_;
    Table by_client_;
    std::unique_ptr<tables::Database> shared_;  // PostgreSQL's table, or null: the maps
};

}  // namespace tata::server
