// A person who uses the server: one regency, one role (DESIGN.md section 3);
// a vendor user is bound to one vendor, a worker user to one NIK, an OPD
// head and a supervisor (pejabat penilai kinerja) to one OPD.
#pragma once

#include <tata/records.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tata::server {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string regency;
    std::string role;    // admin, officer, opd_head, supervisor, bkad, vendor, worker
    std::string vendor;  // vendor users: the vendor's id (data.id_penyedia of its contracts)
    std::string nik;     // worker users
    std::string opd;     // opd_head and supervisor users: the OPD they head or evaluate in
    bool disabled = false;  // cannot log in; their sessions were ended when disabled
    // Where notifications reach them (notify/): both optional.
    std::string email{};
    std::string phone{};  // digits with a leading +, e.g. +6281234567890

    Actor actor() const { return {username, role}; }
};

// The longest user name and password a request may carry, checked before
// any password hashing or throttle table sees them (a 19 MB "name" must cost
// nothing). Names are at most 64 characters (see add_user); 128 bytes leaves
// room without inviting abuse. Argon2id takes any length, people do not
// need more than 1,024 bytes.
inline constexpr std::size_t kMaxUsernameBytes = 128;
inline constexpr std::size_t kMaxPasswordBytes = 1024;
inline constexpr std::size_t kMinPasswordChars = 10;

// A person's contact as they give it: e-mail at most 254 bytes with one
// '@', phone 8 to 15 digits (a leading + or 0 kept as written). Each empty
// is allowed (no contact).
inline constexpr std::size_t kMaxEmailBytes = 254;

// The roles a user can have. `system` is the engine's own and never a user's.
const std::vector<std::string>& user_roles();

}  // namespace tata::server
