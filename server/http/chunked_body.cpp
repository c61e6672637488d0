#include "http/chunked_body.hpp"

#include <algorithm>

namespace tata::server::wire {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// 15 hex digits already exceed any body limit; more could overflow.
constexpr int kMaxSizeDigits = 15;

}  // namespace

std::size_t ChunkedDecoder::feed(std::string_view bytes, std::string& body) {
    std::size_t i = 0;
    while (i < bytes.size() && state_ != State::done && state_ != State::failed) {
        if (state_ == State::data) {
            const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(size_, bytes.size() - i));
            body.append(bytes.data() + i, take);
            i += take;
            size_ -= take;
            if (size_ == 0) state_ = State::data_cr;
            continue;
        }
        const char c = bytes[i++];
        switch (state_) {
        case State::size:
            if (const int d = hex_digit(c); d >= 0) {
                if (++digits_ > kMaxSizeDigits) return fail("a chunk size with too many digits"), i;
                size_ = size_ * 16 + static_cast<std::uint64_t>(d);
            } else if (digits_ > 0 && (c == ';' || c == ' ' || c == '\t')) {
                state_ = State::extension;
            } else if (digits_ > 0 && c == '\r') {
                state_ = State::size_lf;
            } else {
                fail("a chunk size that is not a hex number");
            }
            break;
        case State::extension:
            if (c == '\r') state_ = State::size_lf;
            else if (++extension_ > kMaxExtensionBytes) fail("chunk extensions too long");
            else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) fail("a control character in a chunk extension");
            break;
        case State::size_lf:
            if (c != '\n') return fail("a chunk size line not ended by CRLF"), i;
            state_ = size_ == 0 ? State::trailer_start : State::data;
            digits_ = 0;
            break;
        case State::data_cr:
            if (c != '\r') fail("chunk data longer than its size");
            else state_ = State::data_lf;
            break;
        case State::data_lf:
            if (c != '\n') fail("chunk data not ended by CRLF");
            else state_ = State::size;
            break;
        case State::trailer_start:
            if (c == '\r') state_ = State::trailer_lf;
            else if (++trailer_ > kMaxTrailerBytes) fail("trailer fields too long");
            else state_ = State::trailer_line;
            break;
        case State::trailer_line:
            if (++trailer_ > kMaxTrailerBytes) fail("trailer fields too long");
            else if (c == '\n') state_ = State::trailer_start;
            else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
                fail("a control character in a trailer field");
            break;
        case State::trailer_lf:
            if (c != '\n') fail("the chunked body not ended by CRLF");
            else state_ = State::done;
            break;
        default:
            break;
        }
    }
    return i;
}

}  // namespace tata::server::wire
