#include "xlsx/shared_strings.hpp"

#include "xlsx/cell_value.hpp"
#include "xlsx/xml_stream.hpp"

namespace tata::xlsx {
namespace {

class SharedStringsHandler final : public XmlHandler {
public:
    SharedStringsHandler(std::string& text, std::vector<std::size_t>& ends, const Limits& limits, bool trim, std::string file)
        : text_(text), ends_(ends), limits_(limits), trim_(trim), file_(std::move(file)) {}

    void start(std::string_view name, const XmlAttributes&) override {
        if (name == "si" && !in_item_) {
            in_item_ = true;
            item_.clear();
        } else if (name == "rPh" && in_item_) {
            ++in_phonetic_;
        } else if (name == "t" && in_item_ && in_phonetic_ == 0) {
            in_text_ = true;
        }
    }

    void end(std::string_view name) override {
        if (name == "t") {
            in_text_ = false;
        } else if (name == "rPh" && in_phonetic_ > 0) {
            --in_phonetic_;
        } else if (name == "si" && in_item_) {
            in_item_ = false;
            finish_item();
        }
    }

    void text(std::string_view text) override {
        if (!in_text_) return;
        if (item_.size() + text.size() > limits_.max_cell_bytes) fail("lebih panjang dari " + megabytes(limits_.max_cell_bytes));
        item_.append(text);
    }

    XmlPlace place() const override {
        if (!in_item_) return {};
        return {0, "teks bersama ke-" + std::to_string(ends_.size() + 1) + ": "};
    }

private:
    [[noreturn]] void fail(const std::string& message) const { throw csv::Error(file_, 0, place().what + message); }

    void finish_item() {
        decode_escapes(item_);
        if (trim_) trim_blanks(item_);
        if (ends_.size() >= limits_.max_shared_strings) {
            throw csv::Error(file_, 0,
                             "berkas berisi lebih dari " + std::to_string(limits_.max_shared_strings) +
                                 " teks bersama (sharedStrings.xml); batas pembacaan terlampaui");
        }
        if (text_.size() + item_.size() > limits_.max_shared_string_bytes) {
            throw csv::Error(file_, 0,
                             "teks bersama (sharedStrings.xml) lebih dari " +
                                 megabytes(limits_.max_shared_string_bytes) + "; batas pembacaan terlampaui");
        }
        text_ += item_;
        ends_.push_back(text_.size());
    }

    std::string& text_;
    std::vector<std::size_t>& ends_;
    const Limits& limits_;
    bool trim_;
    std::string file_;
    std::string item_;
    bool in_item_ = false;
    bool in_text_ = false;
    std::size_t in_phonetic_ = 0;
};

}  // namespace

SharedStrings::SharedStrings(const Archive& archive, const std::string& part, const Limits& limits, bool trim) {
    PartReader reader(archive, part, limits.max_shared_strings_part_bytes);
    SharedStringsHandler handler(text_, ends_, limits, trim, archive.file());
    XmlStream stream(reader, handler, limits);
    while (stream.parse()) {
    }
}

}  // namespace tata::xlsx
