#include "tata/records.hpp"

namespace tata {

std::string to_string(CaseStatus status) {
    switch (status) {
        case CaseStatus::active: return "active";
        case CaseStatus::incident: return "incident";
        case CaseStatus::completed: return "completed";
        case CaseStatus::withdrawn: return "withdrawn";
    }
    return "active";
}

std::optional<CaseStatus> case_status_from_string(const std::string& text) {
    if (text == "active") return CaseStatus::active;
    if (text == "incident") return CaseStatus::incident;
    if (text == "completed") return CaseStatus::completed;
    if (text == "withdrawn") return CaseStatus::withdrawn;
    return std::nullopt;
}

}  // namespace tata
