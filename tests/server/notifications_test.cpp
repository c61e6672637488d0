// Notifications end to end: the regency's rules in notifications.yaml, the
// outbox filled from the committed event chain, delivery by e-mail through
// a real SMTP conversation (a local sink) and through a plugin channel (a
// real .so), retries while the mail server is down, and the routes that set
// a person's contact and show a regency its outbox.
#include "server_fixture.hpp"
#include "smtp_sink.hpp"

#include "notify/notification_jobs.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::string metric(const std::string& text, const std::string& name) {
    const std::regex line("(^|\n)" + name + " ([0-9]+)");
    std::smatch m;
    return std::regex_search(text, m, line) ? m[2].str() : std::string("absent");
}

std::vector<std::string> lines_of(const fs::path& file) {
    std::vector<std::string> out;
    if (!fs::exists(file)) return out;
    std::istringstream in(read_text(file));
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

const std::regex kIndonesianDate(R"(\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4})");

}  // namespace

TEST_CASE("a new task reaches the OPD head by e-mail, and nothing is lost while the mail server is down",
          "[server][notifications]") {
    SmtpSink sink;
    ServerFixture f([&](server::ServerConfig& c) {
        c.smtp_host = "127.0.0.1";
        c.smtp_port = sink.port();
        c.smtp_from = "bkpsdm@kapuaskab.go.id";
    });
    auto& jobs = f.background().notifications();

    // The admin gives the OPD head an address; the worker gives their own.
    const auto set = f.post_json("/api/v1/admin/users/opd_head/contact", {{"email", "kadis.pendidikan@kapuaskab.go.id"}},
                                 f.token("admin"));
    REQUIRE(set.status == 200);
    CHECK(set.json()["email"] == "kadis.pendidikan@kapuaskab.go.id");
    CHECK(f.get("/api/v1/me", f.token("opd_head")).json()["email"] == "kadis.pendidikan@kapuaskab.go.id");

    // A file of the OPD head's OPD reaches their confirmation (the shipped
    // rule tugas_kepala_opd); one of another OPD does not concern them.
    const CaseId mine = f.worker_case(kWorkerNik);
    REQUIRE(f.engine().get_case(mine).state == "konfirmasi_opd");
    f.worker_case(kOtherWorkerNik, kOtherOpd);
    auto pass = jobs.run_pass();
    CHECK(pass.made == 1);
    CHECK(pass.sent == 1);
    REQUIRE(sink.mails().size() == 1);
    const SunkMail mail = sink.mails()[0];
    CHECK(mail.from == "bkpsdm@kapuaskab.go.id");
    CHECK(mail.to == std::vector<std::string>{"kadis.pendidikan@kapuaskab.go.id"});
    CHECK(mail.subject() == "Tugas baru: Konfirmasi SPTJM oleh kepala OPD (berkas nomor " + std::to_string(mine) + ")");
    const std::string body = mail.body();
    CHECK_THAT(body, Contains("Berkas nomor " + std::to_string(mine) + " pada Verifikasi berkas tenaga non-ASN"));
    CHECK_THAT(body, Contains("BKPSDM Kabupaten Kapuas"));
    CHECK(std::regex_search(body, kIndonesianDate));
    CHECK(body.find('{') == std::string::npos);
    CHECK_THAT(mail.data, Contains("charset=UTF-8"));

    // Again: nothing new to tell, nothing sent twice.
    pass = jobs.run_pass();
    CHECK(pass.made == 0);
    CHECK(pass.sent == 0);
    CHECK(sink.mails().size() == 1);

    // The mail server goes down: the next message waits in the outbox.
    sink.stop();
    const CaseId second = f.worker_case("6203011203850003");
    pass = jobs.run_pass();
    CHECK(pass.made == 1);
    CHECK(pass.sent == 0);
    CHECK(pass.retried == 1);
    const auto waiting = f.get("/api/v1/admin/notifications?status=pending", f.token("admin"));
    REQUIRE(waiting.status == 200);
    REQUIRE(waiting.json()["items"].size() == 1);
    const auto entry = waiting.json()["items"][0];
    CHECK(entry["case"] == second);
    CHECK(entry["recipient"] == "opd_head");
    CHECK(entry["notification"] == "tugas_kepala_opd");
    CHECK(entry["attempts"] == 1);
    CHECK_FALSE(entry["last_error"].is_null());
    auto metrics = f.get("/metrics", f.token("admin")).body;
    CHECK(metric(metrics, "tata_notifications_sent_total") == "1");
    CHECK(metric(metrics, "tata_notifications_retries_total") == "1");
    CHECK(metric(metrics, "tata_notifications_pending") == "1");

    // Before its back-off ends it is not tried again; after, it goes.
    sink.start();
    pass = jobs.run_pass();
    CHECK(pass.sent == 0);
    f.clock().set(f.clock().now() + std::chrono::seconds(31));
    pass = jobs.run_pass();
    CHECK(pass.sent == 1);
    REQUIRE(sink.mails().size() == 2);
    CHECK_THAT(sink.mails()[1].subject(), Contains("berkas nomor " + std::to_string(second)));
    metrics = f.get("/metrics", f.token("admin")).body;
    CHECK(metric(metrics, "tata_notifications_sent_total") == "2");
    CHECK(metric(metrics, "tata_notifications_pending") == "0");
    const auto sent = f.get("/api/v1/admin/notifications?status=sent", f.token("admin")).json();
    CHECK(sent["items"].size() == 2);
    CHECK(sent["items"][0]["attempts"] == 2);
    CHECK_FALSE(sent["items"][0]["sent_at"].is_null());

    // Three files at once (an import): one message, the rule's digest,
    // listing the three; each entry of the outbox is marked sent.
    std::vector<CaseId> batch;
    for (const char* nik : {"6203012503900004", "6203012503900005", "6203012503900006"})
        batch.push_back(f.worker_case(nik));
    pass = jobs.run_pass();
    CHECK(pass.made == 3);
    CHECK(pass.sent == 3);
    REQUIRE(sink.mails().size() == 3);
    const SunkMail digest = sink.mails()[2];
    CHECK(digest.subject() == "3 tugas baru menunggu Anda");
    const std::string list = digest.body();
    CHECK_THAT(list, Contains("3 berkas menunggu tindakan Bapak/Ibu:"));
    for (const CaseId id : batch)
        CHECK_THAT(list, Contains("- Tugas baru: Konfirmasi SPTJM oleh kepala OPD (berkas nomor " + std::to_string(id) + ")"));
    CHECK(f.get("/api/v1/admin/notifications?status=sent", f.token("admin")).json()["items"].size() == 5);

    // The head removes their address while a message waits: no retry can
    // reach them, so it is given up at once, and says so to the admin.
    sink.stop();
    f.worker_case("6203012503900007");
    pass = jobs.run_pass();
    CHECK(pass.retried == 1);
    REQUIRE(f.post_json("/api/v1/me/contact", nlohmann::json::object(), f.token("opd_head")).status == 200);
    f.clock().set(f.clock().now() + std::chrono::seconds(31));
    pass = jobs.run_pass();
    CHECK(pass.failed == 1);
    const auto failed = f.get("/api/v1/admin/notifications?status=failed", f.token("admin")).json()["items"];
    REQUIRE(failed.size() == 1);
    CHECK(failed[0]["last_error"] == "the person no longer has an e-mail address");
    metrics = f.get("/metrics", f.token("admin")).body;
    CHECK(metric(metrics, "tata_notifications_failed_total") == "1");
    CHECK(metric(metrics, "tata_notifications_pending") == "0");
}

TEST_CASE("a plugin channel delivers to phones, deadline reminders come once, and a failing gateway is retried",
          "[server][notifications]") {
    TempDir setup;
    fs::copy(source_dir() / "rules", setup / "rules", fs::copy_options::recursive);
    write_file(setup / "rules" / "62.03" / "notifications.yaml", R"(notifications:
  - id: berkas_masuk
    when: entered
    workflow: verification
    states: [konfirmasi_opd]
    to: task
    channels: [gateway.pesan]
    subject: "{tahap} nomor {nomor}, tenggat {tenggat}"
    body: "Silakan masuk ke aplikasi."
  - id: tenggat_dekat
    when: deadline
    working_days_before: 2
    to: task
    roles: [opd_head]
    channels: [gateway.pesan]
    subject: "Pengingat {tahap} nomor {nomor}: {tenggat}"
    body: "Tenggat {{tugas}} sudah dekat."
)");
    const fs::path delivered = setup / "terkirim.txt";
    ::setenv("TATA_TEST_GATEWAY_OUTBOX", delivered.c_str(), 1);
    ServerFixture f([&](server::ServerConfig& c) {
        c.sources.rules = {setup / "rules"};
        c.sources.plugins.push_back(test_plugin_dir("gateway"));
    });
    auto& jobs = f.background().notifications();
    REQUIRE(f.post_json("/api/v1/me/contact", {{"phone", "+6281234567890"}}, f.token("opd_head")).status == 200);

    const CaseId id = f.worker_case(kWorkerNik);
    auto pass = jobs.run_pass();
    CHECK(pass.sent == 1);
    auto lines = lines_of(delivered);
    REQUIRE(lines.size() == 1);
    CHECK_THAT(lines[0], StartsWith("opd_head\t+6281234567890\tKonfirmasi SPTJM oleh kepala OPD nomor " +
                                    std::to_string(id) + ", tenggat "));
    CHECK(std::regex_search(lines[0], kIndonesianDate));

    // Five working days to go: no reminder yet. One working day before the
    // deadline, one reminder, once, with the body's literal braces.
    const auto due = *f.engine().get_case(id).open_tasks.at(0).due_at;
    f.clock().set(due - std::chrono::hours(24 * 1) - std::chrono::hours(1));
    pass = jobs.run_pass();
    CHECK(pass.sent == 1);
    lines = lines_of(delivered);
    REQUIRE(lines.size() == 2);
    CHECK_THAT(lines[1], StartsWith("opd_head\t+6281234567890\tPengingat Konfirmasi SPTJM oleh kepala OPD nomor " +
                                    std::to_string(id) + ": "));
    f.clock().set(f.clock().now() + std::chrono::minutes(5));
    pass = jobs.run_pass();
    CHECK(pass.made == 0);
    CHECK(lines_of(delivered).size() == 2);
    const auto reminders = f.get("/api/v1/admin/notifications", f.token("admin")).json()["items"];
    REQUIRE(reminders.size() == 2);
    CHECK(reminders[0]["notification"] == "tenggat_dekat");

    // The gateway fails: the message waits, then goes once it is back.
    write_file(fs::path(delivered.string() + ".down"), "");
    f.worker_case(kOtherWorkerNik);
    pass = jobs.run_pass();
    CHECK(pass.retried == 1);
    CHECK(lines_of(delivered).size() == 2);
    fs::remove(fs::path(delivered.string() + ".down"));
    f.clock().set(f.clock().now() + std::chrono::seconds(31));
    pass = jobs.run_pass();
    CHECK(pass.sent == 1);
    CHECK(lines_of(delivered).size() == 3);

    // A returned file claimed by an officer: the reminder is for OPD heads
    // (roles: [opd_head]), so neither the officer who holds it nor the head
    // who no longer does hears of its deadline.
    REQUIRE(f.post_json("/api/v1/me/contact", {{"phone", "+6281111111111"}}, f.token("officer")).status == 200);
    const CaseId returned = f.worker_case("6203012503900008");
    f.engine().fire(returned, "kembalikan", {{"alasan", "Ijazah tidak terbaca."}}, {"opd_head", "opd_head"});
    const auto task = f.engine().get_case(returned).open_tasks.at(0);
    REQUIRE(task.state == "dikembalikan");
    REQUIRE(f.post_json("/api/v1/tasks/" + std::to_string(task.id) + "/claim", nlohmann::json::object(),
                        f.token("officer")).status == 200);
    pass = jobs.run_pass();  // the new file's konfirmasi_opd message
    const auto before = lines_of(delivered).size();
    f.clock().set(*task.due_at - std::chrono::hours(25));
    pass = jobs.run_pass();
    CHECK(lines_of(delivered).size() == before);
    for (const auto& line : lines_of(delivered)) CHECK_THAT(line, !Contains("+6281111111111"));
    ::unsetenv("TATA_TEST_GATEWAY_OUTBOX");
}

TEST_CASE("contacts are checked at the field, and each regency sees only its own outbox", "[server][notifications][scope]") {
    ServerFixture f;
    // Bad values are refused where they are, and nothing is saved.
    auto bad = f.post_json("/api/v1/me/contact", {{"email", "bukan alamat"}, {"phone", "12"}}, f.token("worker"));
    CHECK(bad.status == 422);
    CHECK_THAT(bad.body, Contains("\"email\""));
    CHECK_THAT(bad.body, Contains("\"phone\""));
    CHECK(f.get("/api/v1/me", f.token("worker")).json().contains("email") == false);
    CHECK(f.post_json("/api/v1/me/contact", {{"email", std::string(300, 'a') + "@x.id"}}, f.token("worker")).status == 422);
    const auto unknown = f.post_json("/api/v1/me/contact", {{"surel", "a@b.id"}}, f.token("worker"));
    CHECK(unknown.status == 400);
    CHECK_THAT(unknown.body, Contains("surel"));

    // A worker sets their own, and may clear it.
    auto ok = f.post_json("/api/v1/me/contact", {{"email", "siti@contoh.id"}, {"phone", "081234567890"}}, f.token("worker"));
    REQUIRE(ok.status == 200);
    CHECK(ok.json()["phone"] == "081234567890");
    CHECK(f.post_json("/api/v1/me/contact", nlohmann::json::object(), f.token("worker")).json()["email"].is_null());

    // An admin sets only their own regency's users: another's is unknown.
    CHECK(f.post_json("/api/v1/admin/users/officer_64_71/contact", {{"email", "a@b.id"}}, f.token("admin")).status == 404);
    CHECK(f.post_json("/api/v1/admin/users/worker/contact", {{"email", "a@b.id"}}, f.token("officer")).status == 403);

    // Entries of another regency never show in this one's outbox.
    server::notify::OutboxEntry other;
    other.regency = "64.71";
    other.rule = "tugas";
    other.source = "event:1";
    other.case_id = 1;
    other.user_id = 1;
    other.channel = "email";
    other.subject = "Balikpapan";
    other.body = "-";
    f.service().outbox().append({other}, std::nullopt);
    const auto list = f.get("/api/v1/admin/notifications", f.token("admin"));
    REQUIRE(list.status == 200);
    CHECK(list.json()["items"].empty());
    CHECK(f.get("/api/v1/admin/notifications?status=lain", f.token("admin")).status == 400);
    CHECK(f.get("/api/v1/admin/notifications", f.token("officer")).status == 403);
}

// Several nodes deliver from one outbox: each due entry is claimed by one
// pass only, and an entry a pass leaves (or a dead node's) is due again.
TEST_CASE("two nodes delivering from one outbox claim each entry once", "[server][notifications][cluster]") {
    TempDir dir;
    const std::string database = test_database(dir);
    server::notify::Outbox first(database), second(database);
    const TimePoint now = at("2025-06-10T09:00:00+07:00");
    std::vector<server::notify::OutboxEntry> entries;
    for (int i = 0; i < 120; ++i) {
        server::notify::OutboxEntry e;
        e.regency = "62.03";
        e.rule = "tugas_baru";
        e.source = "task:" + std::to_string(i);
        e.case_id = i + 1;
        e.user_id = 7;
        e.channel = "email";
        e.subject = "Tugas baru " + std::to_string(i);
        e.body = "Ada tugas baru.";
        e.created_at = now;
        e.next_attempt_at = now;
        entries.push_back(e);
    }
    REQUIRE(first.append(entries, std::nullopt) == 120);

    std::mutex mutex;
    std::map<std::int64_t, int> claims;
    auto deliver = [&](server::notify::Outbox& outbox) {
        for (;;) {
            const auto due = outbox.claim_due(now, 7);
            if (due.empty()) return;
            for (const auto& entry : due) {
                {
                    std::lock_guard lock(mutex);
                    ++claims[entry.id];
                }
                outbox.mark_sent(entry.id, now);
            }
        }
    };
    std::thread a([&] { deliver(first); }), b([&] { deliver(second); });
    a.join();
    b.join();
    CHECK(claims.size() == 120);
    for (const auto& [id, count] : claims) {
        INFO("entry " << id);
        CHECK(count == 1);
    }
    CHECK(first.pending_count() == 0);

    // A claimed entry is not due again until its claim runs out, unless
    // the pass gives it back.
    auto late = entries.front();
    late.source = "task:late";
    REQUIRE(first.append({late}, std::nullopt) == 1);
    auto claimed = first.claim_due(now, 10);
    REQUIRE(claimed.size() == 1);
    CHECK(second.claim_due(now, 10).empty());
    CHECK(first.renew(claimed.front(), now + std::chrono::minutes(1)));  // a long pass holds it longer
    const TimePoint expired = claimed.front().claimed_until;
    auto taken = second.claim_due(expired, 10);  // the first pass's node died: due again, for another
    REQUIRE(taken.size() == 1);
    // The first pass, if it was only slow, neither sends nor gives back
    // what the other now holds.
    CHECK_FALSE(first.renew(claimed.front(), expired));
    first.release(claimed.front());
    CHECK(first.claim_due(expired, 10).empty());
    second.release(taken.front());  // given back as it found it: due at once
    const auto again = first.claim_due(expired, 10);
    REQUIRE(again.size() == 1);
    CHECK(again.front().next_attempt_at == expired);
}
