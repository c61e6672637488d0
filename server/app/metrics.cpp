#include "app/metrics.hpp"

#include <tata/engine.hpp>

#include <set>
#include <sstream>

namespace tata::server {
namespace {

std::string label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

void Metrics::record(const std::string& method, const std::string& route, int status, std::chrono::microseconds took) {
    const double seconds = static_cast<double>(took.count()) / 1e6;
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    Histogram& h = latency_[route];
    for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i)
        if (seconds <= kBucketsSeconds[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::count_reload(bool ok) {
    std::lock_guard lock(mutex_);
    ++(ok ? reloads_ok_ : reloads_refused_);
}

void Metrics::count_notifications(std::uint64_t sent, std::uint64_t retried, std::uint64_t failed,
                                  std::int64_t pending) {
    std::lock_guard lock(mutex_);
    notifications_sent_ += sent;
    notifications_retried_ += retried;
    notifications_failed_ += failed;
    notifications_pending_ = pending;
}

std::string Metrics::render(Engine& engine) const {
    std::ostringstream out;
    {
        std::lock_guard lock(mutex_);
        out << "# HELP tata_http_requests_total HTTP requests by method, route and status.\n"
               "# TYPE tata_http_requests_total counter\n";
        for (const auto& [key, count] : requests_) {
            const auto& [method, route, status] = key;
            out << "tata_http_requests_total{method=\"" << method << "\",route=\"" << label(route) << "\",status=\""
                << status << "\"} " << count << "\n";
        }
        out << "# HELP tata_http_request_duration_seconds Time to answer a request, by route.\n"
               "# TYPE tata_http_request_duration_seconds histogram\n";
        for (const auto& [route, h] : latency_) {
            for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i)
                out << "tata_http_request_duration_seconds_bucket{route=\"" << label(route) << "\",le=\""
                    << kBucketsSeconds[i] << "\"} " << h.buckets[i] << "\n";
            out << "tata_http_request_duration_seconds_bucket{route=\"" << label(route) << "\",le=\"+Inf\"} " << h.count
                << "\n";
            out << "tata_http_request_duration_seconds_sum{route=\"" << label(route) << "\"} " << h.sum << "\n";
            out << "tata_http_request_duration_seconds_count{route=\"" << label(route) << "\"} " << h.count << "\n";
        }
        out << "# HELP tata_reloads_total Definition reloads, accepted or refused.\n"
               "# TYPE tata_reloads_total counter\n"
               "tata_reloads_total{result=\"ok\"} "
            << reloads_ok_ << "\ntata_reloads_total{result=\"refused\"} " << reloads_refused_ << "\n";
        out << "# HELP tata_notifications_sent_total Notifications a channel accepted.\n"
               "# TYPE tata_notifications_sent_total counter\ntata_notifications_sent_total "
            << notifications_sent_
            << "\n# HELP tata_notifications_retries_total Delivery attempts that failed and will be tried again.\n"
               "# TYPE tata_notifications_retries_total counter\ntata_notifications_retries_total "
            << notifications_retried_
            << "\n# HELP tata_notifications_failed_total Notifications given up after their last attempt.\n"
               "# TYPE tata_notifications_failed_total counter\ntata_notifications_failed_total "
            << notifications_failed_
            << "\n# HELP tata_notifications_pending Notifications waiting in the outbox.\n"
               "# TYPE tata_notifications_pending gauge\ntata_notifications_pending "
            << notifications_pending_ << "\n";
    }

    const auto definitions = engine.definitions();
    out << "# HELP tata_cases Cases by workflow and state.\n# TYPE tata_cases gauge\n";
    std::set<std::string> ids;
    for (const auto& [key, workflow] : definitions->workflows) ids.insert(key.first);
    for (const auto& id : ids) {
        const auto latest = definitions->latest(id);
        if (!latest) continue;
        for (const auto& state : latest->states) {
            CaseFilter filter;
            filter.workflow_id = id;
            filter.state = state.name;
            const std::size_t n = engine.count_cases(filter);
            if (n > 0) out << "tata_cases{workflow=\"" << id << "\",state=\"" << state.name << "\"} " << n << "\n";
        }
    }
    CaseFilter incidents;
    incidents.status = CaseStatus::incident;
    out << "# HELP tata_cases_with_incident Cases parked on an open incident.\n# TYPE tata_cases_with_incident gauge\n"
        << "tata_cases_with_incident " << engine.count_cases(incidents) << "\n";
    TaskFilter overdue;
    overdue.overdue_at = engine.clock().now();
    out << "# HELP tata_tasks_overdue Open tasks past their due date.\n# TYPE tata_tasks_overdue gauge\n"
        << "tata_tasks_overdue " << engine.count_tasks(overdue) << "\n";
    TaskFilter open;
    out << "# HELP tata_tasks_open Open tasks.\n# TYPE tata_tasks_open gauge\n"
        << "tata_tasks_open " << engine.count_tasks(open) << "\n";
    return out.str();
}

}  // namespace tata::server
