// The list of workers a regency evaluates in a year (penilaian kinerja):
// a CSV BKPSDM keeps from the appointment decrees and the outsourcing
// contracts, one row per worker:
//
//   nik,nama,opd,jabatan,jenis_kepegawaian,id_kontrak
//
// jenis_kepegawaian is pppk, pppk_paruh_waktu or alih_daya; id_kontrak (the
// vendor_contract case number) only and always for alih_daya. The whole list
// is read and checked before anything is opened, so a list with one bad row
// opens nothing and names every bad row.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace tata::performance {

// Limits for a list that arrives over the network: a regency evaluates some
// thousands of workers (Kapuas had 4,874 non-ASN), so 50,000 rows is ample.
inline constexpr std::size_t kMaxListRows = 50'000;
inline constexpr std::size_t kMaxFieldChars = 200;

struct EvaluatedWorker {
    std::string nik;
    std::string nama;
    std::string opd;
    std::string jabatan;
    std::string jenis_kepegawaian;
    std::int64_t id_kontrak = 0;  // alih_daya: the vendor_contract case
    std::size_t row = 0;          // the row in the file, for messages
};

struct EvaluationList {
    std::vector<EvaluatedWorker> workers;
    std::vector<std::string> problems;  // "NAME:ROW: kolom: pesan", in Bahasa Indonesia
};

// The kinds of worker the procedure evaluates, as written in the list.
const std::vector<std::string>& evaluated_kinds();

// Reads the list; a problem with the file as a whole (no header, a missing
// column, broken quoting, not UTF-8, too many rows) is one problem, and no
// workers are returned with it.
EvaluationList read_evaluation_list(std::istream& in, const std::string& name);

}  // namespace tata::performance
