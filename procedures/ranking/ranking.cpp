#include "ranking/ranking.hpp"

#include <tata/clock.hpp>
#include <tata/errors.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace tata::ranking {
namespace {

constexpr const char* national_group = "hasil seleksi nasional";

int group_order(const std::string& group) {
    if (group == national_group) return 0;
    return group.size() == 2 && group[0] == 'R' ? group[1] - '0' : 9;
}

std::string text_of(const nlohmann::json& record, const char* key) {
    const auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string points_text(double points) {
    std::ostringstream out;
    if (std::floor(points) == points)
        out << static_cast<long long>(points);
    else
        out << points;
    return out.str();
}

std::string group_words(const std::string& group) {
    if (group == "R2") return "R2 (eks THK-II)";
    if (group == "R3") return "R3 (terdata di database BKN)";
    if (group == "R4") return "R4 (non-database, masa kerja minimal 2 tahun berturut-turut)";
    if (group == "R5") return "R5 (lainnya)";
    return group;
}

std::string jenis_words(const std::string& jenis) {
    if (jenis == "cpns") return "CPNS";
    if (jenis == "pppk") return "PPPK";
    if (jenis == "pppk_paruh_waktu") return "PPPK paruh waktu";
    return jenis;
}

bool matches(const Formasi& f, const nlohmann::json& record) {
    if (f.jabatan && *f.jabatan != text_of(record, "jabatan")) return false;
    if (f.sektor && *f.sektor != text_of(record, "sektor")) return false;
    if (f.opd && *f.opd != text_of(record, "opd")) return false;
    return true;
}

std::string location(const std::string& file, const YAML::Mark& mark) {
    return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": error: ";
}

int zone_offset_minutes(const std::string& zone) {
    if (zone == "WITA") return 8 * 60;
    if (zone == "WIT") return 9 * 60;
    return 7 * 60;
}

}  // namespace

const std::vector<std::string>& worker_columns() {
    static const std::vector<std::string> columns = {
        "nik",         "nama",     "tanggal_lahir", "jenis_kelamin", "opd",           "jabatan",
        "sektor",      "jenis_kontrak", "tmt",      "kategori",      "sumber_gaji",   "honor_bulanan",
        "pendidikan",  "nilai_kinerja", "hasil_seleksi", "masa_kerja_tahun"};
    return columns;
}

std::vector<Formasi> parse_formasi(const std::string& text, const std::string& file_name) {
    std::string problems;
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw RulesFileError(location(file_name, e.mark) + e.msg);
    }
    const YAML::Node list = root.IsMap() ? root["formasi"] : YAML::Node();
    if (!list || !list.IsSequence()) throw RulesFileError(location(file_name, root.Mark()) + "expected `formasi:` with a list");
    std::vector<Formasi> out;
    std::set<std::string> ids;
    static const std::set<std::string> kinds = {"cpns", "pppk", "pppk_paruh_waktu"};
    for (const auto& node : list) {
        if (!node.IsMap()) {
            problems += location(file_name, node.Mark()) + "a formasi must be a mapping\n";
            continue;
        }
        Formasi f;
        for (const auto& entry : node) {
            const auto key = entry.first.as<std::string>();
            const YAML::Node& value = entry.second;
            if (!value.IsScalar()) {
                problems += location(file_name, value.Mark()) + "`" + key + "` must be a scalar\n";
                continue;
            }
            const auto v = value.as<std::string>();
            if (key == "id") f.id = v;
            else if (key == "jenis") f.jenis = v;
            else if (key == "jabatan") f.jabatan = v;
            else if (key == "sektor") f.sektor = v;
            else if (key == "opd") f.opd = v;
            else if (key == "jumlah") {
                try {
                    f.jumlah = value.as<int>();
                } catch (const YAML::Exception&) {
                    f.jumlah = -1;
                }
                if (f.jumlah < 0) problems += location(file_name, value.Mark()) + "`jumlah` must be a whole number ≥ 0\n";
            } else {
                problems += location(file_name, entry.first.Mark()) + "unknown key '" + key + "'\n";
            }
        }
        if (f.id.empty()) problems += location(file_name, node.Mark()) + "a formasi needs `id`\n";
        else if (!ids.insert(f.id).second) problems += location(file_name, node["id"].Mark()) + "duplicate formasi id '" + f.id + "'\n";
        if (!kinds.count(f.jenis))
            problems += location(file_name, node["jenis"] ? node["jenis"].Mark() : node.Mark()) +
                        "`jenis` must be cpns, pppk or pppk_paruh_waktu\n";
        if (!node["jumlah"]) problems += location(file_name, node.Mark()) + "a formasi needs `jumlah`\n";
        out.push_back(std::move(f));
    }
    if (!problems.empty()) throw RulesFileError(problems.substr(0, problems.size() - 1));
    return out;
}

std::vector<Formasi> load_formasi(const std::filesystem::path& file) { return parse_formasi(read_rules_file(file), file.string()); }

void complete_record(nlohmann::json& record, const std::string& reference_date) {
    const std::string tmt = text_of(record, "tmt");
    if (record.value("masa_kerja_tahun", nlohmann::json()).is_null() && tmt.size() >= 10 && reference_date.size() >= 10) {
        int years = std::stoi(reference_date.substr(0, 4)) - std::stoi(tmt.substr(0, 4));
        if (reference_date.substr(5, 5) < tmt.substr(5, 5)) --years;
        record["masa_kerja_tahun"] = std::max(0, years);
    }
    const std::string result = text_of(record, "hasil_seleksi");
    const std::string kategori = text_of(record, "kategori");
    const auto service = record.value("masa_kerja_tahun", nlohmann::json());
    std::string group;
    if (result == "lulus_cpns" || result == "lulus_pppk") group = national_group;
    else if (kategori == "eks_thk2") group = "R2";
    else if (kategori == "database_bkn") group = "R3";
    else if (kategori == "non_database" && service.is_number() && service.get<double>() >= 2) group = "R4";
    else group = "R5";
    record["kelompok"] = group;
}

const RankedWorker* Ranking::find(const std::string& nik) const {
    for (const auto& worker : workers)
        if (worker.nik() == nik) return &worker;
    return nullptr;
}

Ranking rank_records(std::vector<nlohmann::json> records, const Scorecard& scorecard,
                     const std::vector<Formasi>& formasi, const RankingPolicy& policy) {
    Ranking ranking;
    ranking.reference_date = policy.reference_date;
    ranking.scorecard_file = scorecard.file();
    ranking.workers.reserve(records.size());
    for (auto& record : records) {
        complete_record(record, policy.reference_date);
        RankedWorker worker;
        worker.group = text_of(record, "kelompok");
        worker.points = scorecard.score(record, &worker.contributions);
        worker.record = std::move(record);
        ranking.workers.push_back(std::move(worker));
    }
    std::sort(ranking.workers.begin(), ranking.workers.end(), [&](const RankedWorker& a, const RankedWorker& b) {
        const int ga = group_order(a.group), gb = group_order(b.group);
        if (ga != gb) return ga < gb;
        if (a.points != b.points) return a.points > b.points;
        return scorecard.compare_ties(a.record, b.record) < 0;
    });

    std::vector<int> left;
    for (const auto& f : formasi) left.push_back(f.jumlah);
    std::size_t rank = 0;
    for (auto& worker : ranking.workers) {
        worker.rank = ++rank;
        const std::string head = "Peringkat " + std::to_string(worker.rank) + ", kelompok " + group_words(worker.group) +
                                 ", " + points_text(worker.points) + " poin. ";
        const std::string result = text_of(worker.record, "hasil_seleksi");
        const std::string kategori = text_of(worker.record, "kategori");
        const std::string sektor = text_of(worker.record, "sektor");
        if (worker.group == national_group) {
            worker.outcome = result == "lulus_cpns" ? "cpns" : "pppk";
            worker.explanation = head + "Telah lulus seleksi " + jenis_words(worker.outcome) +
                                 " nasional; hasil seleksi nasional menentukan usulannya: " +
                                 jenis_words(worker.outcome) + ".";
        } else {
            std::size_t chosen = formasi.size();
            for (std::size_t i = 0; i < formasi.size(); ++i)
                if (left[i] > 0 && matches(formasi[i], worker.record)) {
                    chosen = i;
                    break;
                }
            if (chosen < formasi.size()) {
                --left[chosen];
                const Formasi& f = formasi[chosen];
                worker.outcome = f.jenis;
                worker.formasi = f.id;
                worker.explanation = head + "Mendapat formasi " + f.id + " (" + jenis_words(f.jenis) +
                                     (f.jabatan ? ", " + *f.jabatan : std::string()) +
                                     (f.opd ? ", " + *f.opd : std::string()) +
                                     ") karena jabatan, sektor dan unit kerjanya sesuai dan masih ada formasi "
                                     "tersisa pada urutan peringkatnya.";
            } else if (kategori == "eks_thk2" || kategori == "database_bkn") {
                worker.outcome = "pppk_paruh_waktu";
                worker.explanation = head + "Tidak mendapat formasi yang sesuai; karena " +
                                     (kategori == "eks_thk2" ? std::string("eks THK-II")
                                                             : std::string("terdata di database BKN")) +
                                     ", diusulkan menjadi PPPK paruh waktu (KepmenPANRB 16/2025).";
            } else if (policy.offer_outsourcing || sektor == "teknis" || sektor == "administrasi") {
                worker.outcome = "alih_daya";
                worker.explanation =
                    head + "Tidak mendapat formasi dan tidak terdata di database BKN; diusulkan bekerja melalui alih daya " +
                    (policy.offer_outsourcing ? std::string("karena daerah menawarkan alih daya kepada yang tidak terakomodasi.")
                                              : "karena pekerjaan sektor " + sektor + " dapat dialihdayakan.");
            } else {
                worker.outcome = "dirumahkan";
                worker.explanation = head + "Tidak mendapat formasi, tidak terdata di database BKN, dan pekerjaan sektor " +
                                     (sektor.empty() ? std::string("(kosong)") : sektor) +
                                     " tidak dialihdayakan di daerah ini; diusulkan dirumahkan.";
            }
        }
        ++ranking.by_outcome[worker.outcome];
    }
    for (std::size_t i = 0; i < formasi.size(); ++i) ranking.formasi_left[formasi[i].id] = left[i];
    return ranking;
}

std::filesystem::path scorecard_path(const Regency& regency) {
    std::string name = "prioritization.yaml";
    const auto& settings = regency.settings;
    if (settings.contains("prioritization") && settings["prioritization"].is_object()) {
        const auto& p = settings["prioritization"];
        if (p.contains("scorecard") && p["scorecard"].is_string()) name = p["scorecard"].get<std::string>();
    }
    return std::filesystem::path(regency.where.file).parent_path() / name;
}

Ranking rank_regency(Engine& engine, const std::string& regency, const std::vector<Formasi>& formasi,
                     const std::string& workflow_id) {
    const auto definitions = engine.definitions();
    const Regency* known = definitions->find_regency(regency);
    if (!known) throw NotFound("unknown regency '" + regency + "'");
    const Scorecard scorecard = Scorecard::load(scorecard_path(*known));

    RankingPolicy policy;
    policy.reference_date = format_iso8601(engine.clock().now(), zone_offset_minutes(known->zone)).substr(0, 10);
    const auto& settings = known->settings;
    if (settings.contains("outsourcing") && settings["outsourcing"].is_object())
        policy.offer_outsourcing = settings["outsourcing"].value("offer_to_not_accommodated", false);

    IndexQuery query;
    query.workflow_id = workflow_id;
    query.regency = regency;
    query.result = "verified";
    query.columns = worker_columns();
    static const std::set<std::string> integers = {"honor_bulanan", "masa_kerja_tahun"};
    std::vector<nlohmann::json> records;
    engine.scan_index(query, [&](const IndexRow& row) {
        if (row.result() != "verified") return;
        nlohmann::json record = nlohmann::json::object();
        for (std::size_t i = 0; i < query.columns.size(); ++i) {
            const std::string& column = query.columns[i];
            if (row.is_null(i))
                record[column] = nullptr;
            else if (integers.count(column))
                record[column] = row.integer(i);
            else if (column == "nilai_kinerja")
                record[column] = row.number(i);
            else
                record[column] = std::string(row.text(i));
        }
        records.push_back(std::move(record));
    });
    Ranking ranking = rank_records(std::move(records), scorecard, formasi, policy);
    ranking.regency = regency;
    ranking.regency_name = known->name;
    return ranking;
}

nlohmann::json worker_json(const RankedWorker& worker) {
    nlohmann::json contributions = nlohmann::json::array();
    for (const auto& c : worker.contributions)
        contributions.push_back({{"aturan", c.rule_id}, {"label", c.label}, {"poin", c.points}});
    return {{"peringkat", worker.rank},
            {"nik", worker.nik()},
            {"nama", worker.record.value("nama", nlohmann::json())},
            {"opd", worker.record.value("opd", nlohmann::json())},
            {"jabatan", worker.record.value("jabatan", nlohmann::json())},
            {"kelompok", worker.group},
            {"poin", worker.points},
            {"kontribusi", contributions},
            {"usulan", worker.outcome},
            {"formasi", worker.formasi.empty() ? nlohmann::json() : nlohmann::json(worker.formasi)},
            {"penjelasan", worker.explanation}};
}

nlohmann::json ranking_json(const Ranking& ranking) {
    nlohmann::json workers = nlohmann::json::array();
    for (const auto& worker : ranking.workers) workers.push_back(worker_json(worker));
    nlohmann::json outcomes = nlohmann::json::object();
    for (const auto& [outcome, count] : ranking.by_outcome) outcomes[outcome] = count;
    nlohmann::json left = nlohmann::json::object();
    for (const auto& [id, count] : ranking.formasi_left) left[id] = count;
    return {{"regency", ranking.regency},
            {"nama_daerah", ranking.regency_name},
            {"tanggal_acuan", ranking.reference_date},
            {"kartu_skor", ranking.scorecard_file},
            {"jumlah", ranking.workers.size()},
            {"per_usulan", outcomes},
            {"sisa_formasi", left},
            {"pekerja", workers}};
}

}  // namespace tata::ranking
