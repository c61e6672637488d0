// The subject and body of a notification, written by the regency in
// notifications.yaml: text with placeholders in braces ({nomor}, {tahap}),
// filled per message. Only the placeholders below exist, so a typo is
// refused when the file is read, never sent as "{tahpa}" to a worker.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tata::server::notify {

// The placeholders a template may use, with what each one becomes.
//   {nomor}      the case's number
//   {alur}       the workflow's title ("Verifikasi berkas tenaga non-ASN")
//   {tahap}      the title of the stage entered, or of the task due
//   {tenggat}    the task's due date ("8 Desember 2026"), "-" without one
//   {kabupaten}  the regency's name
const std::vector<std::string>& template_placeholders();

// A digest (several notifications of one rule to one person, sent as one
// message) has its own two:
//   {jumlah}     how many notifications it gathers
//   {daftar}     their subjects, one per line
const std::vector<std::string>& digest_placeholders();

// Bounds on what a regency writes: a subject is one line, a body a letter.
inline constexpr std::size_t kMaxSubjectBytes = 200;
inline constexpr std::size_t kMaxBodyBytes = 4'000;

class MessageTemplate {
public:
    MessageTemplate() = default;
    // nullopt and a reason when `text` uses an unknown placeholder, leaves
    // a brace unmatched, or is not UTF-8 ("{{" and "}}" write a brace).
    // With `known` empty any code-like name ([a-z][a-z0-9_]*, at most 64)
    // is taken, for a caller that checks placeholders() itself later.
    static std::optional<MessageTemplate> parse(std::string_view text, std::string& problem,
                                                const std::vector<std::string>& known = template_placeholders());
    // The placeholders used, in order (repeated as often as used).
    std::vector<std::string> placeholders() const;

    // The text with each placeholder replaced by its value (missing: "-").
    std::string render(const std::map<std::string, std::string, std::less<>>& values) const;
    const std::string& source() const { return source_; }

private:
    struct Piece {
        bool placeholder = false;
        std::string text;  // literal text, or the placeholder's name
    };
    std::string source_;
    std::vector<Piece> pieces_;
};

}  // namespace tata::server::notify
