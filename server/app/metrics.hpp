// Request counters and a latency histogram, kept in memory and rendered as
// Prometheus text with the engine's gauges (cases by workflow and state,
// incidents, open overdue tasks) read when /metrics is scraped.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace tata {
class Engine;
}

namespace tata::server {

class Metrics {
public:
    void record(const std::string& method, const std::string& route, int status, std::chrono::microseconds took);
    std::string render(Engine& engine) const;

    static constexpr std::array<double, 10> kBucketsSeconds = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                               0.05,  0.1,    0.25,  1.0,  5.0};

private:
    struct Histogram {
        std::array<std::uint64_t, kBucketsSeconds.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;  // by route
    std::uint64_t reloads_ok_ = 0;
    std::uint64_t reloads_refused_ = 0;

    std::uint64_t notifications_sent_ = 0;
    std::uint64_t notifications_retried_ = 0;  // attempts that failed and will be tried again
    std::uint64_t notifications_failed_ = 0;   // given up after the last attempt
    std::int64_t notifications_pending_ = 0;

public:
    void count_reload(bool ok);
    // What a delivery pass did, and how many wait in the outbox after it.
    void count_notifications(std::uint64_t sent, std::uint64_t retried, std::uint64_t failed, std::int64_t pending);
};

}  // namespace tata::server
