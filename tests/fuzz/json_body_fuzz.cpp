// libFuzzer target for the strict JSON body reader: depth pre-scan, parse,
// field checks. Invariant: it either returns an object or throws ApiError
// (a 4xx); nothing else escapes, nothing crashes. Links: tata::server.
#include "http/api_error.hpp"
#include "http/json_body.hpp"

#include <cstdint>
#include <cstdlib>

using namespace tata::server;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Request request;
    request.method = "POST";
    request.headers["content-type"] = "application/json";
    request.body.assign(reinterpret_cast<const char*>(data), size);
    try {
        const auto body = read_json_object(request, {{"input", JsonKind::object, false},
                                                     {"username", JsonKind::string, false},
                                                     {"count", JsonKind::integer, false}});
        if (!body.is_object()) std::abort();
        (void)Response::json(body);  // an accepted body can always be answered
    } catch (const ApiError& e) {
        if (e.status() < 400 || e.status() >= 500) std::abort();
    }
    return 0;
}
