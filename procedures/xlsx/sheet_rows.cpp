#include "xlsx/sheet_rows.hpp"

#include "xlsx/cell_value.hpp"
#include "xlsx/row_builder.hpp"

#include <charconv>

namespace tata::xlsx {
namespace {

std::optional<std::size_t> parse_count(std::string_view text) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// At most 40 bytes of `text` for a message, not cutting a UTF-8 character.
std::string shortened(const std::string& text) {
    if (text.size() <= 40) return text;
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

}  // namespace

SheetRows::SheetRows(const Archive& archive, const WorkbookParts& parts, const SharedStrings& strings,
                     const DateStyles& styles, const Options& options)
    : parts_(parts),
      strings_(strings),
      styles_(styles),
      options_(options),
      part_(archive, parts.sheet, options.limits.max_sheet_bytes),
      stream_(part_, *this, options.limits) {}

csv::Row* SheetRows::next() {
    row_ready_ = false;
    while (!row_ready_ && !ended_) {
        if (!stream_.parse()) ended_ = true;
    }
    return row_ready_ ? &row_ : nullptr;
}

void SheetRows::start(std::string_view name, const XmlAttributes& attributes) {
    if (name == "sheetData") {
        in_sheet_data_ = true;
    } else if (name == "row" && in_sheet_data_ && !in_row_) {
        start_row(attributes);
    } else if (name == "c" && in_row_ && !in_cell_) {
        start_cell(attributes);
    } else if (name == "v" && in_cell_) {
        in_value_ = true;
        has_value_ = true;
    } else if (name == "is" && in_cell_) {
        in_inline_ = true;
        has_value_ = true;
    } else if (name == "rPh" && in_inline_) {
        ++in_phonetic_;
    } else if (name == "t" && in_inline_ && in_phonetic_ == 0) {
        in_inline_text_ = true;
    }
}

void SheetRows::end(std::string_view name) {
    if (name == "v") {
        in_value_ = false;
    } else if (name == "t") {
        in_inline_text_ = false;
    } else if (name == "rPh" && in_phonetic_ > 0) {
        --in_phonetic_;
    } else if (name == "is") {
        in_inline_ = false;
    } else if (name == "c" && in_cell_) {
        finish_cell();
        in_cell_ = false;
    } else if (name == "row" && in_row_) {
        in_row_ = false;
        // A row of empty cells is skipped; its number is simply not handed out.
        if (row_.size() > 0) {
            row_ready_ = true;
            stream_.pause();
        }
    } else if (name == "sheetData") {
        in_sheet_data_ = false;
    }
}

void SheetRows::text(std::string_view text) {
    if (!in_value_ && !in_inline_text_) return;
    if (cell_text_.size() + text.size() > options_.limits.max_cell_bytes)
        fail_cell("isinya lebih panjang dari " + megabytes(options_.limits.max_cell_bytes));
    cell_text_.append(text);
}

XmlPlace SheetRows::place() const {
    if (!in_row_) return {};
    if (!in_cell_) return {row_number_, ""};
    return {row_number_, "sel " + column_name(column_) + std::to_string(row_number_) + ": "};
}

void SheetRows::start_row(const XmlAttributes& attributes) {
    std::size_t number = row_number_ + 1;  // a row without r follows the previous one
    if (const auto r = attributes.get("r")) {
        const auto parsed = parse_count(*r);
        if (!parsed || *parsed == 0)
            throw csv::Error(part_.file(), row_number_, "nomor baris '" + std::string(*r) + "' tidak sah");
        if (*parsed <= row_number_) {
            throw csv::Error(part_.file(), *parsed,
                             "baris tidak berurutan: baris " + std::to_string(*parsed) + " datang setelah baris " +
                                 std::to_string(row_number_));
        }
        number = *parsed;
    }
    if (number > options_.limits.max_rows) {
        throw csv::Error(part_.file(), number,
                         "lebih dari " + std::to_string(options_.limits.max_rows) + " baris; batas pembacaan terlampaui");
    }
    row_number_ = number;
    in_row_ = true;
    previous_column_.reset();
    RowBuilder::start(row_, number);
    kinds_.clear();
}

void SheetRows::start_cell(const XmlAttributes& attributes) {
    in_cell_ = true;
    has_value_ = false;
    cell_text_.clear();
    type_ = std::string(attributes.get("t").value_or(""));
    style_ = 0;
    if (const auto s = attributes.get("s")) style_ = parse_count(*s).value_or(0);
    // A cell without r follows the previous one.
    column_ = previous_column_ ? *previous_column_ + 1 : 0;
    if (const auto r = attributes.get("r")) {
        const auto column = column_of(*r);
        if (!column) {
            in_cell_ = false;  // no cell to name
            throw csv::Error(part_.file(), row_number_, "referensi sel '" + std::string(*r) + "' tidak sah");
        }
        if (previous_column_ && *column <= *previous_column_) {
            column_ = *column;
            fail_cell("sel tidak berurutan: datang setelah sel " + column_name(*previous_column_) +
                      std::to_string(row_number_));
        }
        column_ = *column;
    }
    if (column_ >= last_column) fail_cell("melewati kolom terakhir Excel (XFD)");
    previous_column_ = column_;
}

void SheetRows::finish_cell() {
    if (!has_value_) return;  // formatted but empty
    CellKind kind = CellKind::empty;
    std::string value = value_of_cell(kind);
    if (value.empty()) return;
    if (column_ >= options_.limits.max_columns) {
        fail_cell("kolom ke-" + std::to_string(column_ + 1) + " melewati batas " +
                  std::to_string(options_.limits.max_columns) + " kolom; hapus isi di luar tabel");
    }
    if (RowBuilder::text_bytes(row_) + value.size() > options_.limits.max_row_bytes)
        fail_cell("baris ini lebih panjang dari " + megabytes(options_.limits.max_row_bytes));
    // Cells the sheet leaves out read as empty; the columns stay in place.
    while (row_.size() < column_) {
        RowBuilder::append(row_, "");
        kinds_.push_back(CellKind::empty);
    }
    RowBuilder::append(row_, value);
    kinds_.push_back(kind);
}

std::string SheetRows::value_of_cell(CellKind& kind) {
    std::string text = std::move(cell_text_);
    cell_text_.clear();
    if (type_ == "s") {
        const auto index = parse_count(text);
        if (!index || *index >= strings_.size()) {
            fail_cell("merujuk teks bersama nomor '" + text + "' yang tidak ada (berkas punya " +
                      std::to_string(strings_.size()) + ")");
        }
        kind = CellKind::text;
        return std::string(strings_[*index]);  // decoded and trimmed when loaded
    }
    if (type_ == "inlineStr" || type_ == "str") {
        decode_escapes(text);
        if (options_.trim_spaces) trim_blanks(text);
        kind = CellKind::text;
        return text;
    }
    if (type_ == "b") {
        trim_blanks(text);
        if (text != "0" && text != "1") fail_cell("nilai benar/salah '" + text + "' tidak sah");
        kind = CellKind::boolean;
        return text == "1" ? "TRUE" : "FALSE";
    }
    if (type_ == "e") {
        trim_blanks(text);
        kind = CellKind::error;
        return text;
    }
    if (type_ == "d") {  // an ISO 8601 date cell: its date part
        trim_blanks(text);
        kind = CellKind::date;
        return text.substr(0, text.find('T'));
    }
    if (!type_.empty() && type_ != "n") fail_cell("jenis sel '" + type_ + "' tidak dikenal");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return "";
    if (styles_.is_date(style_)) {
        if (const auto serial = number_of(text)) {
            if (auto date = render_date(*serial, parts_.date1904)) {
                kind = CellKind::date;
                return std::move(*date);
            }
        }
    }
    auto number = render_number(text);
    if (!number) fail_cell("'" + shortened(text) + "' bukan angka");
    kind = CellKind::number;
    return std::move(*number);
}

void SheetRows::fail_cell(const std::string& message) const {
    throw csv::Error(part_.file(), row_number_, "sel " + column_name(column_) + std::to_string(row_number_) + ": " + message);
}

}  // namespace tata::xlsx
