// One letter made from a case: the regency's template filled with the
// case's data in words (dates as "10 Juni 2025", numbers as "4.874", codes
// as the workflow's labels say), laid out on A4 under the regency's
// letterhead, every page footed with the case number and a verification
// code (letter_code.hpp) that ties the printed letter to the audit chain.
#pragma once

#include "letters/letter_templates.hpp"
#include "letters/pdf_writer.hpp"

#include <tata/records.hpp>

#include <nlohmann/json.hpp>

namespace tata::server::letters {

struct LetterInput {
    const RegencyLetters* regency_letters = nullptr;
    const LetterTemplate* letter = nullptr;
    const CaseRecord* record = nullptr;
    nlohmann::json labels;           // the workflow's words (fields, values), as GET .../labels gives them
    std::string regency_name;        // "Kabupaten Kapuas"
    std::string today;               // YYYY-MM-DD in the regency
    std::string stage_title;         // the case's current stage in words
    std::string verification_code;   // letter_code()
};

// A data field's value as a letter prints it ("-" when missing).
std::string letter_value(const nlohmann::json& value, const std::string& field, const nlohmann::json& labels);

// The placeholders' values for `input`'s case.
std::map<std::string, std::string, std::less<>> letter_values(const LetterInput& input);

// The letter as PDF bytes. Throws std::runtime_error when it cannot be made
// (a font missing).
std::string render_letter(const LetterInput& input, const PdfFonts& fonts);

}  // namespace tata::server::letters
