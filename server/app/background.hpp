// What the server does on its own while it runs: fires due escalations and
// wait timers (the same code as `tata timers run`) every timer interval, and
// reloads the definitions when a file under the workflow, rules or plugin
// folders changes (the same reload as POST /api/v1/admin/reload), and
// runs the notification outbox (notify/notification_jobs.hpp) on a thread
// of its own.
#pragma once

#include "api/service.hpp"
#include "notify/notification_jobs.hpp"

#include <condition_variable>
#include <filesystem>
#include <iosfwd>
#include <mutex>
#include <thread>

namespace tata::server {

// A fingerprint of the files under the given paths (names, sizes, times):
// it changes when any file is added, removed or written.
std::string definitions_fingerprint(const DefinitionSources& sources);

class BackgroundJobs {
public:
    BackgroundJobs(Service& service, std::ostream& log);
    ~BackgroundJobs();
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

    void stop();
    notify::NotificationJobs& notifications() { return notifications_; }

private:
    void run();
    void fire_timers();
    void watch_definitions();
    // Follows a generation another node of the deployment posted.
    void follow_deployment();

    Service& service_;
    std::ostream& log_;
    std::string fingerprint_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
    notify::NotificationJobs notifications_;
};

}  // namespace tata::server
