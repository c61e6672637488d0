// How `tata serve` runs: where it listens, what it serves, its limits.
// Filled from the command line and an optional YAML file (--config).
#pragma once

#include <tata/definitions.hpp>
#include <tata/records.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace tata::server {

struct ServerConfig {
    std::string listen = "127.0.0.1";
    int port = 8080;  // 0: any free port (tests)
    std::filesystem::path database = "tata.db";
    DefinitionSources sources;
    std::filesystem::path area_codes;     // rules/wilayah: Kemendagri codes for roster imports
    std::filesystem::path web_root;       // the built web pages (web/dist); empty: none
    // The transport (app/http_frontend.hpp): one thread reads every request
    // head and body without blocking; only complete requests reach the
    // `threads` workers, so slow or idle clients never hold a worker. The
    // deadlines below are for the WHOLE head, body or idle gap, not per read:
    // a client trickling one byte a second is cut off all the same.
    int threads = 16;                     // workers running requests (YAML threads)
    int queue = 256;                      // the listen backlog: connections the kernel holds before accept (YAML queue)
    int max_connections = 1024;           // open connections; at the limit the longest-idle keep-alive one is closed (YAML max_connections)
    std::size_t max_body_bytes = 20u << 20;           // larger bodies: 413 (YAML max_body_mb)
    std::size_t max_head_bytes = 16u << 10;           // request line + header fields: more → 431 (YAML max_head_kb)
    std::size_t max_headers = 100;                    // header fields: more → 431 (YAML max_headers)
    // What one case may hold in uploaded documents, so that no caller fills
    // the disk through one case: more → 413 (YAML case_documents, case_documents_mb).
    std::size_t max_case_documents = 100;
    std::size_t max_case_document_bytes = 200u << 20;
    std::chrono::seconds head_timeout{10};            // first byte to blank line of a head: later → 408 (YAML head_timeout_seconds)
    std::chrono::seconds body_timeout{60};            // the whole body after its head: later → 408 (YAML body_timeout_seconds)
    std::chrono::seconds keep_alive_timeout{10};      // idle between requests: later, closed (YAML keep_alive_seconds)
    std::chrono::seconds request_timeout{30};         // writing one response to the client: later, closed (YAML request_timeout_seconds)
    std::chrono::seconds token_lifetime{8 * 3600};
    std::chrono::seconds timer_interval{60};  // how often due escalations fire; 0: never
    std::chrono::seconds watch_interval{2};   // how often the definitions are checked for changes; 0: never
    // Notifications (docs/notifications.md): how often the outbox is filled
    // from the event chain and delivered (0: never), and the SMTP server
    // that e-mails go through (no host: the `email` channel is off).
    std::chrono::seconds notify_interval{10};
    std::string smtp_host;
    int smtp_port = 25;
    std::string smtp_from = "tata@localhost";
    std::chrono::seconds smtp_timeout{10};
    // Letters (docs/letters.md): the folder of the serif fonts they are
    // printed in (DejaVuSerif.ttf and DejaVuSerif-Bold.ttf).
    std::filesystem::path letter_fonts = "/usr/share/fonts/truetype/dejavu";
    // The bearer token a Prometheus scraper presents for /metrics (compared
    // in constant time); empty: only an admin's token opens /metrics.
    std::string metrics_token;
    // The reverse proxies in front of this node (nginx, docs/deployment.md),
    // by address: from them, the client is the last address of
    // X-Forwarded-For that is not one of them; from anyone else the header
    // is ignored (it could say anything). Without this, every client behind
    // a proxy has the proxy's address, and the login throttle's allowance
    // per address is spent by all of them together.
    std::vector<std::string> trusted_proxies;
    ListTuning list_tuning;  // the engine's; no setting (tests make it small)
};

// Reads a YAML config file over `config`: keys listen, port, db, threads,
// queue, max_connections, max_body_mb, max_head_kb, max_headers,
// case_documents, case_documents_mb,
// head_timeout_seconds, body_timeout_seconds, keep_alive_seconds,
// request_timeout_seconds, token_hours, timer_interval_seconds,
// watch_interval_seconds, web_root, metrics_token, notify_interval_seconds,
// smtp_host, smtp_port, smtp_from, smtp_timeout_seconds, letter_fonts,
// trusted_proxies (a list of IP addresses). Throws
// std::runtime_error "FILE:LINE:COL: error: ..." for unknown keys and bad values.
void read_config_file(const std::filesystem::path& file, ServerConfig& config);

}  // namespace tata::server
