// tata_example_roster: writes Tata's example data (examples/data/) from a seed.
//
//   tata_example_roster [--seed N] [--wilayah DIR] OUT_DIR
//
// Same seed and same rules/wilayah/districts.csv, same bytes, on any platform.
#include "csv.hpp"
#include "extras.hpp"
#include "roster.hpp"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#ifndef TATA_EXAMPLE_WILAYAH_DIR
#define TATA_EXAMPLE_WILAYAH_DIR "rules/wilayah"
#endif

namespace fs = std::filesystem;
using namespace tata::example;

namespace {

constexpr unsigned long long default_seed = 6203;

void write(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
    std::cout << "wrote " << file.string() << "\n";
}

std::string roster_text(const std::vector<Worker>& workers) {
    std::string out = csv_record(roster_header());
    for (const auto& w : workers) out += csv_record(roster_fields(w));
    return out;
}

void print_summary(const std::vector<Worker>& kapuas) {
    std::map<std::string, std::map<std::string, int>> counts;
    for (const auto& w : kapuas) ++counts[w.kategori][w.hasil_seleksi];
    std::printf("%-14s %6s %11s %11s %12s %11s\n", "kategori", "total", "lulus_cpns", "lulus_pppk", "tidak_lulus",
                "belum_ikut");
    for (const auto& target : kapuas_targets()) {
        auto& c = counts[target.kategori];
        std::printf("%-14s %6d %11d %11d %12d %11d\n", target.kategori,
                    c["lulus_cpns"] + c["lulus_pppk"] + c["tidak_lulus"] + c["belum_ikut"], c["lulus_cpns"],
                    c["lulus_pppk"], c["tidak_lulus"], c["belum_ikut"]);
    }
    std::printf("%-14s %6zu\n", "jumlah", kapuas.size());
}

int usage(std::ostream& out, int code) {
    out << "usage: tata_example_roster [--seed N] [--wilayah DIR] OUT_DIR\n"
           "  Writes kapuas-roster.csv, kapuas-roster-salah.csv, hsu-puskesmas-sungai-malang.csv,\n"
           "  hsu-puskesmas-sungai-malang.yaml and grievances.yaml into OUT_DIR.\n"
           "  --seed N       random seed (default "
        << default_seed
        << ")\n"
           "  --wilayah DIR  folder with districts.csv (default " TATA_EXAMPLE_WILAYAH_DIR ")\n";
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    unsigned long long seed = default_seed;
    fs::path wilayah = TATA_EXAMPLE_WILAYAH_DIR;
    fs::path out_dir;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") return usage(std::cout, 0);
        if ((arg == "--seed" || arg == "--wilayah") && i + 1 < argc) {
            const std::string value = argv[++i];
            if (arg == "--wilayah") {
                wilayah = value;
                continue;
            }
            try {
                std::size_t used = 0;
                seed = std::stoull(value, &used);
                if (used != value.size()) throw std::invalid_argument(value);
            } catch (const std::exception&) {
                std::cerr << "tata_example_roster: --seed needs a whole number, not '" << value << "'\n";
                return 2;
            }
        } else if (!arg.empty() && arg[0] != '-' && out_dir.empty()) {
            out_dir = arg;
        } else {
            std::cerr << "tata_example_roster: unexpected argument '" << arg << "'\n";
            return usage(std::cerr, 2);
        }
    }
    if (out_dir.empty()) return usage(std::cerr, 2);

    try {
        const auto kapuas_districts = read_districts(wilayah / "districts.csv", "62.03");
        const auto hsu_districts = read_districts(wilayah / "districts.csv", "63.08");
        fs::create_directories(out_dir);

        // One generator and one NIK pool for the whole run: files are written
        // in a fixed order, and no NIK appears in two files by accident.
        Rng rng(seed);
        NikAllocator niks;
        const auto kapuas = generate_kapuas(rng, niks, kapuas_districts);
        const std::string problems = kapuas_problem_rows(rng, niks, kapuas_districts);
        const auto hsu = hsu_puskesmas_staff(rng, niks, hsu_districts);

        write(out_dir / "kapuas-roster.csv", roster_text(kapuas));
        write(out_dir / "kapuas-roster-salah.csv", problems);
        write(out_dir / "hsu-puskesmas-sungai-malang.csv", roster_text(hsu));
        write(out_dir / "hsu-puskesmas-sungai-malang.yaml", hsu_unit_yaml(hsu, seed));
        write(out_dir / "grievances.yaml", grievances_yaml(kapuas, seed));
        print_summary(kapuas);
    } catch (const std::exception& e) {
        std::cerr << "tata_example_roster: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
