#include "letters/pdf_writer.hpp"

#include <hpdf.h>

#include <stdexcept>

namespace tata::server::letters {
namespace {

// A4 in points, with margins as Indonesian official letters use them
// (about 3 cm left, 2 cm elsewhere).
constexpr float kPageWidth = 595.0f;
constexpr float kPageHeight = 842.0f;
constexpr float kLeft = 85.0f;
constexpr float kRight = 57.0f;
constexpr float kTop = 57.0f;
constexpr float kBottom = 70.0f;  // room for the footer
constexpr float kLineSpacing = 1.35f;
constexpr float kLabelWidth = 170.0f;

// libharu reports errors through a callback; C++ exceptions must not cross
// its C frames, so the callback only records the first one.
struct ErrorSink {
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void record_error(HPDF_STATUS error, HPDF_STATUS detail, void* data) {
    auto* sink = static_cast<ErrorSink*>(data);
    if (sink->error == HPDF_OK) {
        sink->error = error;
        sink->detail = detail;
    }
}

}  // namespace

PdfFonts serif_fonts(const std::filesystem::path& dir) {
    return {dir / "DejaVuSerif.ttf", dir / "DejaVuSerif-Bold.ttf"};
}

struct PdfWriter::State {
    ErrorSink errors;
    HPDF_Doc pdf = nullptr;
    HPDF_Page page = nullptr;
    HPDF_Font regular = nullptr;
    HPDF_Font bold = nullptr;
    std::string footer;
    float y = 0;

    void check(const char* what) const {
        if (errors.error != HPDF_OK)
            throw std::runtime_error(std::string("PDF: ") + what + " failed (libharu error 0x" +
                                     std::to_string(errors.error) + ", detail " + std::to_string(errors.detail) + ")");
    }

    void new_page() {
        page = HPDF_AddPage(pdf);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        y = kPageHeight - kTop;
        // The footer first: every page carries it, however the text runs.
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, regular, 8);
        const float width = HPDF_Page_TextWidth(page, footer.c_str());
        HPDF_Page_TextOut(page, (kPageWidth - width) / 2, kBottom - 30, footer.c_str());
        HPDF_Page_EndText(page);
        check("starting a page");
    }

    // Room for `height` points on this page, or a new one.
    void need(float height) {
        if (y - height < kBottom) new_page();
    }

    void text_at(float x, const std::string& text, HPDF_Font font, float size) {
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, size);
        HPDF_Page_TextOut(page, x, y, text.c_str());
        HPDF_Page_EndText(page);
    }

    float width_of(const std::string& text, HPDF_Font font, float size) {
        HPDF_Page_SetFontAndSize(page, font, size);
        return HPDF_Page_TextWidth(page, text.c_str());
    }

    // `text` broken into lines no wider than `width` (at spaces; a word
    // wider than the line stands alone), '\n' breaking too.
    std::vector<std::string> wrap(const std::string& text, HPDF_Font font, float size, float width) {
        std::vector<std::string> lines;
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t end = std::min(text.find('\n', start), text.size());
            const std::string part = text.substr(start, end - start);
            std::string line;
            std::size_t at = 0;
            while (at < part.size()) {
                std::size_t space = part.find(' ', at);
                if (space == std::string::npos) space = part.size();
                const std::string word = part.substr(at, space - at);
                const std::string candidate = line.empty() ? word : line + " " + word;
                if (!line.empty() && width_of(candidate, font, size) > width) {
                    lines.push_back(line);
                    line = word;
                } else {
                    line = candidate;
                }
                at = space + 1;
            }
            lines.push_back(line);
            start = end + 1;
        }
        return lines;
    }
};

PdfWriter::PdfWriter(const PdfFonts& fonts, std::string title, std::string footer) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.footer = std::move(footer);
    s.pdf = HPDF_New(record_error, &s.errors);
    if (!s.pdf) throw std::runtime_error("PDF: cannot start a document");
    HPDF_SetCompressionMode(s.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(s.pdf);
    HPDF_SetCurrentEncoder(s.pdf, "UTF-8");
    for (const auto* path : {&fonts.regular, &fonts.bold})
        if (!std::filesystem::is_regular_file(*path))
            throw std::runtime_error("PDF: the font " + path->string() + " is missing (Debian package fonts-dejavu-core)");
    const char* regular = HPDF_LoadTTFontFromFile(s.pdf, fonts.regular.c_str(), HPDF_TRUE);
    const char* bold = HPDF_LoadTTFontFromFile(s.pdf, fonts.bold.c_str(), HPDF_TRUE);
    s.check("loading the fonts");
    s.regular = HPDF_GetFont(s.pdf, regular, "UTF-8");
    s.bold = HPDF_GetFont(s.pdf, bold, "UTF-8");
    s.check("loading the fonts");
    HPDF_SetInfoAttr(s.pdf, HPDF_INFO_TITLE, title.c_str());
    HPDF_SetInfoAttr(s.pdf, HPDF_INFO_CREATOR, "Tata");
    s.new_page();
}

PdfWriter::~PdfWriter() {
    if (state_ && state_->pdf) HPDF_Free(state_->pdf);
}

void PdfWriter::centered(const std::string& text, float size, bool bold) {
    State& s = *state_;
    HPDF_Font font = bold ? s.bold : s.regular;
    for (const auto& line : s.wrap(text, font, size, kPageWidth - kLeft - kRight)) {
        s.need(size * kLineSpacing);
        s.y -= size * kLineSpacing;
        s.text_at((kPageWidth + kLeft - kRight - s.width_of(line, font, size)) / 2, line, font, size);
    }
    s.check("writing a line");
}

void PdfWriter::paragraph(const std::string& text, float size) {
    State& s = *state_;
    for (const auto& line : s.wrap(text, s.regular, size, kPageWidth - kLeft - kRight)) {
        s.need(size * kLineSpacing);
        s.y -= size * kLineSpacing;
        s.text_at(kLeft, line, s.regular, size);
    }
    s.y -= size * 0.5f;
    s.check("writing a paragraph");
}

void PdfWriter::label_value(const std::string& label, const std::string& value, float size) {
    State& s = *state_;
    const float value_left = kLeft + kLabelWidth;
    const auto labels = s.wrap(label, s.regular, size, kLabelWidth - 12);
    const auto values = s.wrap(value, s.regular, size, kPageWidth - kRight - value_left - 8);
    const std::size_t rows = std::max(labels.size(), values.size());
    for (std::size_t i = 0; i < rows; ++i) {
        s.need(size * kLineSpacing);
        s.y -= size * kLineSpacing;
        if (i < labels.size()) s.text_at(kLeft, labels[i], s.regular, size);
        if (i == 0) s.text_at(value_left - 8, ":", s.regular, size);
        if (i < values.size()) s.text_at(value_left, values[i], s.regular, size);
    }
    s.check("writing a row");
}

void PdfWriter::rule() {
    State& s = *state_;
    s.need(6);
    s.y -= 4;
    HPDF_Page_SetLineWidth(s.page, 1.2f);
    HPDF_Page_MoveTo(s.page, kLeft, s.y);
    HPDF_Page_LineTo(s.page, kPageWidth - kRight, s.y);
    HPDF_Page_Stroke(s.page);
    s.y -= 2;
    s.check("drawing a rule");
}

void PdfWriter::gap(float points) {
    State& s = *state_;
    if (s.y - points < kBottom) s.new_page();
    else s.y -= points;
}

void PdfWriter::signature_block(const std::vector<std::string>& lines, float blank) {
    State& s = *state_;
    const float left = kPageWidth / 2 + 20;
    const float size = 11;
    s.need(lines.size() * size * kLineSpacing + blank);  // kept on one page
    for (std::size_t i = 0; i < lines.size(); ++i) {
        for (const auto& line : s.wrap(lines[i], s.regular, size, kPageWidth - kRight - left)) {
            s.y -= size * kLineSpacing;
            s.text_at(left, line, s.regular, size);
        }
        if (i == 1) s.y -= blank;
    }
    s.check("writing the signature block");
}

std::string PdfWriter::finish() {
    State& s = *state_;
    HPDF_SaveToStream(s.pdf);
    s.check("saving");
    std::string bytes(HPDF_GetStreamSize(s.pdf), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
    HPDF_ReadFromStream(s.pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    bytes.resize(size);
    HPDF_Free(s.pdf);
    s.pdf = nullptr;
    return bytes;
}

}  // namespace tata::server::letters
