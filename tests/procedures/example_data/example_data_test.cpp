// The example data in examples/data/: the Kapuas roster reproduces the Kapuas
// report exactly, every NIK is valid, the smaller files hold what their README
// says, and the committed files are what the generator writes today.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using tata::test::read_text;
using tata::test::source_dir;
using tata::test::TempDir;

using Row = std::map<std::string, std::string>;

const std::vector<std::string> roster_header = {
    "nik",      "nama",        "tanggal_lahir", "jenis_kelamin", "opd",        "jabatan",       "sektor",       "jenis_kontrak",
    "tmt",      "kategori",    "sumber_gaji",   "honor_bulanan", "pendidikan", "nilai_kinerja", "hasil_seleksi",
    "dokumen"};

const std::vector<std::string> generated_files = {"kapuas-roster.csv", "kapuas-roster-salah.csv",
                                                  "hsu-puskesmas-sungai-malang.csv",
                                                  "hsu-puskesmas-sungai-malang.yaml", "grievances.yaml"};

fs::path data_dir() { return source_dir() / "examples" / "data"; }

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks;
// records end with CRLF or LF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
            any = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            record.push_back(field);
            records.push_back(record);
            record.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    REQUIRE_FALSE(quoted);
    if (any || !field.empty()) {
        record.push_back(field);
        records.push_back(record);
    }
    return records;
}

struct Table {
    std::vector<std::string> header;
    std::vector<Row> rows;
};

Table read_table(const fs::path& file) {
    REQUIRE(fs::is_regular_file(file));
    const auto records = parse_csv(read_text(file));
    REQUIRE_FALSE(records.empty());
    Table table{records.front(), {}};
    for (std::size_t i = 1; i < records.size(); ++i) {
        INFO(file.filename().string() << " record " << i + 1);
        REQUIRE(records[i].size() == table.header.size());
        Row row;
        for (std::size_t c = 0; c < table.header.size(); ++c) row[table.header[c]] = records[i][c];
        table.rows.push_back(std::move(row));
    }
    return table;
}

const Table& kapuas() {
    static const Table table = read_table(data_dir() / "kapuas-roster.csv");
    return table;
}

// NIK prefixes (six digits) of the districts of one regency ("62.03").
std::set<std::string> district_prefixes(const std::string& regency) {
    std::set<std::string> out;
    for (const auto& record : parse_csv(read_text(source_dir() / "rules" / "wilayah" / "districts.csv"))) {
        if (record.size() != 3 || record[1] != regency) continue;
        std::string digits;
        for (char c : record[0])
            if (c != '.') digits += c;
        out.insert(digits);
    }
    REQUIRE_FALSE(out.empty());
    return out;
}

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Ymd {
    int year, month, day;
};

// A real calendar date written YYYY-MM-DD, or fails the test.
Ymd parse_date(const std::string& text) {
    INFO("date '" << text << "'");
    REQUIRE(text.size() == 10);
    REQUIRE(text[4] == '-');
    REQUIRE(text[7] == '-');
    REQUIRE(all_digits(text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2)));
    const Ymd d{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
    static const int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    REQUIRE(d.month >= 1);
    REQUIRE(d.month <= 12);
    REQUIRE(d.day >= 1);
    REQUIRE(d.day <= days_in[d.month - 1] + (d.month == 2 && leap ? 1 : 0));
    return d;
}

int months_between(const Ymd& from, const Ymd& to) {
    return (to.year - from.year) * 12 + (to.month - from.month) - (to.day < from.day ? 1 : 0);
}

// The problems of one NIK against its row; empty when it is valid.
std::string nik_problem(const Row& row, const std::set<std::string>& prefixes) {
    const std::string& nik = row.at("nik");
    if (nik.size() != 16 || !all_digits(nik)) return "not 16 digits";
    if (!prefixes.count(nik.substr(0, 6))) return "district " + nik.substr(0, 6) + " is not in the regency";
    const Ymd born = parse_date(row.at("tanggal_lahir"));
    const int day = std::stoi(nik.substr(6, 2));
    const bool female = day > 40;
    if ((female ? "P" : "L") != row.at("jenis_kelamin")) return "sex differs from jenis_kelamin";
    if ((female ? day - 40 : day) != born.day) return "birth day differs";
    if (std::stoi(nik.substr(8, 2)) != born.month) return "birth month differs";
    if (std::stoi(nik.substr(10, 2)) != born.year % 100) return "birth year differs";
    if (nik.substr(12) == "0000") return "serial 0000";
    return "";
}

std::string shell_quote(const std::string& word) {
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// The generator binary: $TATA_EXAMPLE_GENERATOR, else the path the build
// passes in, else examples/generator/tata_example_roster in a folder above
// this test executable or the working directory (the build tree).
fs::path generator_path() {
    if (const char* env = std::getenv("TATA_EXAMPLE_GENERATOR"); env != nullptr && *env != '\0') return env;
#ifdef TATA_EXAMPLE_GENERATOR_PATH
    if (fs::is_regular_file(TATA_EXAMPLE_GENERATOR_PATH)) return TATA_EXAMPLE_GENERATOR_PATH;
#endif
    std::vector<fs::path> starts = {fs::current_path()};
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) starts.push_back(self.parent_path());
    for (const auto& start : starts) {
        for (fs::path dir = start;; dir = dir.parent_path()) {
            const fs::path candidate = dir / "examples" / "generator" / "tata_example_roster";
            if (fs::is_regular_file(candidate)) return candidate;
            if (dir == dir.parent_path()) break;
        }
    }
    return {};
}

// The generator's path, or fails the test saying how to provide it.
fs::path require_generator() {
    const fs::path generator = generator_path();
    if (generator.empty())
        FAIL("tata_example_roster not found: build it (examples/generator, at "
             "build/examples/generator/tata_example_roster) or set TATA_EXAMPLE_GENERATOR to its path");
    return generator;
}

// Runs the generator into `out_dir`; returns its exit code. `quiet` drops its error output.
int run_generator(const fs::path& generator, const fs::path& out_dir, const std::vector<std::string>& extra = {},
                  bool quiet = false) {
    std::string command = shell_quote(generator.string());
    for (const auto& arg : extra) command += " " + shell_quote(arg);
    command += " --wilayah " + shell_quote((source_dir() / "rules" / "wilayah").string()) + " " +
               shell_quote(out_dir.string()) + " > /dev/null" + (quiet ? " 2>&1" : "");
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::map<std::string, std::map<std::string, int>> category_results(const Table& table) {
    std::map<std::string, std::map<std::string, int>> counts;
    for (const auto& row : table.rows) ++counts[row.at("kategori")][row.at("hasil_seleksi")];
    return counts;
}

// The figures of the Kapuas report, and this data's split of the rest.
void check_kapuas_report(const Table& table) {
    REQUIRE(table.rows.size() == 4874);
    auto counts = category_results(table);
    CHECK(counts.size() == 3);

    auto& thk2 = counts["eks_thk2"];
    CHECK(thk2["lulus_pppk"] == 32);
    CHECK(thk2["lulus_cpns"] == 0);
    CHECK(thk2["tidak_lulus"] + thk2["belum_ikut"] == 31);  // not yet accommodated
    CHECK(thk2.size() <= 4);

    auto& bkn = counts["database_bkn"];
    CHECK(bkn["lulus_pppk"] == 656);
    CHECK(bkn["lulus_cpns"] == 18);
    CHECK(bkn["lulus_pppk"] + bkn["lulus_cpns"] + bkn["tidak_lulus"] + bkn["belum_ikut"] == 2698);

    auto& outside = counts["non_database"];
    CHECK(outside["lulus_cpns"] == 0);
    CHECK(outside["lulus_pppk"] == 0);  // the report lists no passes outside the database
    CHECK(outside["tidak_lulus"] + outside["belum_ikut"] == 2113);

    for (auto& [kategori, results] : counts) {
        int total = 0;
        for (const auto& [result, n] : results) total += n;
        if (kategori == "eks_thk2") CHECK(total == 63);
        if (kategori == "database_bkn") CHECK(total == 2698);
        if (kategori == "non_database") CHECK(total == 2113);
    }
}

}  // namespace

TEST_CASE("example data: the Kapuas roster has the roster header and 4,874 workers", "[example_data]") {
    CHECK(kapuas().header == roster_header);
    CHECK(kapuas().rows.size() == 4874);
}

TEST_CASE("example data: Kapuas categories and selection results reproduce the Kapuas report", "[example_data]") {
    check_kapuas_report(kapuas());
    // The split of the rest this data chose (examples/data/README.md).
    auto counts = category_results(kapuas());
    CHECK(counts["eks_thk2"]["tidak_lulus"] == 25);
    CHECK(counts["eks_thk2"]["belum_ikut"] == 6);
    CHECK(counts["database_bkn"]["tidak_lulus"] == 1347);
    CHECK(counts["database_bkn"]["belum_ikut"] == 677);
    CHECK(counts["non_database"]["tidak_lulus"] == 391);
    CHECK(counts["non_database"]["belum_ikut"] == 1722);
}

TEST_CASE("example data: every Kapuas NIK is valid, unique and agrees with birth date and sex", "[example_data]") {
    const auto prefixes = district_prefixes("62.03");
    std::set<std::string> seen;
    std::set<std::string> districts_used;
    for (const auto& row : kapuas().rows) {
        INFO("NIK " << row.at("nik") << " (" << row.at("nama") << ")");
        CHECK(nik_problem(row, prefixes).empty());
        CHECK(seen.insert(row.at("nik")).second);
        districts_used.insert(row.at("nik").substr(0, 6));
    }
    CHECK(seen.size() == 4874);
    CHECK(districts_used.size() == prefixes.size());  // people from every Kapuas district
}

TEST_CASE("example data: Kapuas rows hold only allowed values", "[example_data]") {
    const std::set<std::string> sektor = {"pendidikan", "kesehatan", "teknis", "administrasi"};
    const std::set<std::string> kontrak = {"honorer", "kontrak_daerah", "kontrak_provinsi", "sukarela"};
    const std::set<std::string> kategori = {"eks_thk2", "database_bkn", "non_database"};
    const std::set<std::string> sumber = {"apbd", "apbn", "blud", "lainnya"};
    const std::set<std::string> pendidikan = {"SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"};
    const std::set<std::string> hasil = {"lulus_cpns", "lulus_pppk", "tidak_lulus", "belum_ikut"};
    const std::map<std::string, std::string> sector_of = {
        {"Guru Kelas", "pendidikan"},          {"Guru Mapel", "pendidikan"},
        {"Tenaga Kependidikan", "pendidikan"}, {"Perawat", "kesehatan"},
        {"Bidan", "kesehatan"},                {"Tenaga Kesehatan Lainnya", "kesehatan"},
        {"Operator", "teknis"},                {"Pengemudi", "teknis"},
        {"Petugas Kebersihan", "teknis"},      {"Satpam", "teknis"},
        {"Pengadministrasi Umum", "administrasi"}, {"Operator Komputer", "administrasi"}};
    const Ymd as_of{2025, 6, 1};
    int short_service = 0;
    std::map<std::string, int> by_sumber;
    for (const auto& row : kapuas().rows) {
        INFO("NIK " << row.at("nik"));
        CHECK_FALSE(row.at("nama").empty());
        CHECK_FALSE(row.at("opd").empty());
        CHECK(sektor.count(row.at("sektor")));
        CHECK(kontrak.count(row.at("jenis_kontrak")));
        CHECK(kategori.count(row.at("kategori")));
        CHECK(sumber.count(row.at("sumber_gaji")));
        CHECK(pendidikan.count(row.at("pendidikan")));
        CHECK(hasil.count(row.at("hasil_seleksi")));
        REQUIRE(sector_of.count(row.at("jabatan")));
        CHECK(sector_of.at(row.at("jabatan")) == row.at("sektor"));
        ++by_sumber[row.at("sumber_gaji")];

        REQUIRE(all_digits(row.at("honor_bulanan")));
        const long honor = std::stol(row.at("honor_bulanan"));
        CHECK(honor >= 500000);
        CHECK(honor <= 3500000);
        REQUIRE(all_digits(row.at("nilai_kinerja")));
        const int nilai = std::stoi(row.at("nilai_kinerja"));
        CHECK(nilai >= 50);
        CHECK(nilai <= 100);

        const Ymd born = parse_date(row.at("tanggal_lahir"));
        const Ymd tmt = parse_date(row.at("tmt"));
        CHECK(months_between(born, tmt) >= 18 * 12);  // adults when hired
        CHECK(months_between(born, as_of) <= 57 * 12);
        CHECK(months_between(tmt, as_of) >= 0);
        if (row.at("kategori") == "eks_thk2") {
            CHECK(tmt.year >= 2005);
            CHECK(tmt.year <= 2012);
            CHECK(row.at("jenis_kontrak") == "honorer");
        }
        if (row.at("kategori") == "database_bkn") CHECK(tmt.year <= 2021);
        if (row.at("kategori") == "non_database" && months_between(tmt, as_of) < 24) {
            ++short_service;
            CHECK(row.at("hasil_seleksi") == "belum_ikut");  // could not sit the 2024 selection
        }
        if (row.at("hasil_seleksi") == "lulus_cpns") CHECK(months_between(born, Ymd{2024, 8, 1}) <= 35 * 12 + 11);
    }
    CHECK(short_service > 100);  // the minimum-service rule has workers to refuse
    CHECK(by_sumber["apbd"] > 4000);
    CHECK(by_sumber["blud"] > 0);
    CHECK(by_sumber["lainnya"] > 0);
}

TEST_CASE("example data: names with commas and quotes are quoted as RFC 4180 says", "[example_data]") {
    const std::string text = read_text(data_dir() / "kapuas-roster.csv");
    CHECK(text.find("\"\"") != std::string::npos);  // a doubled quote inside a quoted field
    CHECK(text.find('\r') == std::string::npos);
    int with_comma = 0;
    int with_quote = 0;
    for (const auto& row : kapuas().rows) {
        with_comma += row.at("nama").find(", ") != std::string::npos;
        with_quote += row.at("nama").find('"') != std::string::npos;
    }
    CHECK(with_comma > 100);  // "Siti Aminah, S.Pd."
    CHECK(with_quote >= 1);   // Maria "Ria" ...
    const bool comma_opd = std::any_of(kapuas().rows.begin(), kapuas().rows.end(),
                                       [](const Row& r) { return r.at("opd").find(',') != std::string::npos; });
    CHECK(comma_opd);
}

TEST_CASE("example data: the rejected-rows file plants one problem in each of 20 rows", "[example_data]") {
    const Table table = read_table(data_dir() / "kapuas-roster-salah.csv");
    std::vector<std::string> header = roster_header;
    header.push_back("catatan");
    CHECK(table.header == header);
    REQUIRE(table.rows.size() == 20);
    const auto prefixes = district_prefixes("62.03");
    std::set<std::string> main_niks;
    for (const auto& row : kapuas().rows) main_niks.insert(row.at("nik"));
    std::map<std::string, int> nik_count;
    int nik_problems = 0;
    for (const auto& row : table.rows) {
        CHECK_FALSE(row.at("catatan").empty());
        CHECK_FALSE(main_niks.count(row.at("nik")));  // the main roster stays clean
        ++nik_count[row.at("nik")];
        const bool bad_date = row.at("tanggal_lahir").substr(5) == "02-30";
        const bool bad_sex = row.at("jenis_kelamin") != "L" && row.at("jenis_kelamin") != "P";
        if (!bad_date && !bad_sex && !nik_problem(row, prefixes).empty()) ++nik_problems;
    }
    CHECK(nik_problems == 9);  // 15 digits, letter, regency, province, district, day, year, sex twice
    CHECK(std::count_if(nik_count.begin(), nik_count.end(), [](const auto& kv) { return kv.second == 2; }) == 1);
    CHECK(std::any_of(table.rows.begin(), table.rows.end(), [](const Row& r) { return r.at("nama").empty(); }));
    CHECK(std::any_of(table.rows.begin(), table.rows.end(),
                      [](const Row& r) { return !all_digits(r.at("honor_bulanan")); }));
}

TEST_CASE("example data: Puskesmas Sungai Malang has 16 honorer, 2 regency and 7 provincial contract staff",
          "[example_data]") {
    const Table table = read_table(data_dir() / "hsu-puskesmas-sungai-malang.csv");
    CHECK(table.header == roster_header);
    REQUIRE(table.rows.size() == 25);
    const auto prefixes = district_prefixes("63.08");
    std::map<std::string, int> by_contract;
    for (const auto& row : table.rows) {
        INFO("NIK " << row.at("nik"));
        CHECK(nik_problem(row, prefixes).empty());
        CHECK(row.at("opd") == "Puskesmas Sungai Malang");
        ++by_contract[row.at("jenis_kontrak")];
    }
    CHECK(by_contract == std::map<std::string, int>{{"honorer", 16}, {"kontrak_daerah", 2}, {"kontrak_provinsi", 7}});

    const std::string unit = read_text(data_dir() / "hsu-puskesmas-sungai-malang.yaml");
    for (const char* line : {"regency: \"63.08\"\n", "unit: Puskesmas Sungai Malang\n", "  total: 81\n",
                             "  pns: 56  # ASN; not in the non-ASN roster\n", "  non_asn: 25\n", "  honorer: 16\n",
                             "  kontrak_daerah: 2\n", "  kontrak_provinsi: 7\n"}) {
        INFO(line);
        CHECK(unit.find(line) != std::string::npos);
    }
}

TEST_CASE("example data: grievances come from workers of the Kapuas roster", "[example_data]") {
    const std::string text = read_text(data_dir() / "grievances.yaml");
    std::set<std::string> niks;
    for (const auto& row : kapuas().rows) niks.insert(row.at("nik"));
    int grievances = 0;
    std::set<std::string> kinds;
    for (std::size_t at = text.find("    nik: \""); at != std::string::npos; at = text.find("    nik: \"", at + 1)) {
        const std::string nik = text.substr(at + 10, 16);
        INFO("grievance NIK " << nik);
        CHECK(niks.count(nik));
        ++grievances;
    }
    for (std::size_t at = text.find("    kategori: "); at != std::string::npos;
         at = text.find("    kategori: ", at + 1))
        kinds.insert(text.substr(at + 14, text.find('\n', at) - at - 14));
    CHECK(grievances >= 5);
    CHECK(grievances <= 6);
    CHECK(kinds == std::set<std::string>{"data_salah", "keberatan_peringkat", "upah_tidak_dibayar",
                                         "bpjs_tidak_terdaftar"});
    CHECK(text.find("vendor: \"PT Kapuas Bersih Mandiri\"") != std::string::npos);
}

TEST_CASE("example data: the committed files are what the generator writes", "[example_data][generator]") {
    const fs::path generator = require_generator();
    TempDir out;
    REQUIRE(run_generator(generator, out.path()) == 0);
    for (const auto& name : generated_files) {
        INFO(name << ": regenerate with the command in examples/data/README.md");
        const std::string fresh = read_text(out / name);
        const std::string committed = read_text(data_dir() / name);
        CHECK_FALSE(fresh.empty());
        CHECK(fresh.size() == committed.size());
        CHECK((fresh == committed));
    }
}

TEST_CASE("example data: another seed gives other workers and the same report figures", "[example_data][generator]") {
    const fs::path generator = require_generator();
    TempDir out;
    REQUIRE(run_generator(generator, out.path(), {"--seed", "1"}) == 0);
    const Table other = read_table(out / "kapuas-roster.csv");
    check_kapuas_report(other);
    CHECK(read_text(out / "kapuas-roster.csv") != read_text(data_dir() / "kapuas-roster.csv"));
    const auto prefixes = district_prefixes("62.03");
    std::set<std::string> seen;
    for (const auto& row : other.rows) {
        CHECK(nik_problem(row, prefixes).empty());
        CHECK(seen.insert(row.at("nik")).second);
    }

    TempDir again;
    REQUIRE(run_generator(generator, again.path(), {"--seed", "1"}) == 0);
    CHECK((read_text(again / "kapuas-roster.csv") == read_text(out / "kapuas-roster.csv")));

    TempDir refused;
    CHECK(run_generator(generator, refused.path(), {"--seed", "abc"}, true) == 2);
}
