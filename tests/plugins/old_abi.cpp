// A plugin built against the previous SDK: its descriptor says ABI 1, whose
// requests carried the whole case data as one JSON text. The host must
// refuse it by its version, before it calls anything in it.
#include <tata/plugin.hpp>

namespace {

int never_called(tata_registrar*) { return 0; }

const tata_plugin_descriptor old_descriptor{1u, "versi_lama", "1.0.0", &never_called};
const tata_plugin_descriptor* describe() { return &old_descriptor; }

}  // namespace

BOOST_DLL_ALIAS(describe, tata_plugin_descriptor)
