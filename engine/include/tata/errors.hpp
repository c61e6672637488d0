// The ways a request to the engine can be refused. Each leaves the store as
// it was. The server maps them to HTTP statuses; the CLI to messages.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace tata {

// No such case, workflow, regency or task (or not visible to the caller).
class NotFound : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The caller's idea of the case is stale (version mismatch): nothing written.
class Conflict : public std::runtime_error {
public:
    Conflict(std::string message, long long current_version)
        : std::runtime_error(std::move(message)), current_version_(current_version) {}
    long long current_version() const { return current_version_; }

private:
    long long current_version_;
};

// The actor's role may not do this in the case's current state.
class Forbidden : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The event does not exist in the current state, or the case is closed.
class InvalidTransition : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct FieldError {
    std::string field;
    std::string message;
};

// The input does not fit the task's form; one entry per bad field.
class InvalidInput : public std::runtime_error {
public:
    explicit InvalidInput(std::vector<FieldError> errors);
    const std::vector<FieldError>& errors() const { return errors_; }

private:
    std::vector<FieldError> errors_;
};

}  // namespace tata
