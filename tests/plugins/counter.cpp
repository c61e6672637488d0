// A well-behaved plugin with state-free actions used by engine tests.
#include <tata/plugin.hpp>

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

int register_counter(tata_registrar* r) {
    int failures = tata::sdk::add_action<increment>(r, "increment", "adds with.by to data.count");
    failures += tata::sdk::add_action<copy_input>(r, "copy_input", "copies an input field into the data");
    failures += tata::sdk::add_action<describe_call>(r, "describe_call", "records the request it got");
    return failures;
}

}  // namespace

TATA_PLUGIN("counter", "1.2.3", register_counter)
