// How `tata serve` runs: where it listens, what it serves, its limits.
// Filled from the command line and an optional YAML file (--config).
#pragma once

#include <tata/definitions.hpp>

#include <chrono>
#include <filesystem>
#include <string>

namespace tata::server {

struct ServerConfig {
    std::string listen = "127.0.0.1";
    int port = 8080;  // 0: any free port (tests)
    std::filesystem::path database = "tata.db";
    DefinitionSources sources;
    std::filesystem::path area_codes;     // rules/wilayah: Kemendagri codes for roster imports
    std::filesystem::path web_root;       // the built web pages (web/dist); empty: none
    int threads = 16;
    int queue = 256;                      // connections waiting for a thread
    std::size_t max_body_bytes = 20u << 20;
    std::chrono::seconds request_timeout{30};
    std::chrono::seconds keep_alive_timeout{10};
    std::chrono::seconds token_lifetime{8 * 3600};
    std::chrono::seconds timer_interval{60};  // how often due escalations fire; 0: never
    std::chrono::seconds watch_interval{2};   // how often the definitions are checked for changes; 0: never
    // The bearer token a Prometheus scraper presents for /metrics (compared
    // in constant time); empty: only an admin's token opens /metrics.
    std::string metrics_token;
};

// Reads a YAML config file over `config`: keys listen, port, db, threads,
// queue, max_body_mb, request_timeout_seconds, token_hours,
// timer_interval_seconds, watch_interval_seconds, web_root. Throws
// std::runtime_error "FILE:LINE:COL: error: ..." for unknown keys and bad values.
void read_config_file(const std::filesystem::path& file, ServerConfig& config);

}  // namespace tata::server
