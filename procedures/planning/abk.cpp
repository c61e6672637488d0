#include "planning/abk.hpp"

#include "planning/planning_yaml.hpp"

#include "csv/csv_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <regex>
#include <set>

namespace tata::planning {
namespace {

// Staff counts past this are a typing mistake, and would not fit an int.
constexpr long long kMostStaff = 1'000'000;

bool has_extension(const std::filesystem::path& file, std::initializer_list<const char*> extensions) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* e : extensions)
        if (ext == e) return true;
    return false;
}

// A number from a spreadsheet cell: "26000", "0.5" and "0,5" are read;
// "26.000" or "1,250" are refused, since a thousands separator and a
// decimal one cannot be told apart there.
std::optional<double> cell_number(std::string_view text) {
    static const std::regex grouped(R"(\d{1,3}([.,]\d{3})+)");
    if (std::regex_match(text.begin(), text.end(), grouped)) return std::nullopt;
    std::string value(text);
    std::replace(value.begin(), value.end(), ',', '.');
    double out = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(out) || out < 0) return std::nullopt;
    return out;
}

}  // namespace

double round2(double x) { return std::floor(x * 100.0 + 0.5 + 1e-9) / 100.0; }

std::vector<EfficiencyBand> default_efficiency_bands() {
    return {{"A", 1.00, "sangat baik"}, {"B", 0.90, "baik"}, {"C", 0.70, "cukup"}, {"D", 0.0, "kurang"}};
}

AbkInput load_abk(const std::filesystem::path& file) {
    if (has_extension(file, {".csv"})) return parse_abk_csv(file);
    if (has_extension(file, {".yaml", ".yml"})) return parse_abk_yaml(read_planning_file(file), file.string());
    throw PlanningFileError(file.string() + ": error: an ABK table is a .yaml or a .csv file");
}

AbkInput parse_abk_yaml(const std::string& text, const std::string& file_name) {
    PlanningYaml yaml(text, file_name);
    const YAML::Node& root = yaml.root();
    yaml.reject_unknown_keys(root, {"wke_menit", "sumber", "opd"});
    AbkInput input;
    if (root["wke_menit"]) input.wke_menit = yaml.number(root, "wke_menit", true, kDefaultWkeMinutes, 1);
    const YAML::Node opds = root["opd"];
    if (!opds) yaml.problem(root, "`opd` is required: the OPD with their jabatan and tasks");
    else if (yaml.expect_list(opds, "`opd`")) {
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& opd : opds) {
            if (!yaml.expect_map(opd, "an OPD")) continue;
            yaml.reject_unknown_keys(opd, {"nama", "jabatan"});
            const std::string opd_name = yaml.text(opd, "nama", true);
            const YAML::Node list = opd["jabatan"];
            if (!list) {
                yaml.problem(opd, "`jabatan` is required");
                continue;
            }
            if (!yaml.expect_list(list, "`jabatan`")) continue;
            for (const auto& node : list) {
                if (!yaml.expect_map(node, "a jabatan")) continue;
                yaml.reject_unknown_keys(node, {"nama", "sektor", "pns", "pppk", "tugas"});
                AbkJabatan j;
                j.opd = opd_name;
                j.jabatan = yaml.text(node, "nama", true);
                j.sektor = yaml.text(node, "sektor", false);
                for (auto [key, into] : {std::pair{"pns", &j.pns}, std::pair{"pppk", &j.pppk}}) {
                    const long long count = yaml.whole(node, key, false, 0, 0);
                    if (count > kMostStaff) yaml.problem(node[key], std::string("`") + key + "` is at most 1000000");
                    else *into = static_cast<int>(count);
                }
                if (!seen.emplace(j.opd, j.jabatan).second)
                    yaml.problem(node, "jabatan '" + j.jabatan + "' of " + j.opd + " is listed twice");
                const YAML::Node tasks = node["tugas"];
                if (tasks && yaml.expect_list(tasks, "`tugas`")) {
                    for (const auto& t : tasks) {
                        if (!yaml.expect_map(t, "a task")) continue;
                        yaml.reject_unknown_keys(t, {"uraian", "satuan", "volume", "norma_menit"});
                        AbkTask task;
                        task.uraian = yaml.text(t, "uraian", true);
                        task.satuan = yaml.text(t, "satuan", false);
                        task.volume = yaml.number(t, "volume", true, 0, 0);
                        task.norma_menit = yaml.number(t, "norma_menit", true, 0, 0);
                        j.tugas.push_back(std::move(task));
                    }
                }
                input.jabatan.push_back(std::move(j));
            }
        }
    }
    yaml.throw_if_problems();
    return input;
}

namespace {

AbkInput read_abk_csv(csv::Reader& reader) {
    AbkInput input;
    std::string problems;
    {
        const auto& header = reader.read_header({"opd", "jabatan", "tugas", "volume", "norma_menit"});
        const std::size_t opd = header.index("opd"), jabatan = header.index("jabatan"), tugas = header.index("tugas"),
                          volume = header.index("volume"), norma = header.index("norma_menit");
        const auto sektor = header.find("sektor"), satuan = header.find("satuan"), pns = header.find("pns"),
                   pppk = header.find("pppk");
        std::map<std::pair<std::string, std::string>, std::size_t> index;
        // pns and pppk may be on any row of the jabatan, or on all of them alike.
        auto staff = [&](std::optional<int>& into, const std::optional<std::size_t>& column, const csv::Row& row,
                         const char* name) {
            if (!column || row[*column].empty()) return;
            const auto value = cell_number(row[*column]);
            if (!value || std::floor(*value) != *value || *value > static_cast<double>(kMostStaff)) {
                problems += reader.location(row) + ": kolom " + name + " harus bilangan bulat dari 0 sampai 1.000.000\n";
                return;
            }
            if (into && *into != static_cast<int>(*value)) {
                problems += reader.location(row) + ": kolom " + name + " berbeda dengan baris sebelumnya untuk jabatan yang sama\n";
                return;
            }
            into = static_cast<int>(*value);
        };
        std::vector<std::pair<std::optional<int>, std::optional<int>>> staff_of;
        for (const csv::Row& row : reader) {
            const std::string o(row[opd]), j(row[jabatan]);
            if (o.empty() || j.empty()) {
                problems += reader.location(row) + ": opd dan jabatan wajib diisi\n";
                continue;
            }
            auto [it, added] = index.emplace(std::make_pair(o, j), input.jabatan.size());
            if (added) {
                AbkJabatan entry;
                entry.opd = o;
                entry.jabatan = j;
                input.jabatan.push_back(std::move(entry));
                staff_of.emplace_back();
            }
            AbkJabatan& entry = input.jabatan[it->second];
            if (sektor && !row[*sektor].empty()) entry.sektor = std::string(row[*sektor]);
            staff(staff_of[it->second].first, pns, row, "pns");
            staff(staff_of[it->second].second, pppk, row, "pppk");
            if (row[tugas].empty() && row[volume].empty() && row[norma].empty()) continue;  // a staff-only row
            AbkTask task;
            task.uraian = std::string(row[tugas]);
            if (satuan) task.satuan = std::string(row[*satuan]);
            const auto v = cell_number(row[volume]);
            const auto n = cell_number(row[norma]);
            if (task.uraian.empty()) problems += reader.location(row) + ": kolom tugas wajib diisi\n";
            if (!v) problems += reader.location(row) + ": kolom volume harus angka ≥ 0, tanpa pemisah ribuan\n";
            if (!n) problems += reader.location(row) + ": kolom norma_menit harus angka ≥ 0, tanpa pemisah ribuan\n";
            if (v && n && !task.uraian.empty()) {
                task.volume = *v;
                task.norma_menit = *n;
                entry.tugas.push_back(std::move(task));
            }
        }
        for (std::size_t i = 0; i < input.jabatan.size(); ++i) {
            input.jabatan[i].pns = staff_of[i].first.value_or(0);
            input.jabatan[i].pppk = staff_of[i].second.value_or(0);
        }
    }
    if (!problems.empty()) throw PlanningFileError(problems.substr(0, problems.size() - 1));
    return input;
}

}  // namespace

AbkInput parse_abk_csv(const std::filesystem::path& file) {
    try {
        csv::Reader reader(file);
        return read_abk_csv(reader);
    } catch (const csv::Error& e) {
        throw PlanningFileError(e.what());
    }
}

AbkInput parse_abk_csv(std::istream& in, const std::string& file_name) {
    try {
        csv::Reader reader(in, file_name);
        return read_abk_csv(reader);
    } catch (const csv::Error& e) {
        throw PlanningFileError(e.what());
    }
}

NeedsReport compute_needs(const AbkInput& input, double wke_menit, const RosterCounts& roster,
                          const std::vector<EfficiencyBand>& bands) {
    NeedsReport report;
    report.wke_menit = input.wke_menit.value_or(wke_menit);
    if (!std::isfinite(report.wke_menit) || report.wke_menit < 1)
        throw PlanningFileError("ABK: error: wke_menit (effective working minutes a year) must be at least 1");
    std::vector<EfficiencyBand> ordered = bands;
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.min > b.min; });
    std::map<std::string, std::size_t> opd_index;
    std::set<std::pair<std::string, std::string>> covered;

    auto add = [](OpdNeed& sum, const JabatanNeed& j) {
        sum.beban_menit += j.beban_menit;
        sum.kebutuhan_bulat += j.kebutuhan_bulat;
        sum.pns += j.pns;
        sum.pppk += j.pppk;
        sum.non_asn += j.non_asn;
        sum.lulus_seleksi += j.lulus_seleksi;
        sum.selisih_asn += j.selisih_asn;
        sum.selisih_total += j.selisih_total;
        sum.kurang_asn += std::max(0, j.selisih_asn);
    };

    for (const auto& in : input.jabatan) {
        JabatanNeed j;
        j.opd = in.opd;
        j.jabatan = in.jabatan;
        j.sektor = in.sektor;
        j.pns = in.pns;
        j.pppk = in.pppk;
        for (const auto& t : in.tugas) j.beban_menit += t.volume * t.norma_menit;
        j.kebutuhan = round2(j.beban_menit / report.wke_menit);
        // Volumes or norm times typed wrong by orders of magnitude: said
        // plainly, before the figure overflows the staff count.
        if (!std::isfinite(j.kebutuhan) || j.kebutuhan > static_cast<double>(kMostStaff))
            throw PlanningFileError("ABK: error: jabatan '" + in.jabatan + "' (" + in.opd +
                                    ") needs more than 1000000 staff: check its volume and norma_menit");
        j.kebutuhan_bulat = static_cast<int>(std::floor(j.kebutuhan + 0.5));
        if (j.beban_menit > 0) j.kebutuhan_bulat = std::max(1, j.kebutuhan_bulat);
        const auto key = std::make_pair(in.opd, in.jabatan);
        covered.insert(key);
        if (const auto it = roster.find(key); it != roster.end()) {
            j.non_asn = it->second.non_asn;
            j.lulus_seleksi = it->second.lulus_seleksi;
        }
        j.selisih_asn = j.kebutuhan_bulat - j.pns - j.pppk;
        j.selisih_total = j.selisih_asn - j.non_asn;
        const int staff = j.pns + j.pppk + j.non_asn;
        j.efisiensi = staff > 0 ? round2(j.beban_menit / (staff * report.wke_menit)) : 0;
        for (const auto& band : ordered)
            if (staff > 0 && j.efisiensi >= band.min) {
                j.kategori = band.kategori;
                j.kategori_label = band.label;
                break;
            }
        auto [slot, added] = opd_index.emplace(in.opd, report.opd.size());
        if (added) report.opd.push_back(OpdNeed{in.opd});
        add(report.opd[slot->second], j);
        add(report.total, j);
        report.jabatan.push_back(std::move(j));
    }
    for (const auto& [key, count] : roster)
        if (!covered.count(key) && count.non_asn > 0) report.tanpa_abk.emplace_back(key, count.non_asn);
    return report;
}

}  // namespace tata::planning
