#include "notify/notification_jobs.hpp"

#include "app/log_line.hpp"
#include "notify/notification_projector.hpp"

#include <algorithm>
#include <ostream>
#include <map>
#include <set>
#include <tuple>

namespace tata::server::notify {

std::optional<std::chrono::seconds> retry_delay(int attempts) {
    if (attempts >= kMaxAttempts) return std::nullopt;
    const int doublings = std::clamp(attempts - 1, 0, 7);  // 30 s × 2^7 = 64 min: capped at an hour
    return std::min(std::chrono::seconds(30) * (1 << doublings), std::chrono::seconds(3600));
}

NotificationJobs::NotificationJobs(Service& service, std::ostream& log)
    : service_(service),
      log_(log),
      smtp_{service.config().smtp_host, service.config().smtp_port, service.config().smtp_from,
            service.config().smtp_timeout} {
    if (service_.config().notify_interval.count() > 0) thread_ = std::thread([this] { run(); });
}

NotificationJobs::~NotificationJobs() { stop(); }

void NotificationJobs::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void NotificationJobs::run() {
    const auto interval = service_.config().notify_interval;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, interval, [this] { return stopping_; });
        if (stopping_) break;
        lock.unlock();
        try {
            const PassReport report = run_pass();
            if (report.made + report.sent + report.retried + report.failed > 0)
                log_line(log_, "tata serve: notifications: " + std::to_string(report.made) + " made, " +
                                   std::to_string(report.sent) + " sent, " + std::to_string(report.retried) +
                                   " to retry, " + std::to_string(report.failed) + " given up");
        } catch (const std::exception& e) {
            log_line(log_, std::string("tata serve: notifications: ") + e.what());
        }
        lock.lock();
    }
}

bool NotificationJobs::channel_available(const std::string& channel) const {
    if (channel == "email") return !smtp_.host.empty();
    const auto plugins = service_.engine().definitions()->plugins;
    return plugins && plugins->has_channel(channel);
}

PassReport NotificationJobs::run_pass() {
    std::lock_guard pass(pass_mutex_);
    PassReport report;
    const auto rules = service_.notification_rules();
    NotificationProjector projector(service_.engine(), service_.identity(), service_.outbox(),
                                    [this](const std::string& channel) { return channel_available(channel); });
    if (rules) {
        report.made += projector.follow_events(*rules);
        // Deadlines move by the minute at most: a scan of the tasks due
        // soon once a minute is enough.
        const TimePoint now = service_.now();
        if (now >= next_deadline_scan_ || now < next_deadline_scan_ - std::chrono::minutes(1)) {
            report.made += projector.remind_deadlines(*rules);
            next_deadline_scan_ = now + std::chrono::minutes(1);
        }
    }
    deliver(report);
    service_.metrics().count_notifications(report.sent, report.retried, report.failed,
                                           service_.outbox().pending_count());
    return report;
}

namespace {

// The rule an entry was made by, in the rules being served (nullptr when
// the regency has since removed it: the entry still goes, on its own).
const NotificationRule* rule_of(const RulesByRegency* rules, const OutboxEntry& entry) {
    if (rules == nullptr) return nullptr;
    const auto regency = rules->find(entry.regency);
    if (regency == rules->end()) return nullptr;
    for (const auto& rule : regency->second.rules)
        if (rule.id == entry.rule) return &rule;
    return nullptr;
}

// One message to send: one entry, or a digest of several entries of one
// rule for one person on one channel.
struct Delivery {
    std::vector<OutboxEntry> entries;
    const NotificationRule* rule = nullptr;
};

std::vector<Delivery> gather(const std::vector<OutboxEntry>& due, const RulesByRegency* rules) {
    std::vector<Delivery> out;
    std::map<std::tuple<std::int64_t, std::string, std::string, std::string>, std::size_t> digests;
    for (const auto& entry : due) {
        const NotificationRule* rule = rule_of(rules, entry);
        if (rule == nullptr || !rule->digest_subject || !rule->digest_body) {
            out.push_back({{entry}, rule});
            continue;
        }
        const auto key = std::make_tuple(entry.user_id, entry.channel, entry.regency, entry.rule);
        const auto [it, added] = digests.emplace(key, out.size());
        if (added) out.push_back({{}, rule});
        out[it->second].entries.push_back(entry);
    }
    return out;
}

}  // namespace

std::size_t NotificationJobs::deliver(PassReport& report) {
    Outbox& outbox = service_.outbox();
    const TimePoint now = service_.now();
    const auto rules = service_.notification_rules();
    const auto definitions = service_.engine().definitions();
    // A channel that failed once in this pass is not tried again in it:
    // a mail server that is down costs one timeout per pass, not one per
    // waiting message.
    std::set<std::string> failing;
    std::size_t handled = 0;
    for (auto& delivery : gather(outbox.claim_due(now, 200), rules.get())) {
        if (failing.count(delivery.entries.front().channel)) {
            for (const auto& entry : delivery.entries) outbox.release(entry);  // the next pass tries again
            continue;
        }
        // A slow pass may have outlived its claim on some: another node's
        // pass holds those now, and sends them.
        std::erase_if(delivery.entries, [&](OutboxEntry& entry) { return !outbox.renew(entry, service_.now()); });
        if (delivery.entries.empty()) continue;
        const OutboxEntry& first = delivery.entries.front();
        // Whom no retry can reach: given up at once, not tried for a day.
        const auto user = service_.identity().user_by_id(first.user_id);
        const char* unreachable = !user || user->disabled ? "the account no longer exists or is disabled"
                                  : first.channel == "email" && user->email.empty()
                                      ? "the person no longer has an e-mail address"
                                      : nullptr;
        if (unreachable != nullptr) {
            for (const auto& entry : delivery.entries) outbox.mark_attempt_failed(entry.id, unreachable, std::nullopt);
            report.failed += delivery.entries.size();
            continue;
        }
        ChannelMessage message{first.regency, user->username, user->email, user->phone, first.subject, first.body};
        if (delivery.entries.size() > 1) {
            std::string list;
            for (const auto& entry : delivery.entries) list += "- " + entry.subject + "\n";
            const Regency* regency = definitions->find_regency(first.regency);
            const std::map<std::string, std::string, std::less<>> values = {
                {"jumlah", std::to_string(delivery.entries.size())},
                {"daftar", list},
                {"kabupaten", regency ? regency->name : std::string()}};
            message.subject = delivery.rule->digest_subject->render(values);
            message.body = delivery.rule->digest_body->render(values);
        }
        DeliveryOutcome outcome;
        if (first.channel == "email") {
            outcome = send_email(smtp_, message);
        } else {
            outcome = definitions->plugins ? definitions->plugins->deliver(first.channel, message)
                                           : DeliveryOutcome{false, "no plugins are loaded"};
        }
        ++handled;
        for (const auto& entry : delivery.entries) {
            if (outcome.ok) {
                outbox.mark_sent(entry.id, now);
                ++report.sent;
                continue;
            }
            const auto delay = retry_delay(entry.attempts + 1);
            outbox.mark_attempt_failed(entry.id, outcome.error, delay ? std::optional<TimePoint>(now + *delay) : std::nullopt);
            ++(delay ? report.retried : report.failed);
        }
        if (!outcome.ok) {
            failing.insert(first.channel);
            log_line(log_, "tata serve: notification " + std::to_string(first.id) +
                               (delivery.entries.size() > 1 ? " and " + std::to_string(delivery.entries.size() - 1) + " more"
                                                            : std::string()) +
                               " (" + first.channel + "): " + outcome.error);
        }
    }
    return handled;
}

}  // namespace tata::server::notify
