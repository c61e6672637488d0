#include "app/background.hpp"

#include "app/log_line.hpp"

#include <tata/sha256.hpp>

#include <algorithm>
#include <ostream>

namespace tata::server {
namespace fs = std::filesystem;

std::string definitions_fingerprint(const DefinitionSources& sources) {
    std::vector<std::string> lines;
    auto add = [&](const fs::path& path) {
        std::error_code ec;
        const auto size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
        const auto time = fs::last_write_time(path, ec).time_since_epoch().count();
        lines.push_back(path.string() + " " + std::to_string(size) + " " + std::to_string(time));
    };
    for (const auto* group : {&sources.workflows, &sources.rules, &sources.plugins}) {
        for (const auto& root : *group) {
            std::error_code ec;
            if (fs::is_directory(root, ec)) {
                for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
                     it.increment(ec))
                    if (it->is_regular_file(ec)) add(it->path());
            } else {
                add(root);
            }
        }
    }
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const auto& line : lines) all += line + "\n";
    return sha256_hex(all);
}

BackgroundJobs::BackgroundJobs(Service& service, std::ostream& log)
    : service_(service),
      log_(log),
      fingerprint_(definitions_fingerprint(service.config().sources)),
      notifications_(service, log) {
    thread_ = std::thread([this] { run(); });
}

BackgroundJobs::~BackgroundJobs() { stop(); }

void BackgroundJobs::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    notifications_.stop();
}

void BackgroundJobs::run() {
    using clock = std::chrono::steady_clock;
    const auto timers = service_.config().timer_interval;
    const auto watch = service_.config().watch_interval;
    auto next_timers = clock::now() + timers;
    auto next_watch = clock::now() + watch;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        auto next = clock::time_point::max();
        if (timers.count() > 0) next = std::min(next, next_timers);
        if (watch.count() > 0) next = std::min(next, next_watch);
        if (next == clock::time_point::max()) {
            wake_.wait(lock, [this] { return stopping_; });
            break;
        }
        wake_.wait_until(lock, next, [this] { return stopping_; });
        if (stopping_) break;
        lock.unlock();
        const auto now = clock::now();
        if (timers.count() > 0 && now >= next_timers) {
            fire_timers();
            next_timers = now + timers;
        }
        if (watch.count() > 0 && now >= next_watch) {
            watch_definitions();
            follow_deployment();
            next_watch = now + watch;
        }
        lock.lock();
    }
}

void BackgroundJobs::fire_timers() {
    try {
        const auto result = service_.engine().run_due_timers();
        if (result.fired > 0 || !result.errors.empty())
            log_line(log_, "tata serve: timers: " + std::to_string(result.fired) + " fired, " +
                               std::to_string(result.incidents) + " incident(s), " +
                               std::to_string(result.errors.size()) + " error(s)");
        for (const auto& error : result.errors) log_line(log_, "tata serve: timer: " + error);
    } catch (const std::exception& e) {
        log_line(log_, std::string("tata serve: timers: ") + e.what());
    }
}

void BackgroundJobs::watch_definitions() {
    const std::string now = definitions_fingerprint(service_.config().sources);
    if (now == fingerprint_) return;
    fingerprint_ = now;
    ReloadResult result;
    try {
        result = service_.reload();
    } catch (const std::exception& e) {
        // Not out of this thread: an exception here would end the process.
        log_line(log_, std::string("tata serve: definitions changed, reloading them failed: ") + e.what());
        return;
    }
    if (result.ok) {
        log_line(log_, "tata serve: definitions changed: generation " + std::to_string(result.generation) + " loaded");
        return;
    }
    std::string text = "tata serve: definitions changed but refused; generation " + std::to_string(result.generation) +
                       " keeps serving:";
    for (const auto& d : result.errors) text += "\n  " + d.to_string();
    for (const auto& line : result.policy_errors) text += "\n  " + line;
    log_line(log_, text);
}

void BackgroundJobs::follow_deployment() {
    try {
        const auto followed = service_.follow_deployment();
        if (!followed.changed) return;
        if (followed.status.in_step) {
            log_line(log_, "tata serve: serving the deployment's generation " +
                               std::to_string(followed.status.generation));
            return;
        }
        std::string text = "tata serve: OUT OF STEP: another node posted definitions that this node's folders do not "
                           "hold; it answers 503 (but /healthz, /metrics and the admin's definitions and reload) until its folders match";
        for (const auto& d : followed.reload.errors) text += "\n  " + d.to_string();
        for (const auto& line : followed.reload.policy_errors) text += "\n  " + line;
        log_line(log_, text);
    } catch (const std::exception& e) {
        log_line(log_, std::string("tata serve: following the deployment's definitions: ") + e.what());
    }
}

}  // namespace tata::server
