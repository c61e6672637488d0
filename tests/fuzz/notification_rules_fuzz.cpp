// libFuzzer target for the notifications file a regency edits
// (rules/<code>/notifications.yaml, docs/notifications.md): parsing, the
// templates' placeholders, then rendering each rule's subject and body.
// Invariant: rules or a NotificationRulesError whose every problem says
// where ("n.yaml:LINE:COL: error: ..."), never a crash or another
// exception; a rule read has an id, a subject of one line within its
// bound, and renders to text without an unfilled placeholder.
// Links: tata::server.
#include "notify/notification_rules.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace tata::server::notify;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const NotificationRules rules = parse_notification_rules(text, "n.yaml");
        if (rules.rules.size() > kMaxNotificationRules) std::abort();
        const std::map<std::string, std::string, std::less<>> values = {
            {"nomor", "12"}, {"alur", "Verifikasi"}, {"tahap", "Konfirmasi"}, {"tenggat", "8 Desember 2026"},
            {"kabupaten", "Kabupaten Kapuas"}};
        for (const auto& rule : rules.rules) {
            if (rule.id.empty() || rule.channels.empty()) std::abort();
            const std::string subject = rule.subject.render(values);
            if (rule.subject.source().size() > kMaxSubjectBytes) std::abort();
            if (rule.subject.source().find('\n') != std::string::npos) std::abort();
            for (const auto& name : template_placeholders())
                if (subject.find("{" + name + "}") != std::string::npos &&
                    rule.subject.source().find("{{" + name + "}}") == std::string::npos)
                    std::abort();
            (void)rule.body.render(values);
        }
    } catch (const NotificationRulesError& e) {
        if (e.problems().empty()) std::abort();
        for (const auto& problem : e.problems())
            if (problem.rfind("n.yaml:", 0) != 0 || problem.find(": error: ") == std::string::npos) std::abort();
    }
    return 0;
}
