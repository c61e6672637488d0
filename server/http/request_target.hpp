// The request-target of a parsed head turned into what the routes see: the
// percent-decoded path and query parameters, each checked to be UTF-8
// without control characters, so nothing downstream (routing, JSON, the
// access log, the database) ever meets bytes it cannot represent. A bad one
// names the part: "path" or "query parameter NAME".
#pragma once

#include "http/request_head.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tata::server::wire {

struct Target {
    std::string path;
    std::vector<std::pair<std::string, std::string>> query;  // in order; '+' is a space, as in HTML forms
};

// Target, or the 400 saying which part is wrong.
std::variant<Target, HeadError> decode_target(std::string_view target);

// Well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool valid_utf8(std::string_view text);
// Valid UTF-8 and no C0 control character or DEL (tab allowed only if `tab`).
bool clean_text(std::string_view text, bool tab = false);

}  // namespace tata::server::wire
