// NIK checks against the shipped Kemendagri area codes, and `tata nik check`.
// Kapuas (62.03) districts used below, from rules/wilayah/districts.csv:
// 62.03.01 Selat, 62.03.12 Kapuas Hulu, 62.03.17 Bataguh (the last of 17).
#include "nik/area_registry.hpp"
#include "nik/nik.hpp"
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace {

using namespace std::chrono;
using tata::nik::AreaRegistry;
using tata::nik::check_nik;
using tata::nik::compare_with_roster;
using tata::nik::FindingCode;
using tata::nik::NikCheck;
using tata::test::TempDir;
using Catch::Matchers::Contains;

constexpr year_month_day today = 2025y / April / 8;

const AreaRegistry& areas() {
    static const auto shipped = AreaRegistry::shared(tata::nik::wilayah_dir(tata::test::source_dir() / "rules"));
    return *shipped;
}

NikCheck check(const std::string& nik, year_month_day on = today) { return check_nik(nik, areas(), on); }

std::vector<FindingCode> codes(const std::vector<tata::nik::Finding>& findings) {
    std::vector<FindingCode> result;
    for (const auto& f : findings) result.push_back(f.code);
    return result;
}

std::string describe(const NikCheck& c) {
    std::string text = c.nik + (c.valid ? " valid" : " invalid");
    for (const auto& p : c.problems) text += "\n  problem: " + p.message;
    for (const auto& f : c.flags) text += "\n  flag: " + f.message;
    if (c.birth_date) text += "\n  born " + tata::nik::format_date(*c.birth_date);
    return text;
}

// A wilayah folder with the given file contents, for loader errors.
struct Wilayah {
    TempDir dir;
    Wilayah(const std::string& provinces, const std::string& regencies, const std::string& districts) {
        dir.write("provinces.csv", provinces);
        dir.write("regencies.csv", regencies);
        dir.write("districts.csv", districts);
    }
    std::string load_error() const {
        try {
            AreaRegistry::load(dir.path());
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "(loaded)";
    }
};

const std::string provinces_ok = "code,name\n62,KALIMANTAN TENGAH\n";
const std::string regencies_ok = "code,province_code,name\n62.03,62,KABUPATEN KAPUAS\n";

}  // namespace

// ---------------------------------------------------------------- registry

TEST_CASE("the shipped area codes load: 38 provinces, 514 regencies, 7277 districts", "[nik][areas]") {
    CHECK(areas().provinces().size() == 38);
    CHECK(areas().regencies().size() == 514);
    CHECK(areas().districts().size() == 7277);
    CHECK(tata::nik::wilayah_dir("/x/rules") == std::filesystem::path("/x/rules/wilayah"));
}

TEST_CASE("lookups by dotted code and by number agree", "[nik][areas]") {
    REQUIRE(areas().province("62"));
    CHECK(areas().province("62")->name == "KALIMANTAN TENGAH");
    REQUIRE(areas().regency("62.03"));
    CHECK(areas().regency("62.03")->name == "KABUPATEN KAPUAS");
    CHECK(areas().regency("62.03")->province_code == "62");
    REQUIRE(areas().district("62.03.01"));
    CHECK(areas().district("62.03.01")->name == "Selat");
    CHECK(areas().district("62.03.17")->name == "Bataguh");
    CHECK(areas().district("64.71.01")->regency_code == "64.71");

    CHECK(areas().province(62u) == areas().province("62"));
    CHECK(areas().regency(6203u) == areas().regency("62.03"));
    CHECK(areas().district(620317u) == areas().district("62.03.17"));

    CHECK(areas().province("20") == nullptr);  // the gap between 19 and 21
    CHECK(areas().regency("62.14") == nullptr);
    CHECK(areas().district("62.03.18") == nullptr);
    for (const char* malformed : {"", "6", "620", "62.3", "6203", "62-03", "62.03.", "62.0a", "62.03.01.01"}) {
        INFO(malformed);
        CHECK(areas().regency(malformed) == nullptr);
        CHECK(areas().district(malformed) == nullptr);
    }
}

TEST_CASE("districts_of lists a regency's districts in code order", "[nik][areas]") {
    const auto kapuas = areas().districts_of("62.03");
    REQUIRE(kapuas.size() == 17);
    CHECK(kapuas.front().code == "62.03.01");
    CHECK(kapuas.front().name == "Selat");
    CHECK(kapuas.back().code == "62.03.17");
    CHECK(std::all_of(kapuas.begin(), kapuas.end(), [](const auto& d) { return d.regency_code == "62.03"; }));
    CHECK(std::is_sorted(kapuas.begin(), kapuas.end(), [](const auto& a, const auto& b) { return a.code < b.code; }));
    CHECK(areas().districts_of("13.74").size() == 2);  // Kota Padang Panjang
    CHECK(areas().districts_of("62.99").empty());
    CHECK(areas().districts_of("bogus").empty());
}

TEST_CASE("shared() loads a folder once per process", "[nik][areas]") {
    const auto dir = tata::nik::wilayah_dir(tata::test::source_dir() / "rules");
    CHECK(AreaRegistry::shared(dir) == AreaRegistry::shared(dir / "." / ""));
    CHECK(AreaRegistry::shared(dir).get() == &areas());
}

TEST_CASE("the loader honours RFC 4180 quoting, a BOM and CRLF line ends", "[nik][areas]") {
    Wilayah w("\xEF\xBB\xBF" "code,name\r\n62,\"KALIMANTAN \"\"TENGAH\"\", BARU\"\r\n",
              regencies_ok, "code,regency_code,name\n62.03.01,62.03,\"Selat, Hilir\"\n");
    const auto registry = AreaRegistry::load(w.dir.path());
    REQUIRE(registry.province("62"));
    CHECK(registry.province("62")->name == "KALIMANTAN \"TENGAH\", BARU");
    CHECK(registry.district("62.03.01")->name == "Selat, Hilir");
}

TEST_CASE("the loader finds columns by name and ignores extra ones", "[nik][areas]") {
    Wilayah w("name,code,note\nKALIMANTAN TENGAH,62,x\n", "province_code,code,name\n62,62.03,KABUPATEN KAPUAS\n",
              "regency_code,name,code\n62.03,Selat,62.03.01\n");
    const auto registry = AreaRegistry::load(w.dir.path());
    REQUIRE(registry.district("62.03.01"));
    CHECK(registry.district("62.03.01")->name == "Selat");
    CHECK(registry.regency("62.03")->province_code == "62");
    CHECK(registry.province("62")->name == "KALIMANTAN TENGAH");
}

TEST_CASE("the loader names the file and line of the first problem", "[nik][areas]") {
    SECTION("a missing file") {
        TempDir empty;
        CHECK_THROWS_WITH(AreaRegistry::load(empty.path()), Contains("provinces.csv") && Contains("tidak dapat dibuka"));
    }
    SECTION("a wrong header") {
        Wilayah w("kode,nama\n62,X\n", regencies_ok, "code,regency_code,name\n");
        CHECK_THAT(w.load_error(), Contains("provinces.csv") && Contains("kolom wajib tidak ada: code, name"));
    }
    SECTION("a malformed code") {
        Wilayah w(provinces_ok, regencies_ok, "code,regency_code,name\n62.03.01,62.03,Selat\n62.03.2,62.03,X\n");
        CHECK_THAT(w.load_error(), Contains("districts.csv:3: '62.03.2' bukan kode kecamatan seperti 62.03.01"));
    }
    SECTION("a code listed twice") {
        Wilayah w(provinces_ok, "code,province_code,name\n62.03,62,A\n62.03,62,B\n", "code,regency_code,name\n");
        CHECK_THAT(w.load_error(), Contains("regencies.csv:3: kode 62.03 tercantum dua kali"));
    }
    SECTION("a district of an unknown regency") {
        Wilayah w(provinces_ok, regencies_ok, "code,regency_code,name\n62.04.01,62.04,X\n");
        CHECK_THAT(w.load_error(), Contains("districts.csv:2: 62.04.01 menyebut kabupaten/kota 62.04,"));
    }
    SECTION("a district whose code does not start with its regency") {
        Wilayah w(provinces_ok, regencies_ok, "code,regency_code,name\n62.04.01,62.03,X\n");
        CHECK_THAT(w.load_error(), Contains("districts.csv:2: 62.04.01 menyebut kabupaten/kota 62.03,"));
    }
    SECTION("a short row") {
        Wilayah w(provinces_ok, regencies_ok, "code,regency_code,name\n62.03.01,62.03\n");
        CHECK_THAT(w.load_error(), Contains("districts.csv:2: kode 62.03.01 tanpa nama"));
    }
    SECTION("an unterminated quote") {
        Wilayah w(provinces_ok, regencies_ok, "code,regency_code,name\n62.03.01,62.03,\"Selat\n");
        CHECK_THAT(w.load_error(), Contains("districts.csv:2:") && Contains("tanda kutip"));
    }
    SECTION("a name left empty") {
        Wilayah w("code,name\n62,\n", regencies_ok, "code,regency_code,name\n");
        CHECK_THAT(w.load_error(), Contains("provinces.csv:2: kode 62 tanpa nama"));
    }
}

// ---------------------------------------------------------------- valid NIKs

TEST_CASE("a man's NIK from Selat, Kapuas", "[nik]") {
    const NikCheck c = check("6203011708900001");
    INFO(describe(c));
    CHECK(c.valid);
    CHECK(c.problems.empty());
    CHECK(c.flags.empty());
    CHECK(c.nik == "6203011708900001");
    CHECK(c.province_code == "62");
    CHECK(c.regency_code == "62.03");
    CHECK(c.district_code == "62.03.01");
    CHECK(c.province_name == "KALIMANTAN TENGAH");
    CHECK(c.regency_name == "KABUPATEN KAPUAS");
    CHECK(c.district_name == "Selat");
    REQUIRE(c.birth_date);
    CHECK(*c.birth_date == 1990y / August / 17);
    CHECK(c.sex == 'L');
    CHECK(c.serial == 1);
}

TEST_CASE("a woman's NIK carries her birth day plus 40", "[nik]") {
    const NikCheck c = check("6203175708959042");  // Bataguh, day 57 = 17, 1995
    INFO(describe(c));
    CHECK(c.valid);
    CHECK(c.district_name == "Bataguh");
    REQUIRE(c.birth_date);
    CHECK(*c.birth_date == 1995y / August / 17);
    CHECK(c.sex == 'P');
    CHECK(c.serial == 9042);

    const NikCheck first = check("6203124101880001");  // Kapuas Hulu, day 41 = 1
    CHECK(first.valid);
    CHECK(first.district_name == "Kapuas Hulu");
    CHECK(*first.birth_date == 1988y / January / 1);
    CHECK(first.sex == 'P');

    const NikCheck last = check("6203127112889999");  // day 71 = 31
    CHECK(last.valid);
    CHECK(*last.birth_date == 1988y / December / 31);
    CHECK(last.sex == 'P');
    CHECK(last.serial == 9999);
}

TEST_CASE("the century makes the holder 15 to 100 years old on the reference date", "[nik][century]") {
    const auto born = [](const std::string& ddmmyy, year_month_day on = today) {
        const NikCheck c = check("620301" + ddmmyy + "0001", on);
        INFO(describe(c));
        REQUIRE(c.birth_date);
        return *c.birth_date;
    };
    CHECK(born("170890") == 1990y / August / 17);
    CHECK(born("010105") == 2005y / January / 1);        // 20 years old, not 120
    CHECK(born("080410") == 2010y / April / 8);          // 15 today
    CHECK(born("090425") == 1925y / April / 9);          // 2025 is in the future: 99
    CHECK(born("080425") == 1925y / April / 8);          // exactly 100 today
    CHECK(born("290200") == 2000y / February / 29);      // 2000 was a leap year
    CHECK(born("170830", 2050y / June / 1) == 2030y / August / 17);  // the same digits, another today
    CHECK(born("170830") == 1930y / August / 17);

    SECTION("no century gives 15 to 100 years: the latest past year, flagged") {
        const NikCheck young = check("6203010904100001");  // 14 today; 1910 would be 115
        INFO(describe(young));
        CHECK(young.valid);
        CHECK(*young.birth_date == 2010y / April / 9);
        CHECK(codes(young.flags) == std::vector{FindingCode::implausible_age});
        CHECK_THAT(young.flags[0].message, Contains("14 tahun"));

        const NikCheck old = check("6203010704240001");  // 1924-04-07: 101 today
        CHECK(old.valid);
        CHECK(*old.birth_date == 2024y / April / 7);
        CHECK(codes(old.flags) == std::vector{FindingCode::implausible_age});
    }
    SECTION("29 February of the chosen century must exist") {
        const NikCheck c = check("6203012902000001", 2125y / June / 1);  // 2100 is not a leap year
        INFO(describe(c));
        CHECK_FALSE(c.valid);
        CHECK(codes(c.problems) == std::vector{FindingCode::invalid_date});
        CHECK_THAT(c.problems[0].message, Contains("29-02-2100"));
    }
}

// ---------------------------------------------------------------- invalid NIKs

TEST_CASE("anything but 16 digits is invalid and nothing else is read from it", "[nik][invalid]") {
    const auto require_format_problem = [](const std::string& nik, const std::string& message) {
        const NikCheck c = check(nik);
        INFO(describe(c));
        CHECK_FALSE(c.valid);
        REQUIRE(codes(c.problems) == std::vector{FindingCode::not_16_digits});
        CHECK_THAT(c.problems[0].message, Contains("NIK harus 16 digit angka"));
        CHECK_THAT(c.problems[0].message, Contains(message));
        CHECK(c.province_code.empty());
        CHECK(c.province_name.empty());
        CHECK_FALSE(c.birth_date);
        CHECK(c.sex == '\0');
    };
    require_format_problem("620301170890001", "bukan 15 karakter");
    require_format_problem("62030117089000011", "bukan 17 karakter");
    require_format_problem("", "bukan 0 karakter");
    require_format_problem("62030117089O0001", "selain angka");
    require_format_problem(" 6203011708900001", "bukan 17 karakter");
    require_format_problem("6203-01170890001", "selain angka");
    require_format_problem("620301170890000\xC2\xB9", "selain angka");  // a superscript one: 16 characters, 17 bytes
}

TEST_CASE("a birth day outside 01-31 and 41-71 is invalid", "[nik][invalid]") {
    for (const std::string day : {"00", "32", "39", "40", "72", "99"}) {
        const NikCheck c = check("620301" + day + "08900001");
        INFO(describe(c));
        CHECK_FALSE(c.valid);
        CHECK(codes(c.problems) == std::vector{FindingCode::invalid_day});
        CHECK_THAT(c.problems[0].message, Contains("digit 7–8: " + day));
        CHECK(c.sex == '\0');
        CHECK_FALSE(c.birth_date);
        CHECK(c.district_name == "Selat");  // the area is still read
    }
}

TEST_CASE("a birth month outside 01-12 is invalid", "[nik][invalid]") {
    for (const std::string month : {"00", "13", "99"}) {
        const NikCheck c = check("62030117" + month + "900001");
        INFO(describe(c));
        CHECK_FALSE(c.valid);
        CHECK(codes(c.problems) == std::vector{FindingCode::invalid_month});
        CHECK_THAT(c.problems[0].message, Contains("digit 9–10: " + month));
        CHECK(c.sex == 'L');
    }
}

TEST_CASE("a day the month does not have is invalid, for men and women", "[nik][invalid]") {
    for (const std::string ddmmyy : {"310290", "300290", "290290", "310490", "310690", "310990", "311190", "710290",
                                     "710490"}) {
        const NikCheck c = check("620301" + ddmmyy + "0001");
        INFO(describe(c));
        CHECK_FALSE(c.valid);
        CHECK(codes(c.problems) == std::vector{FindingCode::invalid_date});
        CHECK_THAT(c.problems[0].message, Contains("tidak ada di kalender"));
        CHECK_FALSE(c.birth_date);
    }
    CHECK_THAT(check("6203017102900001").problems.at(0).message, Contains("31-02-1990"));
    CHECK(check("6203012902960001").valid);  // 1996 was a leap year
    CHECK(check("6203013101900001").valid);
    CHECK(check("6203017112900001").valid);
}

TEST_CASE("serial 0000 is invalid, 0001 and 9999 are not", "[nik][invalid]") {
    const NikCheck zero = check("6203011708900000");
    INFO(describe(zero));
    CHECK_FALSE(zero.valid);
    CHECK(codes(zero.problems) == std::vector{FindingCode::zero_serial});
    CHECK_THAT(zero.problems[0].message, Contains("0000"));
    CHECK(check("6203011708900001").valid);
    CHECK(check("6203011708909999").valid);
}

TEST_CASE("every problem is reported at once", "[nik][invalid]") {
    const NikCheck c = check("9903017213900000");
    INFO(describe(c));
    CHECK_FALSE(c.valid);
    CHECK(codes(c.problems) == std::vector{FindingCode::unknown_province, FindingCode::invalid_day,
                                           FindingCode::invalid_month, FindingCode::zero_serial});
}

TEST_CASE("an unknown province makes the NIK invalid", "[nik][invalid][area]") {
    for (const std::string province : {"00", "20", "99", "97"}) {
        const NikCheck c = check(province + "03011708900001");
        INFO(describe(c));
        CHECK_FALSE(c.valid);
        CHECK(codes(c.problems) == std::vector{FindingCode::unknown_province});
        CHECK_THAT(c.problems[0].message, Contains("Kode provinsi " + province));
        CHECK(c.province_code == province);
        CHECK(c.province_name.empty());
        CHECK(c.regency_name.empty());
        CHECK(c.flags.empty());  // no district flag on top of the province
        CHECK(*c.birth_date == 1990y / August / 17);
    }
}

TEST_CASE("an unknown regency in a known province makes the NIK invalid", "[nik][invalid][area]") {
    const NikCheck c = check("6214011708900001");  // Kalimantan Tengah has 62.01-62.13 and 62.71
    INFO(describe(c));
    CHECK_FALSE(c.valid);
    CHECK(codes(c.problems) == std::vector{FindingCode::unknown_regency});
    CHECK_THAT(c.problems[0].message, Contains("62.14") && Contains("KALIMANTAN TENGAH"));
    CHECK(c.province_name == "KALIMANTAN TENGAH");
    CHECK(c.regency_code == "62.14");
    CHECK(c.regency_name.empty());
    CHECK(c.flags.empty());
    CHECK(check("6271011708900001").valid);  // Kota Palangkaraya
}

TEST_CASE("an unknown district in a known regency is flagged, not invalid", "[nik][area]") {
    for (const std::string district : {"18", "99", "00"}) {
        const NikCheck c = check("6203" + district + "5708900001");
        INFO(describe(c));
        CHECK(c.valid);
        CHECK(c.problems.empty());
        CHECK(codes(c.flags) == std::vector{FindingCode::unknown_district});
        CHECK_THAT(c.flags[0].message, Contains("62.03." + district) && Contains("KABUPATEN KAPUAS"));
        CHECK(c.regency_name == "KABUPATEN KAPUAS");
        CHECK(c.district_code == "62.03." + district);
        CHECK(c.district_name.empty());
        CHECK(c.sex == 'P');
    }
}

// ---------------------------------------------------------------- roster columns

TEST_CASE("the NIK is compared with the roster's birth date and sex", "[nik][roster]") {
    const NikCheck woman = check("6203015708900001");  // P, 1990-08-17
    REQUIRE(woman.valid);
    CHECK(compare_with_roster(woman, "1990-08-17", "P").empty());

    SECTION("another day, month or year is a birth date mismatch") {
        for (const char* other : {"1990-08-18", "1990-09-17", "1991-08-17"}) {
            const auto flags = compare_with_roster(woman, other, "P");
            REQUIRE(codes(flags) == std::vector{FindingCode::birth_date_mismatch});
            CHECK(flags[0].message == "Tanggal lahir di NIK (1990-08-17) tidak sama dengan kolom tanggal_lahir (" +
                                          std::string(other) + ")");
        }
    }
    SECTION("the roster's century wins over the guessed one") {
        CHECK(compare_with_roster(woman, "2090-08-17", "P").empty());
    }
    SECTION("the other sex is a sex mismatch") {
        const auto flags = compare_with_roster(woman, "1990-08-17", "L");
        REQUIRE(codes(flags) == std::vector{FindingCode::sex_mismatch});
        CHECK(flags[0].message == "Jenis kelamin di NIK (P) tidak sama dengan kolom jenis_kelamin (L)");
        const NikCheck man = check("6203011708900001");
        CHECK(codes(compare_with_roster(man, "1990-08-17", "P")) == std::vector{FindingCode::sex_mismatch});
        CHECK(compare_with_roster(man, "1990-08-17", "L").empty());
    }
    SECTION("both at once") {
        CHECK(codes(compare_with_roster(woman, "1980-01-01", "L")) ==
              std::vector{FindingCode::birth_date_mismatch, FindingCode::sex_mismatch});
    }
    SECTION("columns that do not parse and NIKs without a date are not compared") {
        CHECK(compare_with_roster(woman, "17-08-1990", "perempuan").empty());
        CHECK(compare_with_roster(woman, "1990-02-30", "").empty());
        CHECK(compare_with_roster(check("6203013102900001"), "1990-02-28", "L").empty());  // no 31 Feb
        CHECK(compare_with_roster(check("62030131"), "1990-02-28", "L").empty());
    }
}

TEST_CASE("finding codes have distinct stable names", "[nik]") {
    const std::vector<FindingCode> all{FindingCode::not_16_digits,    FindingCode::unknown_province,
                                       FindingCode::unknown_regency,  FindingCode::invalid_day,
                                       FindingCode::invalid_month,    FindingCode::invalid_date,
                                       FindingCode::zero_serial,      FindingCode::unknown_district,
                                       FindingCode::implausible_age,  FindingCode::birth_date_mismatch,
                                       FindingCode::sex_mismatch};
    std::vector<std::string_view> names;
    for (const auto code : all) names.push_back(tata::nik::code_name(code));
    std::sort(names.begin(), names.end());
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
    CHECK(tata::nik::code_name(FindingCode::unknown_district) == "nik.unknown_district");
}

// ---------------------------------------------------------------- tata nik check

namespace {

tata::test::ProcessResult run_nik(const TempDir& dir, std::vector<std::string> args,
                                  const std::string& now = "2025-04-08T09:00:00+07:00") {
    args.insert(args.begin(), {"nik", "check"});
    return tata::test::run_tata(args, dir.path(), {{"TATA_NOW", now}});
}

std::string describe(const tata::test::ProcessResult& r) {
    return "exit " + std::to_string(r.exit_code) + "\n-- stdout:\n" + r.out + "-- stderr:\n" + r.err;
}

}  // namespace

TEST_CASE("tata nik check prints the area, birth date and sex and exits 0 when all are valid", "[nik][cli]") {
    TempDir dir;
    const auto r = run_nik(dir, {"6203011708900001", "6203175708959042"});
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("6203011708900001  SAH\n"));
    CHECK_THAT(r.out, Contains("62 KALIMANTAN TENGAH"));
    CHECK_THAT(r.out, Contains("62.03 KABUPATEN KAPUAS"));
    CHECK_THAT(r.out, Contains("62.03.01 Selat"));
    CHECK_THAT(r.out, Contains("62.03.17 Bataguh"));
    CHECK_THAT(r.out, Contains("tanggal lahir:   1990-08-17"));
    CHECK_THAT(r.out, Contains("tanggal lahir:   1995-08-17"));
    CHECK_THAT(r.out, Contains("jenis kelamin:   L (laki-laki)"));
    CHECK_THAT(r.out, Contains("jenis kelamin:   P (perempuan)"));
    CHECK_THAT(r.out, Contains("2 NIK: 2 sah, 0 tidak sah"));
}

TEST_CASE("tata nik check exits 1 when any NIK is invalid and says why", "[nik][cli]") {
    TempDir dir;
    const auto r = run_nik(dir, {"6203011708900001", "6214011708900001", "12345"});
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Contains("6214011708900001  TIDAK SAH"));
    CHECK_THAT(r.out, Contains("Kode kabupaten/kota 62.14"));
    CHECK_THAT(r.out, Contains("12345  TIDAK SAH"));
    CHECK_THAT(r.out, Contains("NIK harus 16 digit angka, bukan 5 karakter"));
    CHECK_THAT(r.out, Contains("3 NIK: 1 sah, 2 tidak sah"));
}

TEST_CASE("tata nik check: a flagged NIK is valid (exit 0) and shows what to review", "[nik][cli]") {
    TempDir dir;
    const auto r = run_nik(dir, {"6203185708900001"});
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("SAH, perlu diperiksa manual"));
    CHECK_THAT(r.out, Contains("62.03.18 (tidak dikenal)"));
    CHECK_THAT(r.out, Contains("periksa manual:  Kode kecamatan 62.03.18"));
    CHECK_THAT(r.out, Contains("1 NIK: 1 sah (1 perlu diperiksa manual), 0 tidak sah"));
}

TEST_CASE("tata nik check without a NIK is a usage error (exit 2)", "[nik][cli]") {
    TempDir dir;
    const auto r = run_nik(dir, {});
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("NIK"));
    CHECK(r.out.empty());
}

TEST_CASE("tata nik check --json prints one object per NIK", "[nik][cli]") {
    TempDir dir;
    const auto r = run_nik(dir, {"--json", "6203015708900001", "6203185708900001", "6214011708900001", "x"});
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    nlohmann::json list;
    REQUIRE_NOTHROW(list = nlohmann::json::parse(r.out));
    REQUIRE(list.is_array());
    REQUIRE(list.size() == 4);

    CHECK(list[0]["nik"] == "6203015708900001");
    CHECK(list[0]["valid"] == true);
    CHECK(list[0]["needs_review"] == false);
    CHECK(list[0]["problems"].empty());
    CHECK(list[0]["province"] == nlohmann::json{{"code", "62"}, {"name", "KALIMANTAN TENGAH"}});
    CHECK(list[0]["regency"] == nlohmann::json{{"code", "62.03"}, {"name", "KABUPATEN KAPUAS"}});
    CHECK(list[0]["district"] == nlohmann::json{{"code", "62.03.01"}, {"name", "Selat"}});
    CHECK(list[0]["birth_date"] == "1990-08-17");
    CHECK(list[0]["sex"] == "P");
    CHECK(list[0]["serial"] == "0001");

    CHECK(list[1]["valid"] == true);
    CHECK(list[1]["needs_review"] == true);
    CHECK(list[1]["flags"][0]["code"] == "nik.unknown_district");
    CHECK(list[1]["district"]["name"].is_null());

    CHECK(list[2]["valid"] == false);
    CHECK(list[2]["problems"][0]["code"] == "nik.unknown_regency");
    CHECK(list[2]["regency"]["name"].is_null());

    CHECK(list[3]["valid"] == false);
    CHECK(list[3]["problems"][0]["code"] == "nik.not_16_digits");
    CHECK(list[3]["province"].is_null());
    CHECK(list[3]["birth_date"].is_null());
    CHECK(list[3]["sex"].is_null());
}

TEST_CASE("tata nik check takes today from TATA_NOW for the century", "[nik][cli]") {
    TempDir dir;
    const auto in_2025 = run_nik(dir, {"--json", "6203011708300001"});
    const auto in_2050 = run_nik(dir, {"--json", "6203011708300001"}, "2050-06-01T09:00:00+07:00");
    INFO(describe(in_2025) << describe(in_2050));
    CHECK(nlohmann::json::parse(in_2025.out)[0]["birth_date"] == "1930-08-17");
    CHECK(nlohmann::json::parse(in_2050.out)[0]["birth_date"] == "2030-08-17");
}

TEST_CASE("tata nik check reads the area codes from the first --rules folder", "[nik][cli]") {
    TempDir dir;
    dir.write("rules/wilayah/provinces.csv", "code,name\n62,PROVINSI UJI\n");
    dir.write("rules/wilayah/regencies.csv", "code,province_code,name\n62.03,62,KABUPATEN UJI\n");
    dir.write("rules/wilayah/districts.csv", "code,regency_code,name\n62.03.01,62.03,Kecamatan Uji\n");
    const auto r = run_nik(dir, {"--rules", (dir / "rules").string(), "6203011708900001", "6203021708900001"});
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("62 PROVINSI UJI"));
    CHECK_THAT(r.out, Contains("62.03.01 Kecamatan Uji"));
    CHECK_THAT(r.out, Contains("62.03.02 (tidak dikenal)"));  // Kapuas Hilir is not in this list

    const auto broken = run_nik(dir, {"--rules", (dir / "nowhere").string(), "6203011708900001"});
    INFO(describe(broken));
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.err, Contains("provinces.csv") && Contains("tidak dapat dibuka"));
}
