// Who sees which case (DESIGN.md section 3). Every route that touches a case
// goes through here; a case the caller may not see is answered 404, so its
// existence does not leak.
//
//   admin, officer   every case of their regency
//   bkad             the verification cases of their regency
//   opd_head         the verification and performance evaluation cases of
//                    their own OPD (data.opd): they head it, take the
//                    evaluation's escalations and decide objections
//   supervisor       the performance evaluation cases of their OPD (the
//                    pejabat penilai kinerja)
//   vendor           its own contracts (data.id_penyedia), and procurement
//                    packages, of which it sees the package's definition, the
//                    announced award, and its own bid (api/bid_routes.cpp);
//                    it searches packages by their name only
//                    and the final performance evaluations of its contracts'
//                    workers (data.id_penyedia), of which it sees the result
//   worker           their own verification case (key = NIK), the
//                    grievances they filed and their evaluations (data.nik)
#pragma once

#include "identity/user.hpp"

#include <tata/engine.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tata::server {

bool can_see(const User& user, const CaseRecord& record);

// The nearest due date of the case's open tasks (what CaseOrder::by_deadline
// sorts by); nullopt when none is dated.
std::optional<TimePoint> next_due(const CaseRecord& record);

// The case, or 404 when it does not exist or the user may not see it.
CaseRecord visible_case(Engine& engine, const User& user, CaseId id);
// The same 404 for a case already read (as Engine::fire's `admit` sees it).
void require_visible(const User& user, const CaseRecord& record);

// Filters whose union is what the user may see of `base` (a worker's cases
// need two); empty when the user sees nothing of it.
std::vector<CaseFilter> visible_filters(const User& user, const CaseFilter& base);

// One page of the cases the user may see among those `base` selects (its
// limit and offset are replaced), in its order, and how many there are:
// exact up to kExactCountUpTo, beyond that at least that many (total_exact
// false), so that a search matching half a province answers as fast as one
// matching ten (counting is the one part of a list that reads every match).
inline constexpr std::size_t kExactCountUpTo = 1'000;
struct VisibleCases {
    std::vector<CaseRecord> items;
    std::size_t total = 0;
    bool total_exact = true;
};
VisibleCases list_visible(Engine& engine, const User& user, const CaseFilter& base, std::size_t offset,
                          std::size_t limit);
// How many of those cases are in each state, `base`'s own state ignored.
std::map<std::string, std::size_t> states_visible(Engine& engine, const User& user, const CaseFilter& base);

// The route through which the user fires `outcome` of the case, when it is
// not the generic outcome route: a vendor bids through the package's bids
// route and sends monthly reports through the contract's reports route,
// which check what they receive before firing. nullopt: the generic route.
std::optional<std::string> dedicated_route(const User& user, const CaseRecord& record, const std::string& outcome);

// The case data as the user may read it: a vendor reading a procurement
// package sees its definition (the fields of the start task's forms) and,
// once awarded, the award (nomor_penetapan, nama_pemenang, nilai_kontrak),
// never other vendors' bids or the committee's checks.
nlohmann::json visible_data(const User& user, const CaseRecord& record, const Workflow& workflow);
// Whether visible_data shows less than the case data.
bool data_redacted(const User& user, const CaseRecord& record);
// Whether the user sees every case's data whole (data_redacted never holds).
bool sees_data_whole(const User& user);

}  // namespace tata::server
