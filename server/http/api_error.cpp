#include "http/api_error.hpp"

namespace tata::server {

ApiError bad_request(const std::string& field, const std::string& message) {
    return ApiError(400, "Permintaan tidak valid", field + ": " + message, {{field, message}});
}

ApiError invalid_fields(std::vector<FieldError> errors) {
    std::string detail;
    for (const auto& e : errors) detail += (detail.empty() ? "" : "; ") + e.field + ": " + e.message;
    return ApiError(422, "Isian tidak valid", detail, std::move(errors));
}

ApiError unauthorized(const std::string& detail) { return ApiError(401, "Belum masuk", detail); }

ApiError forbidden(const std::string& detail) { return ApiError(403, "Tidak diizinkan", detail); }

ApiError not_found(const std::string& detail) { return ApiError(404, "Tidak ditemukan", detail); }

Response problem_response(int status, const std::string& title, const std::string& detail,
                          const std::vector<FieldError>& errors) {
    nlohmann::json body = {{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
    if (!errors.empty()) {
        body["errors"] = nlohmann::json::array();
        for (const auto& e : errors) body["errors"].push_back({{"field", e.field}, {"message", e.message}});
    }
    Response response = Response::json(body, status);
    response.content_type = "application/problem+json";
    return response;
}

}  // namespace tata::server
