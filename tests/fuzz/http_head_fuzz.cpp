// libFuzzer target for the HTTP request head parser and what the transport
// does with a parsed head: the request-target decoding, the chunked body
// decoder, the client behind trusted proxies (X-Forwarded-For) and the
// access log's escaping. Invariants checked (abort on violation): a complete
// head consumes no more than it was given and within the head limit; a
// decoded path and query are clean UTF-8 text; the client named behind a
// proxy is the peer or an address the header held, never a trusted proxy
// unless it is the peer; the access log line of anything is a single line
// of printable ASCII or UTF-8.
// Links: tata::server.
#include "app/access_log.hpp"
#include "app/forwarded_client.hpp"
#include "http/chunked_body.hpp"
#include "http/request_head.hpp"
#include "http/request_target.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

using namespace tata::server;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    wire::HeadLimits limits;
    limits.max_head_bytes = 4096;
    limits.max_headers = 32;
    const auto scan = wire::scan_request_head(bytes, limits);
    if (scan.status == wire::HeadStatus::complete) {
        if (scan.consumed > size || scan.consumed > limits.max_head_bytes) std::abort();
        if (scan.head.headers.size() > limits.max_headers) std::abort();
        if (scan.head.chunked && scan.head.content_length) std::abort();
        const auto decoded = wire::decode_target(scan.head.target);
        if (const auto* target = std::get_if<wire::Target>(&decoded)) {
            if (!wire::clean_text(target->path)) std::abort();
            for (const auto& [name, value] : target->query)
                if (!wire::clean_text(name) || !wire::clean_text(value)) std::abort();
        }
        for (const auto& [name, value] : scan.head.headers) {
            if (name != "x-forwarded-for") continue;
            const std::vector<std::string> trusted = {"127.0.0.1", "10.0.0.5"};
            const std::string client = client_behind_proxies("127.0.0.1", value, trusted);
            if (client != "127.0.0.1" && (client == "10.0.0.5" || client.empty())) std::abort();
            if (client_behind_proxies("203.0.113.9", value, trusted) != "203.0.113.9") std::abort();
        }
        // What follows the head, read as a chunked body.
        wire::ChunkedDecoder chunked;
        std::string body;
        const auto rest = bytes.substr(scan.consumed);
        const auto used = chunked.feed(rest, body);
        if (used > rest.size() || body.size() > rest.size()) std::abort();
    }
    const std::string line = access_line({{}, bytes, "(none)", bytes, 400, {}, bytes, bytes});
    if (line.find('\n') != line.size() - 1) std::abort();
    if (!wire::valid_utf8(line)) std::abort();
    return 0;
}
