// Letters over HTTP on a real server: the regency's templates (the shipped
// Kapuas letters.yaml) filled from a case and printed as PDF, read back with
// poppler's pdftotext; who may print what, and when; the verification code
// on a printed letter checked against the audit chain.
#include "server_fixture.hpp"

#include "letters/letter_code.hpp"
#include "letters/letter_templates.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>

using namespace tata;
using namespace tata::test;
namespace letters = tata::server::letters;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// The text of a PDF as pdftotext (Debian's poppler-utils) reads it.
std::string pdf_text(const TempDir& dir, const std::string& pdf) {
    static int n = 0;
    const auto in = dir.path() / ("surat-" + std::to_string(++n) + ".pdf");
    const auto out = dir.path() / ("surat-" + std::to_string(n) + ".txt");
    std::ofstream(in, std::ios::binary) << pdf;
    const std::string command = "pdftotext -enc UTF-8 '" + in.string() + "' '" + out.string() + "' 2>/dev/null";
    if (std::system(command.c_str()) != 0) FAIL("pdftotext failed (Debian package poppler-utils: scripts/setup-debian --tests)");
    std::ifstream text(out, std::ios::binary);
    std::string all{std::istreambuf_iterator<char>(text), std::istreambuf_iterator<char>()};
    // One space for any run of white space: lines wrap where the layout says.
    return std::regex_replace(all, std::regex("\\s+"), " ");
}

// A grievance of the fixture's worker taken to the worker's confirmation.
CaseId answered_grievance(ServerFixture& f) {
    const auto filed = f.post_json("/api/v1/grievances",
                                   {{"nama_pelapor", "Natalia Ningsih"},
                                    {"kategori", "lainnya"},
                                    {"uraian", "Honor bulan Mei belum dibayar penuh."}},
                                   f.token("worker"));
    REQUIRE(filed.status == 201);
    const std::string id = std::to_string(filed.json()["id"].get<CaseId>());
    const std::string officer = f.token("officer");
    REQUIRE(f.post_json("/api/v1/cases/" + id + "/outcomes/terima", {{"input", json::object()}}, officer).status == 200);
    const auto answered = f.post_json("/api/v1/cases/" + id + "/outcomes/selesaikan",
                                      {{"input", {{"hasil_penyelesaian", "Kekurangan honor Rp 250.000 dibayarkan pada 20 Juni 2025."}}}},
                                      officer);
    REQUIRE(answered.status == 200);
    REQUIRE(answered.json()["state"] == "menunggu_konfirmasi");
    return std::stoll(id);
}

}  // namespace

TEST_CASE("a grievance's answer is printed as a PDF in the regency's words, with a code the audit chain confirms",
          "[server][letters]") {
    ServerFixture f;
    const CaseId id = answered_grievance(f);
    const std::string base = "/api/v1/cases/" + std::to_string(id) + "/letters";

    // The worker may print their own answer; the list names it in words.
    const auto listed = f.get(base, f.token("worker"));
    REQUIRE(listed.status == 200);
    REQUIRE(listed.json()["letters"].size() == 1);
    CHECK(listed.json()["letters"][0]["id"] == "jawaban_pengaduan");
    CHECK(listed.json()["letters"][0]["judul"] == "Surat jawaban pengaduan");

    const auto printed = f.get(base + "/jawaban_pengaduan", f.token("worker"));
    REQUIRE(printed.status == 200);
    CHECK(printed.header("content-type") == "application/pdf");
    CHECK_THAT(printed.header("content-disposition"), Contains("jawaban_pengaduan-" + std::to_string(id) + ".pdf"));
    REQUIRE(printed.body.rfind("%PDF-", 0) == 0);
    const std::string text = pdf_text(f.dir, printed.body);
    CHECK_THAT(text, Contains("PEMERINTAH KABUPATEN KAPUAS"));
    CHECK_THAT(text, Contains("JAWABAN ATAS PENGADUAN"));
    CHECK_THAT(text, Contains("Kepada Yth. Natalia Ningsih."));
    CHECK_THAT(text, Contains("«Lainnya»"));  // the category in words, not its code
    CHECK_THAT(text, Contains("diajukan pada 10 Juni 2025"));
    CHECK_THAT(text, Contains("Kekurangan honor Rp 250.000 dibayarkan pada 20 Juni 2025."));
    CHECK_THAT(text, Contains("Kuala Kapuas, 10 Juni 2025"));
    CHECK_THAT(text, !Contains("{") && !Contains("lainnya") && !Contains("menunggu_konfirmasi"));

    // The footer: the case number and its verification code, which names
    // the case's latest event in the chain.
    const auto history = f.engine().history(id);
    const std::string code = letters::letter_code(history.back());
    CHECK_THAT(text, Contains("Nomor berkas " + std::to_string(id) + " · Kode verifikasi " + code));

    const std::string officer = f.token("officer");
    auto verify = [&](const std::string& kode, const std::string& token) {
        return f.post_json("/api/v1/letters/verify", {{"kode", kode}}, token);
    };
    const auto checked = verify(code, officer);
    REQUIRE(checked.status == 200);
    CHECK(checked.json()["sah"] == true);
    CHECK(checked.json()["perubahan_sesudahnya"] == 0);
    CHECK(checked.json()["dibuat_dari_keadaan_pada"] == "2025-06-10T09:00:00+07:00");  // in the regency's time
    CHECK(checked.json()["tahap_saat_itu"] == "Menunggu konfirmasi pelapor");
    CHECK(checked.json()["pesan"] == "Surat ini sesuai dengan keadaan berkas sekarang.");
    // Typed by hand: lower case and spaces are fine.
    std::string typed = code;
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(verify(" " + typed + " ", officer).json()["sah"] == true);

    // The worker accepts; the letter still holds for the stage it was made at.
    REQUIRE(f.post_json("/api/v1/cases/" + std::to_string(id) + "/outcomes/konfirmasi", {{"input", json::object()}},
                        f.token("worker"))
                .status == 200);
    const auto later = verify(code, officer).json();
    CHECK(later["sah"] == true);
    CHECK(later["perubahan_sesudahnya"].get<int>() >= 1);
    CHECK_THAT(later["pesan"].get<std::string>(), Contains("sesudahnya berkas berubah"));
    // A forged code, another case's, or nonsense.
    std::string forged = code;
    forged.back() = forged.back() == 'A' ? 'B' : 'A';
    CHECK(verify(forged, officer).json()["sah"] == false);
    const auto bad = verify("bukan kode", officer);
    CHECK(bad.status == 422);
    CHECK(bad.json()["errors"][0]["field"] == "kode");
    CHECK(verify(std::string(65, '1'), officer).status == 422);
    // A vendor is not staff; an OPD head of another OPD sees no such case.
    CHECK(verify(code, f.token("vendor_a")).status == 403);
    CHECK(verify(code, f.token("opd_head")).json()["sah"] == false);
}

TEST_CASE("letters: only the roles and stages the template names, only cases one may see", "[server][letters]") {
    ServerFixture f;
    const CaseId id = answered_grievance(f);
    const std::string base = "/api/v1/cases/" + std::to_string(id) + "/letters";
    // Another worker: no such case. A vendor: no such case either.
    CHECK(f.get(base, f.token("other_worker")).status == 404);
    CHECK(f.get(base + "/jawaban_pengaduan", f.token("other_worker")).status == 404);
    CHECK(f.get(base + "/jawaban_pengaduan", f.token("vendor_a")).status == 404);
    CHECK(f.get(base + "/tidak_ada", f.token("officer")).status == 404);
    // A letter of another workflow is not this case's.
    CHECK(f.get(base + "/sptjm", f.token("officer")).status == 404);

    // A verification file: the SPTJM while the OPD head confirms, for the
    // OPD head and officers; never for the worker or BKAD.
    const CaseId file = f.worker_case(kWorkerNik);
    const std::string files = "/api/v1/cases/" + std::to_string(file) + "/letters";
    REQUIRE(f.engine().get_case(file).state == "konfirmasi_opd");
    const auto own = f.get(files, f.token("opd_head")).json()["letters"];
    REQUIRE(own.size() == 1);
    CHECK(own[0]["id"] == "sptjm");
    CHECK(f.get(files, f.token("bkad")).json()["letters"].empty());
    CHECK(f.get(files + "/sptjm", f.token("bkad")).status == 404);
    CHECK(f.get(files, f.token("worker")).json()["letters"].empty());
    const auto sptjm = f.get(files + "/sptjm", f.token("opd_head"));
    REQUIRE(sptjm.status == 200);
    const std::string text = pdf_text(f.dir, sptjm.body);
    CHECK_THAT(text, Contains("SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK"));
    CHECK_THAT(text, Contains("Kepala " + kOpd + " Kabupaten Kapuas"));
    CHECK_THAT(text, Contains(kWorkerNik));
    CHECK_THAT(text, Contains("Rp") || Contains("1.500.000"));
    CHECK_THAT(text, Contains("4 Oktober 1980"));  // tanggal_lahir in words
    // Not in the returned stage: the berita acara waits for the end.
    CHECK(f.get(files + "/berita_acara_verifikasi", f.token("officer")).status == 404);
}

TEST_CASE("a letters file: mistakes at FILE:LINE:COL, placeholders checked against the workflow", "[server][letters]") {
    using letters::LettersError;
    const auto problems_of = [](const std::string& text) {
        try {
            letters::parse_letters(text, "letters.yaml");
        } catch (const LettersError& e) {
            return e.problems();
        }
        return std::vector<std::string>{};
    };
    const std::string good = R"(kop: [PEMERINTAH KABUPATEN KAPUAS]
letters:
  - id: jawaban
    title: Jawaban
    workflow: grievance
    roles: [officer]
    heading: JAWABAN
    paragraphs: ["Kepada {nama_pelapor}"]
    signature: {place_date: "Kuala Kapuas, {tanggal}", position: Kepala, name: "..."}
)";
    CHECK(problems_of(good).empty());
    auto problems = problems_of(good + "  - id: Jawaban\n    title: x\n");
    REQUIRE_FALSE(problems.empty());
    CHECK_THAT(problems[0], Contains("letters.yaml:10:"));
    CHECK_THAT(problems_of("letters: []\nwarna: merah\n")[0], Contains("letters.yaml:2:1: error: unknown key `warna`"));
    CHECK_THAT(problems_of(std::string(good).replace(good.find("{nama_pelapor}"), 14, "{nama pelapor"))[0],
               Contains("without its '}'"));
    CHECK_THAT(problems_of(std::string(good).replace(good.find("roles: [officer]"), 16, "roles: [camat]"))[0],
               Contains("letters.yaml:6:13: error: `camat` is not a role"));
    CHECK_THROWS_AS(letters::parse_letters("letters: [", "letters.yaml"), LettersError);

    // Against the workflows: a field the workflow never stores, a stage it lacks.
    ServerFixture f;
    const auto definitions = f.engine().definitions();
    auto parsed = letters::parse_letters(
        std::string(good).replace(good.find("{nama_pelapor}"), 14, "{nama_pelapr}") + "    states: [tidak_ada]\n",
        "letters.yaml");
    const auto checked = letters::check_letters(parsed, *definitions);
    REQUIRE(checked.size() == 2);
    CHECK_THAT(checked[0], Contains("letters.yaml:3:5: error: letter `jawaban`: workflow `grievance` has no stage `tidak_ada`"));
    CHECK_THAT(checked[1], Contains("{nama_pelapr} is neither"));
}

TEST_CASE("a server whose regencies print letters does not start without the fonts, and says which", "[server][letters]") {
    CHECK_THROWS_WITH(ServerFixture([](server::ServerConfig& config) { config.letter_fonts = "/tidak/ada"; }),
                      Contains("/tidak/ada/DejaVuSerif.ttf: error: letters are printed in this font") &&
                          Contains("fonts-dejavu-core"));
}
