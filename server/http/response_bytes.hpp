// A Response as the bytes of an HTTP/1.1 answer: status line, headers,
// body. Header names and values a route set are stripped of CR, LF and NUL
// so no value (a file name, a Location) can split the response.
#pragma once

#include "http/exchange.hpp"

#include <string>

namespace tata::server::wire {

struct Framing {
    bool head = false;        // HEAD: the headers of the GET answer, no body
    bool keep_alive = true;   // false: Connection: close
    int minor_version = 1;    // the request's HTTP/1.<minor> (1.0 keep-alive is announced)
};

std::string response_bytes(const Response& response, const Framing& framing);

}  // namespace tata::server::wire
