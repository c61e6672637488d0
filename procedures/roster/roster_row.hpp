// One row of the worker roster (DESIGN.md section 4) → the worker's data as
// the verification case holds it, or the reasons the row cannot be used.
//
// Columns: nik,nama,tanggal_lahir,jenis_kelamin,opd,jabatan,sektor,
// jenis_kontrak,tmt,kategori,sumber_gaji,honor_bulanan,pendidikan,
// nilai_kinerja; optional hasil_seleksi, dokumen (document types,
// separated by ';'), pelamar_prioritas and lulus_ppg (ya / tidak, empty is
// tidak); any other column is kept as text.
#pragma once

#include "csv/csv_reader.hpp"
#include "nik/nik.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tata::roster {

// The columns every roster must have.
const std::vector<std::string_view>& required_columns();

// Column positions resolved once per file.
class RosterColumns {
public:
    explicit RosterColumns(const csv::Header& header);

    struct Column {
        std::string name;
        std::size_t index;
    };
    const std::vector<Column>& known() const { return known_; }
    const std::vector<Column>& extra() const { return extra_; }
    std::optional<std::size_t> find(std::string_view name) const;

private:
    std::vector<Column> known_;
    std::vector<Column> extra_;
};

struct ParsedRow {
    bool ok = false;
    std::string nik;
    nlohmann::json data = nlohmann::json::object();  // the worker's fields, typed
    std::vector<std::string> problems;               // "kolom: pesan", Bahasa Indonesia
    std::vector<std::string> review_flags;           // valid, but an officer must look
};

// Parses and checks one row. `today` resolves the NIK's two-digit year.
ParsedRow parse_row(const csv::Row& row, const RosterColumns& columns, const nik::AreaRegistry& areas,
                    std::chrono::year_month_day today);

}  // namespace tata::roster
