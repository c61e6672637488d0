#include "api/access.hpp"

#include "http/api_error.hpp"

#include <algorithm>
#include <iterator>

namespace tata::server {
namespace {

const char* const kVerification = "verification";
const char* const kGrievance = "grievance";
const char* const kContract = "vendor_contract";
const char* const kPackage = "vendor_selection";
const char* const kPerformance = "performance_evaluation";

// What a vendor may search packages by: their definition's name.
const std::vector<std::string> kPackageSearchFields = {"nama_paket"};
// The award as announced (penetapan_pemenang → tetapkan): public to the
// regency's vendors, as the procurement announcement of the winner is.
const char* const kAwardFields[] = {"nomor_penetapan", "nama_pemenang", "nilai_kontrak"};
// A vendor reads an outsourced worker's evaluation once it is final
// (status_predikat), and only its result: the targets, the check-ins and
// an objection's reasons stay between the worker and the regency.
const char* const kFinal = "final";
const char* const kEvaluationResultFields[] = {"nik", "nama", "opd", "jabatan", "jenis_kepegawaian", "tahun",
                                               "id_penyedia", "id_kontrak", "predikat", "hasil_kerja",
                                               "perilaku_kerja", "keputusan", "catatan_evaluasi", "keberatan",
                                               "final_pada", "status_predikat"};

std::string data_text(const CaseRecord& record, const char* field) {
    const auto it = record.data.find(field);
    return it != record.data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One answer for a case that does not exist and one the user may not see.
ApiError case_not_found(CaseId id) { return not_found("case " + std::to_string(id) + " does not exist"); }
}  // namespace

std::optional<TimePoint> next_due(const CaseRecord& record) {
    std::optional<TimePoint> nearest;
    for (const auto& task : record.open_tasks)
        if (task.due_at && (!nearest || *task.due_at < *nearest)) nearest = task.due_at;
    return nearest;
}

bool can_see(const User& user, const CaseRecord& record) {
    if (record.regency != user.regency) return false;
    const std::string& workflow = record.workflow_id;
    if (user.role == "admin" || user.role == "officer") return true;
    if (user.role == "bkad") return workflow == kVerification;
    if (user.role == "opd_head")
        return (workflow == kVerification || workflow == kPerformance) && !user.opd.empty() &&
               data_text(record, "opd") == user.opd;
    if (user.role == "supervisor")
        return workflow == kPerformance && !user.opd.empty() && data_text(record, "opd") == user.opd;
    if (user.role == "vendor")
        return workflow == kPackage || (workflow == kContract && data_text(record, "id_penyedia") == user.vendor) ||
               (workflow == kPerformance && data_text(record, "id_penyedia") == user.vendor &&
                data_text(record, "status_predikat") == kFinal);
    if (user.role == "worker")
        return (workflow == kVerification && record.key == user.nik) ||
               ((workflow == kGrievance || workflow == kPerformance) && data_text(record, "nik") == user.nik);
    return false;
}

CaseRecord visible_case(Engine& engine, const User& user, CaseId id) {
    try {
        CaseRecord record = engine.read_case(id);
        if (can_see(user, record)) return record;
    } catch (const NotFound&) {
    }
    throw case_not_found(id);
}

void require_visible(const User& user, const CaseRecord& record) {
    if (!can_see(user, record)) throw case_not_found(record.id);
}

std::optional<std::string> dedicated_route(const User& user, const CaseRecord& record, const std::string& outcome) {
    if (user.role != "vendor") return std::nullopt;
    if (record.workflow_id == kPackage) return "POST /api/v1/packages/" + std::to_string(record.id) + "/bids";
    if (record.workflow_id == kContract && outcome == "kirim_laporan")
        return "POST /api/v1/contracts/" + std::to_string(record.id) + "/reports";
    return std::nullopt;
}

std::vector<CaseFilter> visible_filters(const User& user, const CaseFilter& base) {
    CaseFilter filter = base;
    filter.regency = user.regency;
    auto only = [&](const char* workflow) {
        if (filter.workflow_id && *filter.workflow_id != workflow) return false;
        filter.workflow_id = workflow;
        return true;
    };
    if (user.role == "admin" || user.role == "officer") return {filter};
    if (user.role == "bkad") return only(kVerification) ? std::vector<CaseFilter>{filter} : std::vector<CaseFilter>{};
    if (user.role == "opd_head" || user.role == "supervisor") {
        if (user.opd.empty()) return {};
        filter.data_equals.emplace_back("opd", user.opd);
        std::vector<CaseFilter> filters;
        for (const char* workflow : {kVerification, kPerformance}) {
            if (user.role == "supervisor" && workflow != kPerformance) continue;
            if (filter.workflow_id && *filter.workflow_id != workflow) continue;
            CaseFilter part = filter;
            part.workflow_id = workflow;
            filters.push_back(std::move(part));
        }
        return filters;
    }
    if (user.role == "vendor") {
        std::vector<CaseFilter> filters;
        CaseFilter contracts = filter;
        if (!contracts.workflow_id || *contracts.workflow_id == kContract) {
            contracts.workflow_id = kContract;
            contracts.data_equals.emplace_back("id_penyedia", user.vendor);
            filters.push_back(contracts);
        }
        if (!filter.workflow_id || *filter.workflow_id == kPackage) {
            CaseFilter packages = filter;
            packages.workflow_id = kPackage;
            // Sealed bids: a vendor finds packages by what it may read of
            // them, never by data the committee wrote (names of bidders in
            // the administrative check, or a version 1 package's last bid).
            if (!packages.search.empty()) packages.search_fields = kPackageSearchFields;
            // A filter on data fields (which the committee fills in) finds no
            // package.
            if (packages.data_equals.empty()) filters.push_back(packages);
        }
        if (!filter.workflow_id || *filter.workflow_id == kPerformance) {
            CaseFilter evaluations = filter;
            evaluations.workflow_id = kPerformance;
            evaluations.data_equals.emplace_back("id_penyedia", user.vendor);
            evaluations.data_equals.emplace_back("status_predikat", kFinal);
            // It searches what it may read of them: the worker's name.
            if (!evaluations.search.empty()) evaluations.search_fields = {"nama"};
            filters.push_back(evaluations);
        }
        return filters;
    }
    if (user.role == "worker") {
        std::vector<CaseFilter> filters;
        if (!filter.workflow_id || *filter.workflow_id == kVerification) {
            CaseFilter own = filter;
            own.workflow_id = kVerification;
            own.key = user.nik;
            filters.push_back(own);
        }
        for (const char* workflow : {kGrievance, kPerformance}) {
            if (filter.workflow_id && *filter.workflow_id != workflow) continue;
            CaseFilter own = filter;
            own.workflow_id = workflow;
            own.data_equals.emplace_back("nik", user.nik);
            filters.push_back(own);
        }
        return filters;
    }
    return {};
}

VisibleCases list_visible(Engine& engine, const User& user, const CaseFilter& base, std::size_t offset,
                          std::size_t limit) {
    VisibleCases out;
    const auto filters = visible_filters(user, base);
    for (CaseFilter filter : filters) {
        const std::size_t counted = engine.count_cases(filter, kExactCountUpTo + 1);
        out.total += std::min(counted, kExactCountUpTo);
        if (counted > kExactCountUpTo) out.total_exact = false;
        // Each part may hold the whole page: merge them, then cut.
        filter.offset = filters.size() == 1 ? offset : 0;
        filter.limit = filters.size() == 1 ? limit : offset + limit;
        auto part = engine.list_cases(filter);
        out.items.insert(out.items.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    if (filters.size() > 1) {
        // Each part is in the filter's order; merged in the same order.
        std::sort(out.items.begin(), out.items.end(), [&](const CaseRecord& a, const CaseRecord& b) {
            if (base.order == CaseOrder::by_deadline) {
                const auto due_a = next_due(a), due_b = next_due(b);
                if (due_a != due_b) return due_a && (!due_b || *due_a < *due_b);
                return a.id > b.id;
            }
            return a.id < b.id;
        });
        const std::size_t from = std::min(offset, out.items.size());
        const std::size_t to = std::min(offset + limit, out.items.size());
        out.items = std::vector<CaseRecord>(std::make_move_iterator(out.items.begin() + static_cast<std::ptrdiff_t>(from)),
                                            std::make_move_iterator(out.items.begin() + static_cast<std::ptrdiff_t>(to)));
    }
    return out;
}

std::map<std::string, std::size_t> states_visible(Engine& engine, const User& user, const CaseFilter& base) {
    std::map<std::string, std::size_t> out;
    for (const CaseFilter& filter : visible_filters(user, base))
        for (const auto& [state, count] : engine.count_cases_by_state(filter)) out[state] += count;
    return out;
}

bool sees_data_whole(const User& user) { return user.role != "vendor"; }

bool data_redacted(const User& user, const CaseRecord& record) {
    return !sees_data_whole(user) && (record.workflow_id == kPackage || record.workflow_id == kPerformance);
}

nlohmann::json visible_data(const User& user, const CaseRecord& record, const Workflow& workflow) {
    if (!data_redacted(user, record)) return record.data;
    if (record.workflow_id == kPerformance) {
        nlohmann::json shown = nlohmann::json::object();
        for (const char* field : kEvaluationResultFields)
            if (record.data.contains(field)) shown[field] = record.data[field];
        return shown;
    }
    nlohmann::json shown = nlohmann::json::object();
    const State* start = workflow.find_state(workflow.start);
    if (!start) return shown;
    auto copy = [&](const std::vector<FormField>& form) {
        for (const auto& field : form)
            if (record.data.contains(field.name)) shown[field.name] = record.data[field.name];
    };
    copy(start->form);
    for (const auto& outcome : start->outcomes) copy(outcome.form);
    if (record.data.contains("nama_pemenang"))
        for (const char* field : kAwardFields)
            if (record.data.contains(field)) shown[field] = record.data[field];
    return shown;
}

}  // namespace tata::server
