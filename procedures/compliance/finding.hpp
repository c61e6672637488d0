// What a compliance check finds wrong in a vendor's monthly report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tata::compliance {

// Every rule a report is checked against, in the order findings on one row
// are listed. rule_code() gives the stable name used in output and JSON.
enum class Rule {
    file_format,               // format_berkas: header or quoting broken; rows after it unread
    malformed_row,             // baris_tidak_valid: a field that is not a number, date, flag, periode or NIK
    mixed_period,              // periode_campur: a row for another month than the report's
    duplicate_nik,             // nik_ganda: the same worker twice
    minimum_wage,              // upah_minimum: wage below the UMK
    bpjs_tk_enrolment,         // bpjs_tk_terdaftar: not enrolled in BPJS Ketenagakerjaan
    jht,                       // iuran_jht
    jp,                        // iuran_jp
    jkk,                       // iuran_jkk
    jkm,                       // iuran_jkm
    bpjs_kesehatan_enrolment,  // bpjs_kesehatan_terdaftar
    kesehatan,                 // iuran_kesehatan
    late_payment,              // tanggal_bayar: paid after the pay day
    headcount,                 // jumlah_pekerja: not the contract's headcount
};

std::string_view rule_code(Rule rule);

struct Finding {
    std::size_t row = 0;  // the CSV row (header = 1); 0 for the report as a whole
    std::string nik;      // as written; empty when the finding is not about one worker
    std::string name;     // the worker's nama, for people reading the list
    Rule rule = Rule::malformed_row;
    std::string message;  // Bahasa Indonesia, without the row/NIK/rule prefix

    // Money rules: what was owed, what the report shows, the difference.
    std::int64_t required = 0;
    std::int64_t reported = 0;
    std::int64_t shortfall = 0;  // rupiah still owed; 0 when the rule is not about money
    int days_late = 0;           // late_payment only
};

}  // namespace tata::compliance
