// Time as the engine sees it: one clock interface, fixed by TATA_NOW for
// deterministic tests and what-if runs.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tata {

// All instants are UTC seconds; local time only exists in calendars.
using TimePoint = std::chrono::sys_seconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override;
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(TimePoint at) : at_(at) {}
    TimePoint now() const override { return at_; }
    void set(TimePoint at) { at_ = at; }

private:
    TimePoint at_;
};

// The clock the CLI and server use: fixed when TATA_NOW is set (throws
// std::invalid_argument naming the variable when it does not parse).
std::unique_ptr<Clock> clock_from_environment();

// ISO 8601 "2025-03-14T09:30:00+08:00", "...Z", or a bare date "2025-03-14"
// (midnight UTC). Returns nullopt for anything else.
std::optional<TimePoint> parse_iso8601(std::string_view text);

// "2025-03-14T01:30:00Z" by default, or in the given fixed offset
// ("2025-03-14T09:30:00+08:00").
std::string format_iso8601(TimePoint at, int offset_minutes = 0);

}  // namespace tata
