// The access log: one JSON object per request, on one line, whatever the
// request held. Every string is escaped (quotes, backslashes, control
// characters, invalid UTF-8 bytes as U+FFFD), so a path with %0A or %22
// cannot forge or break lines, and NIKs (16-digit runs) are masked to their
// first 6 digits (the regency code) wherever they appear: the log is read by
// operators, not by the people whose data it is (UU 27/2022).
#pragma once

#include <tata/clock.hpp>

#include <chrono>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace tata::server {

struct AccessEntry {
    TimePoint at;
    std::string_view method;
    std::string_view route;  // the route pattern, "(pages)" or "(none)"
    std::string_view path;   // decoded when it could be, else as sent
    int status = 0;
    std::chrono::microseconds took{0};
    std::optional<std::string_view> user;
    std::string_view client;
};

// `text` as a JSON string literal, escaped and with NIKs masked.
std::string log_string(std::string_view text);
// Digit runs of NIK length or longer keep their first 6 digits; the rest become '*'.
std::string mask_niks(std::string_view text);

// The line (with its newline) for one request.
std::string access_line(const AccessEntry& entry);

// Writes whole lines from any thread; `out` may be null (no log).
class AccessLog {
public:
    explicit AccessLog(std::ostream* out) : out_(out) {}
    bool enabled() const { return out_ != nullptr; }
    void write(const AccessEntry& entry);

private:
    std::ostream* out_;
    std::mutex mutex_;
};

}  // namespace tata::server
