// The Poco side of the server: an HTTPServer with a thread pool, keep-alive
// and timeouts, that reads each request (refusing bodies over the limit with
// 413 before reading them), hands it to the Service, writes the answer,
// records metrics and one access-log line (never a token, a password or a
// body).
#pragma once

#include "api/service.hpp"

#include <Poco/Net/HTTPServer.h>

#include <iosfwd>
#include <memory>
#include <mutex>

namespace tata::server {

struct RequestGate;

class HttpFrontend {
public:
    // Binds and starts serving; `access_log` may be null.
    HttpFrontend(Service& service, std::ostream* access_log);
    ~HttpFrontend();
    HttpFrontend(const HttpFrontend&) = delete;
    HttpFrontend& operator=(const HttpFrontend&) = delete;

    int port() const { return port_; }

    // Stops accepting; requests in flight finish (drain) unless abort.
    // Afterwards no request reaches the service.
    void stop(bool abort = false);

private:
    std::shared_ptr<RequestGate> gate_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    int port_ = 0;
    bool stopped_ = false;
};

}  // namespace tata::server
