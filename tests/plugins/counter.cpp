// A well-behaved plugin with state-free actions used by engine tests.
#include <tata/plugin.hpp>

#include <string>

namespace {

// data.count + with.by (default 1).
tata::sdk::Patch increment(const tata::sdk::ActionContext& ctx) {
    return {{"count", ctx.data.value("count", 0) + ctx.args.value("by", 1)}};
}

// Copies the event's input field `with.from` into data field `with.to`.
tata::sdk::Patch copy_input(const tata::sdk::ActionContext& ctx) {
    const std::string from = ctx.args.at("from").get<std::string>();
    return {{ctx.args.at("to").get<std::string>(), ctx.input.value(from, tata::sdk::Json())}};
}

// Reports what the host passed, so tests can check the request.
tata::sdk::Patch describe_call(const tata::sdk::ActionContext& ctx) {
    return {{"seen", {{"case_id", ctx.case_id}, {"workflow", ctx.workflow_id}, {"state", ctx.state},
                      {"regency", ctx.regency}, {"now", ctx.now}, {"umk", ctx.regency_settings.value("umk", 0)}}}};
}

// Reads the fields named in with.fields through the SDK's CaseData: for each,
// whether the case has it and its value (null when absent).
tata::sdk::Patch read_fields(const tata::sdk::ActionContext& ctx) {
    tata::sdk::Json seen = tata::sdk::Json::object();
    for (const auto& field : ctx.args.at("fields")) {
        const std::string name = field.get<std::string>();
        seen[name] = {{"present", ctx.data.contains(name)}, {"value", ctx.data[name]}};
    }
    return {{"read", seen}};
}

// Asks for the whole data object and reports its field names.
tata::sdk::Patch list_fields(const tata::sdk::ActionContext& ctx) {
    tata::sdk::Json names = tata::sdk::Json::array();
    for (const auto& [key, value] : ctx.data.all().items()) names.push_back(key);
    return {{"fields", names}};
}

// Written against the C ABI alone: reads data.nama through the request's
// field callback and answers with the JSON text it got (or null).
int raw_field(const tata_action_request* request, tata_action_response* response) {
    static const char name[] = "nama";
    size_t size = 0;
    const char* text = request->data.field(request->data.host, name, sizeof name - 1, &size);
    const std::string patch =
        std::string("{\"raw_nama\": ") + (text ? std::string(text, size) : std::string("null")) + "}";
    response->set_patch(response->host, patch.data(), patch.size());
    return 0;
}

int register_counter(tata_registrar* r) {
    int failures = tata::sdk::add_action<increment>(r, "increment", "adds with.by to data.count");
    failures += tata::sdk::add_action<copy_input>(r, "copy_input", "copies an input field into the data");
    failures += tata::sdk::add_action<describe_call>(r, "describe_call", "records the request it got");
    failures += tata::sdk::add_action<read_fields>(r, "read_fields", "reports the fields in with.fields");
    failures += tata::sdk::add_action<list_fields>(r, "list_fields", "reports the names of all data fields");
    failures += r->add_action(r->host, "raw_field", "reads data.nama through the C callback", &raw_field);
    return failures;
}

}  // namespace

TATA_PLUGIN("counter", "1.2.3", register_counter)
