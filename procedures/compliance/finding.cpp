#include "compliance/finding.hpp"

namespace tata::compliance {

std::string_view rule_code(Rule rule) {
    switch (rule) {
        case Rule::file_format:
            return "format_berkas";
        case Rule::malformed_row:
            return "baris_tidak_valid";
        case Rule::mixed_period:
            return "periode_campur";
        case Rule::duplicate_nik:
            return "nik_ganda";
        case Rule::minimum_wage:
            return "upah_minimum";
        case Rule::bpjs_tk_enrolment:
            return "bpjs_tk_terdaftar";
        case Rule::jht:
            return "iuran_jht";
        case Rule::jp:
            return "iuran_jp";
        case Rule::jkk:
            return "iuran_jkk";
        case Rule::jkm:
            return "iuran_jkm";
        case Rule::bpjs_kesehatan_enrolment:
            return "bpjs_kesehatan_terdaftar";
        case Rule::kesehatan:
            return "iuran_kesehatan";
        case Rule::late_payment:
            return "tanggal_bayar";
        case Rule::headcount:
            return "jumlah_pekerja";
    }
    return "tidak_dikenal";
}

}  // namespace tata::compliance
