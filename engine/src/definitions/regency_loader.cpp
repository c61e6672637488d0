#include "definitions/regency_loader.hpp"

#include "definitions/yaml_reader.hpp"
#include "rules/decision_table_parser.hpp"
#include "support/files.hpp"

#include <algorithm>
#include <regex>

namespace tata {
namespace {

namespace fs = std::filesystem;

using DecisionTables = std::map<std::string, std::shared_ptr<const DecisionTable>>;

std::optional<std::chrono::weekday> parse_weekday(const std::string& text) {
    static const std::pair<const char*, unsigned> days[] = {
        {"sunday", 0}, {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5}, {"saturday", 6},
        {"minggu", 0}, {"senin", 1},  {"selasa", 2},  {"rabu", 3},      {"kamis", 4},    {"jumat", 5},  {"sabtu", 6}};
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& [name, index] : days) {
        if (lower == name) return std::chrono::weekday{index};
    }
    return std::nullopt;
}

// Reads a `holidays:` list into `out`, reporting bad and duplicate dates.
void read_holidays(YamlReader& yaml, const YAML::Node& list, bool with_kind, std::set<std::chrono::sys_days>& out) {
    if (!list) return;
    if (!list.IsSequence()) {
        yaml.error(list, "'holidays' must be a list of {date, name}");
        return;
    }
    for (const auto& item : list) {
        if (!yaml.expect_map(item, "a holiday")) continue;
        if (with_kind)
            yaml.reject_unknown_keys(item, "a holiday", {"date", "name", "kind"});
        else
            yaml.reject_unknown_keys(item, "a holiday", {"date", "name"});
        yaml.string(item, "name", true);
        if (with_kind) {
            if (auto kind = yaml.string(item, "kind", false); kind && *kind != "libur" && *kind != "cuti_bersama")
                yaml.error(item["kind"], "holiday kind must be libur or cuti_bersama, not '" + *kind + "'");
        }
        const auto text = yaml.string(item, "date", true);
        if (!text) continue;
        const auto date = parse_iso_date(*text);
        if (!date) {
            yaml.error(item["date"], "'" + *text + "' is not a date (YYYY-MM-DD)");
        } else if (!out.insert(std::chrono::sys_days{*date}).second) {
            yaml.error(item["date"], "holiday " + *text + " is listed twice");
        }
    }
}

std::set<std::chrono::sys_days> load_national_holidays(const fs::path& rules_dir, std::vector<Diagnostic>& errors) {
    std::set<std::chrono::sys_days> holidays;
    const fs::path file = rules_dir / "nasional" / "hari-libur.yaml";
    if (!fs::exists(file)) return holidays;
    YamlReader yaml(file.string(), errors);
    const YAML::Node root = yaml.parse(read_file(file));
    if (!root.IsDefined() || !yaml.expect_map(root, "the national holiday list")) return holidays;
    yaml.reject_unknown_keys(root, "the national holiday list", {"title", "holidays"});
    yaml.string(root, "title", true);
    if (!root["holidays"]) yaml.error(root, "missing required key 'holidays'");
    read_holidays(yaml, root["holidays"], true, holidays);
    return holidays;
}

// rules/nasional/keputusan/<id>.yaml: the tables every regency of this
// rules folder decides with unless it names its own.
DecisionTables load_national_decision_tables(const fs::path& rules_dir, std::vector<Diagnostic>& errors) {
    DecisionTables tables;
    const fs::path folder = rules_dir / "nasional" / "keputusan";
    if (!fs::is_directory(folder)) return tables;
    std::map<std::string, fs::path> seen;
    for (const auto& file : sorted_entries(folder)) {
        if (!fs::is_regular_file(file) || !is_yaml(file)) continue;
        const std::string stem = file.stem().string();
        if (const auto [it, inserted] = seen.emplace(stem, file); !inserted) {
            errors.push_back({{file.string(), 0, 0}, "decision table '" + stem + "' is also defined in " + it->second.string()});
            continue;
        }
        auto table = load_decision_table_file(file, errors, ExpectedTableId{stem, "its file name '" + file.filename().string() + "'"});
        if (table) tables.emplace(stem, std::move(table));
    }
    return tables;
}

// A file a regency names must stay in its own folder: a relative path to a
// YAML file, without "..".
bool inside_regency_folder(const fs::path& relative) {
    if (relative.empty() || relative.is_absolute() || relative.has_root_name() || !is_yaml(relative)) return false;
    return std::none_of(relative.begin(), relative.end(), [](const fs::path& part) { return part == ".."; });
}

// `decision_tables: {id: file}`: the regency's own tables, over the national ones.
void read_decision_tables(YamlReader& yaml, const YAML::Node& root, const fs::path& regency_file,
                          const std::string& folder_code, Regency& regency, std::vector<Diagnostic>& errors) {
    const YAML::Node tables = root["decision_tables"];
    if (!tables || !yaml.expect_map(tables, "'decision_tables'")) return;
    static const std::regex id_pattern("^[a-z][a-z0-9_]*$");
    for (const auto& entry : tables) {
        const std::string id = entry.first.IsScalar() ? entry.first.Scalar() : "";
        if (id.size() > 200 || !std::regex_match(id, id_pattern)) {
            yaml.error(entry.first, "decision table id '" + id.substr(0, 200) + "' must match [a-z][a-z0-9_]*");
            continue;
        }
        const auto name = yaml.scalar_string(entry.second, "the file of decision table '" + id + "'");
        if (!name) continue;
        if (!inside_regency_folder(*name)) {
            yaml.error(entry.second, "decision table file '" + *name + "' must be a .yaml file inside rules/" + folder_code +
                                         "/ (a relative path, without '..')");
            continue;
        }
        const fs::path table_file = regency_file.parent_path() / *name;
        if (!fs::is_regular_file(table_file)) {
            yaml.error(entry.second, "decision table file '" + *name + "' does not exist (" + table_file.string() + ")");
            continue;
        }
        auto table = load_decision_table_file(
            table_file, errors, ExpectedTableId{id, "its key '" + id + "' in decision_tables of " + regency_file.string()});
        if (table) regency.decision_tables[id] = std::move(table);
    }
}

void load_regency(const fs::path& file, const std::string& folder_code, const std::set<std::chrono::sys_days>& national,
                  bool national_file_exists, const DecisionTables& national_tables,
                  std::map<std::string, Regency>& regencies, std::vector<Diagnostic>& errors) {
    YamlReader yaml(file.string(), errors);
    const YAML::Node root = yaml.parse(read_file(file));
    if (!root.IsDefined() || !yaml.expect_map(root, "a regency")) return;
    yaml.reject_unknown_keys(root, "the regency", {"code", "name", "zone", "calendar", "settings", "decision_tables"});

    Regency regency;
    regency.where = yaml.where(root);
    regency.code = yaml.string(root, "code", true).value_or("");
    if (!regency.code.empty() && regency.code != folder_code)
        yaml.error(root["code"], "regency code '" + regency.code + "' does not match its folder '" + folder_code + "'");
    regency.name = yaml.string(root, "name", true).value_or("");
    regency.zone = yaml.string(root, "zone", true).value_or("");
    // Only Indonesia's three zone names: an offset written any other way is
    // more likely a typo than a regency outside WIB, WITA and WIT.
    const bool known_zone = regency.zone == "WIB" || regency.zone == "WITA" || regency.zone == "WIT";
    const auto offset = known_zone ? parse_zone_offset(regency.zone) : std::nullopt;
    if (!regency.zone.empty() && !offset)
        yaml.error(root["zone"], "unknown time zone '" + regency.zone + "' (expected WIB, WITA or WIT)");

    Weekend weekend{std::chrono::Saturday, std::chrono::Sunday};
    std::set<std::chrono::sys_days> holidays;
    bool include_national = true;
    if (const YAML::Node calendar = root["calendar"]; calendar && yaml.expect_map(calendar, "'calendar'")) {
        yaml.reject_unknown_keys(calendar, "'calendar'", {"weekend", "national", "holidays"});
        if (const YAML::Node days = calendar["weekend"]) {
            weekend.clear();
            if (!days.IsSequence()) yaml.error(days, "'weekend' must be a list of days");
            for (const auto& day : days.IsSequence() ? days : YAML::Node()) {
                const auto name = yaml.scalar_string(day, "a weekend day");
                if (!name) continue;
                if (auto parsed = parse_weekday(*name))
                    weekend.insert(*parsed);
                else
                    yaml.error(day, "'" + *name + "' is not a day of the week");
            }
            // Deadlines count working days: a week without one never ends.
            if (weekend.size() == 7) yaml.error(days, "the weekend leaves no working day in the week");
        }
        include_national = yaml.boolean(calendar, "national").value_or(true);
        read_holidays(yaml, calendar["holidays"], false, holidays);
    }
    if (include_national) {
        if (!national_file_exists)
            yaml.error(root, "the calendar includes national holidays but rules/nasional/hari-libur.yaml is missing");
        holidays.insert(national.begin(), national.end());
    }
    if (const YAML::Node settings = root["settings"]) {
        if (yaml.expect_map(settings, "'settings'")) {
            regency.settings = yaml_to_json(settings);
            regency.settings_json = regency.settings.dump();
        }
    }
    regency.calendar = WorkingCalendar(offset.value_or(7 * 60), std::move(weekend), std::move(holidays));
    regency.decision_tables = national_tables;
    read_decision_tables(yaml, root, file, folder_code, regency, errors);
    if (regencies.count(regency.code)) {
        yaml.error(root, "regency '" + regency.code + "' is defined twice");
        return;
    }
    if (!regency.code.empty()) regencies.emplace(regency.code, std::move(regency));
}

}  // namespace

void load_regencies(const fs::path& rules_dir, std::map<std::string, Regency>& regencies,
                    std::vector<Diagnostic>& errors) {
    if (!fs::is_directory(rules_dir)) {
        errors.push_back({{rules_dir.string(), 0, 0}, "rules folder does not exist"});
        return;
    }
    const bool national_exists = fs::exists(rules_dir / "nasional" / "hari-libur.yaml");
    const auto national = load_national_holidays(rules_dir, errors);
    const auto national_tables = load_national_decision_tables(rules_dir, errors);
    static const std::regex code_pattern("^\\d{2}\\.\\d{2}$");
    for (const auto& folder : sorted_entries(rules_dir)) {
        const std::string name = folder.filename().string();
        if (!fs::is_directory(folder) || !std::regex_match(name, code_pattern)) continue;
        const fs::path file = folder / "regency.yaml";
        if (!fs::exists(file)) {
            errors.push_back({{folder.string(), 0, 0}, "regency folder has no regency.yaml"});
            continue;
        }
        load_regency(file, name, national, national_exists, national_tables, regencies, errors);
    }
}

}  // namespace tata
