#include "identity/login_throttle.hpp"

#include <algorithm>
#include <iterator>

namespace tata::server {

std::chrono::seconds LoginThrottle::wait_of(const Failures& f, int free, TimePoint now) {
    if (f.count < free) return std::chrono::seconds(0);
    const int doublings = std::min(f.count - free, 10);  // 2^10 s > 15 minutes
    const auto wait = std::min(std::chrono::seconds(1LL << doublings), kLongestWait);
    const auto ready = f.last + wait;
    if (now >= ready) return std::chrono::seconds(0);
    return std::chrono::duration_cast<std::chrono::seconds>(ready - now) + std::chrono::seconds(1);
}

std::chrono::seconds LoginThrottle::wait(const std::string& username, const std::string& client, TimePoint now) {
    std::lock_guard lock(mutex_);
    std::chrono::seconds longest(0);
    if (auto it = by_name_.find(username); it != by_name_.end())
        longest = std::max(longest, wait_of(it->second, kFreeFailuresPerName, now));
    if (auto it = by_client_.find(client); it != by_client_.end())
        longest = std::max(longest, wait_of(it->second, kFreeFailuresPerClient, now));
    return longest;
}

void LoginThrottle::failed(const std::string& username, const std::string& client, TimePoint now) {
    std::lock_guard lock(mutex_);
    // Names sprayed by a guesser must not grow memory without bound: past a
    // size, forget what is older than the longest wait.
    for (auto* table : {&by_name_, &by_client_}) {
        if (table->size() < kMaxTracked) continue;
        for (auto it = table->begin(); it != table->end();)
            it = now - it->second.last > kLongestWait ? table->erase(it) : std::next(it);
    }
    for (Failures* f : {&by_name_[username], &by_client_[client]}) {
        // A quiet quarter of an hour forgives the past failures.
        if (f->count > 0 && now - f->last > kLongestWait) f->count = 0;
        ++f->count;
        f->last = now;
    }
}

void LoginThrottle::succeeded(const std::string& username) {
    std::lock_guard lock(mutex_);
    by_name_.erase(username);
}

}  // namespace tata::server
