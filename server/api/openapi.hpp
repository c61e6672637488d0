// The OpenAPI 3.1 document, built from the route table itself: every route
// the router knows is in it, with who may call it (x-roles).
#pragma once

#include "http/router.hpp"

namespace tata::server {

nlohmann::json openapi_document(const Router& router);

}  // namespace tata::server
