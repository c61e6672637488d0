// Where a case's row lives in the text index (`case_search`): its rowid is
// the case id under its regency's number (case_search_regencies), so each
// regency's rows are one range of rowids, in case id order.
//
// Why: FTS5 reads a term's whole doclist, and the commonest trigrams of
// names ("aya", "iti") have hundreds of thousands of rows nationally. Given
// a range of rowids it starts and stops there, reading a regency's part
// only. Measured at 2.3 M cases over five regencies: a name 1,500 files
// share, 15 ms with the regency's code in the phrase query, 1.9 ms over its
// range; "siti" 31 ms and 3.3 ms (bench/list_bench.sh, README).
#pragma once

#include <cstdint>
#include <string>

namespace tata::search_rows {

// Case ids up to 2^40 (a trillion); regency numbers up to 2^23.
constexpr int kCaseIdBits = 40;
constexpr std::int64_t kCaseIdMask = (std::int64_t{1} << kCaseIdBits) - 1;
constexpr std::int64_t kMostRegencies = (std::int64_t{1} << (63 - kCaseIdBits)) - 1;

// A regency's rows: [first, end).
struct Range {
    std::int64_t first = 0;
    std::int64_t end = 0;  // first == end: a regency without rows
};

inline Range of_regency(std::int64_t regency_number) {
    return {regency_number << kCaseIdBits, (regency_number + 1) << kCaseIdBits};
}

inline std::int64_t rowid(std::int64_t regency_number, std::int64_t case_id) {
    return (regency_number << kCaseIdBits) | case_id;
}

// The SQL of the rowid of case `cases_alias` (its id and regency columns).
inline std::string rowid_sql(const std::string& cases_alias) {
    return "((SELECT r.number FROM case_search_regencies r WHERE r.regency = " + cases_alias + ".regency) << " +
           std::to_string(kCaseIdBits) + " | " + cases_alias + ".id)";
}

}  // namespace tata::search_rows
