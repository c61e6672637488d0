// The regency's OPDs, for pages that pick one (the inbox filter, a new OPD
// head's account) instead of asking for a name typed exactly right.
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/schemas/schema_builders.hpp"

#include "opd/opd_names.hpp"

namespace tata::server {

void add_opd_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    router.add({"GET", "/api/v1/opd", kStaff, false, "list the OPDs of the caller's regency", "admin",
                {{"responses",
                  json_responses("The names in the regency's list (settings.opd), in its order; empty when the regency "
                                 "keeps none and any name is taken",
                                 schema::closed({{"opd", schema::array_of(schema::string())}}), {401, 403})}},
                [&engine](Request& request) {
                    const auto definitions = engine.definitions();
                    const Regency* regency = definitions->find_regency(request.caller().regency);
                    return Response::json({{"opd", regency ? opd::opd_names(*regency) : std::vector<std::string>{}}});
                }});
}

}  // namespace tata::server
