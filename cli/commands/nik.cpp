// tata nik check (placeholder until the NIK module lands)
#include "commands/commands.hpp"

namespace tata::cli {
int run_nik_check(Context& context) {
    context.err << "tata nik check: not available yet\n";
    return 2;
}
}  // namespace tata::cli
