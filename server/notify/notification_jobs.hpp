// The outbox's worker: every notify interval it makes the entries of what
// happened since the last pass (NotificationProjector) and delivers those
// that are due, each through its channel. A failed attempt is tried again
// later, waiting longer each time; after the last attempt the entry is
// marked failed and shown to the regency's admin. Runs on its own thread,
// so a slow mail server never holds up escalations or requests.
#pragma once

#include "api/service.hpp"
#include "notify/email_channel.hpp"

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <thread>

namespace tata::server::notify {

// How long to wait before attempt `attempts + 1` after `attempts` failed:
// 30 s, 1 min, 2 min, ... up to 1 hour; nullopt after kMaxAttempts (about
// a day of trying).
inline constexpr int kMaxAttempts = 30;
std::optional<std::chrono::seconds> retry_delay(int attempts);

struct PassReport {
    std::size_t made = 0;     // new outbox entries
    std::size_t sent = 0;
    std::size_t retried = 0;  // failed, tried again later
    std::size_t failed = 0;   // given up
};

class NotificationJobs {
public:
    // Starts the thread when the configuration's notify_interval is > 0.
    NotificationJobs(Service& service, std::ostream& log);
    ~NotificationJobs();
    NotificationJobs(const NotificationJobs&) = delete;
    NotificationJobs& operator=(const NotificationJobs&) = delete;

    void stop();
    // One pass now, on the caller's thread (the loop's passes run the same).
    PassReport run_pass();

private:
    void run();
    std::size_t deliver(PassReport& report);
    bool channel_available(const std::string& channel) const;

    Service& service_;
    std::ostream& log_;
    SmtpSettings smtp_;
    std::mutex pass_mutex_;  // one pass at a time
    TimePoint next_deadline_scan_{};  // by the engine's clock
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace tata::server::notify
