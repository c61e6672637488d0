// libFuzzer target for the workflow loader as `tata validate` and a reload
// run it: YAML limits, parsing, model and graph checks, expression
// compilation. Invariant: a workflow or diagnostics, never a crash, never
// unbounded time or memory. Links: tata::engine (and the core plugin, found
// at TATA_FUZZ_PLUGIN_DIR).
#include <tata/definitions.hpp>
#include <tata/expression.hpp>

#include <cstdint>
#include <cstdlib>

using namespace tata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto plugins = [] {
        std::vector<Diagnostic> errors;
        return PluginSet::load({TATA_FUZZ_PLUGIN_DIR}, errors);
    }();
    static const auto expressions = ExpressionEngine::create();
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<Diagnostic> errors;
    const auto workflow = parse_workflow(text, "fuzz.yaml", *plugins, *expressions, errors);
    if (!workflow && errors.empty()) std::abort();  // a refusal always says why
    return 0;
}
