// The monthly compliance check of a vendor's report: every rule with its
// shortfall worked out by hand (the arithmetic is in the comments), the
// Kesehatan floor and cap, the JKK classes, duplicates, malformed rows, the
// regency settings, and the two example reports through the real binary.
//
// Figures use Kapuas's UMK, Rp 3,473,710 (DESIGN.md section 6). Required
// contributions are rounded UP to the whole rupiah.
#include "compliance/compliance.hpp"
#include "compliance/rates.hpp"
#include "compliance/report_json.hpp"
#include "compliance/report_text.hpp"
#include "compliance/rupiah.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace tata::compliance;
using Catch::Matchers::Contains;
using Json = nlohmann::json;

constexpr std::int64_t umk = 3'473'710;

const std::string header =
    "periode,nik,nama,jabatan,upah_dibayar,tanggal_bayar,bpjs_tk_terdaftar,iuran_jht,iuran_jp,iuran_jkk,iuran_jkm,"
    "bpjs_kesehatan_terdaftar,iuran_kesehatan\n";

// One report row, compliant by default: a cleaner paid exactly the UMK with
// every contribution at its rate (class I JKK), paid before the month ends.
//   JHT        5.7%  of 3,473,710 = 198,001.47 -> 198,002
//   JP         3%    of 3,473,710 = 104,211.3  -> 104,212
//   JKK (I)    0.24% of 3,473,710 =   8,336.904 ->  8,337
//   JKM        0.3%  of 3,473,710 =  10,421.13 ->  10,422
//   Kesehatan  5%    of 3,473,710 = 173,685.5  -> 173,686
struct Line {
    std::string periode = "2025-06";
    std::string nik = "6203024712920003";
    std::string nama = "Siti Nurhaliza";
    std::string jabatan = "Petugas Kebersihan";
    std::string upah = "3473710";
    std::string tanggal = "2025-06-27";
    std::string tk = "ya";
    std::string jht = "198002", jp = "104212", jkk = "8337", jkm = "10422";
    std::string kesehatan_terdaftar = "ya";
    std::string kesehatan = "173686";

    std::string text() const {
        return periode + "," + nik + "," + nama + "," + jabatan + "," + upah + "," + tanggal + "," + tk + "," + jht +
               "," + jp + "," + jkk + "," + jkm + "," + kesehatan_terdaftar + "," + kesehatan + "\n";
    }
};

Settings kapuas(int jkk_class = 1) {
    Settings settings;
    settings.umk = umk;
    settings.jkk_class = jkk_class;
    return settings;
}

Report check_text(const std::string& text, const Settings& settings = kapuas()) {
    std::istringstream in(text);
    return check_report(in, "laporan.csv", settings);
}

Report check_lines(const std::vector<Line>& lines, const Settings& settings = kapuas()) {
    std::string text = header;
    for (const auto& line : lines) text += line.text();
    return check_text(text, settings);
}

std::string describe(const Report& report) {
    std::string out;
    for (const auto& finding : report.findings) out += format_finding(report, finding) + "\n";
    return out + format_summary(report);
}

// The only finding of `report`, which must be about `rule` (a copy: the
// report is often a temporary).
Finding only(const Report& report, Rule rule) {
    INFO(describe(report));
    REQUIRE(report.findings.size() == 1);
    REQUIRE(report.findings[0].rule == rule);
    return report.findings[0];
}

std::vector<Rule> rules_of(const Report& report) {
    std::vector<Rule> rules;
    for (const auto& finding : report.findings) rules.push_back(finding.rule);
    return rules;
}

}  // namespace

TEST_CASE("a compliant worker has no findings", "[compliance]") {
    const Report report = check_lines({Line{}});
    INFO(describe(report));
    CHECK(report.compliant());
    CHECK(report.summary.periode == "2025-06");
    CHECK(report.summary.workers == 1);
    CHECK(report.summary.total_wage == umk);
    CHECK(format_summary(report) ==
          "laporan.csv: periode 2025-06, 1 pekerja, total upah Rp 3.473.710, 0 temuan: patuh");
}

TEST_CASE("the rate table is DESIGN.md's, employer and worker shares together", "[compliance]") {
    CHECK(jht_rate.total_bp() == 570);
    CHECK(jp_rate.total_bp() == 300);
    CHECK(jkm_rate.total_bp() == 30);
    CHECK(kesehatan_rate.total_bp() == 500);
    CHECK(jkk_rates[0].total_bp() == 24);
    CHECK(jkk_rates[4].total_bp() == 174);
    CHECK(kesehatan_base_cap == 12'000'000);
}

TEST_CASE("required contributions round up to the whole rupiah", "[compliance]") {
    CHECK(required_contribution(umk, 570) == 198'002);        // 198,001.47
    CHECK(required_contribution(3'650'000, 570) == 208'050);  // exactly 208,050: no rounding
    CHECK(required_contribution(1, 24) == 1);                 // 0.0024 still owes a rupiah
    CHECK(required_contribution(0, 570) == 0);

    // One rupiah below the rounded-up figure is short by that rupiah.
    Line line;
    line.jht = "198001";
    const Finding f = only(check_lines({line}), Rule::jht);
    CHECK(f.required == 198'002);
    CHECK(f.reported == 198'001);
    CHECK(f.shortfall == 1);
}

TEST_CASE("a wage below the UMK is short by the difference", "[compliance]") {
    // 3,473,710 - 3,000,000 = 473,710. Contributions on the wage actually paid:
    // JHT 171,000 (5.7%), JP 90,000, JKK 7,200 (0.24%), JKM 9,000; Kesehatan
    // on the UMK floor: 173,686.
    Line line;
    line.upah = "3000000";
    line.jht = "171000";
    line.jp = "90000";
    line.jkk = "7200";
    line.jkm = "9000";
    const Report report = check_lines({line});
    const Finding f = only(report, Rule::minimum_wage);
    CHECK(f.row == 2);
    CHECK(f.nik == "6203024712920003");
    CHECK(f.shortfall == 473'710);
    CHECK(format_finding(report, f) ==
          "laporan.csv:2: NIK 6203024712920003: upah_minimum: upah Rp 3.000.000 di bawah UMK Rp 3.473.710: "
          "kurang Rp 473.710");
}

TEST_CASE("each BPJS Ketenagakerjaan contribution is checked against its rate", "[compliance]") {
    Line line;
    line.jht = "128527";  // only the employer's 3.7%: 198,002 - 128,527 = 69,475
    line.jp = "104000";   // 104,212 - 104,000 = 212
    line.jkk = "8336";    // 8,337 - 8,336 = 1
    line.jkm = "0";       // 10,422 - 0 = 10,422
    const Report report = check_lines({line});
    INFO(describe(report));
    REQUIRE(rules_of(report) == std::vector<Rule>{Rule::jht, Rule::jp, Rule::jkk, Rule::jkm});
    CHECK(report.findings[0].shortfall == 69'475);
    CHECK(report.findings[1].shortfall == 212);
    CHECK(report.findings[2].shortfall == 1);
    CHECK(report.findings[3].shortfall == 10'422);
    CHECK(report.summary.total_shortfall == 69'475 + 212 + 1 + 10'422);
    CHECK(format_finding(report, report.findings[0]) ==
          "laporan.csv:2: NIK 6203024712920003: iuran_jht: iuran JHT Rp 128.527, wajib 5,7% × Rp 3.473.710 = "
          "Rp 198.002: kurang Rp 69.475");
}

TEST_CASE("JKK follows the contract's risk class", "[compliance]") {
    // The row pays class I, 8,337. On 3,473,710 the classes owe:
    //   II  0.54% = 18,758.034 -> 18,759: short 10,422
    //   III 0.89% = 30,916.019 -> 30,917: short 22,580
    //   IV  1.27% = 44,116.117 -> 44,117: short 35,780
    //   V   1.74% = 60,442.554 -> 60,443: short 52,106
    CHECK(check_lines({Line{}}, kapuas(1)).compliant());
    const std::vector<std::pair<int, std::int64_t>> expected{{2, 10'422}, {3, 22'580}, {4, 35'780}, {5, 52'106}};
    for (const auto& [jkk_class, shortfall] : expected) {
        INFO("class " << jkk_class);
        const Finding f = only(check_lines({Line{}}, kapuas(jkk_class)), Rule::jkk);
        CHECK(f.shortfall == shortfall);
    }
    Line class_five;
    class_five.jkk = "60443";
    CHECK(check_lines({class_five}, kapuas(5)).compliant());
    // Paying a higher class than the contract's is not a finding.
    CHECK(check_lines({class_five}, kapuas(1)).compliant());

    Settings bad = kapuas();
    bad.jkk_class = 6;
    CHECK_THROWS_AS(check_lines({Line{}}, bad), std::invalid_argument);
}

TEST_CASE("the Kesehatan base is floored at the UMK", "[compliance]") {
    // Wage 3,000,000 (itself a finding): 5% of the wage would be 150,000, but
    // the base is the UMK: 173,686 owed, 173,686 - 150,000 = 23,686 short.
    Line line;
    line.upah = "3000000";
    line.jht = "171000";
    line.jp = "90000";
    line.jkk = "7200";
    line.jkm = "9000";
    line.kesehatan = "150000";
    const Report report = check_lines({line});
    INFO(describe(report));
    REQUIRE(rules_of(report) == std::vector<Rule>{Rule::minimum_wage, Rule::kesehatan});
    const Finding& f = report.findings[1];
    CHECK(f.required == 173'686);
    CHECK(f.shortfall == 23'686);
    CHECK_THAT(f.message, Contains("5% × Rp 3.473.710 = Rp 173.686 (dasar iuran paling rendah UMK)"));
}

TEST_CASE("the Kesehatan base is capped at Rp 12,000,000", "[compliance]") {
    // Wage 15,000,000: JHT 855,000, JP 450,000, JKK 36,000, JKM 45,000;
    // Kesehatan 5% of 12,000,000 = 600,000, not 750,000.
    Line line;
    line.upah = "15000000";
    line.jht = "855000";
    line.jp = "450000";
    line.jkk = "36000";
    line.jkm = "45000";
    line.kesehatan = "600000";
    CHECK(check_lines({line}).compliant());

    line.kesehatan = "599999";
    const Finding f = only(check_lines({line}), Rule::kesehatan);
    CHECK(f.required == 600'000);
    CHECK(f.shortfall == 1);
    CHECK_THAT(f.message, Contains("(dasar iuran paling tinggi Rp 12.000.000)"));
}

TEST_CASE("a worker not enrolled owes the whole programme in one finding", "[compliance]") {
    SECTION("BPJS Ketenagakerjaan, nothing paid") {
        // 198,002 + 104,212 + 8,337 + 10,422 = 320,973
        Line line;
        line.tk = "tidak";
        line.jht = line.jp = line.jkk = line.jkm = "0";
        const Finding f = only(check_lines({line}), Rule::bpjs_tk_enrolment);
        CHECK(f.required == 320'973);
        CHECK(f.reported == 0);
        CHECK(f.shortfall == 320'973);
        CHECK_THAT(f.message, Contains("tidak terdaftar BPJS Ketenagakerjaan; iuran JHT+JP+JKK+JKM wajib Rp 320.973"));
    }
    SECTION("BPJS Ketenagakerjaan, JHT paid, the rest left blank") {
        // 320,973 - 198,002 = 122,971
        Line line;
        line.tk = "TIDAK";
        line.jp = line.jkk = line.jkm = "";
        const Finding f = only(check_lines({line}), Rule::bpjs_tk_enrolment);
        CHECK(f.reported == 198'002);
        CHECK(f.shortfall == 122'971);
    }
    SECTION("BPJS Kesehatan") {
        Line line;
        line.kesehatan_terdaftar = "tidak";
        line.kesehatan = "0";
        const Finding f = only(check_lines({line}), Rule::bpjs_kesehatan_enrolment);
        CHECK(f.shortfall == 173'686);
    }
    SECTION("enrolled in neither: two findings") {
        Line line;
        line.tk = line.kesehatan_terdaftar = "tidak";
        const Report report = check_lines({line});
        CHECK(rules_of(report) == std::vector<Rule>{Rule::bpjs_tk_enrolment, Rule::bpjs_kesehatan_enrolment});
        // Contributions were paid in full, so nothing is owed, but the
        // enrolment itself is missing.
        CHECK(report.summary.total_shortfall == 0);
    }
}

TEST_CASE("wages are due by the pay day", "[compliance]") {
    SECTION("without a pay day: the last day of the periode's month") {
        Line line;
        line.tanggal = "2025-06-30";
        CHECK(check_lines({line}).compliant());
        line.tanggal = "2025-07-02";
        const Report report = check_lines({line});
        const Finding f = only(report, Rule::late_payment);
        CHECK(f.days_late == 2);
        CHECK(f.shortfall == 0);
        CHECK(format_finding(report, f) ==
              "laporan.csv:2: NIK 6203024712920003: tanggal_bayar: upah periode 2025-06 dibayar 2025-07-02, paling "
              "lambat 2025-06-30: terlambat 2 hari");
    }
    SECTION("pay day 10: the 10th of the following month") {
        Settings settings = kapuas();
        settings.pay_day = 10;
        Line line;
        line.tanggal = "2025-07-10";
        CHECK(check_lines({line}, settings).compliant());
        line.tanggal = "2025-07-11";
        CHECK(only(check_lines({line}, settings), Rule::late_payment).days_late == 1);
    }
    SECTION("deadlines across month ends and years") {
        Settings settings = kapuas();
        using std::chrono::year, std::chrono::month, std::chrono::day, std::chrono::year_month_day;
        settings.pay_day = 31;  // clamped: February 2025 has 28 days
        CHECK(pay_deadline(year{2025} / month{1}, settings) == year_month_day{year{2025}, month{2}, day{28}});
        settings.pay_day = 5;
        CHECK(pay_deadline(year{2025} / month{12}, settings) == year_month_day{year{2026}, month{1}, day{5}});
        settings.pay_day = 0;
        CHECK(pay_deadline(year{2024} / month{2}, settings) == year_month_day{year{2024}, month{2}, day{29}});
    }
}

TEST_CASE("a NIK reported twice is flagged on its second row", "[compliance]") {
    Line other;
    other.nik = "6203052306850002";
    other.nama = "Yohanes Dius";
    const Report report = check_lines({Line{}, other, Line{}});
    const Finding f = only(report, Rule::duplicate_nik);
    CHECK(f.row == 4);
    CHECK(f.message == "NIK ini sudah dilaporkan di baris 2");
    CHECK(report.summary.rows == 3);
    CHECK(report.summary.workers == 2);
    CHECK(report.summary.total_wage == 3 * umk);
}

TEST_CASE("malformed fields are findings with their row, and the row is not checked further", "[compliance]") {
    Line bad_number;
    bad_number.upah = "3.473.710";
    Line bad_date;
    bad_date.tanggal = "2025-02-30";
    Line bad_flag;
    bad_flag.tk = "y";
    bad_flag.jht = "Rp 198.002";
    Line bad_periode;
    bad_periode.periode = "06-2025";
    Line bad_nik;
    bad_nik.nik = "620302471292";
    Line empty_wage;
    empty_wage.upah = "";
    empty_wage.jkm = "-5";

    std::vector<Line> lines{bad_number, bad_date, bad_flag, bad_periode, bad_nik, empty_wage, Line{}};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].nik.size() == 16) lines[i].nik = "62030247129200" + std::to_string(10 + i);  // no duplicates
    }
    const Report report = check_lines(lines);
    INFO(describe(report));
    std::vector<std::pair<std::size_t, std::string>> seen;
    for (const auto& f : report.findings) {
        CHECK(f.rule == Rule::malformed_row);
        seen.emplace_back(f.row, f.message);
    }
    const std::vector<std::pair<std::size_t, std::string>> expected{
        {2, "kolom upah_dibayar: '3.473.710' bukan jumlah rupiah bulat (tulis angka saja, tanpa titik, koma atau Rp)"},
        {3, "kolom tanggal_bayar: '2025-02-30' bukan tanggal TTTT-BB-HH yang sah (misalnya 2025-06-28)"},
        {4, "kolom bpjs_tk_terdaftar: 'y' harus 'ya' atau 'tidak'"},
        {4, "kolom iuran_jht: 'Rp 198.002' bukan jumlah rupiah bulat (tulis angka saja, tanpa titik, koma atau Rp)"},
        {5, "kolom periode: '06-2025' bukan periode TTTT-BB (misalnya 2025-06)"},
        {6, "kolom nik: '620302471292' bukan NIK 16 digit"},
        {7, "kolom upah_dibayar kosong"},
        {7, "kolom iuran_jkm: '-5' bukan jumlah rupiah bulat (tulis angka saja, tanpa titik, koma atau Rp)"},
    };
    CHECK(seen == expected);
    // The well-formed last row still counts and is checked.
    CHECK(report.summary.rows == 7);
    // Rows 3, 4, 5, 6, 8 have a wage that parsed; row 2's is malformed, row 7's empty.
    CHECK(report.summary.total_wage == 5 * umk);
}

TEST_CASE("a row with more or fewer fields than the header is malformed", "[compliance]") {
    Line comma;
    comma.nama = "Ningsih, S.E.";  // unquoted: one field too many
    std::string text = header + comma.text() + "2025-06,6203024712920003,Siti\n";
    const Report report = check_text(text);
    INFO(describe(report));
    REQUIRE(report.findings.size() == 2);
    CHECK(report.findings[0].row == 2);
    CHECK(report.findings[0].message ==
          "baris berisi 14 kolom, baris judul 13; apit nilai yang memuat koma dengan tanda kutip (\"...\")");
    CHECK(report.findings[1].row == 3);
    CHECK(report.findings[1].message == "baris berisi 3 kolom, baris judul 13");

    // Quoted, the same name is fine.
    comma.nama = "\"Ningsih, S.E.\"";
    CHECK(check_lines({comma}).compliant());
}

TEST_CASE("a report covers one month", "[compliance]") {
    Line july;
    july.periode = "2025-07";
    july.nik = "6203052306850002";
    july.tanggal = "2025-07-25";
    Line second;
    second.nik = "6203011102950004";
    const Report report = check_lines({july, Line{}, second});
    CHECK(report.summary.periode == "2025-06");  // what most rows say
    const Finding f = only(report, Rule::mixed_period);
    CHECK(f.row == 2);
    CHECK(f.message == "periode 2025-07 berbeda dari periode laporan 2025-06; satu laporan untuk satu bulan");
}

TEST_CASE("the headcount matches the contract", "[compliance]") {
    Line second;
    second.nik = "6203052306850002";
    Settings settings = kapuas();
    settings.expected_headcount = 2;
    CHECK(check_lines({Line{}, second}, settings).compliant());

    settings.expected_headcount = 3;
    const Report report = check_lines({Line{}, second}, settings);
    const Finding f = only(report, Rule::headcount);
    CHECK(f.row == 0);
    CHECK(format_finding(report, f) == "laporan.csv: jumlah_pekerja: laporan memuat 2 pekerja, kontrak 3 pekerja");

    // A repeated NIK does not make up for a missing worker.
    const Report repeated = check_lines({Line{}, Line{}}, settings);
    CHECK(rules_of(repeated) == std::vector<Rule>{Rule::duplicate_nik, Rule::headcount});

    // A report with no worker at all is a finding even without a contract figure.
    CHECK(only(check_text(header), Rule::headcount).message == "laporan tidak memuat satu pekerja pun");
}

TEST_CASE("a broken file is a finding at its row, after the rows that could be read", "[compliance]") {
    SECTION("missing columns") {
        const Report report = check_text("periode,nik,nama\n2025-06,6203024712920003,Siti\n");
        const Finding f = only(report, Rule::file_format);
        CHECK(f.row == 1);
        CHECK_THAT(f.message, Contains("kolom wajib tidak ada: jabatan, upah_dibayar, tanggal_bayar"));
        CHECK_FALSE(report.summary.complete);
    }
    SECTION("an unterminated quote") {
        Line short_jht;
        short_jht.jht = "198000";  // 2 short
        Line broken;
        broken.nama = "\"Dewi Anggraini";
        const Report report = check_lines({short_jht, broken, Line{}});
        INFO(describe(report));
        REQUIRE(rules_of(report) == std::vector<Rule>{Rule::jht, Rule::file_format});
        CHECK(report.findings[1].row == 3);
        CHECK_THAT(report.findings[1].message, Contains("tanda kutip tidak ditutup"));
        CHECK_FALSE(report.summary.complete);
        CHECK_THAT(format_summary(report), Contains("(berkas tidak terbaca sampai akhir)"));
    }
    SECTION("an empty file") {
        const Finding f = only(check_text(""), Rule::file_format);
        CHECK(f.row == 0);
        CHECK(f.message == "berkas kosong: tidak ada baris judul (header)");
    }
}

TEST_CASE("extra columns, column order, a BOM and CRLF line ends are accepted", "[compliance]") {
    const std::string text =
        "\xEF\xBB\xBFketerangan,nik,nama,jabatan,periode,upah_dibayar,tanggal_bayar,bpjs_tk_terdaftar,iuran_jht,"
        "iuran_jp,iuran_jkk,iuran_jkm,bpjs_kesehatan_terdaftar,iuran_kesehatan,lokasi\r\n"
        "shift malam,6203024712920003,Siti,Satpam,2025-06,3473710,2025-06-27,Ya,198002,104212,8337,10422,YA,173686,"
        "RSUD\r\n";
    const Report report = check_text(text);
    INFO(describe(report));
    CHECK(report.compliant());
    CHECK(report.summary.workers == 1);
}

TEST_CASE("findings are listed by row, then by rule, report-wide last", "[compliance]") {
    Line late_and_short;
    late_and_short.tanggal = "2025-07-05";
    late_and_short.jkm = "10000";
    late_and_short.upah = "3473709";  // 1 below the UMK; contributions still cover it
    Line dup = late_and_short;
    Settings settings = kapuas();
    settings.expected_headcount = 5;
    const Report report = check_lines({late_and_short, dup}, settings);
    INFO(describe(report));
    CHECK(rules_of(report) == std::vector<Rule>{Rule::minimum_wage, Rule::jkm, Rule::late_payment, Rule::duplicate_nik,
                                                Rule::minimum_wage, Rule::jkm, Rule::late_payment, Rule::headcount});
    // 2 × (1 + (10,422 - 10,000 = 422)) = 846
    CHECK(report.summary.total_shortfall == 846);
}

TEST_CASE("the JSON form carries the same findings", "[compliance]") {
    Line line;
    line.jht = "128527";
    line.tanggal = "2025-07-03";
    const Report report = check_lines({line});
    const Json json = to_json(report);
    CHECK(json["compliant"] == false);
    CHECK(json["periode"] == "2025-06");
    CHECK(json["pay_deadline"] == "2025-06-30");
    CHECK(json["umk"] == umk);
    CHECK(json["total_shortfall"] == 69'475);
    REQUIRE(json["findings"].size() == 2);
    const Json& jht = json["findings"][0];
    CHECK(jht["rule"] == "iuran_jht");
    CHECK(jht["row"] == 2);
    CHECK(jht["nik"] == "6203024712920003");
    CHECK(jht["nama"] == "Siti Nurhaliza");
    CHECK(jht["required"] == 198'002);
    CHECK(jht["reported"] == 128'527);
    CHECK(jht["shortfall"] == 69'475);
    CHECK(json["findings"][1]["days_late"] == 3);
    CHECK_FALSE(json["findings"][1].contains("required"));
}

TEST_CASE("rupiah and rates are written the Indonesian way", "[compliance]") {
    CHECK(format_rupiah(0) == "Rp 0");
    CHECK(format_rupiah(999) == "Rp 999");
    CHECK(format_rupiah(1'000) == "Rp 1.000");
    CHECK(format_rupiah(123'456) == "Rp 123.456");
    CHECK(format_rupiah(3'473'710) == "Rp 3.473.710");
    CHECK(format_rupiah(12'000'000'000) == "Rp 12.000.000.000");
    CHECK(format_rupiah(-48'002) == "-Rp 48.002");
    CHECK(format_rate(570) == "5,7%");
    CHECK(format_rate(24) == "0,24%");
    CHECK(format_rate(300) == "3%");
    CHECK(format_rate(127) == "1,27%");
}

TEST_CASE("settings come from the regency's policy", "[compliance]") {
    tata::Regency regency;
    regency.code = "62.03";
    regency.settings = Json::parse(R"({"umk": 3473710})");
    Settings defaults = settings_for(regency);
    CHECK(defaults.umk == umk);
    CHECK(defaults.jkk_class == 1);
    CHECK(defaults.pay_day == 0);
    CHECK_FALSE(defaults.expected_headcount);

    regency.settings = Json::parse(R"({"umk": 3473710, "compliance": {"jkk_class": 2, "pay_day": 10, "other": 1}})");
    const Settings configured = settings_for(regency);
    CHECK(configured.jkk_class == 2);
    CHECK(configured.pay_day == 10);

    const std::vector<std::pair<std::string, std::string>> broken{
        {R"({})", "rules/62.03/regency.yaml: settings.umk belum diisi"},
        {R"({"umk": "3473710"})", "settings.umk harus bilangan bulat"},
        {R"({"umk": 3473710, "compliance": {"jkk_class": 6}})",
         "settings.compliance.jkk_class harus bilangan bulat 1..5"},
        {R"({"umk": 3473710, "compliance": {"pay_day": 0}})", "settings.compliance.pay_day harus bilangan bulat 1..31"},
        {R"({"umk": 3473710, "compliance": [1]})", "settings.compliance harus berupa peta"},
    };
    for (const auto& [settings, message] : broken) {
        INFO(settings);
        regency.settings = Json::parse(settings);
        CHECK_THROWS_WITH(settings_for(regency), Contains(message));
    }
}

TEST_CASE("a report file that cannot be opened throws", "[compliance]") {
    tata::test::TempDir dir;
    CHECK_THROWS_AS(check_report(dir / "tidak-ada.csv", kapuas()), tata::csv::Error);
    const auto file = dir.write("juni.csv", header + Line{}.text());
    const Report report = check_report(file, kapuas());
    CHECK(report.compliant());
    CHECK(report.file == file.string());
}

// ------------------------------------------------------------ the real binary

namespace {

const tata::test::fs::path examples = tata::test::source_dir() / "examples" / "vendor";

tata::test::ProcessResult vendor_check(const std::vector<std::string>& args) {
    std::vector<std::string> all{"vendor", "check"};
    all.insert(all.end(), args.begin(), args.end());
    return tata::test::run_tata(all, examples);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

// These run on the shipped rules: Kapuas (rules/62.03/regency.yaml) has UMK
// 3,473,710, JKK class 2 (0.54%) and pay day 10, so June wages are due by
// 10 July 2025.
TEST_CASE("tata vendor check passes the compliant example", "[compliance][e2e]") {
    const auto r = vendor_check({"kapuas-2025-06-patuh.csv", "--regency", "62.03"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(lines_of(r.out) == std::vector<std::string>{
                                 "Kabupaten Kapuas (62.03): UMK Rp 3.473.710, JKK kelas 2 (0,54%), upah dibayar paling "
                                 "lambat 2025-07-10",
                                 "kapuas-2025-06-patuh.csv: periode 2025-06, 8 pekerja, total upah Rp 29.521.130, 0 "
                                 "temuan: patuh",
                             });
}

TEST_CASE("tata vendor check lists the non-compliant example's findings", "[compliance][e2e]") {
    const auto r = vendor_check({"kapuas-2025-06-tidak-patuh.csv", "--regency", "62.03"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    // Row 5: not enrolled in Kesehatan: 5% × 3,473,710 = 173,685.5 -> 173,686.
    // Row 6: JHT paid at the employer's 3.7% only: 5.7% × 3,650,000 = 208,050;
    //        208,050 - 135,050 = 73,000.
    // Row 8: paid 15 July, due 10 July: 5 days late.
    // Row 9: wage 3,200,000: 3,473,710 - 3,200,000 = 273,710.
    // Total: 173,686 + 73,000 + 273,710 = 520,396.
    CHECK(lines_of(r.out) ==
          std::vector<std::string>{
              "Kabupaten Kapuas (62.03): UMK Rp 3.473.710, JKK kelas 2 (0,54%), upah dibayar paling lambat 2025-07-10",
              "kapuas-2025-06-tidak-patuh.csv:5: NIK 6203065509900001: bpjs_kesehatan_terdaftar: tidak terdaftar BPJS "
              "Kesehatan; iuran Kesehatan wajib Rp 173.686, dilaporkan Rp 0: kurang Rp 173.686",
              "kapuas-2025-06-tidak-patuh.csv:6: NIK 6203011102950004: iuran_jht: iuran JHT Rp 135.050, wajib 5,7% × "
              "Rp 3.650.000 = Rp 208.050: kurang Rp 73.000",
              "kapuas-2025-06-tidak-patuh.csv:8: NIK 6203031708830001: tanggal_bayar: upah periode 2025-06 dibayar "
              "2025-07-15, paling lambat 2025-07-10: terlambat 5 hari",
              "kapuas-2025-06-tidak-patuh.csv:9: NIK 6203174403990005: upah_minimum: upah Rp 3.200.000 di bawah UMK "
              "Rp 3.473.710: kurang Rp 273.710",
              "kapuas-2025-06-tidak-patuh.csv: periode 2025-06, 8 pekerja, total upah Rp 29.247.420, 4 temuan, total "
              "kekurangan Rp 520.396",
          });
}

TEST_CASE("tata vendor check --json gives the same as data", "[compliance][e2e]") {
    const auto r = vendor_check({"kapuas-2025-06-tidak-patuh.csv", "--regency", "62.03", "--json"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    Json json;
    REQUIRE_NOTHROW(json = Json::parse(r.out));
    CHECK(json["regency"]["code"] == "62.03");
    CHECK(json["jkk_class"] == 2);
    CHECK(json["workers"] == 8);
    CHECK(json["total_wage"] == 29'247'420);
    CHECK(json["total_shortfall"] == 520'396);
    std::vector<std::tuple<int, std::string, std::string, std::int64_t>> findings;
    for (const auto& f : json["findings"])
        findings.emplace_back(f["row"].get<int>(), f["nik"].get<std::string>(), f["rule"].get<std::string>(),
                              f["shortfall"].get<std::int64_t>());
    CHECK(findings == std::vector<std::tuple<int, std::string, std::string, std::int64_t>>{
                          {5, "6203065509900001", "bpjs_kesehatan_terdaftar", 173'686},
                          {6, "6203011102950004", "iuran_jht", 73'000},
                          {8, "6203031708830001", "tanggal_bayar", 0},
                          {9, "6203174403990005", "upah_minimum", 273'710},
                      });
    CHECK(json["findings"][2]["days_late"] == 5);
    CHECK(json["findings"][1]["nama"] == "Rusdiansyah");

    const auto ok = vendor_check({"kapuas-2025-06-patuh.csv", "--regency", "62.03", "--json"});
    CHECK(ok.exit_code == 0);
    CHECK(Json::parse(ok.out)["compliant"] == true);
}

TEST_CASE("tata vendor check --jkk-class overrides the regency's class", "[compliance][e2e]") {
    // The compliant example pays class II (0.54%); at class III (0.89%) the
    // first worker, wage 4,250,000, owes 37,825 and pays 22,950: 14,875 short.
    const auto r = vendor_check({"kapuas-2025-06-patuh.csv", "--regency", "62.03", "--jkk-class", "3"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 10);  // context, 8 workers, summary
    CHECK(lines[1] ==
          "kapuas-2025-06-patuh.csv:2: NIK 6203010504880001: iuran_jkk: iuran JKK Rp 22.950, wajib 0,89% × "
          "Rp 4.250.000 = Rp 37.825: kurang Rp 14.875");
}

TEST_CASE("tata vendor check usage errors exit 2", "[compliance][e2e]") {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"kapuas-2025-06-patuh.csv"}, "--regency CODE wajib diisi"},
        {{"kapuas-2025-06-patuh.csv", "--regency", "99.99"}, "kabupaten/kota '99.99' tidak dikenal"},
        {{"kapuas-2025-06-patuh.csv", "--regency", "62.03", "--jkk-class", "6"}, "--jkk-class harus 1 sampai 5"},
        {{"kapuas-2025-06-patuh.csv", "--regency", "62.03", "--jkk-class", "dua"}, "--jkk-class harus 1 sampai 5"},
        {{"tidak-ada.csv", "--regency", "62.03"}, "tidak-ada.csv: berkas tidak dapat dibuka"},
        {{"--regency", "62.03"}, "berkas laporan"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = vendor_check(args);
        INFO(r.out << r.err);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains(message));
        CHECK(r.out.empty());
    }
}
