#include "xlsx/zip_archive.hpp"

#include <zip.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace tata::xlsx {
namespace {

// What sits at the start of the file, for a message better than "not a zip".
enum class Signature { zip, ole, text, other };

Signature signature_of(const std::filesystem::path& path) {
    std::array<unsigned char, 8> head{};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    // Old .xls files and password-protected .xlsx files are both OLE
    // compound documents (D0 CF 11 E0 A1 B1 1A E1), not zips.
    static constexpr std::array<unsigned char, 8> ole = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (got == head.size() && head == ole) return Signature::ole;
    if (got >= 2 && head[0] == 'P' && head[1] == 'K') return Signature::zip;
    bool printable = got > 0;
    for (std::size_t i = 0; i < got; ++i) {
        if (head[i] < 0x09 || (head[i] > 0x0D && head[i] < 0x20)) printable = false;
    }
    return printable ? Signature::text : Signature::other;
}

std::string zip_message(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return message;
}

}  // namespace

std::string megabytes(std::uint64_t bytes) {
    if (bytes < (1u << 20)) return std::to_string(bytes) + " bita";
    return std::to_string(bytes >> 20) + " MB";
}

Archive::Archive(const std::filesystem::path& path, std::string file, const Limits& limits) : file_(std::move(file)) {
    {
        std::ifstream probe(path, std::ios::binary);
        if (!probe) throw csv::Error(file_, 0, "berkas tidak dapat dibuka: " + std::string(std::strerror(errno)));
    }
    const Signature signature = signature_of(path);
    if (signature == Signature::ole) {
        throw csv::Error(file_, 0,
                         "bukan berkas XLSX yang sah: ini berkas Excel lama (.xls) atau XLSX yang dilindungi kata "
                         "sandi; buka di Excel, hapus kata sandinya bila ada, lalu simpan sebagai \"Excel Workbook "
                         "(.xlsx)\" atau \"CSV UTF-8\"");
    }
    int code = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!zip_) {
        if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_MEMORY)
            throw csv::Error(file_, 0, "berkas tidak dapat dibuka: " + zip_message(code));
        std::string message = "bukan berkas XLSX yang sah";
        if (signature == Signature::text)
            message += ": isinya teks biasa; bila ini CSV, beri nama berakhiran .csv";
        else if (signature == Signature::zip)
            message += ": arsip zip-nya rusak (" + zip_message(code) + ")";
        else
            message += " (bukan arsip zip); simpan dari Excel sebagai \"Excel Workbook (.xlsx)\" atau \"CSV UTF-8\"";
        throw csv::Error(file_, 0, message);
    }
    const zip_int64_t entries = zip_get_num_entries(zip_, 0);
    if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_entries) {
        zip_discard(zip_);
        zip_ = nullptr;
        throw csv::Error(file_, 0,
                         "bukan berkas XLSX yang sah: arsip berisi " + std::to_string(entries) +
                             " berkas, lebih dari batas " + std::to_string(limits.max_entries));
    }
}

Archive::~Archive() {
    if (zip_) zip_discard(zip_);  // read-only: nothing to write back
}

bool Archive::has(const std::string& part) const { return zip_name_locate(zip_, part.c_str(), ZIP_FL_NOCASE) >= 0; }

PartReader::PartReader(const Archive& archive, std::string part, std::uint64_t max_bytes)
    : archive_(archive), part_(std::move(part)), max_bytes_(max_bytes) {
    const zip_int64_t index = zip_name_locate(archive.handle(), part_.c_str(), ZIP_FL_NOCASE);
    if (index < 0) throw csv::Error(archive.file(), 0, "bukan berkas XLSX yang sah: bagian " + part_ + " tidak ada");
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive.handle(), static_cast<zip_uint64_t>(index), 0, &stat) == 0) {
        if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
            throw csv::Error(archive.file(), 0,
                             "berkas XLSX ini terenkripsi; hapus kata sandinya di Excel lalu simpan lagi");
        }
        if (stat.valid & ZIP_STAT_SIZE) declared_size_ = stat.size;
    }
    entry_ = zip_fopen_index(archive.handle(), static_cast<zip_uint64_t>(index), 0);
    if (!entry_) {
        throw csv::Error(archive.file(), 0,
                         "bagian " + part_ + " tidak dapat dibaca: " + zip_strerror(archive.handle()));
    }
}

PartReader::~PartReader() {
    if (entry_) zip_fclose(entry_);
}

std::size_t PartReader::read(char* buffer, std::size_t size) {
    const zip_int64_t got = zip_fread(entry_, buffer, size);
    if (got < 0) {
        throw csv::Error(archive_.file(), 0,
                         "berkas XLSX rusak: bagian " + part_ + " tidak dapat dibuka (" + zip_file_strerror(entry_) +
                             ")");
    }
    bytes_read_ += static_cast<std::uint64_t>(got);
    if (bytes_read_ > max_bytes_) {
        throw csv::Error(archive_.file(), 0,
                         "bagian " + part_ + " lebih besar dari batas " + megabytes(max_bytes_) +
                             " setelah dibuka dari zip; berkas ini tidak dibaca (mungkin bom zip)");
    }
    return static_cast<std::size_t>(got);
}

}  // namespace tata::xlsx
