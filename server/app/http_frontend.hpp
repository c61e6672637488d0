// The HTTP transport of `tata serve`: everything before a request reaches
// Service::handle, and the answer's way back.
//
// Why not Poco's HTTPServer: it gives each connection a pooled thread that
// then blocks reading the request, with a timeout per recv() only. 17
// clients sending a header a second, or 16 idle keep-alive connections, held
// every thread and froze the API for everyone. Here one loop thread (epoll,
// non-blocking sockets) accepts connections and reads request heads and
// bodies, each under a deadline for the WHOLE head, the whole body and the
// idle gap between requests, with limits on header count and head size.
// Only a complete request (head parsed, body arrived to its last declared
// byte) goes to the pool of `threads` workers, which run the Service and
// write the answer without blocking; an answer the client is slow to take is
// finished by the loop. So a worker's time is spent on work, never waiting
// on a client, and a request whose body did not arrive whole is never run.
//
// Access log: one JSON line per answered request (app/access_log.hpp), also
// for requests refused before routing.
#pragma once

#include "api/service.hpp"

#include <iosfwd>
#include <memory>

namespace tata::server {

class HttpFrontend {
public:
    // Binds the configured address exclusively (a second server on the same
    // port fails here with std::runtime_error naming address and port) and
    // starts serving; `access_log` may be null.
    HttpFrontend(Service& service, std::ostream* access_log);
    ~HttpFrontend();
    HttpFrontend(const HttpFrontend&) = delete;
    HttpFrontend& operator=(const HttpFrontend&) = delete;

    int port() const;

    // Stops accepting; requests already received are run and answered, and
    // their answers written (drain), unless abort. Connections waiting for a
    // request are closed. Afterwards no request reaches the service.
    void stop(bool abort = false);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace tata::server
