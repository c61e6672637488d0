// The XLSX container: a zip archive opened with libzip, its parts (the files
// inside it) read one at a time and inflated in chunks. Each part has a cap
// on the bytes it may inflate to, counted as they come out of the
// decompressor: the size in the zip header is only a claim (zip bombs).
#pragma once

#include "xlsx/xlsx_reader.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

typedef struct zip zip_t;
typedef struct zip_file zip_file_t;

namespace tata::xlsx {

class Archive {
public:
    // csv::Error naming `file` when it cannot be opened, is no zip (an old
    // .xls, a CSV with another name), or has more than max_entries entries.
    Archive(const std::filesystem::path& path, std::string file, const Limits& limits);
    ~Archive();
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    // Whether the archive has `part` ("xl/workbook.xml"; ASCII case ignored,
    // as part names in OOXML are case-insensitive).
    bool has(const std::string& part) const;
    const std::string& file() const { return file_; }
    zip_t* handle() const { return zip_; }

private:
    zip_t* zip_ = nullptr;
    std::string file_;
};

// One part being inflated.
class PartReader {
public:
    // csv::Error when the archive lacks `part`, or it is encrypted or
    // compressed in a way libzip cannot read.
    PartReader(const Archive& archive, std::string part, std::uint64_t max_bytes);
    ~PartReader();
    PartReader(const PartReader&) = delete;
    PartReader& operator=(const PartReader&) = delete;

    // Up to `size` inflated bytes into `buffer`; 0 at the end of the part.
    // csv::Error when the data is corrupt or the part grows past max_bytes.
    std::size_t read(char* buffer, std::size_t size);

    const std::string& part() const { return part_; }
    const std::string& file() const { return archive_.file(); }  // the workbook, for messages
    std::uint64_t bytes_read() const { return bytes_read_; }
    std::uint64_t declared_size() const { return declared_size_; }

private:
    const Archive& archive_;
    std::string part_;
    std::uint64_t max_bytes_;
    zip_file_t* entry_ = nullptr;
    std::uint64_t bytes_read_ = 0;
    std::uint64_t declared_size_ = 0;
};

// "64 MB": a byte count in messages.
std::string megabytes(std::uint64_t bytes);

}  // namespace tata::xlsx
