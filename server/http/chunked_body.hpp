// A chunked request body (RFC 9112 7.1) decoded incrementally as its bytes
// arrive, with no I/O: chunk sizes in hex, extensions skipped, trailer
// fields read and dropped. A malformed body is an error, never a guess, so
// a request whose chunks are broken is refused as a whole (nothing of it is
// acted on). The caller limits the decoded size.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tata::server::wire {

class ChunkedDecoder {
public:
    // Decodes what `bytes` holds, appending the data to `body`; returns how
    // many bytes it used (fewer than given only once done or failed: the
    // rest belongs to the next request).
    std::size_t feed(std::string_view bytes, std::string& body);

    bool done() const { return state_ == State::done; }
    bool failed() const { return state_ == State::failed; }
    const char* error() const { return error_; }

    // Bytes a chunk-size line's extensions, or all trailer fields together,
    // may take: enough for any real client, bounded for the rest.
    static constexpr std::size_t kMaxExtensionBytes = 4096;
    static constexpr std::size_t kMaxTrailerBytes = 16 * 1024;

private:
    enum class State { size, extension, size_lf, data, data_cr, data_lf, trailer_start, trailer_line, trailer_lf, done, failed };
    void fail(const char* why) {
        state_ = State::failed;
        error_ = why;
    }

    State state_ = State::size;
    std::uint64_t size_ = 0;
    int digits_ = 0;
    std::size_t extension_ = 0;
    std::size_t trailer_ = 0;
    const char* error_ = "";
};

}  // namespace tata::server::wire
