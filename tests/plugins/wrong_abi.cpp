// A plugin built against a future SDK: its descriptor claims ABI 999.
#include <tata/plugin.hpp>

namespace {

int never_called(tata_registrar*) { return 0; }

const tata_plugin_descriptor future_descriptor{999u, "masa_depan", "9.0.0", &never_called};
const tata_plugin_descriptor* describe() { return &future_descriptor; }

}  // namespace

BOOST_DLL_ALIAS(describe, tata_plugin_descriptor)
