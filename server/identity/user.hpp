// A person who uses the server: one regency, one role (DESIGN.md section 3);
// a vendor user is bound to one vendor, a worker user to one NIK, an OPD
// head to one OPD.
#pragma once

#include <tata/records.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tata::server {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string regency;
    std::string role;    // admin, officer, opd_head, bkad, vendor, worker
    std::string vendor;  // vendor users: the vendor's id (data.id_penyedia of its contracts)
    std::string nik;     // worker users
    std::string opd;     // opd_head users: the OPD they head

    Actor actor() const { return {username, role}; }
};

// The roles a user can have. `system` is the engine's own and never a user's.
const std::vector<std::string>& user_roles();

}  // namespace tata::server
