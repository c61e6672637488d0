#include "tata/diagnostics.hpp"
#include "tata/errors.hpp"

namespace tata {

std::string Diagnostic::to_string() const {
    std::string out = where.file.empty() ? std::string("<input>") : where.file;
    if (where.line > 0) {
        out += ":" + std::to_string(where.line);
        if (where.column > 0) out += ":" + std::to_string(where.column);
    }
    return out + ": error: " + message;
}

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) {
        if (!out.empty()) out += '\n';
        out += d.to_string();
    }
    return out;
}

std::string join(const std::vector<FieldError>& errors) {
    std::string out = "invalid input";
    for (const auto& e : errors) out += (out.size() == 13 ? ": " : "; ") + e.field + ": " + e.message;
    return out;
}
}  // namespace

ValidationError::ValidationError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InvalidInput::InvalidInput(std::vector<FieldError> errors)
    : std::runtime_error(join(errors)), errors_(std::move(errors)) {}

}  // namespace tata
