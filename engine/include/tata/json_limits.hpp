// Bounds on JSON that comes from outside (request bodies, CLI input, case
// data). nlohmann::json copies, compares and serialises recursively, so a
// value nested tens of thousands of levels deep overflows the stack of
// whatever touches it: such text is refused before it is parsed, and such a
// value before it is stored.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tata {

// Deep enough for every form and roster row; far from any stack limit.
inline constexpr int kMaxJsonDepth = 64;
// What one case may carry in its data (as serialised JSON): generous for a
// worker file, small enough that one case cannot starve the server.
inline constexpr std::size_t kMaxCaseDataBytes = 1u << 20;

struct JsonTextProblem {
    std::size_t byte = 0;  // where in the text
    std::string message;
};

// Scans JSON text for nesting deeper than `max_depth` (arrays and objects,
// strings skipped) without parsing it. Cheap: one pass, no allocation.
std::optional<JsonTextProblem> find_excess_nesting(std::string_view text, int max_depth = kMaxJsonDepth);

// The JSON pointer ("/a/0/b") of the first value nested deeper than
// `max_depth` in an already parsed value; iterative, so safe on any depth.
std::optional<std::string> find_too_deep(const nlohmann::json& value, int max_depth = kMaxJsonDepth);

// About how many bytes `value` takes as JSON text (strings, keys and a few
// bytes per scalar), without serialising it; iterative.
std::size_t approximate_json_bytes(const nlohmann::json& value);

// Whether `text` is valid UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

// The characters (code points) of UTF-8 text, as a person counts a limit
// ("at most 500 huruf"), not its bytes: every byte that does not continue a
// sequence. Text that is not UTF-8 gets a count, not a check.
std::size_t utf8_length(std::string_view text);

}  // namespace tata
