#include "app/listen_socket.hpp"

#include <cerrno>

#include <stdexcept>

namespace tata::server {

Poco::Net::ServerSocket listen_exclusively(const std::string& address, int port, int backlog) {
    const std::string where = address + ":" + std::to_string(port);
    try {
        const Poco::Net::SocketAddress at(address, static_cast<Poco::UInt16>(port));
        Poco::Net::ServerSocket socket;
        socket.bind(at, /*reuseAddress=*/true, /*reusePort=*/false);
        socket.listen(backlog);
        socket.setBlocking(false);
        return socket;
    } catch (const Poco::Exception& e) {
        const bool in_use = e.code() == EADDRINUSE || e.displayText().find("in use") != std::string::npos;
        throw std::runtime_error("cannot listen on " + where + ": " +
                                 (in_use ? "the address is already in use (is another tata serve running on it?)"
                                         : e.displayText()));
    }
}

}  // namespace tata::server
