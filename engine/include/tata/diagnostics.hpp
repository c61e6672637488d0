// Where a mistake is, and what it is: "FILE:LINE:COL: error: message".
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace tata {

struct SourceLocation {
    std::string file;
    int line = 0;    // 1-based; 0 when unknown
    int column = 0;  // 1-based; 0 when unknown
};

struct Diagnostic {
    SourceLocation where;
    std::string message;

    std::string to_string() const;
};

// A set of definitions (workflows, rules, plugins) that must not be used.
class ValidationError : public std::runtime_error {
public:
    explicit ValidationError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace tata
