// A small deterministic random generator: xoshiro256** seeded by splitmix64.
// Everything the example data needs is derived from it with integer
// arithmetic only, so the output is byte-identical on every platform and
// standard library (no <random> distributions, no std::shuffle). Callers
// draw at most once per expression: the order in which C++ evaluates function
// arguments or the operands of + is unspecified, and GCC and Clang differ.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace tata::example {

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& word : state_) word = splitmix64(seed);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform in [0, n), without modulo bias (rejection sampling); n > 0.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n;
        for (;;) {
            const std::uint64_t r = next();
            if (r >= threshold) return r % n;
        }
    }

    // Uniform in [lo, hi], both included.
    int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    // True with probability per_mille / 1000.
    bool chance(int per_mille) { return static_cast<int>(below(1000)) < per_mille; }

    // An index into `weights`, chosen with probability proportional to its weight.
    std::size_t weighted(const std::vector<int>& weights) {
        std::uint64_t total = 0;
        for (int w : weights) total += static_cast<std::uint64_t>(w);
        std::uint64_t r = below(total);
        for (std::size_t i = 0; i < weights.size(); ++i) {
            const auto w = static_cast<std::uint64_t>(weights[i]);
            if (r < w) return i;
            r -= w;
        }
        return weights.size() - 1;
    }

    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(below(items.size()))];
    }

    // Fisher–Yates, spelled out so the order does not depend on the library.
    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(below(i));
            std::swap(items[i - 1], items[j]);
        }
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    std::uint64_t state_[4];
};

}  // namespace tata::example
