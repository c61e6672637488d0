#include "ranking/ranking.hpp"

#include "performance/predikat_history.hpp"
#include "performance/predikat_summary.hpp"
#include "ranking/generation_policy.hpp"
#include "ranking/rank_order.hpp"
#include "ranking/ranking_data.hpp"
#include "ranking/row_pipeline.hpp"

#include <tata/clock.hpp>
#include <tata/errors.hpp>
#include <tata/sha256.hpp>

#include <algorithm>

namespace tata::ranking {
namespace {

int zone_offset_minutes(const std::string& zone) {
    if (zone == "WITA") return 8 * 60;
    if (zone == "WIT") return 9 * 60;
    return 7 * 60;
}

bool matches(const Formasi& f, const WorkerTable& table, std::size_t row) {
    const auto same = [&](const std::optional<std::string>& wanted, std::size_t c) {
        return !wanted || is_text(table.value(row, c), *wanted);
    };
    return same(f.jabatan, column::jabatan) && same(f.sektor, column::sektor) && same(f.opd, column::opd);
}

// Reads workers one at a time, then orders and allocates them.
class Ranker {
public:
    Ranker(const Scorecard& scorecard, const std::vector<Formasi>& formasi, const RankingPolicy& policy)
        : data_(std::make_shared<RankingData>(scorecard)) {
        data_->formasi = formasi;
        data_->policy = policy;
    }

    void add(WorkerValues& values) {
        complete_service_years(values, data_->policy.reference_date);
        const std::uint64_t mask = data_->scorecard.matches(values);
        data_->groups.push_back(national_group(values));
        data_->masks.push_back(mask);
        data_->points.push_back(data_->scorecard.points(mask) + data_->scorecard.scorer_points(values));
        data_->table.append(values);
    }

    Ranking finish() {
        RankingData& d = *data_;
        d.order = rank_order(d.table, d.groups, d.points, d.scorecard.tie_breaks());
        Ranking ranking;
        ranking.reference_date = d.policy.reference_date;
        ranking.scorecard_file = d.scorecard.file();
        allocate(ranking);
        ranking.workers = RankedWorkers(data_);
        ranking.data = data_;
        return ranking;
    }

private:
    void allocate(Ranking& ranking) {
        RankingData& d = *data_;
        const WorkerTable& t = d.table;
        std::vector<int> left;
        for (const auto& f : d.formasi) left.push_back(f.jumlah);
        std::array<std::size_t, 5> counts{};
        d.outcomes.resize(d.order.size());
        d.formasi_of.assign(d.order.size(), -1);
        for (std::size_t position = 0; position < d.order.size(); ++position) {
            const std::size_t row = d.order[position];
            Outcome outcome;
            if (d.groups[row] == Group::national) {
                outcome = is_text(t.value(row, column::hasil_seleksi), "lulus_cpns") ? Outcome::cpns : Outcome::pppk;
            } else {
                std::size_t chosen = d.formasi.size();
                for (std::size_t i = 0; i < d.formasi.size(); ++i)
                    if (left[i] > 0 && matches(d.formasi[i], t, row)) {
                        chosen = i;
                        break;
                    }
                const FieldValue kategori = t.value(row, column::kategori);
                const FieldValue sektor = t.value(row, column::sektor);
                if (chosen < d.formasi.size()) {
                    --left[chosen];
                    d.formasi_of[position] = static_cast<std::int32_t>(chosen);
                    const std::string& jenis = d.formasi[chosen].jenis;
                    outcome = jenis == "cpns" ? Outcome::cpns : jenis == "pppk" ? Outcome::pppk : Outcome::pppk_paruh_waktu;
                } else if (is_text(kategori, "eks_thk2") || is_text(kategori, "database_bkn")) {
                    outcome = d.policy.rest_database.empty() ? Outcome::pppk_paruh_waktu : outcome_of(d.policy.rest_database);
                } else if (!d.policy.rest_other.empty()) {
                    outcome = outcome_of(d.policy.rest_other);
                } else if (d.policy.offer_outsourcing || is_text(sektor, "teknis") || is_text(sektor, "administrasi")) {
                    outcome = Outcome::alih_daya;
                } else {
                    outcome = Outcome::dirumahkan;
                }
            }
            d.outcomes[position] = outcome;
            ++counts[static_cast<std::size_t>(outcome)];
        }
        for (std::size_t i = 0; i < counts.size(); ++i)
            if (counts[i] > 0) ranking.by_outcome[outcome_code(static_cast<Outcome>(i))] = counts[i];
        for (std::size_t i = 0; i < d.formasi.size(); ++i) ranking.formasi_left[d.formasi[i].id] = left[i];
    }

    std::shared_ptr<RankingData> data_;
};

}  // namespace

std::size_t RankedWorkers::size() const { return data_ ? data_->order.size() : 0; }

RankedWorker RankedWorkers::operator[](std::size_t position) const { return describe(*data_, position); }

const RankedWorker* Ranking::find(const std::string& nik) const {
    if (!data) return nullptr;
    const WorkerTable& t = data->table;
    for (std::size_t position = 0; position < data->order.size(); ++position) {
        if (!is_text(t.value(data->order[position], column::nik), nik)) continue;
        std::lock_guard lock(data->found_mutex);
        auto it = data->found.find(position);
        if (it == data->found.end()) it = data->found.emplace(position, describe(*data, position)).first;
        return &it->second;
    }
    return nullptr;
}

void complete_record(nlohmann::json& record, const std::string& reference_date) {
    WorkerValues values = values_of(record);
    complete_service_years(values, reference_date);
    const FieldValue service = values[column::masa_kerja_tahun];
    const Group group = national_group(values);
    if (service.kind == FieldKind::integer && record.value("masa_kerja_tahun", nlohmann::json()).is_null())
        record["masa_kerja_tahun"] = service.integer;
    record["kelompok"] = group_code(group);
}

Ranking rank_records(const std::vector<nlohmann::json>& records, const Scorecard& scorecard,
                     const std::vector<Formasi>& formasi, const RankingPolicy& policy) {
    Ranker ranker(scorecard, formasi, policy);
    for (const auto& record : records) {
        WorkerValues values = values_of(record);
        ranker.add(values);
    }
    return ranker.finish();
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

std::vector<Formasi> regency_formasi(const Regency& regency) {
    const auto& settings = regency.settings;
    if (!settings.contains("prioritization") || !settings["prioritization"].is_object()) return {};
    const auto& p = settings["prioritization"];
    if (!p.contains("formasi") || !p["formasi"].is_string()) return {};
    return load_formasi(std::filesystem::path(regency.where.file).parent_path() / p["formasi"].get<std::string>());
}

std::string ranking_number(const Ranking& ranking) {
    // One line per worker in rank order: NIK, outcome, formasi. Points are
    // left out on purpose: they only matter through the order they give.
    std::string lines = ranking.regency + "\n" + ranking.reference_date + "\n";
    if (ranking.data) {
        const RankingData& d = *ranking.data;
        for (std::size_t position = 0; position < d.order.size(); ++position) {
            lines += d.table.value(d.order[position], column::nik).text;
            lines += ',';
            lines += outcome_code(d.outcomes[position]);
            lines += ',';
            if (d.formasi_of[position] >= 0) lines += d.formasi[static_cast<std::size_t>(d.formasi_of[position])].id;
            lines += '\n';
        }
    }
    return "PRK-" + ranking.regency + "-" + sha256_hex(lines).substr(0, 12);
}

std::map<std::string, std::map<std::string, std::size_t>> outcomes_by_opd(const Ranking& ranking) {
    std::map<std::string, std::map<std::string, std::size_t>> counts;
    if (!ranking.data) return counts;
    const RankingData& d = *ranking.data;
    for (std::size_t position = 0; position < d.order.size(); ++position) {
        const FieldValue opd = d.table.value(d.order[position], column::opd);
        const std::string name = opd.is_null() ? "(tanpa OPD)" : std::string(opd.text);
        ++counts[name][outcome_code(d.outcomes[position])];
    }
    return counts;
}

namespace {

// The worker's final evaluations into the record's last columns: null
// when there are none (a rule reading them then simply does not hold).
void join_evaluations(const performance::PredikatHistory& evaluations, WorkerValues& values) {
    if (evaluations.empty()) return;  // the columns stay null, as they were made
    values[column::predikat_kinerja] = FieldValue();
    values[column::predikat_kinerja_tahun] = FieldValue();
    values[column::predikat_kinerja_lalu] = FieldValue();
    const FieldValue& nik = values[column::nik];
    const auto* found = nik.kind == FieldKind::text ? evaluations.find(nik.text) : nullptr;
    if (!found) return;
    const auto& [latest, previous] = *found;
    if (latest.year != 0) {
        values[column::predikat_kinerja] = FieldValue::of_text(latest.predikat);
        values[column::predikat_kinerja_tahun] = FieldValue::of_integer(latest.year);
    }
    if (previous.year != 0) values[column::predikat_kinerja_lalu] = FieldValue::of_text(previous.predikat);
}

Ranking rank_with(Engine& engine, const std::string& regency, const RankingOverrides& overrides,
                  const std::string& workflow_id) {
    const auto definitions = engine.definitions();
    const Regency* known = definitions->find_regency(regency);
    if (!known) throw NotFound("unknown regency '" + regency + "'");
    // The regency's files as this generation read them (its own formasi
    // unless the caller chose one).
    const auto files = generation_policy(definitions, *known);
    const PolicyChanges* adopted = files->adopted ? &files->adopted->changes : nullptr;
    const std::vector<Formasi>& formasi = overrides.formasi                 ? *overrides.formasi
                                          : adopted && adopted->formasi     ? *adopted->formasi
                                                                            : files->formasi;
    Scorecard scorecard = Scorecard::parse(files->scorecard_text, files->scorecard_file.string(), nullptr,
                                           {definitions->plugins, known->code, known->settings_json});
    if (adopted)
        for (const auto& [rule, points] : adopted->points) scorecard.set_points(rule, points);
    for (const auto& [rule, points] : overrides.points) scorecard.set_points(rule, points);

    RankingPolicy policy;
    policy.reference_date = reference_date_today(engine, *known);
    const auto& settings = known->settings;
    if (settings.contains("outsourcing") && settings["outsourcing"].is_object())
        policy.offer_outsourcing = settings["outsourcing"].value("offer_to_not_accommodated", false);
    policy.rest_database = !overrides.rest_database.empty() || !adopted ? overrides.rest_database : adopted->rest_database;
    policy.rest_other = !overrides.rest_other.empty() || !adopted ? overrides.rest_other : adopted->rest_other;
    if (const auto table = known->decision_tables.find(performance::kPredikatTable); table != known->decision_tables.end())
        policy.predikat_table = table->second;

    // The caller's filter, or the adopted minimum years of service.
    std::size_t left_out = 0;
    std::function<bool(const WorkerValues&)> include = overrides.include;
    if (!include && adopted && adopted->min_service_years) {
        const double minimum = *adopted->min_service_years;
        include = [minimum, &left_out](const WorkerValues& values) {
            const FieldValue& years = values[column::masa_kerja_tahun];
            if (years.is_numeric() && years.as_double() >= minimum) return true;
            ++left_out;
            return false;
        };
    }

    IndexQuery query;
    query.workflow_id = workflow_id;
    query.regency = regency;
    query.result = "verified";
    query.columns = indexed_worker_columns();
    query.case_order = false;  // rank_order decides, down to the NIK
    const auto evaluations = performance::PredikatHistory::load(engine, regency);
    Ranker ranker(scorecard, formasi, policy);
    WorkerValues values;
    // Scoring on a second thread while the scan reads on (row_pipeline.hpp).
    RowPipeline pipeline(column::indexed, [&](std::span<const FieldValue> row) {
        std::copy(row.begin(), row.end(), values.begin());
        join_evaluations(evaluations, values);
        if (include) {
            complete_service_years(values, policy.reference_date);
            if (!include(values)) return;
        }
        ranker.add(values);
    });
    engine.scan_index(query, [&](const IndexRow& row) { pipeline.push(row); });
    pipeline.finish();
    Ranking ranking = ranker.finish();
    ranking.regency = regency;
    ranking.regency_name = known->name;
    ranking.left_out_for_service = left_out;
    if (files->adopted) {
        ranking.adopted_scenario = files->adopted->nama;
        ranking.adopted_at = files->adopted->pada;
    }
    return ranking;
}

}  // namespace

std::string reference_date_today(const Engine& engine, const Regency& regency) {
    return format_iso8601(engine.clock().now(), zone_offset_minutes(regency.zone)).substr(0, 10);
}

Ranking rank_regency(Engine& engine, const std::string& regency, const std::vector<Formasi>& formasi,
                     const std::string& workflow_id) {
    RankingOverrides overrides;
    overrides.formasi = &formasi;
    return rank_with(engine, regency, overrides, workflow_id);
}

Ranking rank_regency_own_formasi(Engine& engine, const std::string& regency, const std::string& workflow_id) {
    return rank_with(engine, regency, RankingOverrides{}, workflow_id);
}

Ranking rank_regency_with(Engine& engine, const std::string& regency, const RankingOverrides& overrides,
                          const std::string& workflow_id) {
    return rank_with(engine, regency, overrides, workflow_id);
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
            {"nomor_pemeringkatan", ranking_number(ranking)},
            {"tanggal_acuan", ranking.reference_date},
            {"kartu_skor", ranking.scorecard_file},
            {"jumlah", ranking.workers.size()},
            {"per_usulan", outcomes},
            {"sisa_formasi", left},
            {"skenario_ditetapkan", ranking.adopted_scenario.empty()
                                        ? nlohmann::json()
                                        : nlohmann::json{{"nama", ranking.adopted_scenario}, {"pada", ranking.adopted_at}}},
            {"tidak_diperingkat_masa_kerja", ranking.left_out_for_service},
            {"pekerja", workers}};
}

}  // namespace tata::ranking
