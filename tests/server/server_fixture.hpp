// A real server for the tests: the shipped workflows, rules and plugins, a
// fresh SQLite file, 127.0.0.1 port 0, a clock the test moves, and Poco's
// HTTP client. Users of every role in Kapuas (62.03) and one officer in
// Balikpapan (64.71).
#pragma once

#include "support/json_schema_check.hpp"
#include "support/test_support.hpp"

#include "api/service.hpp"
#include "app/background.hpp"
#include "app/http_frontend.hpp"

#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace tata::test {

struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
    nlohmann::json json() const;                  // the body parsed; fails the test when it is not JSON
    std::string header(const std::string& lower_name) const;
};

struct HttpRequest {
    std::string method = "GET";
    std::string path;
    std::string body;
    std::string content_type;
    std::string token;
    std::vector<std::pair<std::string, std::string>> headers;
};

// The workers, vendors and OPD the users below are bound to.
inline const std::string kWorkerNik = "6203014410800160";
inline const std::string kOtherWorkerNik = "6203010101900002";
inline const std::string kVendorA = "pt-kapuas-bersih";
inline const std::string kVendorB = "cv-sungai-jaya";
inline const std::string kOpd = "Dinas Pendidikan";
inline const std::string kOtherOpd = "Dinas Kesehatan";

class ServerFixture {
public:
    // `tweak` adjusts the configuration (limits, intervals) before start.
    // `keep_access_log`: the server writes its access log to memory, read
    // with access_log() after stop_serving().
    explicit ServerFixture(const std::function<void(server::ServerConfig&)>& tweak = {}, bool keep_access_log = false);
    ~ServerFixture();

    // Every successful answer is checked against what /openapi.json says of
    // it (its JSON schema, or its media type): a mismatch fails the test.
    HttpResult send(const HttpRequest& request) const;
    HttpResult get(const std::string& path, const std::string& token) const;
    HttpResult post_json(const std::string& path, const nlohmann::json& body, const std::string& token,
                         std::vector<std::pair<std::string, std::string>> headers = {}) const;

    // A token for a user of the fixture (admin, officer, opd_head,
    // supervisor and other_supervisor (of kOtherOpd), bkad, vendor_a,
    // vendor_b, worker, other_worker, officer_64_71).
    std::string token(const std::string& user) const;
    // Forgets the tokens, for when the clock moved past their expiry.
    void forget_tokens() { tokens_.clear(); }
    static const std::string& password();

    server::Service& service() { return *service_; }
    Engine& engine() { return service_->engine(); }
    FixedClock& clock() { return *clock_; }
    server::BackgroundJobs& background() { return *background_; }
    int port() const { return frontend_->port(); }
    // Stops the HTTP server (requests in flight finish); the rest stays.
    void stop_serving() { frontend_->stop(); }
    // What the access log holds (call after stop_serving: the workers write it).
    std::string access_log() const { return access_log_.str(); }

    // A verification case of the worker, as an import would make it.
    CaseId worker_case(const std::string& nik, const std::string& opd = kOpd, const std::string& nama = "");
    // A vendor_contract case of a vendor, active and waiting for reports.
    CaseId contract_case(const std::string& vendor);

    TempDir dir;

private:
    void add_users();  // the users every test logs in as
    std::shared_ptr<FixedClock> clock_;
    std::unique_ptr<server::Service> service_;
    std::unique_ptr<server::HttpFrontend> frontend_;
    std::ostringstream access_log_;      // written only when asked for
    std::ostringstream background_log_;  // read by nobody: the jobs' thread writes it
    std::unique_ptr<server::BackgroundJobs> background_;
    mutable std::map<std::string, std::string> tokens_;
    std::unique_ptr<ApiContract> contract_;  // what the server's /openapi.json says of its answers
};

}  // namespace tata::test
