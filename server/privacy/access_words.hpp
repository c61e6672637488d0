// What a worker reads about the reads of their data: the reader's role and
// what they did, in Bahasa Indonesia, with no codes.
#pragma once

#include <string>

namespace tata::server::privacy {

// "Petugas BKPSDM", "Kepala OPD", ...; the code itself for an unknown role.
std::string role_words(const std::string& role);
// "membuka berkas", "mencari nama atau NIK", "mengunduh rekap", ...
std::string action_words(const std::string& action);

}  // namespace tata::server::privacy
