// A4 letters as PDF with libharu (Debian's libhpdf): two TrueType fonts
// (regular and bold, from Debian's fonts-dejavu-core), embedded, UTF-8 text,
// lines wrapped to the margins, a new page when one is full, and one footer
// line on every page. Only what letters need: centred lines, paragraphs,
// label/value rows, a rule under the letterhead and a signature block.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace tata::server::letters {

struct PdfFonts {
    std::filesystem::path regular;
    std::filesystem::path bold;
};

// The fonts Tata prints with, from `dir` (DejaVuSerif.ttf, DejaVuSerif-Bold.ttf).
PdfFonts serif_fonts(const std::filesystem::path& dir);

class PdfWriter {
public:
    // Throws std::runtime_error when the fonts cannot be read.
    PdfWriter(const PdfFonts& fonts, std::string title, std::string footer);
    ~PdfWriter();
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    void centered(const std::string& text, float size, bool bold);
    // Wrapped to the margins; a '\n' in `text` starts a new line.
    void paragraph(const std::string& text, float size = 11);
    // "label : value" in two columns, the value wrapped.
    void label_value(const std::string& label, const std::string& value, float size = 11);
    void rule();
    void gap(float points);
    // Lines on the right half of the page, `blank` points left empty after
    // the second (where the signature goes).
    void signature_block(const std::vector<std::string>& lines, float blank);

    // The document's bytes; the writer is spent.
    std::string finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tata::server::letters
