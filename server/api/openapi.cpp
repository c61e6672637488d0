#include "api/openapi.hpp"

#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

#include <algorithm>
#include <cctype>

namespace tata::server {

nlohmann::json openapi_document(const Router& router) {
    nlohmann::json paths = nlohmann::json::object();
    for (const auto& route : router.routes()) {
        std::string method = route.method;
        std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
        nlohmann::json operation = route.operation;
        operation["summary"] = route.summary;
        operation["tags"] = {route.tag};
        // The method and the path, without the braces of its parameters:
        // an operationId must be safe in a URL (Redocly's
        // operation-operationId-url-safe) and stays unique as paths are.
        std::string id = method + route.pattern;
        std::erase_if(id, [](char c) { return c == '{' || c == '}'; });
        operation["operationId"] = id;
        if (route.open) {
            // An open route that checks a token itself (/metrics) says so.
            if (!operation.contains("security")) operation["security"] = nlohmann::json::array();
        } else {
            operation["security"] = {{{"bearerAuth", nlohmann::json::array()}}};
            operation["x-roles"] = route.roles;
        }
        if (!operation.contains("responses")) operation["responses"] = {{"200", {{"description", "OK"}}}};
        paths[route.pattern][method] = std::move(operation);
    }
    return {{"openapi", "3.1.0"},
            {"info",
             {{"title", "Tata API"},
              {"version", "1"},
              {"description",
               "Penataan tenaga non-ASN: verification, prioritization, outsourcing vendors and compliance, grievances. "
               "Every route but /healthz, /openapi.json and /api/v1/auth/login needs a bearer token from "
               "/api/v1/auth/login (/metrics also takes the configured metrics token); data of another regency, "
               "vendor or worker answers 404."}}},
            {"servers", {{{"url", "/"}}}},
            {"paths", paths},
            {"components",
             {{"securitySchemes", {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}},
              {"schemas", response_schemas()},
              {"responses",
               {{"Problem",
                 {{"description", "An RFC 9457 problem document; `errors` names the fields at fault"},
                  {"content",
                   {{"application/problem+json",
                     {{"schema",
                       {{"type", "object"},
                        {"properties",
                         {{"type", {{"type", "string"}}},
                          {"title", {{"type", "string"}}},
                          {"status", {{"type", "integer"}}},
                          {"detail", {{"type", "string"}}},
                          {"errors",
                           {{"type", "array"},
                            {"items",
                             {{"type", "object"},
                              {"properties",
                               {{"field", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}}}}}}}}}}}}}};
}

}  // namespace tata::server
