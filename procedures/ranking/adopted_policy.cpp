#include "ranking/adopted_policy.hpp"
#include "ranking/yaml_error_at.hpp"

#include "ranking/scorecard.hpp"

#include <tata/yaml_limits.hpp>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

namespace tata::ranking {
namespace {

const std::set<std::string> kRestForDatabase = {"pppk_paruh_waktu", "alih_daya", "dirumahkan"};
const std::set<std::string> kRestForOthers = {"alih_daya", "dirumahkan"};

// Years of service a regency may ask for: more would leave everyone out.
constexpr int kMostServiceYears = 40;

void reject_unknown(const YAML::Node& map, const std::set<std::string>& known, const std::string& file,
                    std::string& problems) {
    for (const auto& entry : map) {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
        if (!known.count(key)) problems += yaml_error_at(file, entry.first.Mark()) + "unknown key '" + key + "'\n";
    }
}

std::string scalar_text(const YAML::Node& map, const char* key, const std::string& file, std::string& problems) {
    const YAML::Node value = map[key];
    if (!value) return {};
    if (!value.IsScalar()) {
        problems += yaml_error_at(file, value.Mark()) + "`" + key + "` must be text\n";
        return {};
    }
    return value.Scalar();
}

}  // namespace

void read_policy_changes(const YAML::Node& root, const std::string& file, PolicyChanges& changes, std::string& problems) {
    if (const YAML::Node weights = root["bobot"]) {
        if (!weights.IsMap()) {
            problems += yaml_error_at(file, weights.Mark()) + "`bobot` must be a mapping of rule id to points\n";
        } else {
            for (const auto& entry : weights) {
                const std::string rule = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
                double points = 0;
                bool ok = entry.second.IsScalar();
                if (ok) {
                    try {
                        points = entry.second.as<double>();
                    } catch (const YAML::Exception&) {
                        ok = false;
                    }
                }
                if (!ok || !std::isfinite(points) || std::fabs(points) > 1e6)
                    problems += yaml_error_at(file, entry.second.Mark()) + "the points of rule '" + rule +
                                "' must be a number from -1000000 to 1000000\n";
                else
                    changes.points[rule] = points;
            }
        }
    }
    if (const YAML::Node years = root["min_masa_kerja"]) {
        int value = -1;
        if (years.IsScalar()) {
            try {
                value = years.as<int>();
            } catch (const YAML::Exception&) {
                value = -1;
            }
        }
        if (value < 0 || value > kMostServiceYears)
            problems += yaml_error_at(file, years.Mark()) + "`min_masa_kerja` must be a whole number of years from 0 to " +
                        std::to_string(kMostServiceYears) + "\n";
        else
            changes.min_service_years = value;
    }
    if (const YAML::Node rest = root["sisa"]) {
        if (!rest.IsMap()) {
            problems += yaml_error_at(file, rest.Mark()) + "`sisa` must be a mapping (database, lainnya)\n";
            return;
        }
        reject_unknown(rest, {"database", "lainnya"}, file, problems);
        changes.rest_database = scalar_text(rest, "database", file, problems);
        changes.rest_other = scalar_text(rest, "lainnya", file, problems);
        if (!changes.rest_database.empty() && !kRestForDatabase.count(changes.rest_database))
            problems += yaml_error_at(file, rest["database"].Mark()) + "`database` is pppk_paruh_waktu, alih_daya or dirumahkan\n";
        if (!changes.rest_other.empty() && !kRestForOthers.count(changes.rest_other))
            problems += yaml_error_at(file, rest["lainnya"].Mark()) + "`lainnya` is alih_daya or dirumahkan\n";
    }
}

AdoptedPolicy parse_adopted_policy(const std::string& text, const std::string& file_name) {
    if (const auto refused = check_yaml_limits(text))
        throw RulesFileError(file_name + ":" + std::to_string(refused->line) + ":" + std::to_string(refused->column) +
                             ": error: " + refused->message);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw RulesFileError(yaml_error_at(file_name, e.mark) + e.msg);
    }
    if (!root.IsMap()) throw RulesFileError(yaml_error_at(file_name, root.Mark()) + "expected a mapping at the top of the file");

    AdoptedPolicy policy;
    policy.file = file_name;
    policy.text = text;
    std::string problems;
    reject_unknown(root, {"nama", "keterangan", "ditetapkan", "formasi", "bobot", "min_masa_kerja", "sisa", "paruh_waktu"},
                   file_name, problems);
    policy.nama = scalar_text(root, "nama", file_name, problems);
    if (policy.nama.empty()) problems += yaml_error_at(file_name, root.Mark()) + "the adopted scenario needs `nama`\n";
    policy.keterangan = scalar_text(root, "keterangan", file_name, problems);
    if (const YAML::Node adopted = root["ditetapkan"]) {
        if (!adopted.IsMap()) {
            problems += yaml_error_at(file_name, adopted.Mark()) + "`ditetapkan` must be a mapping (oleh, pada, catatan)\n";
        } else {
            reject_unknown(adopted, {"oleh", "pada", "catatan"}, file_name, problems);
            policy.oleh = scalar_text(adopted, "oleh", file_name, problems);
            policy.pada = scalar_text(adopted, "pada", file_name, problems);
            policy.catatan = scalar_text(adopted, "catatan", file_name, problems);
        }
    }
    if (const YAML::Node formasi = root["formasi"]) {
        if (!formasi.IsSequence()) {
            problems += yaml_error_at(file_name, formasi.Mark()) + "an adopted scenario's `formasi` is the list it froze\n";
        } else {
            try {
                policy.changes.formasi = formasi_from_yaml(formasi, file_name);
            } catch (const RulesFileError& e) {
                problems += std::string(e.what()) + "\n";
            }
        }
    }
    if (const YAML::Node part = root["paruh_waktu"]; part && !part.IsMap())
        problems += yaml_error_at(file_name, part.Mark()) + "`paruh_waktu` must be a mapping (upah, belanja_pegawai)\n";
    read_policy_changes(root, file_name, policy.changes, problems);
    if (!problems.empty()) throw RulesFileError(problems.substr(0, problems.size() - 1));
    return policy;
}

std::filesystem::path adopted_policy_path(const Regency& regency) {
    const auto& settings = regency.settings;
    if (!settings.contains("prioritization") || !settings["prioritization"].is_object()) return {};
    const auto& p = settings["prioritization"];
    if (!p.contains("penetapan") || !p["penetapan"].is_string()) return {};
    return std::filesystem::path(regency.where.file).parent_path() / p["penetapan"].get<std::string>();
}

std::optional<AdoptedPolicy> load_adopted_policy(const Regency& regency) {
    const auto file = adopted_policy_path(regency);
    std::error_code ec;
    if (file.empty() || !std::filesystem::exists(file, ec)) return std::nullopt;
    return parse_adopted_policy(read_rules_file(file), file.string());
}

}  // namespace tata::ranking
