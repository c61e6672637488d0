#include "app/log_line.hpp"

#include <mutex>
#include <ostream>

namespace tata::server {

void log_line(std::ostream& out, const std::string& line) {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    out << line << "\n" << std::flush;
}

}  // namespace tata::server
