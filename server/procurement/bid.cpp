#include "procurement/bid.hpp"

#include <tata/sha256.hpp>

#include <sodium.h>

#include <stdexcept>

namespace tata::server::procurement {

nlohmann::json offer_json(const Bid& bid) {
    return {{"nama_penyedia", bid.nama_penyedia},
            {"npwp_penyedia", bid.npwp_penyedia},
            {"harga_penawaran", bid.harga_penawaran},
            {"upah_ditawarkan", bid.upah_ditawarkan},
            {"berkas_penawaran", bid.berkas_penawaran}};
}

std::string new_salt() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char text[sizeof bytes * 2 + 1];
    sodium_bin2hex(text, sizeof text, bytes, sizeof bytes);
    return text;
}

std::string fingerprint(const Bid& bid) {
    // nlohmann::json orders keys, so the same offer always dumps the same text.
    return sha256_hex(bid.salt + "\n" + offer_json(bid).dump());
}

}  // namespace tata::server::procurement
