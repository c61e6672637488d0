// SHA-256 as lowercase hex, through libsodium (also our KDF provider): the
// audit chain, workflow pinning and content-addressed documents.
#pragma once

#include <string>
#include <string_view>

namespace tata {

std::string sha256_hex(std::string_view bytes);

}  // namespace tata
