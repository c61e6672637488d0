#include "roster.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace tata::example {

const std::vector<std::string>& roster_header() {
    static const std::vector<std::string> header = {
        "nik",     "nama",    "tanggal_lahir", "jenis_kelamin", "opd",           "jabatan",    "sektor",       "jenis_kontrak",
        "tmt",     "kategori", "sumber_gaji",  "honor_bulanan", "pendidikan",    "nilai_kinerja", "hasil_seleksi",
        "dokumen"};
    return header;
}

namespace {

// The documents the OPD has handed in, separated by ';'. Derived from the
// NIK's serial rather than drawn, so adding this column left every other
// generated value as it was: about 1 in 23 files lacks the diploma, 1 in 37
// the salary proof.
std::string documents_of(const Worker& w) {
    const int serial = std::stoi(w.nik.substr(12, 4));
    std::string documents = "ktp;sk";
    if (serial % 37 != 0) documents += ";bukti_gaji";
    if (serial % 23 != 0) documents += ";ijazah";
    return documents;
}

}  // namespace

std::vector<std::string> roster_fields(const Worker& w) {
    return {w.nik,          w.nama,       iso(w.tanggal_lahir), w.sex == Sex::female ? "P" : "L",
            w.opd,          w.jabatan,    w.sektor,             w.jenis_kontrak,
            iso(w.tmt),     w.kategori,   w.sumber_gaji,        std::to_string(w.honor_bulanan),
            w.pendidikan,   std::to_string(w.nilai_kinerja),    w.hasil_seleksi,
            documents_of(w)};
}

std::string NikAllocator::assign(Rng& rng, const std::string& prefix, const Date& birth, Sex sex) {
    char middle[40];
    std::snprintf(middle, sizeof middle, "%02d%02d%02d", birth.day + (sex == Sex::female ? 40 : 0), birth.month,
                  birth.year % 100);
    // Serials are small numbers in practice; widen the range only if crowded.
    for (int range = 200;; range *= 2) {
        for (int attempt = 0; attempt < 20; ++attempt) {
            char serial[16];
            std::snprintf(serial, sizeof serial, "%04d", rng.between(1, std::min(range, 9999)));
            std::string nik = prefix + middle + serial;
            if (used_.insert(nik).second) return nik;
        }
        if (range > 9999) throw std::runtime_error("no NIK serial left for " + prefix + middle);
    }
}

Worker make_person(Rng& rng, NikAllocator& niks, const std::string& district_prefix, const Jabatan& jabatan,
                   const Date& tmt) {
    Worker w;
    w.sex = rng.chance(jabatan.female_per_mille) ? Sex::female : Sex::male;
    w.jabatan = jabatan.name;
    w.sektor = sektor_name(jabatan.sektor);
    w.pendidikan = pick_education(rng, jabatan);
    w.tmt = tmt;
    // Age at first appointment: at least the usual age for the schooling,
    // and nobody older than 56 today (non-ASN retire with the ASN at 58).
    const int earliest = day_number(tmt) - (min_hiring_age(w.pendidikan) + 1) * 365;
    for (;;) {
        int extra_years = rng.between(0, 8);
        extra_years += rng.between(0, 8);
        const int born = earliest - extra_years * 365 - rng.between(0, 364);
        w.tanggal_lahir = from_day_number(born);
        if (whole_years(w.tanggal_lahir, reference_date) <= 56) break;
    }
    // One random draw per statement: the operands of + are unsequenced.
    w.nama = make_name(rng, w.sex);
    w.nama += pick_title(rng, jabatan, w.pendidikan);
    w.nik = niks.assign(rng, district_prefix, w.tanggal_lahir, w.sex);
    // Mostly 70–95, a long tail down to 50.
    if (rng.chance(60)) {
        w.nilai_kinerja = rng.between(50, 69);
    } else {
        w.nilai_kinerja = 60 + rng.between(0, 20);
        w.nilai_kinerja += rng.between(0, 20);
    }
    return w;
}

namespace {

Date start_of(Rng& rng, int year, int last_month) {
    const int month = rng.between(1, last_month);
    // Most appointment letters take effect on the first of a month.
    return {year, month, rng.chance(750) ? 1 : rng.between(2, 28)};
}

int pick_year(Rng& rng, int first, const std::vector<int>& weights) {
    return first + static_cast<int>(rng.weighted(weights));
}

}  // namespace

Date pick_tmt(Rng& rng, const std::string& kategori) {
    if (kategori == "eks_thk2") return start_of(rng, rng.between(2005, 2012), 12);
    if (kategori == "database_bkn") {
        //                           2006 ....... 2010  2011 ....... 2015  2016 ............ 2021
        const int year = pick_year(rng, 2006, {3, 3, 3, 3, 3, 5, 5, 5, 5, 5, 8, 8, 8, 8, 8, 8});
        return start_of(rng, year, 12);
    }
    //                               2010 ......... 2015  2016 ..... 2019 2020 2021 2022 2023 2024 2025
    const int year = pick_year(rng, 2010, {2, 2, 2, 2, 2, 2, 5, 5, 5, 5, 7, 8, 10, 10, 5, 1});
    return start_of(rng, year, year == 2025 ? 5 : 12);
}

long pick_honor(Rng& rng, const Jabatan& jabatan, const std::string& jenis_kontrak, const std::string& sumber_gaji,
                int years_of_service) {
    long thousands = rng.between(jabatan.honor_min, jabatan.honor_max);
    if (jenis_kontrak == "kontrak_daerah" || jenis_kontrak == "kontrak_provinsi") thousands += 250;
    if (sumber_gaji == "blud") thousands += 400;
    if (sumber_gaji == "lainnya") thousands = rng.between(500, 1200);  // school BOS funds, donations
    if (jenis_kontrak == "sukarela") thousands = rng.between(500, 800);
    thousands += 15L * std::max(0, years_of_service);
    thousands = std::clamp(thousands, 500L, 3500L);
    return (thousands + 12) / 25 * 25 * 1000;  // to the nearest Rp 25,000
}

const std::array<CategoryTarget, 3>& kapuas_targets() {
    static const std::array<CategoryTarget, 3> targets = {{
        {"eks_thk2", 63, 0, 32, 25},
        {"database_bkn", 2698, 18, 656, 1347},
        {"non_database", 2113, 0, 0, 391},
    }};
    return targets;
}

std::string pick_kapuas_district(Rng& rng, const std::vector<District>& districts) {
    // Relative population by the district code's last two digits; Selat
    // holds the regency seat Kuala Kapuas. Unlisted codes weigh 2.
    static const std::map<std::string, int> weight = {
        {"01", 25}, {"02", 10}, {"03", 8}, {"04", 5}, {"05", 4}, {"06", 4}, {"07", 5}, {"08", 5}, {"09", 5},
        {"10", 2},  {"11", 3},  {"12", 2}, {"13", 3}, {"14", 2}, {"15", 1}, {"16", 3}, {"17", 5}};
    std::vector<int> weights;
    for (const auto& d : districts) {
        const auto it = weight.find(d.code.substr(d.code.size() - 2));
        weights.push_back(it == weight.end() ? 2 : it->second);
    }
    return districts[rng.weighted(weights)].nik_prefix();
}

namespace {

std::vector<int> sector_weights(const std::string& kategori) {
    //                        pendidikan kesehatan teknis administrasi
    if (kategori == "eks_thk2") return {60, 10, 5, 25};
    if (kategori == "database_bkn") return {45, 22, 18, 15};
    return {35, 20, 28, 17};
}

std::string pick_kontrak(Rng& rng, const std::string& kategori) {
    if (kategori == "eks_thk2") return "honorer";
    const std::vector<std::string> kinds = {"honorer", "kontrak_daerah", "sukarela"};
    return kinds[rng.weighted(kategori == "database_bkn" ? std::vector<int>{70, 28, 2} : std::vector<int>{60, 32, 8})];
}

std::string pick_sumber(Rng& rng, const Opd& opd, const std::string& kontrak) {
    if (kontrak == "sukarela") return rng.chance(500) ? "lainnya" : "apbd";
    if (opd.kind == OpdKind::rsud) return rng.chance(850) ? "blud" : "apbd";
    if (opd.kind == OpdKind::puskesmas) return rng.chance(80) ? "blud" : "apbd";
    if (opd.kind == OpdKind::pendidikan) return rng.chance(40) ? "lainnya" : "apbd";
    return "apbd";
}

int service_years(const Worker& w) { return whole_years(w.tmt, reference_date); }

// Could sit the 2024 CPNS test: at most 35 on 1 August 2024, diploma or degree.
bool cpns_eligible(const Worker& w) {
    const bool schooled = w.pendidikan == "D3" || w.pendidikan == "D4" || w.pendidikan == "S1" || w.pendidikan == "S2";
    return schooled && whole_years(w.tanggal_lahir, Date{2024, 8, 1}) <= 35;
}

// Could sit the 2024 PPPK test: outside the BKN database only with two
// continuous years of service when registration closed.
bool pppk_eligible(const Worker& w) {
    return w.kategori != "non_database" || day_number(w.tmt) <= day_number(Date{2022, 10, 31});
}

// Gives each worker of one category a result, exactly as many of each as the target says.
void assign_results(Rng& rng, std::vector<Worker*> group, const CategoryTarget& target) {
    struct Ranked {
        long key;
        Worker* worker;
    };
    auto take = [&](int count, const char* result, auto eligible, auto bonus) {
        std::vector<Ranked> pool;
        for (Worker* w : group)
            if (w->hasil_seleksi.empty() && eligible(*w))
                pool.push_back({static_cast<long>(rng.below(1000)) + bonus(*w), w});
        if (static_cast<int>(pool.size()) < count)
            throw std::runtime_error(std::string("not enough ") + target.kategori + " workers for " + result);
        // Highest key first; the NIK breaks ties so the order is total.
        std::sort(pool.begin(), pool.end(), [](const Ranked& a, const Ranked& b) {
            return a.key != b.key ? a.key > b.key : a.worker->nik < b.worker->nik;
        });
        for (int i = 0; i < count; ++i) pool[static_cast<std::size_t>(i)].worker->hasil_seleksi = result;
    };
    const auto none = [](const Worker&) { return 0L; };
    // Formasi in Kapuas went mostly to teachers and health workers with long service.
    const auto priority = [](const Worker& w) {
        return (w.sektor == "pendidikan" || w.sektor == "kesehatan" ? 400L : 0L) + 20L * service_years(w);
    };
    take(target.lulus_cpns, "lulus_cpns", cpns_eligible, priority);
    take(target.lulus_pppk, "lulus_pppk", pppk_eligible, priority);
    take(target.tidak_lulus, "tidak_lulus", pppk_eligible, none);
    for (Worker* w : group)
        if (w->hasil_seleksi.empty()) w->hasil_seleksi = "belum_ikut";
}

}  // namespace

std::vector<Worker> generate_kapuas(Rng& rng, NikAllocator& niks, const std::vector<District>& districts) {
    const std::vector<Opd> opds = kapuas_opds(districts);
    std::vector<Worker> workers;
    for (const auto& target : kapuas_targets()) {
        const std::size_t first = workers.size();
        for (int i = 0; i < target.total; ++i) {
            const auto sektor = static_cast<Sektor>(rng.weighted(sector_weights(target.kategori)));
            std::vector<int> opd_weights;
            for (const auto& opd : opds) opd_weights.push_back(opd.weight[static_cast<std::size_t>(sektor)]);
            const Opd& opd = opds[rng.weighted(opd_weights)];
            const Jabatan& jabatan = pick_jabatan(rng, sektor, opd.kind);
            const Date tmt = pick_tmt(rng, target.kategori);
            // Staff of a Puskesmas or Kecamatan office mostly live in its district.
            std::string prefix = pick_kapuas_district(rng, districts);
            if (!opd.district.empty() && rng.chance(700)) {
                for (const auto& d : districts)
                    if (d.code == opd.district) prefix = d.nik_prefix();
            }
            Worker w = make_person(rng, niks, prefix, jabatan, tmt);
            w.opd = opd.name;
            w.kategori = target.kategori;
            w.jenis_kontrak = pick_kontrak(rng, target.kategori);
            w.sumber_gaji = pick_sumber(rng, opd, w.jenis_kontrak);
            w.honor_bulanan = pick_honor(rng, jabatan, w.jenis_kontrak, w.sumber_gaji, service_years(w));
            workers.push_back(std::move(w));
        }
        std::vector<Worker*> group;
        for (std::size_t i = first; i < workers.size(); ++i) group.push_back(&workers[i]);
        assign_results(rng, group, target);
    }
    std::sort(workers.begin(), workers.end(), [](const Worker& a, const Worker& b) {
        if (a.opd != b.opd) return a.opd < b.opd;
        if (day_number(a.tmt) != day_number(b.tmt)) return day_number(a.tmt) < day_number(b.tmt);
        return a.nik < b.nik;
    });
    return workers;
}

}  // namespace tata::example
