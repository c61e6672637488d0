#include "http/request_head.hpp"

#include <algorithm>

namespace tata::server::wire {
namespace {

// RFC 9110 5.6.2: the characters of a token (methods, field names).
bool is_tchar(unsigned char c) {
    if (c >= '0' && c <= '9') return true;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return is_tchar(static_cast<unsigned char>(c)); });
}

// RFC 9110 5.5: field-value characters are visible ASCII, obs-text (bytes
// 0x80-0xFF), space and tab; every other control byte is refused.
bool is_field_value(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c == '\t' || (c >= 0x20 && c != 0x7f);
    });
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The comma-separated members of a list field (RFC 9110 5.6.1), trimmed,
// empty members dropped.
std::vector<std::string_view> members(std::string_view value) {
    std::vector<std::string_view> out;
    while (true) {
        const auto comma = value.find(',');
        const auto member = trim(value.substr(0, comma));
        if (!member.empty()) out.push_back(member);
        if (comma == std::string_view::npos) return out;
        value.remove_prefix(comma + 1);
    }
}

bool iequals(std::string_view a, std::string_view b) { return a.size() == b.size() && lower(a) == lower(b); }

// Methods longer than this are no method any client sends; the limit keeps
// garbage out of the metrics and the log.
constexpr std::size_t kMaxMethodBytes = 32;
// Empty lines tolerated before the request line (RFC 9112 2.2: at least one).
constexpr int kMaxLeadingEmptyLines = 4;

HeadScan fail(int status, std::string part, std::string detail) {
    HeadScan scan;
    scan.status = HeadStatus::error;
    scan.error = {status, std::move(part), std::move(detail)};
    return scan;
}

std::optional<HeadScan> parse_request_line(std::string_view line, RequestHead& head) {
    const auto first = line.find(' ');
    const auto last = line.rfind(' ');
    if (first == std::string_view::npos || first == last)
        return fail(400, "request line", "the request line is not 'METHOD TARGET HTTP/1.1'");
    const auto method = line.substr(0, first);
    const auto target = line.substr(first + 1, last - first - 1);
    const auto version = line.substr(last + 1);
    if (!is_token(method) || method.size() > kMaxMethodBytes)
        return fail(400, "request line", "the method is not a token of at most 32 characters");
    if (target.empty() || !std::all_of(target.begin(), target.end(), [](char ch) {
            const auto c = static_cast<unsigned char>(ch);
            return c > 0x20 && c != 0x7f;
        }))
        return fail(400, "request line", "the request target is empty or holds spaces or control characters");
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' || version[5] < '0' ||
        version[5] > '9' || version[7] < '0' || version[7] > '9')
        return fail(400, "request line", "the protocol is not HTTP/1.x");
    if (version[5] != '1') return fail(505, "request line", "only HTTP/1.0 and HTTP/1.1 are served");
    head.method = std::string(method);
    head.minor_version = version[7] - '0';
    if (target.front() == '/') {
        head.target = std::string(target);
    } else if (target == "*" && method == "OPTIONS") {
        head.target = "*";
    } else if (const auto scheme = target.find("://");
               scheme != std::string_view::npos && (iequals(target.substr(0, scheme), "http") ||
                                                    iequals(target.substr(0, scheme), "https"))) {
        // absolute-form (RFC 9112 3.2.2): the path of the URI is what is served.
        const auto path = target.find_first_of("/?", scheme + 3);
        head.target = path == std::string_view::npos ? "/" : std::string(target.substr(path));
        if (head.target.front() == '?') head.target.insert(head.target.begin(), '/');
    } else {
        return fail(400, "request line", "the request target is not a path");
    }
    return std::nullopt;
}

// What the fields say about the body and the connection.
std::optional<HeadScan> interpret_fields(RequestHead& head) {
    head.keep_alive = head.minor_version >= 1;
    int hosts = 0;
    bool has_transfer_encoding = false;
    std::vector<std::string> codings;
    for (const auto& [name, value] : head.headers) {
        if (name == "content-length") {
            // Repeated or listed lengths must agree (RFC 9112 6.3 item 5).
            for (const auto member : members(value)) {
                if (member.size() > 18 || !std::all_of(member.begin(), member.end(), [](char c) { return c >= '0' && c <= '9'; }))
                    return fail(400, "header Content-Length", "Content-Length is not a number of at most 18 digits");
                const auto length = std::stoull(std::string(member));
                if (head.content_length && *head.content_length != length)
                    return fail(400, "header Content-Length", "conflicting Content-Length values");
                head.content_length = length;
            }
            if (!head.content_length) return fail(400, "header Content-Length", "Content-Length is empty");
        } else if (name == "transfer-encoding") {
            has_transfer_encoding = true;
            for (const auto member : members(value)) codings.push_back(lower(member));
        } else if (name == "connection") {
            for (const auto member : members(value)) {
                if (iequals(member, "close")) head.keep_alive = false;
                else if (iequals(member, "keep-alive") && head.minor_version == 0) head.keep_alive = true;
            }
        } else if (name == "expect") {
            if (!iequals(trim(value), "100-continue")) return fail(417, "header Expect", "only 'Expect: 100-continue' is understood");
            head.expect_continue = true;
        } else if (name == "host") {
            ++hosts;
        }
    }
    // A connection: close anywhere wins over keep-alive.
    for (const auto& [name, value] : head.headers)
        if (name == "connection")
            for (const auto member : members(value))
                if (iequals(member, "close")) head.keep_alive = false;
    if (head.minor_version >= 1 && hosts != 1)
        return fail(400, "header Host", "an HTTP/1.1 request carries exactly one Host header");
    if (has_transfer_encoding) {
        // Both framings at once is how requests are smuggled past proxies:
        // refuse rather than pick one (RFC 9112 6.1 allows either).
        if (head.content_length) return fail(400, "header Transfer-Encoding", "Transfer-Encoding together with Content-Length");
        if (head.minor_version == 0) return fail(400, "header Transfer-Encoding", "Transfer-Encoding in an HTTP/1.0 request");
        if (codings.size() != 1 || codings.front() != "chunked")
            return fail(501, "header Transfer-Encoding", "only 'Transfer-Encoding: chunked' is supported");
        head.chunked = true;
    }
    return std::nullopt;
}

}  // namespace

HeadScan scan_request_head(std::string_view bytes, const HeadLimits& limits) {
    std::size_t pos = 0;
    for (int skipped = 0; skipped < kMaxLeadingEmptyLines; ++skipped) {
        if (bytes.substr(pos, 2) == "\r\n") pos += 2;
        else if (bytes.substr(pos, 1) == "\n") pos += 1;
        else break;
    }
    HeadScan scan;
    bool have_request_line = false;
    while (true) {
        const auto lf = bytes.find('\n', pos);
        const std::size_t head_so_far = lf == std::string_view::npos ? bytes.size() : lf + 1;
        if (head_so_far > limits.max_head_bytes || (lf == std::string_view::npos && bytes.size() >= limits.max_head_bytes)) {
            if (!have_request_line) return fail(414, "request line", "the request line is longer than the head limit");
            return fail(431, "headers", "the request head is larger than " + std::to_string(limits.max_head_bytes) + " bytes");
        }
        if (lf == std::string_view::npos) {
            // An incomplete line may already hold what no head may hold.
            const auto partial = bytes.substr(pos);
            const auto bad = std::find_if(partial.begin(), partial.end(), [](char ch) {
                const auto c = static_cast<unsigned char>(ch);
                return c == 0 || (c < 0x20 && c != '\t' && c != '\r');
            });
            if (bad != partial.end()) return fail(400, have_request_line ? "headers" : "request line", "a control character");
            return scan;  // incomplete
        }
        std::string_view line = bytes.substr(pos, lf - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = lf + 1;
        if (line.find('\r') != std::string_view::npos)
            return fail(400, have_request_line ? "headers" : "request line", "a bare carriage return");
        if (!have_request_line) {
            if (auto error = parse_request_line(line, scan.head)) return *error;
            have_request_line = true;
            continue;
        }
        if (line.empty()) break;
        if (line.front() == ' ' || line.front() == '\t')
            return fail(400, "headers", "a folded header line (obsolete line folding is not accepted)");
        if (scan.head.headers.size() >= limits.max_headers)
            return fail(431, "headers", "more than " + std::to_string(limits.max_headers) + " header fields");
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) return fail(400, "headers", "a header line without a colon");
        const auto name = line.substr(0, colon);
        if (!is_token(name)) return fail(400, "headers", "a header name that is empty or holds spaces or separators");
        const auto value = trim(line.substr(colon + 1));
        if (!is_field_value(value)) return fail(400, "header " + std::string(name), "a control character in the value");
        scan.head.headers.emplace_back(lower(name), std::string(value));
    }
    if (auto error = interpret_fields(scan.head)) return *error;
    scan.status = HeadStatus::complete;
    scan.consumed = pos;
    return scan;
}

}  // namespace tata::server::wire
