// SHA-256 as lowercase hex, through libsodium (also our KDF provider).
#pragma once

#include <string>
#include <string_view>

namespace tata {

std::string sha256_hex(std::string_view bytes);

// Incremental form for hashing several fields without concatenating them.
class Sha256 {
public:
    Sha256();
    Sha256& update(std::string_view bytes);
    // Length-prefixed, so that ("ab","c") and ("a","bc") hash differently.
    Sha256& field(std::string_view bytes);
    std::string hex();

private:
    alignas(64) unsigned char state_[128];
};

}  // namespace tata
