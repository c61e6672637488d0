// The rows of one worksheet, parsed as the sheet inflates: expat pauses at
// each </row> that has a value, so only one row is ever held (see
// xlsx_reader.hpp for what a cell becomes).
#pragma once

#include "xlsx/date_styles.hpp"
#include "xlsx/shared_strings.hpp"
#include "xlsx/workbook.hpp"
#include "xlsx/xml_stream.hpp"

#include <memory>
#include <string>
#include <vector>

namespace tata::xlsx {

class SheetRows final : private XmlHandler {
public:
    // Starts reading `parts.sheet`; the references must outlive this.
    SheetRows(const Archive& archive, const WorkbookParts& parts, const SharedStrings& strings,
              const DateStyles& styles, const Options& options);

    // The next row with a value, or nullptr at the end; valid until the next
    // call. csv::Error on a malformed sheet.
    csv::Row* next();
    // How each cell of that row was typed (index: column).
    const std::vector<CellKind>& kinds() const { return kinds_; }

    std::uint64_t bytes_read() const { return part_.bytes_read(); }
    std::uint64_t total_bytes() const { return part_.declared_size(); }

private:
    void start(std::string_view name, const XmlAttributes& attributes) override;
    void end(std::string_view name) override;
    void text(std::string_view text) override;
    XmlPlace place() const override;

    void start_row(const XmlAttributes& attributes);
    void start_cell(const XmlAttributes& attributes);
    void finish_cell();
    // The cell's value as text, and what it was.
    std::string value_of_cell(CellKind& kind);
    [[noreturn]] void fail_cell(const std::string& message) const;

    const WorkbookParts& parts_;
    const SharedStrings& strings_;
    const DateStyles& styles_;
    const Options& options_;
    PartReader part_;
    XmlStream stream_;

    csv::Row row_;
    std::vector<CellKind> kinds_;
    bool row_ready_ = false;
    bool ended_ = false;

    // Where the parse is.
    bool in_sheet_data_ = false;
    bool in_row_ = false;
    bool in_cell_ = false;
    bool in_value_ = false;         // <v>
    bool in_inline_ = false;        // <is>
    std::size_t in_phonetic_ = 0;  // <rPh> inside <is>
    bool in_inline_text_ = false;   // <t> inside <is>, outside <rPh>
    std::size_t row_number_ = 0;    // of the row being read (or the last one)

    // The cell being read.
    std::size_t column_ = 0;
    std::optional<std::size_t> previous_column_;  // of the row's previous cell
    std::string type_;                            // its t attribute
    std::size_t style_ = 0;
    bool has_value_ = false;
    std::string cell_text_;
};

}  // namespace tata::xlsx
