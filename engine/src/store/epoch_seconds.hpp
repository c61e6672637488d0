// How both stores keep an instant: whole seconds since the Unix epoch, in
// an integer column (TimePoint's own resolution).
#pragma once

#include "tata/records.hpp"

#include <chrono>
#include <cstdint>

namespace tata {

inline std::int64_t seconds(TimePoint at) { return at.time_since_epoch().count(); }
inline TimePoint from_seconds(std::int64_t value) { return TimePoint{std::chrono::seconds{value}}; }

}  // namespace tata
