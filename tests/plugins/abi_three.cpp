// A plugin built against the version-3 SDK (before channels): ABI 4 only
// appended add_channel to the registrar, so the host must still load it
// and run its action.
#include <tata/plugin.hpp>

namespace {

tata::sdk::Patch mark(const tata::sdk::ActionContext&) { return {{"versi_tiga", true}}; }

int register_all(tata_registrar* registrar) {
    return tata::sdk::add_action<mark>(registrar, "tandai", "Sets data.versi_tiga");
}

const tata_plugin_descriptor descriptor{3u, "versi_tiga", "3.0.0", &register_all};
const tata_plugin_descriptor* describe() { return &descriptor; }

}  // namespace

BOOST_DLL_ALIAS(describe, tata_plugin_descriptor)
