// The server's configuration from `tata serve` (and `tata demo`) options:
// defaults, then --config FILE, then --listen/--port/--db on the command line.
#pragma once

#include "context.hpp"

#include "app/server_config.hpp"

namespace tata::cli {

server::ServerConfig serve_config(const Context& context);

}  // namespace tata::cli
