#include "api/routes.hpp"

#include "http/api_error.hpp"

#include <charconv>

namespace tata::server {
namespace {

std::optional<std::int64_t> parse_integer(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Beyond any real list (2.3 M cases at one per page), and small enough that
// (page - 1) * per_page never overflows an offset.
constexpr std::int64_t kLastPage = 100'000'000;

}  // namespace

Page page_of(const Request& request) {
    Page page;
    if (const auto text = request.query_value("page")) {
        const auto value = parse_integer(*text);
        if (!value || *value < 1 || *value > kLastPage)
            throw bad_request("page", "must be a whole number from 1 to " + std::to_string(kLastPage));
        page.page = static_cast<std::size_t>(*value);
    }
    if (const auto text = request.query_value("per_page")) {
        const auto value = parse_integer(*text);
        if (!value || *value < 1 || *value > 200) throw bad_request("per_page", "must be a whole number from 1 to 200");
        page.per_page = static_cast<std::size_t>(*value);
    }
    return page;
}

nlohmann::json page_json(const Page& page, std::size_t total, nlohmann::json items) {
    return {{"items", std::move(items)}, {"page", page.page}, {"per_page", page.per_page}, {"total", total}};
}

std::int64_t id_param(const Request& request, const std::string& name) {
    const auto it = request.params.find(name);
    const auto value = it == request.params.end() ? std::nullopt : parse_integer(it->second);
    if (!value || *value <= 0) throw not_found("no " + name + " '" + (it == request.params.end() ? "" : it->second) + "'");
    return *value;
}

std::optional<std::int64_t> id_query(const Request& request, const std::string& name) {
    const auto text = request.query_value(name);
    if (!text) return std::nullopt;
    const auto value = parse_integer(*text);
    if (!value || *value <= 0) throw bad_request(name, "must be a case number");
    return value;
}

std::string search_param(const std::string& text) {
    if (text.size() > kMaxSearchBytes)
        throw bad_request("q", "is " + std::to_string(text.size()) + " bytes long; a search is at most " +
                                   std::to_string(kMaxSearchBytes) + " bytes");
    return text;
}

bool flag_param(const Request& request, const std::string& name) {
    const auto text = request.query_value(name);
    if (!text) return false;
    if (*text == "true" || *text == "1" || *text == "ya") return true;
    if (*text == "false" || *text == "0" || *text == "tidak") return false;
    throw bad_request(name, "must be true or false");
}

nlohmann::json path_parameter(const std::string& name, const std::string& description, bool integer) {
    return {{"name", name},
            {"in", "path"},
            {"required", true},
            {"description", description},
            {"schema", {{"type", integer ? "integer" : "string"}}}};
}

nlohmann::json query_parameter(const std::string& name, const std::string& description, const std::string& type) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", {{"type", type}}}};
}

nlohmann::json json_body(const nlohmann::json& schema) {
    return {{"required", true}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

nlohmann::json raw_body(const std::string& content_type, const std::string& description) {
    return {{"required", true},
            {"description", description},
            {"content", {{content_type, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
}

nlohmann::json responses(const std::string& ok_description, std::initializer_list<int> errors, int ok_status) {
    nlohmann::json out = {{std::to_string(ok_status), {{"description", ok_description}}}};
    const nlohmann::json problem = {{"$ref", "#/components/responses/Problem"}};
    for (int status : errors) out[std::to_string(status)] = problem;
    return out;
}

User managed_user(Service& service, const Request& request) {
    const std::string& name = request.params.at("username");
    if (name.size() <= kMaxUsernameBytes) {
        if (auto user = service.identity().find_user(name); user && user->regency == request.caller().regency)
            return *user;
    }
    throw not_found("no user '" + name.substr(0, kMaxUsernameBytes) + "' in your regency");
}

std::string stage_title(const Workflow* workflow, const std::string& state) {
    const State* found = workflow ? workflow->find_state(state) : nullptr;
    return found && !found->title.empty() ? found->title : state;
}

}  // namespace tata::server
