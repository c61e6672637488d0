// One line to the server's log from any thread: the background jobs and
// the notification outbox run on threads of their own and share one stream.
#pragma once

#include <iosfwd>
#include <string>

namespace tata::server {

// Writes `line` and a newline, flushed, as one piece.
void log_line(std::ostream& out, const std::string& line);

}  // namespace tata::server
