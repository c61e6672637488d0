#include "identity/login_throttle.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace tata::server {

static_assert(crypto_shorthash_KEYBYTES == 16 && crypto_shorthash_BYTES == 8);

LoginThrottle::LoginThrottle() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    // A key of our own: nobody outside can pick names that collide.
    crypto_shorthash_keygen(hash_key_.data());
}

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

void LoginThrottle::succeeded(const Attempt& attempt) {
    std::lock_guard lock(mutex_);
    by_pair_.erase(attempt.pair);
    if (auto it = by_client_.find(attempt.client); it != by_client_.end()) {
        if (--it->second.count <= 0) by_client_.erase(it);
    }
}

std::size_t LoginThrottle::tracked() const {
    std::lock_guard lock(mutex_);
    return by_pair_.size() + by_client_.size();
}

}  // namespace tata::server
