#include "letters/letter_render.hpp"

#include "app/indonesian_words.hpp"

namespace tata::server::letters {
namespace {

const nlohmann::json* find_path(const nlohmann::json& root, const char* a, const std::string& b) {
    const auto first = root.find(a);
    if (first == root.end() || !first->is_object()) return nullptr;
    const auto second = first->find(b);
    return second == first->end() ? nullptr : &*second;
}

std::string text_value(const std::string& text, const std::string& field, const nlohmann::json& labels) {
    if (const auto* words = find_path(labels, "values", field); words && words->is_object()) {
        const auto it = words->find(text);
        if (it != words->end() && it->is_string()) return it->get<std::string>();
    }
    // A date, or a stamp whose day is what a letter says.
    if (text.size() >= 10 && (text.size() == 10 || text[10] == 'T'))
        if (const auto date = indonesian_date(text.substr(0, 10))) return *date;
    return text;
}

std::string field_label(const std::string& field, const nlohmann::json& labels) {
    const auto* label = find_path(labels, "fields", field);
    return label && label->is_string() ? label->get<std::string>() : field;
}

}  // namespace

std::string letter_value(const nlohmann::json& value, const std::string& field, const nlohmann::json& labels) {
    if (value.is_string()) return value.get_ref<const std::string&>().empty() ? "-" : text_value(value.get<std::string>(), field, labels);
    if (value.is_boolean()) return value.get<bool>() ? "ya" : "tidak";
    if (value.is_number()) return indonesian_number(value.get<double>());
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            const std::string one = letter_value(item, field, labels);
            if (one != "-") out += (out.empty() ? "" : ", ") + one;
        }
        return out.empty() ? "-" : out;
    }
    return "-";
}

std::map<std::string, std::string, std::less<>> letter_values(const LetterInput& input) {
    std::map<std::string, std::string, std::less<>> values;
    for (const auto& [field, value] : input.record->data.items())
        values[field] = letter_value(value, field, input.labels);
    values["nomor"] = std::to_string(input.record->id);
    values["kabupaten"] = input.regency_name;
    values["tanggal"] = indonesian_date(input.today).value_or(input.today);
    values["tahap"] = input.stage_title;
    return values;
}

std::string render_letter(const LetterInput& input, const PdfFonts& fonts) {
    const LetterTemplate& letter = *input.letter;
    const auto values = letter_values(input);
    const std::string footer = "Nomor berkas " + std::to_string(input.record->id) + " · Kode verifikasi " +
                               input.verification_code + " · Keaslian surat ini dapat diperiksa di BKPSDM " +
                               input.regency_name;
    PdfWriter pdf(fonts, letter.title, footer);
    const auto& kop = input.regency_letters->letterhead;
    for (std::size_t i = 0; i < kop.size(); ++i) {
        // The last line of a letterhead is the address, small.
        const bool address = kop.size() > 1 && i + 1 == kop.size();
        pdf.centered(kop[i], address ? 9 : 12, !address);
    }
    if (!kop.empty()) pdf.rule();
    pdf.gap(16);
    pdf.centered(letter.heading.render(values), 12, true);
    if (letter.number) pdf.centered(letter.number->render(values), 11, false);
    pdf.gap(14);
    for (const auto& paragraph : letter.paragraphs) pdf.paragraph(paragraph.render(values));
    if (!letter.fields.empty()) {
        for (const auto& field : letter.fields) {
            const auto it = input.record->data.find(field);
            pdf.label_value(field_label(field, input.labels),
                            it == input.record->data.end() ? "-" : letter_value(*it, field, input.labels));
        }
        pdf.gap(8);
    }
    for (const auto& paragraph : letter.closing) pdf.paragraph(paragraph.render(values));
    pdf.gap(18);
    pdf.signature_block({letter.place_date.render(values), letter.position.render(values), letter.signer.render(values)}, 56);
    return pdf.finish();
}

}  // namespace tata::server::letters
