#include "opd/opd_names.hpp"

#include <algorithm>
#include <cctype>

namespace tata::opd {
namespace {

// Lower case, single spaces: how two spellings of one name compare.
std::string folded(const std::string& name) {
    std::string out;
    for (const char c : name) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The regency's `opd:` setting when it is a list; its names are its
// non-empty texts.
const nlohmann::json* opd_list(const Regency& regency) {
    const auto list = regency.settings.find("opd");
    return list != regency.settings.end() && list->is_array() ? &*list : nullptr;
}
bool is_name(const nlohmann::json& entry) { return entry.is_string() && !entry.get_ref<const std::string&>().empty(); }
}  // namespace

std::vector<std::string> opd_names(const Regency& regency) {
    std::vector<std::string> names;
    if (const auto* list = opd_list(regency))
        for (const auto& entry : *list)
            if (is_name(entry)) names.push_back(entry.get<std::string>());
    return names;
}

std::optional<std::string> opd_problem(const Regency& regency, const std::string& opd) {
    // Looked up in the settings as they are: an import asks once per row,
    // and copying the regency's list each time was 2% of it.
    if (const auto* list = opd_list(regency))
        for (const auto& entry : *list)
            if (is_name(entry) && entry.get_ref<const std::string&>() == opd) return std::nullopt;
    const auto names = opd_names(regency);
    if (names.empty()) return std::nullopt;
    std::string message = "OPD «" + opd + "» tidak ada dalam daftar OPD " + regency.name;
    const auto near = std::find_if(names.begin(), names.end(), [&](const std::string& name) { return folded(name) == folded(opd); });
    if (near != names.end()) message += "; maksud Anda «" + *near + "»?";
    return message;
}

}  // namespace tata::opd
