// tata import workers (placeholder until the roster import lands)
#include "commands/commands.hpp"

namespace tata::cli {
int run_import_workers(Context& context) {
    context.err << "tata import workers: not available yet\n";
    return 2;
}
}  // namespace tata::cli
