// The head of an HTTP/1.x request (RFC 9112): request line and header
// fields, parsed from raw bytes by a pure function with no I/O, so the
// transport can call it on whatever has arrived so far and the fuzzer can
// call it on anything. Strict where leniency enables request smuggling or
// log forgery: bare CR, whitespace before a colon, obsolete line folding,
// control bytes, Content-Length together with Transfer-Encoding, and
// conflicting lengths are refused, never guessed at.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tata::server::wire {

struct HeadLimits {
    std::size_t max_head_bytes = 16 * 1024;  // request line + fields + blank line; more → 431
    std::size_t max_headers = 100;           // header fields; more → 431
};

struct RequestHead {
    std::string method;
    std::string target;  // the request-target as sent (origin-form; absolute-form reduced to it)
    int minor_version = 1;                                      // HTTP/1.<minor>
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case, in order
    std::optional<std::uint64_t> content_length;
    bool chunked = false;          // Transfer-Encoding: chunked
    bool keep_alive = true;        // after this request (HTTP/1.1 default, Connection header)
    bool expect_continue = false;  // Expect: 100-continue
};

// A refused head: the status to answer (400, 414, 431, 501, 505), the part
// of the request that is wrong ("request line", "header X-Y") and why.
struct HeadError {
    int status = 400;
    std::string part;
    std::string detail;
};

enum class HeadStatus { incomplete, complete, error };

struct HeadScan {
    HeadStatus status = HeadStatus::incomplete;
    std::size_t consumed = 0;  // bytes of the head including the blank line (complete only)
    RequestHead head;          // complete only
    HeadError error;           // error only
};

// Looks for a complete head at the start of `bytes` (more may follow: the
// body or the next request). Incomplete while no blank line has arrived and
// the limits still allow one; an error as soon as the bytes cannot become a
// valid head (so a trickling client is refused at its first bad byte).
HeadScan scan_request_head(std::string_view bytes, const HeadLimits& limits);

}  // namespace tata::server::wire
