// `tata serve`: a Poco::Util::ServerApplication that serves the API until
// SIGTERM or SIGINT, then stops accepting and lets requests in flight finish.
#pragma once

#include "app/server_config.hpp"

#include <tata/clock.hpp>

#include <functional>
#include <iosfwd>
#include <memory>

namespace tata::server {

struct ServeHooks {
    std::shared_ptr<const Clock> clock;                // default: the system clock (TATA_NOW honoured by the caller)
    std::function<void(const std::string& url)> on_ready;  // called once listening
};

// Blocks until a termination signal; returns the process exit code.
int serve(const ServerConfig& config, std::ostream& log, ServeHooks hooks = {});

}  // namespace tata::server
