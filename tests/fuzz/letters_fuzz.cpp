// libFuzzer target for the letters file a regency edits
// (rules/<code>/letters.yaml, docs/letters.md) and for a verification code
// typed into POST /api/v1/letters/verify: parsing, the templates'
// placeholders, rendering each text, and reading the input as a code.
// Invariant: letters or a LettersError whose every problem says where
// ("l.yaml:LINE:COL: error: ..."), never a crash or another exception; a
// letter read has an id, roles and a signature; a code read is printed back
// as itself (letter_code of what it names).
// Links: tata::server.
#include "letters/letter_code.hpp"
#include "letters/letter_templates.hpp"

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>

using namespace tata;
using namespace tata::server::letters;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const RegencyLetters letters = parse_letters(text, "l.yaml");
        if (letters.letters.size() > kMaxLetters || letters.letterhead.size() > kMaxLetterheadLines) std::abort();
        const std::map<std::string, std::string, std::less<>> values = {
            {"nomor", "12"}, {"kabupaten", "Kabupaten Kapuas"}, {"tanggal", "8 Desember 2026"}, {"tahap", "Selesai"}};
        for (const auto& letter : letters.letters) {
            if (letter.id.empty() || letter.roles.empty() || letter.paragraphs.empty()) std::abort();
            if (letter.heading.source().find('\n') != std::string::npos) std::abort();
            (void)letter.heading.render(values);
            for (const auto& paragraph : letter.paragraphs) (void)paragraph.render(values);
            (void)letter.signer.render(values);
        }
    } catch (const LettersError& e) {
        if (e.problems().empty()) std::abort();
        for (const auto& problem : e.problems())
            if (problem.rfind("l.yaml:", 0) != 0 || problem.find(": error: ") == std::string::npos) std::abort();
    }
    if (const auto code = parse_letter_code(text)) {
        if (size > 64 || code->case_id <= 0 || code->seq <= 0 || code->hash_prefix.size() != 8) std::abort();
        EventRecord event;
        event.case_id = code->case_id;
        event.seq = code->seq;
        event.hash = code->hash_prefix + "00000000";
        const auto again = parse_letter_code(letter_code(event));
        if (!again || again->case_id != code->case_id || again->seq != code->seq || again->hash_prefix != code->hash_prefix)
            std::abort();
    }
    return 0;
}
