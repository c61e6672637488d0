// A plugin that registers the same action name twice: the host refuses it.
#include <tata/plugin.hpp>

namespace {

tata::sdk::Patch noop(const tata::sdk::ActionContext&) { return tata::sdk::Patch::object(); }

int register_twice(tata_registrar* r) {
    int failures = tata::sdk::add_action<noop>(r, "noop", "first");
    failures += tata::sdk::add_action<noop>(r, "noop", "second");
    return failures;
}

}  // namespace

TATA_PLUGIN("kembar", "0.1.0", register_twice)
