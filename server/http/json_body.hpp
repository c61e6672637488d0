// Reading a JSON request body strictly: a JSON object, the fields a route
// names with their types, nothing else. Every problem is reported at once,
// with the field it concerns, before anything is written.
#pragma once

#include "http/exchange.hpp"

#include <tata/errors.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tata::server {

enum class JsonKind { string, integer, boolean, object, array, any };

struct FieldSpec {
    std::string name;
    JsonKind kind = JsonKind::string;
    bool required = false;
};

// The body as a JSON object: 415 unless the content type is JSON, 400 for
// malformed JSON (with where it breaks), a body that is not an object,
// unknown fields, missing required fields and wrong types.
nlohmann::json read_json_object(const Request& request, const std::vector<FieldSpec>& fields);

// The same checks on an object already parsed; `prefix` names its place
// ("input." for the fields inside `input`).
std::vector<FieldError> check_fields(const nlohmann::json& object, const std::vector<FieldSpec>& fields,
                                     const std::string& prefix = "");

}  // namespace tata::server
