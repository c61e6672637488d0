#include "xlsx/xlsx_reader.hpp"

#include "xlsx/row_builder.hpp"
#include "xlsx/sheet_rows.hpp"

#include <algorithm>

namespace tata::xlsx {
namespace {

SharedStrings load_strings(const Archive& archive, const WorkbookParts& parts, const Options& options) {
    if (parts.shared_strings.empty()) return {};
    return SharedStrings(archive, parts.shared_strings, options.limits, options.trim_spaces);
}

DateStyles load_styles(const Archive& archive, const WorkbookParts& parts, const Options& options) {
    if (parts.styles.empty()) return {};
    return DateStyles(archive, parts.styles, options.limits);
}

}  // namespace

// Everything the sheet refers to is read first (workbook, styles, shared
// strings); then the sheet streams. Members are built in this order.
struct Reader::Impl {
    std::string name;
    Options options;
    Archive archive;
    WorkbookParts parts;
    SharedStrings strings;
    DateStyles styles;
    SheetRows rows;
    csv::Row* row = nullptr;  // the row last handed out
    csv::Header header;
    bool has_header = false;

    Impl(const std::filesystem::path& file, Options opts)
        : name(file.string()),
          options(opts),
          archive(file, name, options.limits),
          parts(locate_parts(archive, options.limits)),
          strings(load_strings(archive, parts, options)),
          styles(load_styles(archive, parts, options)),
          rows(archive, parts, strings, styles, options) {}
};

Reader::Reader(const std::filesystem::path& file, Options options)
    : impl_(std::make_unique<Impl>(file, std::move(options))) {}

Reader::~Reader() = default;
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;

const std::string& Reader::name() const { return impl_->name; }
const std::string& Reader::sheet_name() const { return impl_->parts.sheet_name; }

std::string Reader::location(const csv::Row& row) const { return impl_->name + ":" + std::to_string(row.number()); }

// The same checks and messages as csv::Reader::read_header (csv::checked_header).
const csv::Header& Reader::read_header(const std::vector<std::string_view>& required) {
    if (impl_->has_header) throw std::logic_error("XLSX header read twice");
    const csv::Row* row = next();
    if (!row) throw csv::Error(impl_->name, 0, "berkas kosong: tidak ada baris judul (header)");
    csv::Header header = csv::checked_header(*row, required, impl_->name);
    impl_->header = std::move(header);
    impl_->has_header = true;
    // The sheet reuses one Row, so this is every later row's header too.
    RowBuilder::set_header(*impl_->row, &impl_->header);
    return impl_->header;
}

const csv::Header& Reader::header() const { return impl_->header; }

const csv::Row* Reader::next() {
    csv::Row* row = impl_->rows.next();
    if (row) impl_->row = row;
    return row;
}

CellKind Reader::kind(std::size_t column) const {
    const auto& kinds = impl_->rows.kinds();
    return column < kinds.size() ? kinds[column] : CellKind::empty;
}

std::uint64_t Reader::bytes_read() const { return impl_->rows.bytes_read(); }
std::uint64_t Reader::total_bytes() const { return impl_->rows.total_bytes(); }

}  // namespace tata::xlsx
