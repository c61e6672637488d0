#include "identity/user.hpp"

namespace tata::server {

const std::vector<std::string>& user_roles() {
    static const std::vector<std::string> roles = {"admin", "officer", "opd_head", "supervisor", "bkad", "vendor", "worker"};
    return roles;
}

}  // namespace tata::server
