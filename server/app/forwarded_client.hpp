// Who a request came from when reverse proxies stand in front of the node.
#pragma once

#include <string>
#include <vector>

namespace tata::server {

// The client's address: `peer` (the socket's other end), unless `peer` is
// one of the `trusted` proxies; then the last address of X-Forwarded-For
// (`forwarded_for`, as the header came) that is not a trusted proxy, each
// proxy having appended the address it was reached from. An entry that is
// not an IP address stops the walk there: what lies left of it was written
// by someone no proxy vouches for, and `peer` is answered instead.
std::string client_behind_proxies(const std::string& peer, const std::string& forwarded_for,
                                  const std::vector<std::string>& trusted);

}  // namespace tata::server
