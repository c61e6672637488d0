#include "ranking/worker_record.hpp"

#include <algorithm>
#include <charconv>

namespace tata::ranking {
namespace {

bool parse_int(std::string_view text, int& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

const std::vector<std::string>& worker_columns() {
    static const std::vector<std::string> columns = {
        "nik",         "nama",          "tanggal_lahir", "jenis_kelamin",    "opd",               "jabatan",
        "sektor",      "jenis_kontrak", "tmt",           "kategori",         "sumber_gaji",       "honor_bulanan",
        "pendidikan",  "nilai_kinerja", "hasil_seleksi", "masa_kerja_tahun", "pelamar_prioritas", "lulus_ppg",
        "predikat_kinerja", "predikat_kinerja_tahun", "predikat_kinerja_lalu"};
    return columns;
}

const std::vector<std::string>& indexed_worker_columns() {
    static const std::vector<std::string> columns(worker_columns().begin(),
                                                  worker_columns().begin() + column::indexed);
    return columns;
}

const std::string& group_code(Group group) {
    static const std::array<std::string, 7> codes = {"hasil seleksi nasional", "R1", "R2", "R3", "R4", "R5",
                                                     "tidak termasuk prioritas"};
    return codes[static_cast<std::size_t>(group)];
}

const std::string& group_words(Group group) {
    static const std::array<std::string, 7> words = {
        "hasil seleksi nasional",
        "R1 (pelamar prioritas)",
        "R2 (eks THK-II)",
        "R3 (terdata di database BKN)",
        "R4 (non-database, masa kerja minimal 2 tahun berturut-turut)",
        "R5 (lulusan PPG)",
        "tidak termasuk prioritas (non-database, masa kerja kurang dari 2 tahun, bukan lulusan PPG)"};
    return words[static_cast<std::size_t>(group)];
}

void complete_service_years(WorkerValues& values, std::string_view reference_date) {
    if (!values[column::masa_kerja_tahun].is_null()) return;
    const FieldValue& tmt = values[column::tmt];
    if (tmt.kind != FieldKind::text || tmt.text.size() < 10 || reference_date.size() < 10) return;
    int from = 0, to = 0;
    if (!parse_int(tmt.text.substr(0, 4), from) || !parse_int(reference_date.substr(0, 4), to)) return;
    int years = to - from;
    if (reference_date.substr(5, 5) < tmt.text.substr(5, 5)) --years;  // MM-DD compares as text
    values[column::masa_kerja_tahun] = FieldValue::of_integer(std::max(0, years));
}

Group national_group(const WorkerValues& values) {
    const FieldValue& result = values[column::hasil_seleksi];
    if (is_text(result, "lulus_cpns") || is_text(result, "lulus_pppk")) return Group::national;
    if (is_text(values[column::pelamar_prioritas], "ya")) return Group::r1;
    const FieldValue& kategori = values[column::kategori];
    if (is_text(kategori, "eks_thk2")) return Group::r2;
    if (is_text(kategori, "database_bkn")) return Group::r3;
    const FieldValue& service = values[column::masa_kerja_tahun];
    if (is_text(kategori, "non_database") && service.is_numeric() && service.as_double() >= 2) return Group::r4;
    if (is_text(values[column::lulus_ppg], "ya")) return Group::r5;
    return Group::none;
}

WorkerValues values_of(const nlohmann::json& record) {
    WorkerValues values;
    const auto& names = worker_columns();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto it = record.find(names[i]);
        if (it == record.end()) continue;
        if (it->is_string()) values[i] = FieldValue::of_text(it->get_ref<const std::string&>());
        else if (it->is_boolean()) values[i] = FieldValue::of_integer(it->get<bool>() ? 1 : 0);
        else if (it->is_number_integer()) values[i] = FieldValue::of_integer(it->get<std::int64_t>());
        else if (it->is_number()) values[i] = FieldValue::of_number(it->get<double>());
    }
    return values;
}

}  // namespace tata::ranking
