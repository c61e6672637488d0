#include "support/sha256.hpp"

#include <sodium.h>

#include <cstdint>
#include <stdexcept>

namespace tata {
namespace {

crypto_hash_sha256_state& as_state(unsigned char* raw) {
    static_assert(sizeof(crypto_hash_sha256_state) <= 128, "state buffer too small");
    return *reinterpret_cast<crypto_hash_sha256_state*>(raw);
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(size * 2, '0');
    for (std::size_t i = 0; i < size; ++i) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    return out;
}

}  // namespace

Sha256::Sha256() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    crypto_hash_sha256_init(&as_state(state_));
}

Sha256& Sha256::update(std::string_view bytes) {
    crypto_hash_sha256_update(&as_state(state_), reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
    return *this;
}

Sha256& Sha256::field(std::string_view bytes) {
    const std::string length = std::to_string(bytes.size()) + ":";
    return update(length).update(bytes);
}

std::string Sha256::hex() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&as_state(state_), digest);
    return to_hex(digest, sizeof digest);
}

std::string sha256_hex(std::string_view bytes) { return Sha256().update(bytes).hex(); }

}  // namespace tata
