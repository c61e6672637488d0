// What the routes share: the engine, the server's own store, the metrics,
// the configuration, and the reload that the admin route and the file watch
// both use. One per server.
#pragma once

#include "app/group_commit.hpp"
#include "app/metrics.hpp"
#include "app/server_config.hpp"
#include "cluster/generation_board.hpp"
#include "documents/document_blobs.hpp"
#include "http/router.hpp"
#include "identity/identity_store.hpp"
#include "identity/login_throttle.hpp"
#include "letters/letter_templates.hpp"
#include "notify/notification_rules.hpp"
#include "notify/outbox.hpp"
#include "privacy/personal_data_log.hpp"

#include "nik/area_registry.hpp"
#include "ranking/ranking_cache.hpp"
#include "ranking/round_snapshots.hpp"
#include "roster/import_batches.hpp"

#include <tata/engine.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

namespace tata::server {

struct ReloadResult {
    bool ok = false;
    int generation = 0;                 // this node's count of loads
    std::int64_t deployment_generation = 0;  // the deployment's (GenerationBoard), once ok
    std::vector<Diagnostic> errors;  // workflows, rules and plugins
    std::vector<std::string> policy_errors;  // scorecards and formasi ("FILE:LINE:COL: error: ...")
};

class Service {
public:
    Service(ServerConfig config, std::shared_ptr<const Clock> clock = nullptr);

    Engine& engine() { return *engine_; }
    IdentityStore& identity() { return identity_; }
    LoginThrottle& login_throttle() { return throttle_; }
    privacy::PersonalDataLog& personal_data_log() { return personal_data_log_; }
    Metrics& metrics() { return metrics_; }
    ranking::RankingCache& rankings() { return rankings_; }
    // The rankings rounds were proposed with (ranking/round_snapshots.hpp).
    ranking::RoundSnapshots& round_snapshots() { return round_snapshots_; }
    // The roster imports, for listing and undoing (roster/import_batches.hpp).
    roster::ImportBatches& import_batches() { return import_batches_; }
    notify::Outbox& outbox() { return outbox_; }
    // The notification rules of the generation being served.
    std::shared_ptr<const notify::RulesByRegency> notification_rules() const;
    // The letters of the generation being served (letters/letter_templates.hpp).
    std::shared_ptr<const letters::LettersByRegency> letters() const;
    const ServerConfig& config() const { return config_; }
    const Router& router() const { return router_; }
    const nik::AreaRegistry& areas() const { return *areas_; }
    DocumentBlobs& document_blobs() { return document_blobs_; }
    TimePoint now() const { return engine_->clock().now(); }

    // Loads the definitions again; a generation that fails validation (the
    // engine's, or a regency's scorecard and formasi) is refused and the
    // current one keeps serving.
    ReloadResult reload();

    // Where this node stands against the deployment's newest generation
    // (cluster/generation_board.hpp).
    struct DeploymentStatus {
        std::int64_t generation = 0;  // the deployment's generation this node serves; 0: none
        bool in_step = true;          // false: the deployment moved on to content this node's folders do not hold
    };
    DeploymentStatus deployment_status() const;
    // Follows a generation another node posted: loads this node's folders
    // again when the deployment's newest content is not what it serves.
    // Returns whether anything changed, for the log.
    struct FollowResult {
        bool changed = false;
        DeploymentStatus status;
        ReloadResult reload;  // when it loaded
    };
    FollowResult follow_deployment();

    // Answers one request: routing, identity, role, Idempotency-Key,
    // errors as problem+json. Never throws.
    Response handle(Request& request);

private:
    // Loads the definitions again; `post`: a change made here, announced to
    // the other nodes (not when following one of theirs).
    ReloadResult load_again(bool post);
    void post_served(const std::string& content);
    std::optional<Response> refuse_while_out_of_step(const Request& request) const;

    Response dispatch(Request& request, const Router::Match& match);
    // The route's handler, its exceptions turned into problem responses.
    Response run_handler(const Route& route, Request& request);

    // The Idempotency-Keys being answered right now, per user.
    struct InFlight {
        std::mutex mutex;
        std::condition_variable done;
        std::set<std::pair<std::int64_t, std::string>> keys;
    };
    class InFlightKey {
    public:
        InFlightKey(InFlight& in_flight, std::int64_t user, const std::string& key);
        ~InFlightKey();
        InFlightKey(const InFlightKey&) = delete;
        InFlightKey& operator=(const InFlightKey&) = delete;

    private:
        InFlight& in_flight_;
        std::pair<std::int64_t, std::string> key_;
    };

    ServerConfig config_;
    std::unique_ptr<Engine> engine_;
    IdentityStore identity_;
    privacy::PersonalDataLog personal_data_log_;  // reads of workers' personal data
    LoginThrottle throttle_;
    Metrics metrics_;
    ranking::RankingCache rankings_;
    ranking::RoundSnapshots round_snapshots_;
    roster::ImportBatches import_batches_;
    notify::Outbox outbox_;
    DocumentBlobs document_blobs_;
    GenerationBoard generations_;
    mutable std::mutex deployment_mutex_;  // guards the four below
    std::string served_content_;           // definitions_content() of what this node serves
    DeploymentStatus deployment_;
    std::int64_t handled_generation_ = 0;  // the newest posted generation this node has acted on
    bool unposted_ = false;                // serving content the database could not be told of yet
    mutable std::mutex notification_rules_mutex_;  // guards both
    std::shared_ptr<const notify::RulesByRegency> notification_rules_;
    std::shared_ptr<const letters::LettersByRegency> letters_;
    Router router_;
    std::shared_ptr<const nik::AreaRegistry> areas_;
    std::unique_ptr<GroupCommit> group_commit_;  // declared last: stops first
    std::mutex reload_mutex_;
    InFlight in_flight_;
};

}  // namespace tata::server
