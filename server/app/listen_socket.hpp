// The listening socket of `tata serve`, bound exclusively: SO_REUSEADDR (a
// restarted server may rebind while old connections sit in TIME_WAIT) but
// never SO_REUSEPORT, which Poco's ServerSocket(address) constructor sets
// and which lets a second process bind the same port and silently take half
// the connections (with its own sessions and caches). On Linux a second
// bind of a port some socket listens on fails with EADDRINUSE.
#pragma once

#include <Poco/Net/ServerSocket.h>

#include <string>

namespace tata::server {

// Bound, listening, non-blocking. Throws std::runtime_error naming the
// address and port when they cannot be had (in use, no permission).
Poco::Net::ServerSocket listen_exclusively(const std::string& address, int port, int backlog);

}  // namespace tata::server
