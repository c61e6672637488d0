// One read of workers' personal data (UU 27/2022 on personal data
// protection): who read, when, what and through which route. Kept in its own
// hash-chained log (privacy/personal_data_log.hpp), apart from the cases'
// audit history, which records changes, not reads.
#pragma once

#include <tata/clock.hpp>
#include <tata/records.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tata::server::privacy {

// One worker whose data was read. The NIK is never stored: only its keyed
// hash (PersonalDataLog::nik_mac), so that a worker's own reads can still
// be found. case_id is 0 when the read named the worker without a case
// (a ranking row).
struct AccessSubject {
    CaseId case_id = 0;
    std::string nik_mac;
};

// What kinds of read there are; the codes are stored, the words shown to a
// worker come from privacy/access_words.hpp.
namespace action {
inline const std::string kCaseRead = "case_read";
inline const std::string kCaseHistory = "case_history";
inline const std::string kCaseList = "case_list";
inline const std::string kCaseSearch = "case_search";
inline const std::string kWorkerRead = "worker_read";
inline const std::string kTaskList = "task_list";
inline const std::string kTaskSearch = "task_search";
inline const std::string kGrievanceList = "grievance_list";
inline const std::string kRankingList = "ranking_list";
inline const std::string kRankingSearch = "ranking_search";
inline const std::string kRankingExplain = "ranking_explain";
inline const std::string kRekapRead = "rekap_read";
inline const std::string kRekapDownload = "rekap_download";
inline const std::string kDocumentList = "document_list";
inline const std::string kDocumentDownload = "document_download";
inline const std::string kLetterPrint = "letter_print";
inline const std::string kPlanningDifferences = "planning_differences";
}  // namespace action

struct AccessEvent {
    std::string regency;  // the chain it joins: one per regency
    TimePoint at{};
    std::int64_t user_id = 0;  // 0: not a server user (the command line)
    std::string username;
    std::string role;
    std::string unit;     // the reader's OPD, when they have one
    std::string action;   // one of action::
    std::string route;    // "GET /api/v1/cases/{id}": the pattern, so no NIK or name lands here
    std::string purpose;  // why, as the reader stated it (X-Access-Purpose), digits masked
    // The rekap reads every worker of the regency to count them: one
    // event, no subject rows, shown to every worker of the regency.
    bool whole_regency = false;
    std::vector<AccessSubject> subjects;
};

// An event as stored, as the log routes show it.
struct AccessEntry {
    std::int64_t id = 0;  // the row
    std::string regency;
    std::int64_t seq = 0;  // its place in the regency's chain
    TimePoint at{};
    std::int64_t user_id = 0;
    std::string username;
    std::string role;
    std::string unit;
    std::string action;
    std::string route;
    std::string purpose;
    bool whole_regency = false;
    std::size_t subject_count = 0;
    std::vector<CaseId> case_ids;  // of the asked worker only, or the first ones (kMaxCaseIdsShown)
};

struct AccessLogReport {
    bool intact = true;
    std::int64_t entries_checked = 0;
    std::int64_t subjects_checked = 0;
    std::int64_t regencies = 0;
    // Where it first breaks: the row id (privacy_access.id), its regency
    // and its place in that regency's chain.
    std::optional<std::int64_t> first_bad_row;
    std::string bad_regency;
    std::int64_t bad_seq = 0;
    std::string problem;
};

}  // namespace tata::server::privacy
