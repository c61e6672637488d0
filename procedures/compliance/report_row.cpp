#include "compliance/report_row.hpp"

#include "compliance/fields.hpp"

namespace tata::compliance {
namespace {

// clang-format off
enum Column : std::size_t {
    periode, nik, nama, jabatan, upah_dibayar, tanggal_bayar, bpjs_tk_terdaftar,
    iuran_jht, iuran_jp, iuran_jkk, iuran_jkm, bpjs_kesehatan_terdaftar, iuran_kesehatan
};
// clang-format on

// Collects the malformed fields of one row.
struct FieldErrors {
    const ReportRow& row;
    std::vector<Finding>& findings;
    bool any = false;

    void add(std::string message) {
        any = true;
        Finding finding;
        finding.row = row.row;
        finding.nik = row.nik;
        finding.name = row.name;
        finding.rule = Rule::malformed_row;
        finding.message = std::move(message);
        findings.push_back(std::move(finding));
    }
    void bad_value(std::string_view column, std::string_view text, std::string_view expected) {
        add("kolom " + std::string(column) + ": '" + std::string(text) + "' " + std::string(expected));
    }
};

}  // namespace

RowReader::RowReader(const csv::Header& header) : header_size_(header.size()) {
    for (std::size_t i = 0; i < report_columns.size(); ++i) columns_[i] = header.index(report_columns[i]);
}

ReportRow RowReader::read(const csv::Row& row, std::vector<Finding>& findings) const {
    ReportRow out;
    out.row = row.number();
    const auto field = [&](Column column) { return row[columns_[column]]; };
    out.nik = std::string(field(nik));
    out.name = std::string(field(nama));
    FieldErrors errors{out, findings};

    if (row.size() != header_size_) {
        // More fields than the header is nearly always a comma inside an
        // unquoted name, which shifts every later column.
        errors.add("baris berisi " + std::to_string(row.size()) + " kolom, baris judul " +
                   std::to_string(header_size_) +
                   (row.size() > header_size_ ? "; apit nilai yang memuat koma dengan tanda kutip (\"...\")" : ""));
        return out;  // the fields are not where the header says: reading them (even the NIK) would mislead
    }

    if (const auto value = parse_periode(field(periode))) {
        out.periode = *value;
        out.periode_valid = true;
    } else {
        errors.bad_value("periode", field(periode), "bukan periode TTTT-BB (misalnya 2025-06)");
    }
    out.nik_valid = is_nik(out.nik);
    if (!out.nik_valid) errors.bad_value("nik", out.nik, "bukan NIK 16 digit");

    if (field(upah_dibayar).empty()) {
        errors.add("kolom upah_dibayar kosong");
    } else if (const auto value = parse_rupiah(field(upah_dibayar))) {
        out.wage = *value;
        out.wage_valid = true;
    } else {
        errors.bad_value("upah_dibayar", field(upah_dibayar),
                         "bukan jumlah rupiah bulat (tulis angka saja, tanpa titik, koma atau Rp)");
    }
    if (const auto value = parse_date(field(tanggal_bayar))) {
        out.paid_on = *value;
    } else {
        errors.bad_value("tanggal_bayar", field(tanggal_bayar),
                         "bukan tanggal TTTT-BB-HH yang sah (misalnya 2025-06-28)");
    }

    const auto flag = [&](Column column, bool& target) {
        if (const auto value = parse_flag(field(column))) {
            target = *value;
        } else {
            errors.bad_value(report_columns[column], field(column), "harus 'ya' atau 'tidak'");
        }
    };
    // An empty contribution reads as 0: vendors leave it blank for a worker
    // not enrolled, and the check then shows the whole amount as owed.
    const auto contribution = [&](Column column, std::int64_t& target) {
        if (field(column).empty()) return;
        if (const auto value = parse_rupiah(field(column))) {
            target = *value;
        } else {
            errors.bad_value(report_columns[column], field(column),
                             "bukan jumlah rupiah bulat (tulis angka saja, tanpa titik, koma atau Rp)");
        }
    };
    flag(bpjs_tk_terdaftar, out.bpjs_tk);
    contribution(iuran_jht, out.jht);
    contribution(iuran_jp, out.jp);
    contribution(iuran_jkk, out.jkk);
    contribution(iuran_jkm, out.jkm);
    flag(bpjs_kesehatan_terdaftar, out.bpjs_kesehatan);
    contribution(iuran_kesehatan, out.kesehatan);

    out.complete = !errors.any;
    return out;
}

}  // namespace tata::compliance
