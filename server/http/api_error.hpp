// A refused request, as the client sees it: an HTTP status and an RFC 9457
// problem document (application/problem+json) with field-level errors.
#pragma once

#include "http/exchange.hpp"

#include <tata/errors.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace tata::server {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string title, std::string detail, std::vector<FieldError> errors = {})
        : std::runtime_error(detail), status_(status), title_(std::move(title)), errors_(std::move(errors)) {}

    int status() const { return status_; }
    const std::string& title() const { return title_; }
    const std::vector<FieldError>& errors() const { return errors_; }

private:
    int status_;
    std::string title_;
    std::vector<FieldError> errors_;
};

// The common refusals.
ApiError bad_request(const std::string& field, const std::string& message);
ApiError invalid_fields(std::vector<FieldError> errors);
ApiError unauthorized(const std::string& detail);
ApiError forbidden(const std::string& detail);
ApiError not_found(const std::string& detail);

// An RFC 9457 problem document (application/problem+json).
Response problem_response(int status, const std::string& title, const std::string& detail,
                          const std::vector<FieldError>& errors = {});

}  // namespace tata::server
