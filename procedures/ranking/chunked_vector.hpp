// An append-only array in fixed-size chunks: growing never copies what is
// there, so millions of rows touch their memory once (a doubling vector
// touches it about twice and holds old and new copies at its peak).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace tata::ranking {

template <typename T, std::size_t ChunkBits = 16>
class ChunkedVector {
public:
    static constexpr std::size_t chunk_bits = ChunkBits;
    static constexpr std::size_t chunk_size = std::size_t{1} << chunk_bits;

    void push_back(const T& value) {
        if (size_ % chunk_size == 0) chunks_.push_back(std::make_unique_for_overwrite<T[]>(chunk_size));
        chunks_.back()[size_ % chunk_size] = value;
        ++size_;
    }
    const T& operator[](std::size_t i) const { return chunks_[i >> chunk_bits][i & (chunk_size - 1)]; }
    std::size_t size() const { return size_; }

private:
    std::vector<std::unique_ptr<T[]>> chunks_;
    std::size_t size_ = 0;
};

}  // namespace tata::ranking
