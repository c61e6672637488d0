// notifications.yaml as a regency writes it: what it may say, and every
// mistake reported at its file:line:column before anyone is told anything.
#include "support/test_support.hpp"

#include "notify/message_template.hpp"
#include "notify/notification_jobs.hpp"
#include "notify/notification_projector.hpp"
#include "notify/notification_rules.hpp"

#include <catch2/catch.hpp>
#include <tata/definitions.hpp>

using namespace tata;
using namespace tata::test;
using namespace tata::server::notify;
using Catch::Matchers::Contains;

namespace {

// The problems of a file, joined; empty when it is read.
std::string problems_of(const std::string& text) {
    try {
        parse_notification_rules(text, "n.yaml");
        return {};
    } catch (const NotificationRulesError& e) {
        std::string all;
        for (const auto& p : e.problems()) all += p + "\n";
        return all;
    }
}

const char* const kGood = R"(notifications:
  - id: dijawab
    when: entered
    workflow: grievance
    states: [menunggu_konfirmasi]
    to: worker
    subject: "Pengaduan {nomor} dijawab"
    body: "Yth. Bapak/Ibu, {tahap}. {{bukan placeholder}}"
  - id: tenggat
    when: deadline
    working_days_before: 2
    to: task
    roles: [opd_head]
    channels: [email]
    subject: "Tenggat {tenggat}"
    body: "{alur} - {kabupaten}"
    digest:
      subject: "{jumlah} tenggat"
      body: "{daftar}"
)";

}  // namespace

TEST_CASE("a notifications file is read into rules with their templates", "[notifications]") {
    const auto rules = parse_notification_rules(kGood, "n.yaml");
    REQUIRE(rules.rules.size() == 2);
    const auto& answered = rules.rules[0];
    CHECK(answered.id == "dijawab");
    CHECK(answered.when == Trigger::entered);
    CHECK(answered.states == std::vector<std::string>{"menunggu_konfirmasi"});
    CHECK(answered.to == Audience::worker);
    CHECK(answered.channels == std::vector<std::string>{"email"});  // the default
    CHECK(answered.line == 2);
    CHECK(answered.column == 5);
    CHECK(answered.body.render({{"tahap", "Menunggu konfirmasi"}}) ==
          "Yth. Bapak/Ibu, Menunggu konfirmasi. {bukan placeholder}");
    CHECK(answered.subject.render({}) == "Pengaduan - dijawab");  // a missing value reads "-"
    const auto& deadline = rules.rules[1];
    CHECK(deadline.when == Trigger::deadline);
    CHECK(deadline.working_days_before == 2);
    CHECK(deadline.to == Audience::task);
    CHECK(deadline.roles == std::vector<std::string>{"opd_head"});
    REQUIRE(deadline.digest_subject);
    CHECK(deadline.digest_subject->render({{"jumlah", "3"}}) == "3 tenggat");
    CHECK_FALSE(answered.digest_subject);
}

TEST_CASE("mistakes in a notifications file are reported where they are", "[notifications]") {
    auto with = [](const std::string& rule) { return "notifications:\n  - " + rule; };
    CHECK_THAT(problems_of("notifications: 3\n"), Contains("n.yaml:1:16: error: expected `notifications:` with a list"));
    CHECK_THAT(problems_of("notifications: []\nlain: 1\n"), Contains("n.yaml:2:1: error: unknown key `lain`"));
    CHECK_THAT(problems_of("notifications: [\n"), Contains("n.yaml:"));
    CHECK_THAT(problems_of(with("id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                                "subject: s\n    body: b\n    warna: merah\n")),
               Contains("n.yaml:9:5: error: unknown key `warna`"));
    CHECK_THAT(problems_of(with("id: A-1\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                                "subject: s\n    body: b\n")),
               Contains("n.yaml:2:9: error: `id` must be a code"));
    CHECK_THAT(problems_of(with("id: a\n    when: kadang\n    workflow: w\n    states: [s]\n    to: worker\n    "
                                "subject: s\n    body: b\n")),
               Contains("n.yaml:3:11: error: `when` must be `entered` or `deadline`"));
    CHECK_THAT(problems_of(with("id: a\n    when: entered\n    workflow: w\n    to: worker\n    subject: s\n    body: b\n")),
               Contains("`when: entered` needs `states:`"));
    CHECK_THAT(problems_of(with("id: a\n    when: deadline\n    to: task\n    subject: s\n    body: b\n")),
               Contains("`when: deadline` needs `working_days_before:`"));
    CHECK_THAT(problems_of(with("id: a\n    when: deadline\n    working_days_before: 99\n    to: task\n    subject: s\n"
                                "    body: b\n")),
               Contains("n.yaml:4:26: error: `working_days_before` must be a whole number from 1 to 20"));
    CHECK_THAT(problems_of(with("id: a\n    when: deadline\n    working_days_before: 2\n    to: worker\n    subject: s\n"
                                "    body: b\n")),
               Contains("a deadline is told to who may take the task"));
    CHECK_THAT(problems_of(with("id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: task\n    roles: "
                                "[camat]\n    subject: s\n    body: b\n")),
               Contains("n.yaml:7:13: error: `camat` is not a role"));
    CHECK_THAT(problems_of(with("id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                                "subject: \"Nomor {nomr}\"\n    body: b\n")),
               Contains("n.yaml:7:14: error: `subject` uses {nomr}, which is not a placeholder; use {nomor}"));
    CHECK_THAT(problems_of(with("id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                                "subject: s\n    body: \"kurung { terbuka\"\n")),
               Contains("`body` has a '{' without its '}'"));
    CHECK_THAT(problems_of(with("id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                                "subject: \"baris\\ndua\"\n    body: b\n")),
               Contains("`subject` is one line"));
    CHECK_THAT(problems_of(with("id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                                "subject: s\n    body: " + std::string(kMaxBodyBytes + 1, 'x') + "\n")),
               Contains("`body` is at most 4000 bytes"));
    const std::string twice = with("id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                                   "subject: s\n    body: b\n") +
                              "  - id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                              "subject: s\n    body: b\n";
    CHECK_THAT(problems_of(twice), Contains("n.yaml:9:9: error: the id `a` is used twice"));
    // A digest has its own placeholders, and only those.
    const std::string rule = "id: a\n    when: entered\n    workflow: w\n    states: [s]\n    to: worker\n    "
                             "subject: s\n    body: b\n    digest:\n";
    CHECK_THAT(problems_of(with(rule + "      subject: \"{nomor}\"\n      body: b\n")),
               Contains("n.yaml:10:16: error: `subject` uses {nomor}, which is not a placeholder; use {jumlah}, {daftar}, {kabupaten}"));
    CHECK_THAT(problems_of(with(rule + "      subject: s\n")), Contains("missing `body`"));
    CHECK_THAT(problems_of(with(rule + "      subject: s\n      body: b\n      warna: x\n")),
               Contains("unknown key `warna` (a digest has subject and body)"));
    CHECK(problems_of(with(rule + "      subject: \"{jumlah} baru\"\n      body: \"{daftar}\"\n")).empty());
    std::string many = "notifications:\n";
    for (std::size_t i = 0; i <= kMaxNotificationRules; ++i) many += "  - {}\n";
    CHECK_THAT(problems_of(many), Contains("at most 100 notifications"));
    // Every problem of a rule is reported, not only the first.
    const std::string several = problems_of(with("id: a\n    when: kadang\n    to: siapa\n"));
    CHECK_THAT(several, Contains("`when` must be"));
    CHECK_THAT(several, Contains("`to` must be"));
    CHECK_THAT(several, Contains("missing `subject`"));
}

TEST_CASE("a notifications file must name workflows, stages and channels the generation has", "[notifications]") {
    const auto definitions = load_definitions({{source_dir() / "workflows"}, {source_dir() / "rules"}, {core_plugin_dir()}});
    const auto good = parse_notification_rules(kGood, "n.yaml");
    CHECK(check_notification_rules(good, *definitions).empty());
    const auto bad = parse_notification_rules(R"(notifications:
  - id: a
    when: entered
    workflow: pengaduan
    states: [dijawab]
    to: worker
    subject: s
    body: b
  - id: b
    when: entered
    workflow: grievance
    states: [dijawab]
    to: worker
    channels: [email, wa.kirim]
    subject: s
    body: b
)",
                                              "n.yaml");
    const auto problems = check_notification_rules(bad, *definitions);
    REQUIRE(problems.size() == 3);
    CHECK_THAT(problems[0], Contains("n.yaml:2:5: error: notification `a`: no workflow `pengaduan` is loaded"));
    CHECK_THAT(problems[1], Contains("n.yaml:9:5: error: notification `b`: workflow `grievance` has no stage `dijawab`"));
    CHECK_THAT(problems[2], Contains("no channel `wa.kirim`"));
}

TEST_CASE("the shipped regencies' notification files are valid", "[notifications]") {
    const auto definitions = load_definitions({{source_dir() / "workflows"}, {source_dir() / "rules"}, {core_plugin_dir()}});
    std::vector<std::string> errors;
    const auto rules = load_notification_rules(*definitions, errors);
    INFO((errors.empty() ? std::string() : errors[0]));
    CHECK(errors.empty());
    REQUIRE(rules->count("62.03") == 1);
    CHECK(rules->at("62.03").rules.size() >= 4);
}

TEST_CASE("failed deliveries wait longer each time, then are given up", "[notifications]") {
    CHECK(retry_delay(1) == std::chrono::seconds(30));
    CHECK(retry_delay(2) == std::chrono::seconds(60));
    CHECK(retry_delay(3) == std::chrono::seconds(120));
    CHECK(retry_delay(8) == std::chrono::seconds(3600));
    CHECK(retry_delay(20) == std::chrono::seconds(3600));
    CHECK(retry_delay(kMaxAttempts - 1).has_value());
    CHECK_FALSE(retry_delay(kMaxAttempts).has_value());
    CHECK(indonesian_date(std::chrono::sys_days{std::chrono::year{2026} / 12 / 8}) == "8 Desember 2026");
}
