// A small command-line parser: positionals, `--name value` options and
// `--flag` switches, with the option names each command accepts.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tata::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Arguments {
public:
    // `valued` options take a value; `switches` do not. Anything else that
    // starts with "--" is a usage error.
    Arguments(const std::vector<std::string>& words, const std::set<std::string>& valued,
              const std::set<std::string>& switches);

    const std::vector<std::string>& positionals() const { return positionals_; }
    std::optional<std::string> value(const std::string& name) const;
    std::string value_or(const std::string& name, const std::string& fallback) const;
    bool flag(const std::string& name) const { return switches_.count(name) != 0; }
    const std::string& positional(std::size_t index, const char* what) const;

private:
    std::vector<std::string> positionals_;
    std::map<std::string, std::string> values_;
    std::set<std::string> switches_;
};

}  // namespace tata::cli
