#include "tata/sha256.hpp"

#include <sodium.h>

#include <stdexcept>

namespace tata {

std::string sha256_hex(std::string_view bytes) {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium failed to initialise");
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(sizeof digest * 2, '0');
    for (std::size_t i = 0; i < sizeof digest; ++i) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 0x0f];
    }
    return out;
}

}  // namespace tata
