#include "performance/predikat_summary.hpp"

#include "performance/open_year.hpp"

#include <stdexcept>

namespace tata::performance {
namespace {

void count(PredikatCounts& counts, std::string_view status, std::string_view predikat, std::string_view objection) {
    ++counts.cases;
    if (status == "final") ++counts.final;
    else if (status == "diumumkan") ++counts.announced;
    else ++counts.not_rated;
    if ((status == "final" || status == "diumumkan") && !predikat.empty()) ++counts.by_predikat[std::string(predikat)];
    if (!objection.empty()) ++counts.objections;
    if (objection == "diterima") ++counts.objections_accepted;
}

void flag_caps(PredikatCounts& counts, const std::map<std::string, double>& caps) {
    std::size_t rated = 0;
    for (const auto& [predikat, n] : counts.by_predikat) rated += n;
    if (rated == 0) return;
    for (const auto& [predikat, cap] : caps) {
        const auto it = counts.by_predikat.find(predikat);
        const double share = it == counts.by_predikat.end() ? 0.0 : 100.0 * static_cast<double>(it->second) / static_cast<double>(rated);
        if (share > cap) counts.over_cap.push_back(predikat);
    }
}

}  // namespace

nlohmann::json counts_json(const PredikatCounts& counts) {
    return {{"jumlah", counts.cases},
            {"belum_dinilai", counts.not_rated},
            {"diumumkan", counts.announced},
            {"final", counts.final},
            {"keberatan", counts.objections},
            {"keberatan_diterima", counts.objections_accepted},
            {"predikat", counts.by_predikat},
            {"melebihi_batas", counts.over_cap}};
}

std::string predikat_label(const DecisionTable* table, std::string_view code) {
    if (table) {
        const auto* output = table->find_output(kPredikatOutput);
        if (output && output->labels.count(std::string(code))) return output->labels.at(std::string(code));
    }
    std::string words(code);
    bool start = true;
    for (char& c : words) {
        if (c == '_') c = ' ';
        else if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        start = c == ' ';
    }
    return words;
}

std::map<std::string, double> distribution_caps(const nlohmann::json& settings, std::vector<std::string>& problems) {
    std::map<std::string, double> caps;
    const auto performance = settings.find("performance");
    if (performance == settings.end() || !performance->is_object()) return caps;
    const auto found = performance->find("distribution_caps");
    if (found == performance->end() || found->is_null()) return caps;
    if (!found->is_object()) {
        problems.push_back("settings.performance.distribution_caps must map a predikat to a percent");
        return caps;
    }
    for (const auto& [predikat, value] : found->items()) {
        if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100)
            problems.push_back("settings.performance.distribution_caps." + predikat + " must be a percent from 0 to 100");
        else
            caps[predikat] = value.get<double>();
    }
    return caps;
}

std::optional<int> latest_evaluation_year(Engine& engine, const std::string& regency) {
    if (!engine.definitions()->latest(kWorkflow)) return std::nullopt;
    std::optional<int> latest;
    IndexQuery query;
    query.workflow_id = kWorkflow;
    query.regency = regency;
    query.columns = {"tahun"};
    query.case_order = false;
    engine.scan_index(query, [&](const IndexRow& row) {
        if (!row.is_null(0) && (!latest || row.integer(0) > *latest)) latest = static_cast<int>(row.integer(0));
    });
    return latest;
}

PredikatSummary summarize_year(Engine& engine, const std::string& regency, int year) {
    PredikatSummary summary;
    summary.year = year;
    const auto definitions = engine.definitions();
    const Regency* known = definitions->find_regency(regency);
    if (!known) throw NotFound("unknown regency " + regency);
    std::vector<std::string> problems;
    summary.caps = distribution_caps(known->settings, problems);
    if (!problems.empty()) throw std::invalid_argument(problems.front());
    const DecisionTable* table = known->find_decision_table(kPredikatTable);
    if (const auto* output = table ? table->find_output(kPredikatOutput) : nullptr)
        for (const auto& value : output->values) summary.labels[value] = predikat_label(table, value);
    if (!definitions->latest(kWorkflow)) return summary;

    IndexQuery query;
    query.workflow_id = kWorkflow;
    query.regency = regency;
    query.columns = {"opd", "tahun", "status_predikat", "predikat", "keberatan"};
    query.case_order = false;
    engine.scan_index(query, [&](const IndexRow& row) {
        if (row.is_null(1) || row.integer(1) != year) return;
        const std::string_view opd = row.is_null(0) ? std::string_view() : row.text(0);
        auto text = [&](std::size_t column) { return row.is_null(column) ? std::string_view() : row.text(column); };
        count(summary.by_opd[std::string(opd)], text(2), text(3), text(4));
        count(summary.total, text(2), text(3), text(4));
    });
    for (const auto& [code, counts] : summary.total.by_predikat)
        if (!summary.labels.count(code)) summary.labels[code] = predikat_label(table, code);
    for (auto& [opd, counts] : summary.by_opd) flag_caps(counts, summary.caps);
    flag_caps(summary.total, summary.caps);
    return summary;
}

}  // namespace tata::performance
