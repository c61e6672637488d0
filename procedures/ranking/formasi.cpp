#include "ranking/formasi.hpp"
#include "ranking/yaml_error_at.hpp"

#include <tata/yaml_limits.hpp>
#include <yaml-cpp/yaml.h>

#include <set>

namespace tata::ranking {

std::vector<Formasi> parse_formasi(const std::string& text, const std::string& file_name) {
    YAML::Node root;
    if (const auto refused = check_yaml_limits(text))
        throw RulesFileError(file_name + ":" + std::to_string(refused->line) + ":" + std::to_string(refused->column) +
                             ": error: " + refused->message);
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw RulesFileError(yaml_error_at(file_name, e.mark) + e.msg);
    }
    const YAML::Node list = root.IsMap() ? root["formasi"] : YAML::Node();
    if (!list || !list.IsSequence()) throw RulesFileError(yaml_error_at(file_name, root.Mark()) + "expected `formasi:` with a list");
    return formasi_from_yaml(list, file_name);
}

std::vector<Formasi> formasi_from_yaml(const YAML::Node& list, const std::string& file_name) {
    std::string problems;
    if (!list.IsSequence()) throw RulesFileError(yaml_error_at(file_name, list.Mark()) + "expected a list of formasi");
    std::vector<Formasi> out;
    std::set<std::string> ids;
    static const std::set<std::string> kinds = {"cpns", "pppk", "pppk_paruh_waktu"};
    for (const auto& node : list) {
        if (!node.IsMap()) {
            problems += yaml_error_at(file_name, node.Mark()) + "a formasi must be a mapping\n";
            continue;
        }
        Formasi f;
        for (const auto& entry : node) {
            const auto key = entry.first.as<std::string>();
            const YAML::Node& value = entry.second;
            if (!value.IsScalar()) {
                problems += yaml_error_at(file_name, value.Mark()) + "`" + key + "` must be a scalar\n";
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
                if (f.jumlah < 0) problems += yaml_error_at(file_name, value.Mark()) + "`jumlah` must be a whole number ≥ 0\n";
            } else {
                problems += yaml_error_at(file_name, entry.first.Mark()) + "unknown key '" + key + "'\n";
            }
        }
        if (f.id.empty()) problems += yaml_error_at(file_name, node.Mark()) + "a formasi needs `id`\n";
        else if (!ids.insert(f.id).second) problems += yaml_error_at(file_name, node["id"].Mark()) + "duplicate formasi id '" + f.id + "'\n";
        if (!kinds.count(f.jenis))
            problems += yaml_error_at(file_name, node["jenis"] ? node["jenis"].Mark() : node.Mark()) +
                        "`jenis` must be cpns, pppk or pppk_paruh_waktu\n";
        if (!node["jumlah"]) problems += yaml_error_at(file_name, node.Mark()) + "a formasi needs `jumlah`\n";
        out.push_back(std::move(f));
    }
    if (!problems.empty()) throw RulesFileError(problems.substr(0, problems.size() - 1));
    return out;
}

std::vector<Formasi> load_formasi(const std::filesystem::path& file) { return parse_formasi(read_rules_file(file), file.string()); }

}  // namespace tata::ranking
