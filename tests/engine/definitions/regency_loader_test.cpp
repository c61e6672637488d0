// Regencies (rules/<code>/regency.yaml) and the national holiday list
// (rules/nasional/hari-libur.yaml): what loads, and every mistake with its
// FILE:LINE:COL (docs/rules.md, "Validation errors").
#include "support/test_support.hpp"

#include <tata/definitions.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

namespace {

using namespace tata;
using namespace std::chrono;
using tata::test::TempDir;
using Catch::Matchers::Contains;

constexpr const char* kNational = R"(title: Hari libur uji
holidays:
  - {date: 2025-03-31, name: Idul Fitri, kind: libur}
  - {date: 2025-04-01, name: Idul Fitri hari kedua, kind: libur}
  - {date: 2025-04-02, name: Cuti bersama Idul Fitri, kind: cuti_bersama}
)";

sys_days date_of(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

std::string listing(const std::vector<Diagnostic>& errors) {
    std::ostringstream out;
    for (const auto& d : errors) out << d.to_string() << "\n";
    return out.str();
}

DefinitionSources rules_only(std::vector<std::filesystem::path> rules) {
    DefinitionSources sources;
    sources.rules = std::move(rules);
    return sources;
}

std::shared_ptr<const DefinitionSet> load_rules(const std::vector<std::filesystem::path>& rules) {
    try {
        return load_definitions(rules_only(rules));
    } catch (const ValidationError& e) {
        FAIL("rules refused:\n" << e.what());
    }
    return nullptr;
}

std::vector<Diagnostic> rule_errors(const std::vector<std::filesystem::path>& rules) {
    try {
        load_definitions(rules_only(rules));
    } catch (const ValidationError& e) {
        return e.diagnostics();
    }
    FAIL("rules were accepted but should have been refused");
    return {};
}

// A rules folder with the national list and one regency file.
struct RulesTree {
    TempDir dir;
    std::filesystem::path regency_file;

    explicit RulesTree(const std::string& regency_yaml, const std::string& folder = "62.03",
                       const char* national = kNational) {
        if (national) dir.write("rules/nasional/hari-libur.yaml", national);
        regency_file = dir.write("rules/" + folder + "/regency.yaml", regency_yaml);
    }
    std::filesystem::path rules() const { return dir / "rules"; }
    std::string file() const { return regency_file.string(); }
};

// The one diagnostic of a rules tree.
Diagnostic single_error(const RulesTree& tree) {
    const auto errors = rule_errors({tree.rules()});
    INFO("diagnostics:\n" << listing(errors));
    REQUIRE(errors.size() == 1);
    return errors.front();
}

}  // namespace

#define CHECK_DIAGNOSTIC(diagnostic_, file_, line_, column_, phrase_)                                               \
    do {                                                                                                       \
        const ::tata::Diagnostic& d_ = (diagnostic_);                                                          \
        /* where (file, line, column) and the "FILE:LINE:COL: error: message" form, in one comparison */      \
        CHECK(d_.to_string() == std::string(file_) + ":" + std::to_string(line_) + ":" + std::to_string(column_) + \
                                    ": error: " + d_.message);                                                 \
        CHECK_THAT(d_.message, Contains(phrase_));                                                             \
    } while (false)

// ---------------------------------------------------------------------------
// What loads

TEST_CASE("the fixture rules load: codes, names, zones, settings", "[definitions][rules]") {
    const auto set = load_rules({tata::test::fixture_rules()});
    REQUIRE(set);
    REQUIRE(set->regencies.size() == 2);

    const Regency* kapuas = set->find_regency("62.03");
    REQUIRE(kapuas);
    CHECK(kapuas->code == "62.03");
    CHECK(kapuas->name == "Kabupaten Kapuas");
    CHECK(kapuas->zone == "WIB");
    CHECK(kapuas->calendar.utc_offset_minutes() == 7 * 60);
    CHECK(kapuas->where.file == (tata::test::fixture_rules() / "62.03" / "regency.yaml").string());
    CHECK(kapuas->settings == nlohmann::json{{"umk", 3473710},
                                             {"min_service_years", 3},
                                             {"documents", {"ktp", "sk", "bukti_gaji", "ijazah"}}});
    CHECK(kapuas->settings["umk"].is_number_integer());

    const Regency* balikpapan = set->find_regency("64.71");
    REQUIRE(balikpapan);
    CHECK(balikpapan->name == "Kota Balikpapan");
    CHECK(balikpapan->zone == "WITA");
    CHECK(balikpapan->calendar.utc_offset_minutes() == 8 * 60);
    CHECK(balikpapan->settings["umk"] == 3701508);
    CHECK(balikpapan->settings["documents"] == nlohmann::json{"ktp", "sk"});

    CHECK(set->find_regency("51.05") == nullptr);
    CHECK(set->find_regency("nasional") == nullptr);  // not a regency folder
}

TEST_CASE("fixture calendars: weekends, national holidays and local holidays", "[definitions][rules][calendar]") {
    const auto set = load_rules({tata::test::fixture_rules()});
    REQUIRE(set);
    const WorkingCalendar& kapuas = set->find_regency("62.03")->calendar;
    const WorkingCalendar& balikpapan = set->find_regency("64.71")->calendar;

    // An ordinary week: Monday 24 March 2025 to Sunday 30 March.
    for (const auto* calendar : {&kapuas, &balikpapan}) {
        CHECK(calendar->is_working_day(date_of(2025, 3, 24)));   // Monday
        CHECK(calendar->is_working_day(date_of(2025, 3, 28)));   // Friday (no Nyepi in the fixture list)
        CHECK_FALSE(calendar->is_working_day(date_of(2025, 3, 29)));  // Saturday
        CHECK_FALSE(calendar->is_working_day(date_of(2025, 3, 30)));  // Sunday
        // The national list: both kinds are days off.
        CHECK_FALSE(calendar->is_working_day(date_of(2025, 3, 31)));  // libur, a Monday
        CHECK_FALSE(calendar->is_working_day(date_of(2025, 4, 1)));   // libur
        CHECK_FALSE(calendar->is_working_day(date_of(2025, 4, 2)));   // cuti bersama
        CHECK(calendar->is_holiday(date_of(2025, 4, 2)));
        CHECK(calendar->is_working_day(date_of(2025, 4, 4)));    // Friday
        CHECK_FALSE(calendar->is_holiday(date_of(2025, 4, 5)));  // a weekend day is not a holiday
    }
    // Balikpapan's own holiday (Thursday 3 April) is a working day in Kapuas.
    CHECK(kapuas.is_working_day(date_of(2025, 4, 3)));
    CHECK_FALSE(balikpapan.is_working_day(date_of(2025, 4, 3)));
    CHECK(balikpapan.is_holiday(date_of(2025, 4, 3)));
}

TEST_CASE("a regency calendar with its own weekend, national: false and local holidays", "[definitions][rules][calendar]") {
    RulesTree tree(R"(code: "62.03"
name: Kabupaten Uji
zone: WIT
calendar:
  weekend: [friday, Sabtu]
  national: false
  holidays:
    - {date: 2025-04-08, name: Hari jadi}
settings:
  umk: 3000000
  prioritas:
    bobot: {masa_kerja: 60, nilai_kinerja: 40}
  aktif: true
  catatan: "007"
)");
    const auto set = load_rules({tree.rules()});
    REQUIRE(set);
    const Regency* r = set->find_regency("62.03");
    REQUIRE(r);
    CHECK(r->calendar.utc_offset_minutes() == 9 * 60);
    CHECK_FALSE(r->calendar.is_working_day(date_of(2025, 4, 4)));  // Friday: weekend here
    CHECK_FALSE(r->calendar.is_working_day(date_of(2025, 4, 5)));  // Saturday (written in Indonesian)
    CHECK(r->calendar.is_working_day(date_of(2025, 4, 6)));        // Sunday: a working day here
    CHECK(r->calendar.is_working_day(date_of(2025, 3, 31)));       // national holiday, not observed
    CHECK_FALSE(r->calendar.is_working_day(date_of(2025, 4, 8)));  // local holiday
    // settings become JSON with typed scalars; quoted scalars stay strings
    CHECK(r->settings["umk"] == 3000000);
    CHECK(r->settings["prioritas"]["bobot"]["masa_kerja"] == 60);
    CHECK(r->settings["aktif"] == true);
    CHECK(r->settings["catatan"] == "007");
}

TEST_CASE("without a calendar key a regency works Monday to Friday and observes the national list",
          "[definitions][rules][calendar]") {
    RulesTree tree("code: \"62.03\"\nname: Kabupaten Uji\nzone: WITA\n");
    const auto set = load_rules({tree.rules()});
    const Regency* r = set->find_regency("62.03");
    REQUIRE(r);
    CHECK(r->settings == nlohmann::json::object());
    CHECK(r->calendar.is_working_day(date_of(2025, 4, 4)));
    CHECK_FALSE(r->calendar.is_working_day(date_of(2025, 4, 5)));
    CHECK_FALSE(r->calendar.is_working_day(date_of(2025, 4, 1)));
}

TEST_CASE("the shipped rules folder loads, Kapuas is WIB with UMK 3473710", "[definitions][rules]") {
    const auto set = load_rules({tata::test::source_dir() / "rules"});
    REQUIRE(set);
    CHECK(set->regencies.size() >= 2);
    const Regency* kapuas = set->find_regency("62.03");
    REQUIRE(kapuas);
    CHECK(kapuas->name == "Kabupaten Kapuas");
    CHECK(kapuas->zone == "WIB");
    CHECK(kapuas->calendar.utc_offset_minutes() == 7 * 60);
    CHECK(kapuas->settings["umk"] == 3473710);
    // Hari Jadi Kabupaten Kapuas (Friday 21 March 2025) and the 2025 Idul Fitri leave
    CHECK_FALSE(kapuas->calendar.is_working_day(date_of(2025, 3, 21)));
    CHECK_FALSE(kapuas->calendar.is_working_day(date_of(2025, 4, 4)));
    CHECK(kapuas->calendar.is_working_day(date_of(2025, 4, 8)));
    const Regency* balikpapan = set->find_regency("64.71");
    REQUIRE(balikpapan);
    CHECK(balikpapan->zone == "WITA");
    CHECK(balikpapan->settings["umk"] == 3701508);
    CHECK(balikpapan->calendar.is_working_day(date_of(2025, 3, 21)));  // Kapuas' anniversary is not Balikpapan's
}

// ---------------------------------------------------------------------------
// Mistakes in regency.yaml

TEST_CASE("an unknown zone", "[definitions][rules][errors]") {
    RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WITB
)");
    CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 3, 7, "unknown time zone 'WITB' (expected WIB, WITA or WIT)");
}

TEST_CASE("a zone other than WIB, WITA or WIT is refused (docs/rules.md)", "[definitions][rules][errors]") {
    // docs/rules.md: zone is `WIB` | `WITA` | `WIT`; "unknown zone: zone is not WIB, WITA or WIT".
    for (const std::string zone : {"UTC", "+07:00"}) {
        INFO("zone: " << zone);
        RulesTree tree("code: \"62.03\"\nname: Kabupaten Kapuas\nzone: \"" + zone + "\"\n");
        const auto errors = [&] {
            try {
                load_definitions(rules_only({tree.rules()}));
            } catch (const ValidationError& e) {
                return e.diagnostics();
            }
            return std::vector<Diagnostic>{};
        }();
        INFO(listing(errors));
        REQUIRE(errors.size() == 1);
        CHECK_DIAGNOSTIC(errors[0], tree.file(), 3, 7, "unknown time zone");
    }
}

TEST_CASE("the code must match the folder", "[definitions][rules][errors]") {
    RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
)",
                   "62.04");
    CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 1, 7, "regency code '62.03' does not match its folder '62.04'");
}

TEST_CASE("holiday dates must be real dates written YYYY-MM-DD", "[definitions][rules][errors]") {
    SECTION("an impossible date") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  holidays:
    - {date: 2025-02-30, name: Tidak ada}
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 6, 14, "'2025-02-30' is not a date (YYYY-MM-DD)");
    }
    SECTION("a date in another format, block style") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  holidays:
    - date: 21/03/2025
      name: Hari Jadi
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 6, 13, "'21/03/2025' is not a date");
    }
}

TEST_CASE("a holiday listed twice", "[definitions][rules][errors]") {
    SECTION("in a regency") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  holidays:
    - {date: 2025-03-21, name: Hari Jadi}
    - {date: 2025-04-08, name: Lain}
    - {date: 2025-03-21, name: Hari Jadi lagi}
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 8, 14, "holiday 2025-03-21 is listed twice");
    }
    SECTION("a regional holiday on a national one is not an error") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  holidays:
    - {date: 2025-03-31, name: Bersamaan dengan Idul Fitri}
)");
        CHECK(load_rules({tree.rules()}) != nullptr);
    }
    SECTION("in the national list") {
        RulesTree tree("code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n", "62.03", R"(title: Uji
holidays:
  - {date: 2025-03-31, name: Idul Fitri, kind: libur}
  - {date: 2025-03-31, name: Idul Fitri lagi, kind: libur}
)");
        const auto national = (tree.rules() / "nasional" / "hari-libur.yaml").string();
        CHECK_DIAGNOSTIC(single_error(tree), national, 4, 12, "holiday 2025-03-31 is listed twice");
    }
}

TEST_CASE("an unknown weekend day is reported at that day", "[definitions][rules][errors]") {
    RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  weekend: [saturday, ahad]
)");
    CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 5, 23, "'ahad' is not a day of the week");
}

TEST_CASE("a weekend of every day of the week is refused (docs/rules.md: one day must stay a working day)",
          "[definitions][rules][errors]") {
    RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  weekend: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]
)");
    // Accepting it would make every deadline in working days throw at run time.
    CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 5, 12, "working day");
}

TEST_CASE("unknown keys in regency files", "[definitions][rules][errors]") {
    SECTION("top level") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
umk: 3473710
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 4, 1, "unknown key 'umk' in the regency");
    }
    SECTION("in calendar") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  libur: []
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 5, 3, "unknown key 'libur' in 'calendar'");
    }
    SECTION("in a regional holiday (kind belongs to the national list)") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  holidays:
    - {date: 2025-03-21, name: Hari Jadi, kind: libur}
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 6, 43, "unknown key 'kind' in a holiday");
    }
    SECTION("in the national list") {
        RulesTree tree("code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n", "62.03", R"(title: Uji
tahun: 2025
holidays: []
)");
        const auto national = (tree.rules() / "nasional" / "hari-libur.yaml").string();
        CHECK_DIAGNOSTIC(single_error(tree), national, 2, 1, "unknown key 'tahun' in the national holiday list");
    }
}

TEST_CASE("wrong types and missing keys in regency files", "[definitions][rules][errors]") {
    SECTION("national is not a boolean") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  national: ya
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 5, 13, "'national' must be true or false");
    }
    SECTION("holidays is a mapping, not a list") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  holidays:
    2025-03-21: Hari Jadi
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 6, 5, "'holidays' must be a list");
    }
    SECTION("settings is not a mapping") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
settings: [umk, 3473710]
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 4, 11, "'settings' must be a mapping");
    }
    SECTION("name and zone missing") {
        RulesTree tree("# Kabupaten tanpa nama\ncode: \"62.03\"\n");
        const auto errors = rule_errors({tree.rules()});
        INFO(listing(errors));
        REQUIRE(errors.size() == 2);
        CHECK_DIAGNOSTIC(errors[0], tree.file(), 2, 1, "missing required key 'name'");
        CHECK_DIAGNOSTIC(errors[1], tree.file(), 2, 1, "missing required key 'zone'");
    }
    SECTION("a holiday without a name") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  holidays:
    - {date: 2025-03-21}
)");
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 6, 7, "missing required key 'name'");
    }
    SECTION("an unknown holiday kind in the national list") {
        RulesTree tree("code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n", "62.03", R"(title: Uji
holidays:
  - {date: 2025-03-31, name: Idul Fitri, kind: libur_nasional}
)");
        const auto national = (tree.rules() / "nasional" / "hari-libur.yaml").string();
        CHECK_DIAGNOSTIC(single_error(tree), national, 3, 48, "holiday kind must be libur or cuti_bersama");
    }
    SECTION("YAML syntax") {
        RulesTree tree("code: \"62.03\"\nname: [Kabupaten Kapuas\nzone: WIB\n");
        const Diagnostic d = single_error(tree);
        CHECK(d.where.file == tree.file());
        CHECK(d.where.line >= 2);
        CHECK_THAT(d.message, Contains("YAML syntax"));
    }
}

TEST_CASE("a missing national list is an error only when the calendar includes it", "[definitions][rules][errors]") {
    SECTION("national: true by default") {
        RulesTree tree("# Kapuas\ncode: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n", "62.03", nullptr);
        CHECK_DIAGNOSTIC(single_error(tree), tree.file(), 2, 1,
                         "the calendar includes national holidays but rules/nasional/hari-libur.yaml is missing");
    }
    SECTION("national: false needs no national list") {
        RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WIB
calendar:
  national: false
)",
                       "62.03", nullptr);
        const auto set = load_rules({tree.rules()});
        REQUIRE(set);
        CHECK(set->find_regency("62.03")->calendar.is_working_day(date_of(2025, 3, 31)));
    }
}

TEST_CASE("folders of a rules tree", "[definitions][rules][errors]") {
    SECTION("a regency folder without regency.yaml") {
        RulesTree tree("code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n");
        std::filesystem::create_directories(tree.rules() / "64.71");
        const auto errors = rule_errors({tree.rules()});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].where.file == (tree.rules() / "64.71").string());
        CHECK_THAT(errors[0].message, Contains("no regency.yaml"));
    }
    SECTION("a rules folder that does not exist") {
        TempDir dir;
        const auto errors = rule_errors({dir / "missing"});
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].where.file == (dir / "missing").string());
        CHECK_THAT(errors[0].message, Contains("does not exist"));
    }
    SECTION("the same regency in two rules folders") {
        RulesTree first("code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n");
        RulesTree second("code: \"62.03\"\nname: Kabupaten Kapuas (salinan)\nzone: WIB\n");
        const auto errors = rule_errors({first.rules(), second.rules()});
        INFO(listing(errors));
        REQUIRE(errors.size() == 1);
        CHECK_DIAGNOSTIC(errors[0], second.file(), 1, 1, "regency '62.03' is defined twice");
    }
    SECTION("folders not named like a code are ignored") {
        RulesTree tree("code: \"62.03\"\nname: Kabupaten Kapuas\nzone: WIB\n");
        tree.dir.write("rules/arsip/regency.yaml", "this: is not checked\n");
        const auto set = load_rules({tree.rules()});
        REQUIRE(set);
        CHECK(set->regencies.size() == 1);
    }
}

TEST_CASE("every mistake in a regency file is reported in one run", "[definitions][rules][errors]") {
    RulesTree tree(R"(code: "62.03"
name: Kabupaten Kapuas
zone: WITB
calendar:
  weekend: [sabtu, minggu]
  holidays:
    - {date: 2025-13-01, name: Salah bulan}
warna: hijau
)",
                   "62.99");
    const auto errors = rule_errors({tree.rules()});
    INFO(listing(errors));
    REQUIRE(errors.size() == 4);
    CHECK_DIAGNOSTIC(errors[0], tree.file(), 8, 1, "unknown key 'warna'");
    CHECK_DIAGNOSTIC(errors[1], tree.file(), 1, 7, "does not match its folder '62.99'");
    CHECK_DIAGNOSTIC(errors[2], tree.file(), 3, 7, "unknown time zone 'WITB'");
    CHECK_DIAGNOSTIC(errors[3], tree.file(), 7, 14, "'2025-13-01' is not a date");
}
