// The letters a regency prints from its cases, in its own words:
// rules/<code>/letters.yaml (docs/letters.md). A letter belongs to one
// workflow, may be printed in some of its stages by some roles, and is
// written as a letterhead (shared by the regency's letters), a heading, a
// number line, paragraphs, a table of the case's fields, closing paragraphs
// and a signature block. Its texts take placeholders in braces: {nomor}
// (the case number), {kabupaten}, {tanggal} (today in words), {tahap}, and
// any data field of the workflow by name ({nama}, {batas_sanggah}).
//
//   kop:
//     - PEMERINTAH KABUPATEN KAPUAS
//   letters:
//     - id: pengumuman_pemeringkatan
//       title: Pengumuman hasil pemeringkatan
//       workflow: prioritization
//       states: [masa_sanggah, penetapan, ditetapkan]
//       roles: [admin, officer]
//       heading: PENGUMUMAN
//       paragraphs: ["Berdasarkan ..."]
//       fields: [jumlah_diperingkat, usulan_cpns]
//       signature: {place_date: "Kuala Kapuas, {tanggal}", position: Kepala BKPSDM, name: "..."}
#pragma once

#include "app/yaml_reader.hpp"
#include "notify/message_template.hpp"

#include <tata/definitions.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tata::server::letters {

using notify::MessageTemplate;

struct LetterTemplate {
    std::string id;
    std::string title;                 // what the print button says, and the PDF's name
    std::string workflow;
    std::vector<std::string> states;   // where it may be printed; empty: any stage
    std::vector<std::string> roles;    // who may print it (and must see the case)
    MessageTemplate heading;           // "PENGUMUMAN", centred
    std::optional<MessageTemplate> number;  // "Nomor: {nomor_persetujuan}", centred under it
    std::vector<MessageTemplate> paragraphs;
    std::vector<std::string> fields;   // data fields shown as "label : value"
    std::vector<MessageTemplate> closing;
    MessageTemplate place_date;        // "Kuala Kapuas, {tanggal}"
    MessageTemplate position;          // "Kepala BKPSDM Kabupaten Kapuas"
    MessageTemplate signer;            // a name, or dots to sign over
    int line = 0;
    int column = 0;
};

struct RegencyLetters {
    std::string file;
    std::vector<std::string> letterhead;  // kop surat, line by line
    std::vector<LetterTemplate> letters;
    const LetterTemplate* find(const std::string& id) const;
};

// Bounds on the file a regency edits.
inline constexpr std::size_t kMaxLetters = 50;
inline constexpr std::size_t kMaxLetterheadLines = 6;
inline constexpr std::size_t kMaxParagraphs = 30;
inline constexpr std::size_t kMaxLetterFields = 40;
inline constexpr std::size_t kMaxLineBytes = 200;
inline constexpr std::size_t kMaxParagraphBytes = 3'000;

// The placeholders every letter has, besides its workflow's data fields.
const std::vector<std::string>& letter_placeholders();

using LettersError = RegencyFileError;

// Reads a letters file; throws LettersError.
RegencyLetters parse_letters(const std::string& text, const std::string& file_name);

// What a letters file names that the generation lacks: a workflow, a stage,
// a data field (in a placeholder or `fields`). One "FILE:LINE:COL: error:"
// line each.
std::vector<std::string> check_letters(const RegencyLetters& letters, const DefinitionSet& definitions);

// Each regency's letters (none without a file), from a generation's
// regency folders; problems are appended to `errors`.
using LettersByRegency = std::map<std::string, RegencyLetters>;
std::shared_ptr<const LettersByRegency> load_letters(const DefinitionSet& definitions, std::vector<std::string>& errors);

}  // namespace tata::server::letters
