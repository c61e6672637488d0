// What the benchmarks share: an engine on the shipped rules and plugins with
// a fixed clock, a portable PRNG for synthetic data, and a stopwatch.
#pragma once

#include <tata/engine.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace tata::bench {

inline EngineOptions engine_options(const std::filesystem::path& database,
                                    std::vector<std::filesystem::path> workflows) {
    EngineOptions options;
    options.database = database;
    options.sources.workflows = std::move(workflows);
    options.sources.rules = {std::filesystem::path(TATA_SOURCE_DIR) / "rules"};
    options.sources.plugins = {std::filesystem::path(TATA_BUILD_PLUGIN_DIR)};
    options.clock = std::make_shared<FixedClock>(*parse_iso8601("2025-06-10T09:00:00+07:00"));
    return options;
}

// splitmix64: the same synthetic data on every machine and standard library.
class SplitMix {
public:
    explicit SplitMix(std::uint64_t seed) : state_(seed) {}
    int below(int n) {
        state_ += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return static_cast<int>((z ^ (z >> 31)) % static_cast<std::uint64_t>(n));
    }

private:
    std::uint64_t state_;
};

inline double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace tata::bench
