// What a request's data may hold: nesting, text length, bytes that are not
// UTF-8, page numbers; and one bad request never fails another's shared
// commit. Every refusal leaves the database as it was.
#include "server_fixture.hpp"

#include "csv/csv_cell.hpp"

#include <tata/json_limits.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

// `{"input": {"a": {"a": ... }}}` nested `levels` deep, as text: the server
// must refuse it without ever building the value.
std::string deeply_nested_input(int levels) {
    std::string text = "{\"input\":";
    for (int i = 0; i < levels; ++i) text += "{\"a\":";
    text += "1";
    text.append(static_cast<std::size_t>(levels), '}');
    return text + "}";
}

std::string first_field(const HttpResult& r) {
    const auto body = r.json();
    if (!body.contains("errors") || body["errors"].empty()) return {};
    return body["errors"][0]["field"];
}

}  // namespace

TEST_CASE("JSON nested 70,000 levels is refused from every role, and the server keeps answering",
          "[server][limits]") {
    // The body fits the size limit: only its depth is wrong.
    ServerFixture f([](server::ServerConfig& config) { config.max_body_bytes = 2u << 20; });
    const CaseId id = f.worker_case(kWorkerNik);
    const std::string body = deeply_nested_input(70'000);
    const std::int64_t head_before = f.engine().verify_audit({}).head_seq;
    for (const std::string user : {"worker", "vendor_a", "officer", "admin", "opd_head"}) {
        INFO(user);
        const auto fire = f.send({"POST", "/api/v1/cases/" + std::to_string(id) + "/outcomes/setuju", body,
                                  "application/json", f.token(user), {}});
        // Refused before anything else looks at it: 400 naming the body.
        CHECK(fire.status == 400);
        CHECK(first_field(fire) == "body");
        const auto grievance = f.send({"POST", "/api/v1/grievances", body, "application/json", f.token(user), {}});
        CHECK((grievance.status == 400 || grievance.status == 403));
    }
    CHECK(f.get("/healthz", "").status == 200);
    CHECK(f.get("/api/v1/cases/" + std::to_string(id), f.token("officer")).status == 200);
    CHECK(f.engine().verify_audit({}).head_seq == head_before);
}

TEST_CASE("JSON at the depth limit still parses, one level more is refused", "[server][limits]") {
    ServerFixture f;
    const CaseId id = f.worker_case(kWorkerNik);
    const std::string path = "/api/v1/cases/" + std::to_string(id) + "/outcomes/setuju";
    // The body object takes one level; `input` and its nesting the rest.
    const auto at_limit = f.send({"POST", path, deeply_nested_input(kMaxJsonDepth - 1), "application/json",
                                  f.token("opd_head"), {}});
    // Parsed, then refused by the form (an unknown field), not by depth.
    CHECK(at_limit.status == 422);
    const auto over = f.send({"POST", path, deeply_nested_input(kMaxJsonDepth), "application/json",
                              f.token("opd_head"), {}});
    CHECK(over.status == 400);
    CHECK(first_field(over) == "body");
}

TEST_CASE("a text field longer than its form allows is refused with the field", "[server][limits]") {
    ServerFixture f;
    const CaseId id = f.worker_case(kWorkerNik);
    const std::string path = "/api/v1/cases/" + std::to_string(id) + "/outcomes/setuju";
    const auto before = f.get("/api/v1/cases/" + std::to_string(id), f.token("officer")).json()["version"];
    const auto huge = f.post_json(path, {{"input", {{"nomor_sptjm", std::string(100'000, 'x')}}}}, f.token("opd_head"));
    CHECK(huge.status == 422);
    CHECK(first_field(huge) == "nomor_sptjm");
    CHECK_THAT(huge.json()["errors"][0]["message"].get<std::string>(), Catch::Matchers::Contains("paling banyak 500 karakter"));
    CHECK(f.get("/api/v1/cases/" + std::to_string(id), f.token("officer")).json()["version"] == before);
    // 500 characters of a multi-byte script are within the limit.
    std::string five_hundred;
    for (int i = 0; i < 500; ++i) five_hundred += "\xC3\xA9";  // é
    CHECK(f.post_json(path, {{"input", {{"nomor_sptjm", five_hundred}}}}, f.token("opd_head")).status == 200);
}

TEST_CASE("bytes that are not UTF-8 answer 400, never 500", "[server][limits]") {
    ServerFixture f;
    const CaseId id = f.worker_case(kWorkerNik);
    const auto body_bad = f.send({"POST", "/api/v1/cases/" + std::to_string(id) + "/outcomes/setuju",
                                  "{\"input\":{\"nomor_sptjm\":\"\xFF\xFE\"}}", "application/json", f.token("opd_head"), {}});
    CHECK(body_bad.status == 400);
    const auto login_bad = f.send({"POST", "/api/v1/auth/login", "{\"username\":\"\xC0\xAF\",\"password\":\"x\"}",
                                   "application/json", "", {}});
    CHECK(login_bad.status == 400);
    const auto path_bad = f.get("/api/v1/cases/%FF", f.token("worker"));
    CHECK(path_bad.status == 400);
    const auto query_bad = f.get("/api/v1/cases?q=%C3%28", f.token("officer"));
    CHECK(query_bad.status == 400);
}

TEST_CASE("page numbers are bounded, never wrapped", "[server][limits]") {
    ServerFixture f;
    f.worker_case(kWorkerNik);
    const std::string officer = f.token("officer");
    CHECK(f.get("/api/v1/cases?page=9223372036854775807", officer).status == 400);
    CHECK(f.get("/api/v1/cases?page=99999999999999999999", officer).status == 400);
    CHECK(f.get("/api/v1/cases?page=-1", officer).status == 400);
    CHECK(f.get("/api/v1/cases?page=1e3", officer).status == 400);
    // Cases are numbered as far as their count is exact (then by cursor);
    // an inbox page past its end is empty.
    const auto far = f.get("/api/v1/cases?page=100000000", officer);
    CHECK(far.status == 400);
    CHECK(far.json()["errors"][0]["field"] == "page");
    const auto last = f.get("/api/v1/tasks?page=100000000", f.token("opd_head"));
    REQUIRE(last.status == 200);
    CHECK(last.json()["items"].empty());
    CHECK(last.json()["total"] == 1);
}

TEST_CASE("a bad request in a loop never fails other officers' advances", "[server][limits][group-commit]") {
    ServerFixture f;
    constexpr int kCases = 24;
    std::vector<CaseId> ids;
    for (int i = 0; i < kCases; ++i) {
        char nik[17];
        std::snprintf(nik, sizeof nik, "62030144108%05d", i + 1);
        ids.push_back(f.worker_case(nik));
    }
    const std::string head = f.token("opd_head");
    const std::string worker = f.token("worker");
    std::atomic<bool> stop{false};
    std::atomic<int> bad_answers{0};
    std::thread attacker([&] {
        while (!stop) {
            const auto r = f.send({"POST", "/api/v1/cases/%FF/outcomes/x", "{}", "application/json", worker, {}});
            if (r.status >= 500) ++bad_answers;
        }
    });
    std::vector<std::thread> officers;
    std::atomic<int> advanced{0};
    for (int t = 0; t < 4; ++t)
        officers.emplace_back([&, t] {
            for (int i = t; i < kCases; i += 4) {
                const auto r = f.post_json("/api/v1/cases/" + std::to_string(ids[static_cast<std::size_t>(i)]) +
                                               "/outcomes/setuju",
                                           {{"input", {{"nomor_sptjm", "800/" + std::to_string(i)}}}}, head);
                if (r.status == 200) ++advanced;
            }
        });
    for (auto& t : officers) t.join();
    stop = true;
    attacker.join();
    CHECK(advanced == kCases);
    CHECK(bad_answers == 0);
    for (const CaseId id : ids) CHECK(f.engine().get_case(id).state != "konfirmasi_opd");
}

TEST_CASE("the rekap CSV opens formula-leading OPD names as text", "[server][limits][csv]") {
    ServerFixture f;
    f.worker_case(kWorkerNik, "=HYPERLINK(\"http://x\",\"klik\")");
    f.worker_case(kOtherWorkerNik, "@SUM(A1:A9)");
    const auto csv = f.send({"GET", "/api/v1/reports/rekap?format=csv", "", "", f.token("admin"), {{"Accept", "text/csv"}}});
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("\n=") == std::string::npos);
    CHECK(csv.body.find("\n@") == std::string::npos);
    CHECK(csv.body.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"") != std::string::npos);
    CHECK(csv.body.find("\"'@SUM(A1:A9)\"") != std::string::npos);
}

TEST_CASE("CSV cells: formula-leading text neutralised, the rest as RFC 4180", "[limits][csv]") {
    CHECK(csv::text_cell("Dinas Pendidikan") == "Dinas Pendidikan");
    CHECK(csv::text_cell("=1+1") == "\"'=1+1\"");
    CHECK(csv::text_cell("+62 812") == "\"'+62 812\"");
    CHECK(csv::text_cell("-5") == "\"'-5\"");
    CHECK(csv::text_cell("@x") == "\"'@x\"");
    CHECK(csv::text_cell("\tx") == "\"'\tx\"");
    CHECK(csv::text_cell("\rx") == "\"'\rx\"");
    CHECK(csv::text_cell("a,b") == "\"a,b\"");
    CHECK(csv::text_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv::text_cell("") == "");
}

TEST_CASE("text holding U+0000 is refused where it comes in, naming the field, and nothing is written",
          "[server][limits][engine]") {
    ServerFixture f;
    const std::string nul("a\0b", 3);
    const auto before = f.engine().count_cases(CaseFilter{});
    // Through the API: JSON's \u0000 in a grievance.
    const auto refused = f.send({"POST", "/api/v1/grievances",
                                 R"({"nama_pelapor":"Natalia","kategori":"lainnya","uraian":"rusak\u0000di sini"})",
                                 "application/json", f.token("worker"), {}});
    INFO(refused.body);
    CHECK(refused.status == 422);
    CHECK_THAT(refused.body, Catch::Matchers::Contains("U+0000"));
    CHECK_THAT(refused.body, Catch::Matchers::Contains("uraian"));
    // Straight at the engine: in a value, deep in a list, in a key.
    for (const json& data : {json{{"nik", kWorkerNik}, {"nama", nul}},
                             json{{"nik", kWorkerNik}, {"riwayat", json::array({"ok", json{{"catatan", nul}}})}},
                             json{{"nik", kWorkerNik}, {nul, "x"}}}) {
        try {
            f.engine().create_case("verification", "62.03", data, {"import", "officer"});
            FAIL("U+0000 was taken");
        } catch (const InvalidInput& e) {
            REQUIRE(e.errors().size() == 1);
            CHECK_THAT(e.errors()[0].field, Catch::Matchers::StartsWith("data/"));
            CHECK_THAT(e.errors()[0].message, Catch::Matchers::Contains("U+0000"));
        }
    }
    CHECK(f.engine().count_cases(CaseFilter{}) == before);
    // An outcome's input too.
    const CaseId id = f.worker_case(kWorkerNik);
    const auto version = f.engine().get_case(id).version;
    try {
        f.engine().fire(id, "setuju", {{"nomor_sptjm", nul}}, {"kadis", "opd_head"});
        FAIL("U+0000 was taken");
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].field == "input/nomor_sptjm");
    }
    CHECK(f.engine().get_case(id).version == version);
}

TEST_CASE("the engine refuses case data nested beyond the limit, naming where", "[server][limits][engine]") {
    ServerFixture f;
    json data = {{"nik", kWorkerNik}, {"nama", "Pekerja"}};
    json* inner = &data["riwayat"];
    for (int i = 0; i < 5'000; ++i) inner = &((*inner)["lagi"] = json::object());
    const auto before = f.engine().count_cases(CaseFilter{});
    try {
        f.engine().create_case("verification", "62.03", data, {"import", "officer"}, kWorkerNik);
        FAIL("deep data was accepted");
    } catch (const InvalidInput& e) {
        REQUIRE(!e.errors().empty());
        CHECK_THAT(e.errors()[0].field, Catch::Matchers::StartsWith("data/riwayat/lagi/lagi"));
    }
    CHECK(f.engine().count_cases(CaseFilter{}) == before);
    const json big = {{"nik", kWorkerNik}, {"catatan", std::string(kMaxCaseDataBytes + 1, 'x')}};
    CHECK_THROWS_AS(f.engine().create_case("verification", "62.03", big, {"import", "officer"}, kWorkerNik), InvalidInput);
}

TEST_CASE("a case stored before the limits with data 5000 levels deep fails no list or search", "[server][limits]") {
    ServerFixture f;
    const CaseId healthy = f.worker_case(kWorkerNik);
    const CaseId deep = f.worker_case(kOtherWorkerNik);
    {
        // Written straight into the file, as an older Tata could have.
        std::string data = "{\"nik\":\"" + kOtherWorkerNik + "\",\"nama\":\"Pekerja Dalam\",\"riwayat\":";
        for (int i = 0; i < 5'000; ++i) data += "{\"a\":";
        data += "1" + std::string(5'000, '}') + "}";
        const std::string database = f.service().config().database.string();
        sql_exec(database, "UPDATE cases SET data = '" + data + "' WHERE id = " + std::to_string(deep));
        REQUIRE(sql_text(database, "SELECT data FROM cases WHERE id = " + std::to_string(deep)) == data);
    }
    const std::string officer = f.token("officer");
    const auto listed = f.get("/api/v1/cases?workflow=verification", officer);
    INFO(listed.body.substr(0, 400));
    REQUIRE(listed.status == 200);
    CHECK(listed.json()["total"] == 2);
    const auto searched = f.get("/api/v1/cases?q=Pekerja", officer);
    INFO(searched.body.substr(0, 400));
    REQUIRE(searched.status == 200);
    CHECK(searched.json()["total"] >= 1);
    const auto by_opd = f.get("/api/v1/cases?workflow=verification&opd=" + std::string("Dinas%20Pendidikan"), officer);
    REQUIRE(by_opd.status == 200);
    CHECK(f.get("/api/v1/cases", f.token("worker")).status == 200);
    CHECK(f.get("/api/v1/tasks?q=Pekerja", officer).status == 200);
    // The case itself still opens, and the healthy one is untouched.
    CHECK(f.get("/api/v1/cases/" + std::to_string(deep), officer).status == 200);
    CHECK(f.get("/api/v1/cases/" + std::to_string(healthy), officer).json()["data"]["nik"] == kWorkerNik);
}

TEST_CASE("uploads: a case's document quota and file names that are not UTF-8", "[server][limits][documents]") {
    ServerFixture f([](server::ServerConfig& config) {
        config.max_case_documents = 3;
        config.max_case_document_bytes = 1u << 20;
        config.max_body_bytes = 2u << 20;
    });
    const CaseId own = f.worker_case(kWorkerNik);
    const std::string worker = f.token("worker");
    const std::string path = "/api/v1/cases/" + std::to_string(own) + "/documents";
    auto upload = [&](const std::string& name, const std::string& bytes) {
        return f.send({"POST", path + "?name=" + name, bytes, "application/pdf", worker, {}});
    };
    const std::string half = std::string(600u << 10, 'x');

    REQUIRE(upload("a.pdf", half).status == 201);
    // 600 KiB more would take the case over its 1 MiB: refused, nothing stored.
    const auto over_bytes = upload("b.pdf", half + "y");
    CHECK(over_bytes.status == 413);
    CHECK(over_bytes.json()["title"] == "Kuota dokumen berkas penuh");
    REQUIRE(upload("c.pdf", "kecil 1").status == 201);
    REQUIRE(upload("d.pdf", "kecil 2").status == 201);
    // The fourth document is one more than the case may hold.
    const auto over_count = upload("e.pdf", "kecil 3");
    CHECK(over_count.status == 413);
    CHECK(f.get(path, worker).json()["documents"].size() == 3);

    // A multipart file name that is not UTF-8: 400 naming it, nothing stored.
    const CaseId other = f.worker_case(kOtherWorkerNik);
    const std::string boundary = "----tata-batas";
    const std::string multipart = "--" + boundary +
                                  "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slip\xff\xfe.pdf\"\r\n"
                                  "Content-Type: application/pdf\r\n\r\nPDF\r\n--" +
                                  boundary + "--\r\n";
    const std::string other_path = "/api/v1/cases/" + std::to_string(other) + "/documents";
    const auto refused = f.send({"POST", other_path, multipart, "multipart/form-data; boundary=" + boundary, f.token("officer"), {}});
    CHECK(refused.status == 400);
    CHECK(first_field(refused) == "filename");
    CHECK(f.get(other_path, f.token("officer")).json()["documents"].empty());
    // A long name in Bahasa with multi-byte letters is cut at a character, never inside one.
    std::string long_name;
    for (int i = 0; i < 150; ++i) long_name += "\xC3\xA9";  // é, 2 bytes
    const auto cut = f.send({"POST", other_path + "?name=" + long_name + ".pdf", "PDF", "application/pdf", f.token("officer"), {}});
    REQUIRE(cut.status == 201);
    const std::string stored_name = cut.json()["name"];
    CHECK(stored_name.size() <= 200);
    CHECK(is_valid_utf8(stored_name));
}

TEST_CASE("a number no double holds answers 400, not 500 (found by json_body_fuzz)", "[server][limits]") {
    ServerFixture f;
    const CaseId id = f.worker_case(kWorkerNik);
    const auto before = f.engine().get_case(id).version;
    const auto answer = f.send({"POST", "/api/v1/cases/" + std::to_string(id) + "/outcomes/setuju",
                                "{\"input\": {\"nomor_sptjm\": 44444444444444444E444444444444444}}", "application/json",
                                f.token("opd_head"), {}});
    CHECK(answer.status == 400);
    CHECK(first_field(answer) == "body");
    CHECK(f.engine().get_case(id).version == before);
}
