// The real `tata serve` as a child process: started on port 0 with its log
// in a file, the port read from what it says, stopped with SIGTERM (it must
// end by itself with status 0) or killed with SIGKILL (a node that dies).
#pragma once

#include "support/test_support.hpp"

#include <string>
#include <sys/types.h>
#include <vector>

namespace tata::test {

struct ServeProcess {
    pid_t child = 0;
    int port = 0;
};

// `tata serve --port 0 --db DB` and `extra` arguments, stderr into `log`.
ServeProcess start_serve(const fs::path& db, const fs::path& log, const std::vector<std::string>& extra = {});
// SIGTERM, then the server must end by itself with status 0.
void stop_serve(pid_t child, const fs::path& log);
// SIGKILL: nothing of the process runs after this.
void kill_serve(pid_t child);

}  // namespace tata::test
