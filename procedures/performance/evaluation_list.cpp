#include "performance/evaluation_list.hpp"

#include "csv/csv_reader.hpp"

#include <tata/json_limits.hpp>

#include <algorithm>
#include <charconv>
#include <set>

namespace tata::performance {
namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const std::vector<std::string>& evaluated_kinds() {
    static const std::vector<std::string> kinds = {"pppk", "pppk_paruh_waktu", "alih_daya"};
    return kinds;
}

EvaluationList read_evaluation_list(std::istream& in, const std::string& name) {
    EvaluationList list;
    try {
        csv::Reader reader(in, name);
        const auto& header = reader.read_header({"nik", "nama", "opd", "jabatan", "jenis_kepegawaian"});
        const std::size_t nik = header.index("nik"), nama = header.index("nama"), opd = header.index("opd"),
                          jabatan = header.index("jabatan"), kind = header.index("jenis_kepegawaian");
        const auto contract = header.find("id_kontrak");
        std::set<std::string, std::less<>> seen;
        for (const csv::Row& row : reader) {
            if (list.workers.size() >= kMaxListRows) {
                list.workers.clear();
                list.problems = {name + ": daftar lebih dari " + std::to_string(kMaxListRows) +
                                 " baris; bagi menjadi beberapa berkas"};
                return list;
            }
            const std::string where = reader.location(row) + ": ";
            const std::size_t before = list.problems.size();
            auto field = [&](std::size_t column, const char* label) {
                const std::string_view text = row[column];
                if (text.empty()) list.problems.push_back(where + label + ": wajib diisi");
                else if (utf8_length(text) > kMaxFieldChars)
                    list.problems.push_back(where + label + ": lebih dari " + std::to_string(kMaxFieldChars) + " karakter");
                return std::string(text);
            };
            EvaluatedWorker worker;
            worker.row = row.number();
            worker.nik = field(nik, "nik");
            worker.nama = field(nama, "nama");
            worker.opd = field(opd, "opd");
            worker.jabatan = field(jabatan, "jabatan");
            worker.jenis_kepegawaian = field(kind, "jenis_kepegawaian");
            if (!worker.nik.empty() && (worker.nik.size() != 16 || !all_digits(worker.nik)))
                list.problems.push_back(where + "nik: harus 16 angka");
            else if (!worker.nik.empty() && !seen.insert(worker.nik).second)
                list.problems.push_back(where + "nik: " + worker.nik + " tercantum lebih dari sekali");
            const auto& kinds = evaluated_kinds();
            if (!worker.jenis_kepegawaian.empty() &&
                std::find(kinds.begin(), kinds.end(), worker.jenis_kepegawaian) == kinds.end())
                list.problems.push_back(where + "jenis_kepegawaian: harus pppk, pppk_paruh_waktu, atau alih_daya");
            const std::string_view contract_text = contract ? row[*contract] : std::string_view();
            if (worker.jenis_kepegawaian == "alih_daya") {
                std::int64_t id = 0;
                const auto [end, error] = std::from_chars(contract_text.data(), contract_text.data() + contract_text.size(), id);
                if (contract_text.empty()) list.problems.push_back(where + "id_kontrak: wajib untuk pekerja alih daya");
                else if (error != std::errc() || end != contract_text.data() + contract_text.size() || id <= 0)
                    list.problems.push_back(where + "id_kontrak: harus nomor kasus kontrak");
                else worker.id_kontrak = id;
            } else if (!contract_text.empty()) {
                list.problems.push_back(where + "id_kontrak: hanya untuk pekerja alih daya");
            }
            if (list.problems.size() == before) list.workers.push_back(std::move(worker));
        }
    } catch (const csv::Error& e) {
        list.workers.clear();
        list.problems = {e.what()};
        return list;
    }
    if (!list.problems.empty()) list.workers.clear();
    // A garbage file must not answer with 50,000 messages.
    constexpr std::size_t kShownProblems = 100;
    if (list.problems.size() > kShownProblems) {
        const std::size_t more = list.problems.size() - kShownProblems;
        list.problems.resize(kShownProblems);
        list.problems.push_back("... dan " + std::to_string(more) + " masalah lainnya");
    }
    return list;
}

}  // namespace tata::performance
