#include "api/service.hpp"

#include "api/routes.hpp"
#include "http/api_error.hpp"
#include "letters/pdf_writer.hpp"

#include "ranking/policy_check.hpp"

#include <tata/json_limits.hpp>
#include <tata/sha256.hpp>

#include <iostream>

#include <unistd.h>

namespace tata::server {
namespace {

std::string bearer_token(const Request& request) {
    const std::string header = request.header("authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return {};
    return header.substr(prefix.size());
}

// How this node signs the generations it posts: host and process.
std::string node_name() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    return std::string(host) + ":" + std::to_string(::getpid());
}

EngineOptions engine_options(const ServerConfig& config, std::shared_ptr<const Clock> clock) {
    EngineOptions options;
    options.database = config.database;
    options.sources = config.sources;
    options.clock = std::move(clock);
    options.list_tuning = config.list_tuning;
    return options;
}

// The problem document for what a route threw.
Response error_response(const std::exception_ptr& error, const Request& request) {
    try {
        std::rethrow_exception(error);
    } catch (const ApiError& e) {
        return problem_response(e.status(), e.title(), e.what(), e.errors());
    } catch (const InvalidInput& e) {
        return problem_response(422, "Isian tidak valid", e.what(), e.errors());
    } catch (const NotFound& e) {
        return problem_response(404, "Tidak ditemukan", e.what());
    } catch (const Forbidden& e) {
        return problem_response(403, "Tidak diizinkan", e.what());
    } catch (const Conflict& e) {
        return problem_response(409, "Konflik", e.what());
    } catch (const InvalidTransition& e) {
        return problem_response(409, "Tidak dapat dilakukan pada tahap ini", e.what());
    } catch (const std::exception& e) {
        // The detail stays in the server's log: it may name files and queries.
        std::cerr << "tata serve: internal error on " << request.method << " " << request.path << ": " << e.what()
                  << "\n";
    } catch (...) {
        std::cerr << "tata serve: internal error on " << request.method << " " << request.path << "\n";
    }
    return problem_response(500, "Kesalahan server", "the server could not answer this request; it has been logged");
}

// Text from the request line that routes and answers will echo: it must be
// UTF-8 without control characters, or the request is refused before any
// route (or a shared transaction) sees it.
bool is_clean_text(std::string_view text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    return is_valid_utf8(text);
}

std::optional<Response> refuse_unclean_request_line(const Request& request) {
    if (!is_clean_text(request.path))
        return problem_response(400, "Permintaan tidak valid", "path: not valid UTF-8 text",
                                {{"path", "must be UTF-8 text without control characters"}});
    for (const auto& [name, value] : request.query)
        if (!is_clean_text(name) || !is_clean_text(value))
            return problem_response(400, "Permintaan tidak valid", "query: not valid UTF-8 text",
                                    {{"query", "parameters must be UTF-8 text without control characters"}});
    return std::nullopt;
}

// A JSON body nested beyond the limit is refused before any route (or its
// access check) runs: whoever sends it, wherever, it never gets parsed.
std::optional<Response> refuse_deep_json_body(const Request& request) {
    if (request.body.empty() || request.content_type().find("json") == std::string::npos) return std::nullopt;
    const auto deep = find_excess_nesting(request.body);
    if (!deep) return std::nullopt;
    return problem_response(400, "Permintaan tidak valid",
                            "body: JSON " + deep->message + " (at byte " + std::to_string(deep->byte) + ")",
                            {{"body", "JSON " + deep->message}});
}

}  // namespace

Service::Service(ServerConfig config, std::shared_ptr<const Clock> clock)
    : config_(std::move(config)),
      engine_(std::make_unique<Engine>(engine_options(config_, std::move(clock)))),
      identity_(config_.database),
      personal_data_log_(config_.database),
      throttle_(config_.database.string()),
      round_snapshots_(config_.database),
      import_batches_(config_.database),
      outbox_(config_.database),
      document_blobs_(config_.database.string()),
      generations_(config_.database.string(), node_name()),
      areas_(nik::AreaRegistry::shared(config_.area_codes)) {
    // Read the first generation's ranking policy files now, as a reload
    // does for the next ones, so that it ranks by what was on disk when it
    // started (a broken file shows up when ranking, as before).
    ranking::check_ranking_policies(engine_->definitions());
    // The notification rules and letters too; a broken file is refused at
    // start, as a broken workflow is.
    std::vector<std::string> regency_file_errors;
    notification_rules_ = notify::load_notification_rules(*engine_->definitions(), regency_file_errors);
    letters_ = letters::load_letters(*engine_->definitions(), regency_file_errors);
    // Letters are printed in fonts from the system: missing ones are said
    // now, not as a failed print in front of an officer.
    if (const auto fonts = letters::serif_fonts(config_.letter_fonts); !letters_->empty())
        for (const auto& font : {fonts.regular, fonts.bold})
            if (!std::filesystem::is_regular_file(font))
                regency_file_errors.push_back(font.string() + ": error: letters are printed in this font, which is missing "
                                              "(Debian package fonts-dejavu-core, or letter_fonts in the configuration)");
    if (!regency_file_errors.empty()) {
        std::string all;
        for (const auto& line : regency_file_errors) all += line + "\n";
        throw std::runtime_error(all);
    }
    // Notifications start with what happens from now on: a first start (or
    // an upgrade) does not tell of the cases already in the database.
    if (!outbox_.event_cursor()) outbox_.append({}, engine_->last_committed_event_seq());
    add_auth_routes(router_, *this);
    add_case_routes(router_, *this);
    add_document_routes(router_, *this);
    add_task_routes(router_, *this);
    add_bulk_decision_routes(router_, *this);
    add_worker_routes(router_, *this);
    add_import_batch_routes(router_, *this);
    add_vendor_routes(router_, *this);
    add_grievance_routes(router_, *this);
    add_report_routes(router_, *this);
    add_admin_routes(router_, *this);
    add_system_routes(router_, *this);
    add_access_log_routes(router_, *this);
    add_planning_routes(router_, *this);
    add_performance_routes(router_, *this);
    add_workflow_routes(router_, *this);
    add_opd_routes(router_, *this);
    add_round_routes(router_, *this);
    add_notification_routes(router_, *this);
    add_letter_routes(router_, *this);
    group_commit_ = std::make_unique<GroupCommit>(*engine_);

    // The first node of a deployment posts what it loaded; a later one
    // joins the newest generation, or says it is out of step: a node that
    // comes back with stale folders must not take the others back with it.
    served_content_ = definitions_content(config_.sources);
    const auto newest = generations_.newest();
    if (!newest)
        deployment_ = {generations_.post(served_content_).number, true};
    else if (newest->content == served_content_)
        deployment_ = {newest->number, true};
    else
        deployment_ = {0, false};
    handled_generation_ = newest ? newest->number : deployment_.generation;
}

ReloadResult Service::reload() { return load_again(true); }

ReloadResult Service::load_again(bool post) {
    std::lock_guard lock(reload_mutex_);
    ReloadResult result;
    // Read before loading: a file changed in between is seen by the next
    // look (the watcher), not taken for part of this content.
    const std::string content = definitions_content(config_.sources);
    try {
        // The scorecards are checked against the new generation before the
        // engine takes it: a refused generation must not start serving.
        auto next = load_definitions(engine_->sources(), engine_->expression_limits());
        result.policy_errors = ranking::check_ranking_policies(next);
        auto rules = notify::load_notification_rules(*next, result.policy_errors);
        auto letters = letters::load_letters(*next, result.policy_errors);
        if (result.policy_errors.empty()) {
            engine_->reload(std::move(next));
            std::lock_guard rules_lock(notification_rules_mutex_);
            notification_rules_ = std::move(rules);
            letters_ = std::move(letters);
            result.ok = true;
        }
    } catch (const ValidationError& e) {
        result.errors = e.diagnostics();
    }
    result.generation = engine_->definitions()->generation;
    if (result.ok) {
        {
            std::lock_guard status(deployment_mutex_);
            served_content_ = content;
        }
        if (post) post_served(content);
    }
    {
        std::lock_guard status(deployment_mutex_);
        result.deployment_generation = deployment_.generation;
    }
    metrics_.count_reload(result.ok);
    return result;
}

// The engine already serves `content`: announced to the other nodes. If
// the database cannot take it now (a failover, a lock held too long), the
// node says it is out of step and the next follow_deployment() posts it
// again, rather than serving unannounced definitions as if in step.
void Service::post_served(const std::string& content) {
    std::optional<PostedGeneration> posted;
    try {
        posted = generations_.post(content);  // database I/O: outside deployment_mutex_
    } catch (const std::exception&) {
        std::lock_guard status(deployment_mutex_);
        deployment_.in_step = false;
        unposted_ = true;
        return;
    }
    std::lock_guard status(deployment_mutex_);
    if (served_content_ != content) return;  // a later load already replaced it
    deployment_ = {posted->number, true};
    handled_generation_ = posted->number;
    unposted_ = false;
}

// A node out of step with the deployment's definitions would decide by
// rules the other nodes no longer (or not yet) use: it answers 503, which
// sends a proxy's retriable requests to another node (nginx's
// proxy_next_upstream http_503), and the client retries the others. What
// an operator needs to see and mend it stays open.
std::optional<Response> Service::refuse_while_out_of_step(const Request& request) const {
    static const std::set<std::string> kOpen = {"/healthz", "/metrics", "/openapi.json", "/api/v1/auth/login",
                                                "/api/v1/admin/reload", "/api/v1/admin/definitions"};
    if (deployment_status().in_step || kOpen.count(request.route)) return std::nullopt;
    Response response = problem_response(503, "Server sedang menyesuaikan aturan",
                                         "this node is out of step with the deployment's definitions; try again");
    response.headers.emplace_back("Retry-After", "5");
    return response;
}

Service::DeploymentStatus Service::deployment_status() const {
    std::lock_guard lock(deployment_mutex_);
    return deployment_;
}

Service::FollowResult Service::follow_deployment() {
    FollowResult out;
    {
        std::unique_lock lock(deployment_mutex_);
        if (unposted_) {
            const std::string content = served_content_;
            lock.unlock();
            post_served(content);
            lock.lock();
            out.changed = !unposted_;
            out.status = deployment_;
            return out;
        }
    }
    const auto newest = generations_.newest();
    std::string before;
    {
        std::lock_guard lock(deployment_mutex_);
        out.status = deployment_;
        // Each posted generation is acted on once: a node out of step on
        // one waits for the next rather than loading its folders each tick.
        if (!newest || newest->number == handled_generation_) return out;
        handled_generation_ = newest->number;
        out.changed = true;
        // Already serving that content (posted by a node that loaded the
        // same files): only the number moves.
        if (newest->content == served_content_) {
            deployment_ = {newest->number, true};
            out.status = deployment_;
            return out;
        }
        // Out of step until the load below shows otherwise, also if it throws.
        deployment_.in_step = false;
        before = served_content_;
    }
    out.reload = load_again(false);
    std::lock_guard lock(deployment_mutex_);
    // A reload made here meanwhile posted a newer generation: it decided.
    if (handled_generation_ != newest->number) {
        out.status = deployment_;
        return out;
    }
    if (out.reload.ok && served_content_ == newest->content)
        deployment_ = {newest->number, true};
    else if (out.reload.ok && served_content_ != before)
        deployment_ = {0, false};  // its folders changed, to content no node posted
    out.status = deployment_;  // else: still serving the generation it had, out of step
    return out;
}

std::shared_ptr<const notify::RulesByRegency> Service::notification_rules() const {
    std::lock_guard lock(notification_rules_mutex_);
    return notification_rules_;
}

std::shared_ptr<const letters::LettersByRegency> Service::letters() const {
    std::lock_guard lock(notification_rules_mutex_);
    return letters_;
}

Service::InFlightKey::InFlightKey(InFlight& in_flight, std::int64_t user, const std::string& key)
    : in_flight_(in_flight), key_(user, key) {
    std::unique_lock lock(in_flight_.mutex);
    in_flight_.done.wait(lock, [&] { return !in_flight_.keys.count(key_); });
    in_flight_.keys.insert(key_);
}

Service::InFlightKey::~InFlightKey() {
    {
        std::lock_guard lock(in_flight_.mutex);
        in_flight_.keys.erase(key_);
    }
    in_flight_.done.notify_all();
}

Response Service::handle(Request& request) {
    try {
        if (auto refused = refuse_unclean_request_line(request)) return std::move(*refused);
        if (auto refused = refuse_deep_json_body(request)) return std::move(*refused);
        const auto match = router_.match(request.method, request.path);
        if (!match.route) {
            if (match.path_known)
                return problem_response(405, "Metode tidak diizinkan", request.method + " is not allowed on " + request.path);
            return problem_response(404, "Tidak ditemukan", "no route " + request.path);
        }
        request.route = match.route->pattern;
        request.params = match.params;
        if (auto refused = refuse_while_out_of_step(request)) return std::move(*refused);
        return dispatch(request, match);
    } catch (...) {
        return error_response(std::current_exception(), request);
    }
}

Response Service::run_handler(const Route& route, Request& request) {
    const std::function<Response()> work = [&]() -> Response {
        try {
            return route.handler(request);
        } catch (...) {
            return error_response(std::current_exception(), request);
        }
    };
    return route.group_commit ? group_commit_->run(work) : work();
}

Response Service::dispatch(Request& request, const Router::Match& match) {
    const Route& route = *match.route;
    if (!route.open) {
        const std::string token = bearer_token(request);
        if (token.empty()) {
            Response response = problem_response(401, "Belum masuk", "this route needs 'Authorization: Bearer <token>'");
            response.headers.emplace_back("WWW-Authenticate", "Bearer");
            return response;
        }
        request.user = identity_.user_of_token(token, now());
        if (!request.user) {
            Response response = problem_response(401, "Belum masuk", "the token is unknown or has expired: log in again");
            response.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return response;
        }
        if (!route.roles.count(request.user->role))
            return problem_response(403, "Tidak diizinkan",
                                    "this route is not for role '" + request.user->role + "' (" + route.summary + ")");
    }

    // A retried POST with the same Idempotency-Key gets the first answer.
    const std::string key = request.header("idempotency-key");
    if (request.method != "POST" || key.empty() || !request.user) return run_handler(route, request);
    if (key.size() > 200) throw bad_request("Idempotency-Key", "at most 200 characters");
    const std::string request_hash = sha256_hex(request.method + " " + request.path + "\n" + request.body);
    // Two copies of a request sent at once: the second waits for the first.
    const InFlightKey in_flight(in_flight_, request.user->id, key);
    if (const auto stored = identity_.stored_response(request.user->id, key)) {
        if (stored->request_hash != request_hash)
            return problem_response(422, "Idempotency-Key dipakai ulang",
                                    "this Idempotency-Key was used with another request; use a new key");
        Response replay = Response::text(stored->body, stored->content_type, stored->status);
        replay.headers.emplace_back("Idempotent-Replayed", "true");
        return replay;
    }
    // Refusals are answered the same way on a retry: remember them too.
    Response response = run_handler(route, request);
    if (response.status < 500)
        identity_.store_response(request.user->id, key, {request_hash, response.status, response.content_type, response.body},
                                 now());
    return response;
}

}  // namespace tata::server
