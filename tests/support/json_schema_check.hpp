// Checks the server's answers against the schemas /openapi.json gives for
// them (server/api/schemas/), inside the server tests: every answer a test
// receives through ServerFixture::send is checked, so the document cannot
// drift from what the server sends.
//
// Debian packages no JSON Schema validator for C++, so this is one for the
// part of JSON Schema 2020-12 our schemas use: type (one or several),
// properties, required, additionalProperties (false or a schema), items,
// enum, oneOf, $ref to #/..., minimum, maximum, minLength, maxLength,
// format date-time and date, and the annotations description and title. A
// schema with any other keyword is reported, never passed unchecked.
//
// Answers that are not JSON (CSV, PDF, metrics) are checked for their
// media type: the route must name it.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tata::test {

class ApiContract {
public:
    explicit ApiContract(nlohmann::json openapi);

    // What is wrong with `body` as the answer `status` of `method path`
    // (the path without its query), one line per problem; empty when it
    // matches. An answer its route names no JSON schema for is a problem
    // too, except an error (4xx, 5xx: the problem document).
    std::vector<std::string> check(const std::string& method, const std::string& path, int status,
                                   const nlohmann::json& body) const;
    // For an answer that is not JSON: does the route name its media type
    // (without parameters: "text/csv" for "text/csv; charset=utf-8")?
    std::vector<std::string> check_media_type(const std::string& method, const std::string& path, int status,
                                              const std::string& content_type) const;

    // The path template the router would pick for `path` (literal segments
    // before parameters), or nullopt.
    std::optional<std::string> template_of(const std::string& path) const;

private:
    // The documented answer, or a problem saying why there is none.
    const nlohmann::json* answer_of(const std::string& method, const std::string& path, int status,
                                    std::string& problem) const;
    void validate(const nlohmann::json& schema, const nlohmann::json& value, const std::string& where,
                  std::vector<std::string>& problems, int depth) const;
    const nlohmann::json& resolve(const std::string& ref) const;

    nlohmann::json document_;
};

}  // namespace tata::test
