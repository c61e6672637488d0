#include "csv/csv_reader.hpp"

#include <csv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <istream>

namespace tata::csv {
namespace {

constexpr std::size_t chunk_size = 64 * 1024;
constexpr unsigned char bom[] = {0xEF, 0xBB, 0xBF};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// libcsv's test for spaces it may trim; this one trims nothing.
int never_space(unsigned char) { return 0; }

// Line breaks inside a field: LF, CRLF and a lone CR each count once.
// Eight bytes at a time skip the text that has no byte below 0x0E (the
// usual case) without a library call per field.
std::size_t line_breaks(const char* data, std::size_t size) {
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + i, 8);
        // Flags a byte below 0x0E; bytes of 0x80 and up may flag falsely.
        if (((word - 0x0E0E0E0E0E0E0E0EULL) & 0x8080808080808080ULL) != 0) break;
    }
    std::size_t breaks = 0;
    for (; i < size; ++i) {
        const char c = data[i];
        if (static_cast<unsigned char>(c) > '\r') continue;
        if (c == '\n' || (c == '\r' && (i + 1 == size || data[i + 1] != '\n'))) ++breaks;
    }
    return breaks;
}

// Well-formed UTF-8 as the Unicode standard defines it (table 3-7): no
// overlong forms, no surrogates, nothing above U+10FFFF. ASCII, nearly all of
// a roster, goes eight bytes at a time.
bool valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;
            if (c == 0xED) high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;
        } else {
            return false;
        }
        if (i + length > n || s[i + 1] < low || s[i + 1] > high) return false;
        for (std::size_t k = 2; k < length; ++k) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) return false;
        }
        i += length;
    }
    return true;
}

// Each field on its own: the fields lie back to back in a row's text, and
// a field ending in a lead byte followed by one starting with a
// continuation byte would read as one valid character across the seam.
bool valid_fields(const Row& row) {
    for (std::size_t column = 0; column < row.size(); ++column)
        if (!valid_utf8(row[column])) return false;
    return true;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

Error::Error(std::string file, std::size_t row, std::string message)
    : std::runtime_error(file + (row ? ":" + std::to_string(row) : std::string()) + ": " + message),
      file_(std::move(file)),
      row_(row),
      message_(std::move(message)) {}

// ---------------------------------------------------------------- Header

Header::Header(std::vector<std::string> names) : names_(std::move(names)) {
    for (auto& name : names_) name = normalize(name);
}

std::string Header::normalize(std::string_view name) {
    while (!name.empty() && is_blank(name.front())) name.remove_prefix(1);
    while (!name.empty() && is_blank(name.back())) name.remove_suffix(1);
    std::string out(name);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::optional<std::size_t> Header::find(std::string_view name) const {
    const std::string wanted = normalize(name);
    const auto it = std::find(names_.begin(), names_.end(), wanted);
    if (it == names_.end()) return std::nullopt;
    return static_cast<std::size_t>(it - names_.begin());
}

std::size_t Header::index(std::string_view name) const {
    if (const auto column = find(name)) return *column;
    throw std::out_of_range("CSV header has no column '" + std::string(name) + "'");
}

std::string_view Row::at(std::string_view column) const {
    if (!header_) throw std::logic_error("CSV row has no header to look up '" + std::string(column) + "'");
    return (*this)[header_->index(column)];
}

// ---------------------------------------------------------------- Reader

// libcsv pushes fields and row ends through C callbacks; the Impl collects
// the rows of each chunk in a pool that next() hands out one by one, so the
// caller's code never runs inside libcsv. Row buffers are reused, so a steady
// stream of rows allocates nothing once the pool has warmed up.
struct Reader::Impl {
    std::ifstream file;
    std::istream* in = nullptr;
    std::string name;
    Options options;
    csv_parser parser{};
    std::vector<char> chunk = std::vector<char>(chunk_size);

    std::vector<Row> pool = std::vector<Row>(1);  // pool[ready] is the row being built
    std::size_t ready = 0;                        // complete rows in the pool
    std::size_t taken = 0;                        // of which handed out

    // Where the row being built starts, and line breaks seen inside its fields.
    std::size_t row_number = 1;
    std::size_t line_number = 1;
    std::size_t inner_breaks = 0;
    int last_break = 0;        // the character that ended the previous row or blank line
    bool quotes_near = false;  // this chunk or the one before has a quote
    bool quote_in_last_chunk = false;

    std::uint64_t bytes = 0;
    bool started = false;
    bool finished = false;
    std::optional<Error> pending;         // raised once the rows before it are handed out
    std::exception_ptr callback_failure;  // e.g. bad_alloc inside a callback

    Header header;
    bool has_header = false;

    // ';' when the first line has more semicolons than commas outside
    // quotes (a spreadsheet saved with Indonesian settings), else ','.
    static char delimiter_of_first_line(std::string_view text) {
        std::size_t commas = 0;
        std::size_t semicolons = 0;
        bool quoted = false;
        for (const char c : text) {
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && c == ',') ++commas;
            else if (!quoted && c == ';') ++semicolons;
        }
        return semicolons > commas ? ';' : ',';
    }

    Impl(std::string label, Options opts) : name(std::move(label)), options(opts) {
        // Strict: malformed quoting is an error rather than a guess. REPALL_NL
        // reports every bare line break, which is how blank lines and CRLF
        // pairs are told apart for row and line numbers.
        if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
            throw Error(name, 0, "pengurai CSV tidak dapat disiapkan");
        if (options.delimiter != 0) csv_set_delim(&parser, static_cast<unsigned char>(options.delimiter));
        if (!options.trim_spaces) csv_set_space_func(&parser, never_space);
    }
    ~Impl() { csv_free(&parser); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    Row& building() { return pool[ready]; }

    static void on_field(void* data, std::size_t size, void* self) {
        auto& impl = *static_cast<Impl*>(self);
        try {
            Row& row = impl.building();
            row.text_.append(static_cast<const char*>(data), size);
            row.ends_.push_back(static_cast<std::uint32_t>(row.text_.size()));
            // Only a quoted field holds line breaks, and it ends in a chunk
            // with a quote, or just after one that ended on its closing quote.
            if (impl.quotes_near) impl.inner_breaks += line_breaks(static_cast<const char*>(data), size);
        } catch (...) {
            if (!impl.callback_failure) impl.callback_failure = std::current_exception();
        }
    }

    // `c` is the character that ended the row, or -1 at the end of the input.
    static void on_row_end(int c, void* self) {
        auto& impl = *static_cast<Impl*>(self);
        try {
            impl.end_row(c);
        } catch (...) {
            if (!impl.callback_failure) impl.callback_failure = std::current_exception();
        }
    }

    void end_row(int c) {
        Row& row = building();
        if (row.ends_.empty()) {
            // A bare line break outside any row: the LF of a CRLF pair, or a blank line.
            if (c == -1 || (c == '\n' && last_break == '\r')) {
                last_break = c;
                return;
            }
            ++row_number;
            ++line_number;
            last_break = c;
            return;
        }
        row.number_ = row_number;
        row.line_ = line_number;
        row.header_ = has_header ? &header : nullptr;
        ++row_number;
        line_number += inner_breaks + (c == -1 ? 0 : 1);
        inner_breaks = 0;
        last_break = c;
        if (row.text_.empty()) {  // only empty fields: a spreadsheet's leftover row
            row.ends_.clear();
            return;
        }
        ++ready;
        if (ready == pool.size()) pool.emplace_back();
        pool[ready].text_.clear();
        pool[ready].ends_.clear();
    }

    void fail_parse(bool at_end) {
        const int status = csv_error(&parser);
        std::string message;
        if (status == CSV_EPARSE && at_end) {
            message = "tanda kutip tidak ditutup: kolom berkutip yang dibuka di baris ini tidak pernah ditutup";
        } else if (status == CSV_EPARSE && !parser.quoted) {
            message =
                "tanda kutip di tengah kolom tanpa kutip; apit kolom itu dengan tanda kutip dan tulis "
                "tanda kutip di dalamnya dua kali (\"\")";
        } else if (status == CSV_EPARSE) {
            message = std::string("setelah tanda kutip penutup harus ada ") +
                      (options.delimiter == ';' ? "titik koma" : "koma") +
                      " atau akhir baris; tanda kutip di dalam kolom ditulis dua kali (\"\"), atau ada tanda "
                      "kutip yang tidak ditutup di baris ini";
        } else {
            message = std::string("CSV tidak dapat diurai: ") + csv_strerror(status);
        }
        // The row being built is where the broken quoting starts.
        pending.emplace(name, row_number, std::move(message));
        finished = true;
    }

    // Parses one more chunk of input into the pool.
    void feed() {
        in->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        std::size_t size = static_cast<std::size_t>(in->gcount());
        if (in->bad()) throw Error(name, 0, "gagal membaca berkas");
        const char* data = chunk.data();
        bytes += size;
        if (!started && size >= sizeof bom && std::memcmp(data, bom, sizeof bom) == 0) {
            data += sizeof bom;
            size -= sizeof bom;
        }
        if (!started && options.delimiter == 0) {
            options.delimiter = delimiter_of_first_line(std::string_view(data, size));
            csv_set_delim(&parser, static_cast<unsigned char>(options.delimiter));
        }
        started = true;
        const bool has_quote = std::memchr(data, '"', size) != nullptr;
        quotes_near = has_quote || quote_in_last_chunk;
        quote_in_last_chunk = has_quote;
        if (size == 0) {
            if (csv_fini(&parser, on_field, on_row_end, this) != 0) fail_parse(true);
            finished = true;
        } else if (csv_parse(&parser, data, size, on_field, on_row_end, this) != size) {
            fail_parse(false);
        }
        if (callback_failure) std::rethrow_exception(callback_failure);
    }

    const Row* next() {
        while (taken == ready) {
            if (finished) {
                if (pending) {
                    Error error = std::move(*pending);
                    pending.reset();
                    throw error;
                }
                return nullptr;
            }
            // Everything handed out: recycle the pool, keeping the row being built.
            if (ready > 0) {
                std::swap(pool[0], pool[ready]);
                ready = taken = 0;
            }
            feed();
        }
        const Row& row = pool[taken++];
        if (options.check_utf8 && !valid_fields(row)) {
            finished = true;
            ready = taken;
            pending.reset();
            throw Error(name, row.number_, "bukan teks UTF-8 yang sah; simpan berkas sebagai \"CSV UTF-8\"");
        }
        return &row;
    }
};

Reader::Reader(const std::filesystem::path& file, Options options)
    : impl_(std::make_unique<Impl>(file.string(), options)) {
    impl_->file.open(file, std::ios::binary);
    if (!impl_->file) throw Error(impl_->name, 0, "berkas tidak dapat dibuka: " + std::string(std::strerror(errno)));
    impl_->in = &impl_->file;
}

Reader::Reader(std::istream& in, std::string name, Options options)
    : impl_(std::make_unique<Impl>(std::move(name), options)) {
    impl_->in = &in;
}

Reader::~Reader() = default;
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;

const std::string& Reader::name() const { return impl_->name; }

std::string Reader::location(const Row& row) const { return impl_->name + ":" + std::to_string(row.number()); }

Header checked_header(const Row& row, const std::vector<std::string_view>& required, const std::string& file) {
    std::vector<std::string> names;
    names.reserve(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) names.emplace_back(row[i]);
    Header header(std::move(names));
    std::vector<std::string> missing;
    for (const auto column : required) {
        const std::string wanted = Header::normalize(column);
        const auto count = std::count(header.names().begin(), header.names().end(), wanted);
        if (count == 0) missing.push_back(wanted);
        if (count > 1) throw Error(file, row.number(), "kolom '" + wanted + "' muncul dua kali di baris judul");
    }
    if (!missing.empty()) {
        throw Error(file, row.number(),
                    "kolom wajib tidak ada: " + join(missing) + " (baris judul berisi: " + join(header.names()) + ")");
    }
    return header;
}

const Header& Reader::read_header(const std::vector<std::string_view>& required) {
    if (impl_->has_header) throw std::logic_error("CSV header read twice");
    const Row* row = next();
    if (!row) throw Error(impl_->name, 0, "berkas kosong: tidak ada baris judul (header)");
    Header header = checked_header(*row, required, impl_->name);
    impl_->header = std::move(header);
    impl_->has_header = true;
    // Rows already parsed with this chunk were stamped before the header existed.
    for (std::size_t i = impl_->taken; i < impl_->ready; ++i) impl_->pool[i].header_ = &impl_->header;
    return impl_->header;
}

const Header& Reader::header() const { return impl_->header; }

const Row* Reader::next() { return impl_->next(); }

std::uint64_t Reader::bytes_read() const { return impl_->bytes; }

}  // namespace tata::csv
