// Slows down guessing passwords: after a few failed logins for one user name
// (or from one client address), further attempts wait, longer each time
// (1 s, 2 s, 4 s, ... up to 15 minutes), answered 429 with Retry-After. A
// successful login clears the name's count. Kept in memory: a restart
// forgets it, which only gives an attacker the first few tries again.
#pragma once

#include <tata/clock.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace tata::server {

class LoginThrottle {
public:
    static constexpr int kFreeFailuresPerName = 5;
    static constexpr int kFreeFailuresPerClient = 20;
    static constexpr std::chrono::seconds kLongestWait{15 * 60};
    static constexpr std::size_t kMaxTracked = 100'000;

    // How long the caller must wait before trying again; zero: go ahead.
    std::chrono::seconds wait(const std::string& username, const std::string& client, TimePoint now);
    void failed(const std::string& username, const std::string& client, TimePoint now);
    void succeeded(const std::string& username);

private:
    struct Failures {
        int count = 0;
        TimePoint last{};
    };
    static std::chrono::seconds wait_of(const Failures& f, int free, TimePoint now);

    std::mutex mutex_;
    std::map<std::string, Failures> by_name_;
    std::map<std::string, Failures> by_client_;
};

}  // namespace tata::server
