// Reading one case whole (GET /api/v1/cases/{id}), the API's most frequent
// request: the case data goes into the answer as the JSON text the store
// holds, spliced in, instead of being parsed into objects and serialized
// again (most of a read's work, for 2 to 5 KB of data). Only the few
// top-level fields that the access checks and the summary read are picked
// out of the text, without building the rest.
#pragma once

#include "http/exchange.hpp"
#include "identity/user.hpp"

#include <tata/engine.hpp>

#include <optional>
#include <span>
#include <string>

namespace tata::server {

struct CaseRead {
    // data: the whole data when `data_json` is empty (a user for whom some
    // data is redacted); otherwise only the top-level text fields named in
    // case_read.cpp's kFieldsChecksRead, which is all that can_see, the
    // access log and the summary look at.
    CaseRecord record;
    std::optional<std::string> data_json;
};

// The case, or 404 when it does not exist or the user may not see it.
CaseRead read_visible_case(Engine& engine, const User& user, CaseId id);

// The answer (without its ETag): what case_json gives, with the stored data
// spliced in.
Response case_read_response(Engine& engine, CaseRead read, const User& user);

// The top-level string fields of a JSON object text whose names are listed
// (other values, nested ones included, are skipped without being built).
// Throws nlohmann::json::parse_error when the text is not JSON.
nlohmann::json top_level_texts(const std::string& json_text, std::span<const char* const> names);

}  // namespace tata::server
