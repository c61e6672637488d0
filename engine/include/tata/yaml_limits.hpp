// Bounds on a YAML definition file before it is loaded. yaml-cpp shares an
// aliased node instead of copying it, but everything that walks the loaded
// tree (validation, conversion to JSON) visits each alias again: nine
// levels of ten aliases ("billion laughs", 700 bytes) expand to 10^9 nodes.
// The file is checked on the parser's events first, where an alias costs
// one lookup, and refused with the place of the alias that went too far.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace tata {

// A definition is read by people: 2 MiB is hundreds of times any shipped file.
inline constexpr std::size_t kMaxDefinitionFileBytes = 2u << 20;
// Nodes after expanding every alias; the largest shipped file has ~3,000.
inline constexpr std::size_t kMaxYamlExpandedNodes = 200'000;
// Nesting of mappings and sequences, aliases expanded.
inline constexpr int kMaxYamlDepth = 64;

struct YamlLimitProblem {
    int line = 0;  // 1-based; 1:1 when it concerns the whole file
    int column = 0;
    std::string message;
};

// The first limit `text` breaks, or nullopt; syntax errors are left to the
// loader, which reports them with their own place.
std::optional<YamlLimitProblem> check_yaml_limits(const std::string& text);

}  // namespace tata
