// One worker's place in a ranking, in words: built only for the workers
// someone looks at (--explain, the top of the table, JSON output).
#include "ranking/ranking_data.hpp"

#include "performance/predikat_summary.hpp"

#include <array>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace tata::ranking {
namespace {

std::string points_text(double points) {
    std::ostringstream out;
    if (std::floor(points) == points)
        out << static_cast<long long>(points);
    else
        out << points;
    return out.str();
}

std::string jenis_words(const std::string& jenis) {
    if (jenis == "cpns") return "CPNS";
    if (jenis == "pppk") return "PPPK";
    if (jenis == "pppk_paruh_waktu") return "PPPK paruh waktu";
    if (jenis == "alih_daya") return "alih daya";
    return jenis;  // dirumahkan
}

// The evaluations a scorecard rule may have read, named so a worker can
// find them: "Predikat kinerja tahun 2025: Sangat Baik; sebelumnya: Baik."
std::string evaluation_words(const WorkerValues& values, const DecisionTable* table) {
    const FieldValue& latest = values[column::predikat_kinerja];
    if (latest.kind != FieldKind::text) return {};
    std::string text = " Predikat kinerja";
    if (values[column::predikat_kinerja_tahun].is_numeric())
        text += " tahun " + std::to_string(values[column::predikat_kinerja_tahun].integer);
    text += ": " + performance::predikat_label(table, latest.text);
    if (const FieldValue& previous = values[column::predikat_kinerja_lalu]; previous.kind == FieldKind::text)
        text += "; penilaian sebelumnya: " + performance::predikat_label(table, previous.text);
    return text + ".";
}

std::string reason(const RankingData& data, std::size_t position, std::size_t row) {
    const WorkerTable& t = data.table;
    const Outcome outcome = data.outcomes[position];
    const std::string kategori(t.value(row, column::kategori).text);
    const std::string sektor(t.value(row, column::sektor).text);
    if (data.groups[row] == Group::national) {
        const std::string jenis = jenis_words(outcome_code(outcome));
        return "Telah lulus seleksi " + jenis + " nasional; hasil seleksi nasional menentukan usulannya: " + jenis + ".";
    }
    if (const std::int32_t chosen = data.formasi_of[position]; chosen >= 0) {
        const Formasi& f = data.formasi[static_cast<std::size_t>(chosen)];
        // In words: the formasi's id is the file's key, not something a
        // worker reading why can place.
        return "Mendapat formasi " + jenis_words(f.jenis) + (f.jabatan ? " " + *f.jabatan : std::string()) +
               (f.opd ? " di " + *f.opd : std::string()) +
               " karena jabatan, sektor dan unit kerjanya sesuai dan masih ada formasi tersisa pada urutan "
               "peringkatnya.";
    }
    const bool database = kategori == "eks_thk2" || kategori == "database_bkn";
    if ((database && !data.policy.rest_database.empty()) || (!database && !data.policy.rest_other.empty()))
        return "Tidak mendapat formasi; skenario perencanaan ini mengusulkan " + jenis_words(outcome_code(outcome)) +
               " bagi " + (database ? std::string("eks THK-II dan yang terdata di database BKN") : std::string("yang tidak terdata di database BKN")) +
               " tanpa formasi.";
    switch (outcome) {
        case Outcome::pppk_paruh_waktu:
            return "Tidak mendapat formasi yang sesuai; karena " +
                   (kategori == "eks_thk2" ? std::string("eks THK-II") : std::string("terdata di database BKN")) +
                   ", diusulkan menjadi PPPK paruh waktu (KepmenPANRB 16/2025).";
        case Outcome::alih_daya:
            return "Tidak mendapat formasi dan tidak terdata di database BKN; diusulkan bekerja melalui alih daya " +
                   (data.policy.offer_outsourcing
                        ? std::string("karena daerah menawarkan alih daya kepada yang tidak terakomodasi.")
                        : "karena pekerjaan sektor " + sektor + " dapat dialihdayakan.");
        default:
            return "Tidak mendapat formasi, tidak terdata di database BKN, dan pekerjaan sektor " +
                   (sektor.empty() ? std::string("(kosong)") : sektor) +
                   " tidak dialihdayakan di daerah ini; diusulkan dirumahkan.";
    }
}

}  // namespace

const std::string& outcome_code(Outcome outcome) {
    static const std::array<std::string, 5> codes = {"cpns", "pppk", "pppk_paruh_waktu", "alih_daya", "dirumahkan"};
    return codes[static_cast<std::size_t>(outcome)];
}

Outcome outcome_of(const std::string& code) {
    for (std::size_t i = 0; i < 5; ++i)
        if (outcome_code(static_cast<Outcome>(i)) == code) return static_cast<Outcome>(i);
    throw std::invalid_argument("unknown outcome '" + code + "'");
}

RankedWorker describe(const RankingData& data, std::size_t position) {
    const std::size_t row = data.order[position];
    RankedWorker worker;
    worker.rank = position + 1;
    worker.group = group_code(data.groups[row]);
    worker.points = data.points[row];
    WorkerValues values;
    data.table.read(row, values);
    worker.contributions = data.scorecard.contributions(data.masks[row], values);
    worker.outcome = outcome_code(data.outcomes[position]);
    if (data.formasi_of[position] >= 0) worker.formasi = data.formasi[static_cast<std::size_t>(data.formasi_of[position])].id;
    worker.explanation = "Peringkat " + std::to_string(worker.rank) + ", kelompok " + group_words(data.groups[row]) +
                         ", " + points_text(worker.points) + " poin. " + reason(data, position, row) +
                         evaluation_words(values, data.policy.predikat_table.get());
    worker.record = data.table.to_json(row);
    worker.record["kelompok"] = worker.group;
    return worker;
}

}  // namespace tata::ranking
