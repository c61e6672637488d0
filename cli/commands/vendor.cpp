// tata vendor check (placeholder until the compliance module lands)
#include "commands/commands.hpp"

namespace tata::cli {
int run_vendor_check(Context& context) {
    context.err << "tata vendor check: not available yet\n";
    return 2;
}
}  // namespace tata::cli
