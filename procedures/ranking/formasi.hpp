// Formasi: approved vacancies a ranking fills in rank order.
//
//   formasi:
//     - {id: guru-sd, jenis: pppk, jabatan: Guru Kelas, sektor: pendidikan, opd: ..., jumlah: 40}
// `jenis` is cpns | pppk | pppk_paruh_waktu; jabatan, sektor and opd are
// optional filters. A worker takes the first formasi (in file order) that
// matches and still has room.
#pragma once

#include "ranking/scorecard.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace tata::ranking {

struct Formasi {
    std::string id;
    std::string jenis;  // cpns | pppk | pppk_paruh_waktu
    std::optional<std::string> jabatan, sektor, opd;
    int jumlah = 0;
};

// Throws RulesFileError ("FILE:LINE:COL: error: ..." lines).
std::vector<Formasi> load_formasi(const std::filesystem::path& file);
std::vector<Formasi> parse_formasi(const std::string& text, const std::string& file_name);
// The list under `formasi:` (or a planning scenario's), already loaded.
std::vector<Formasi> formasi_from_yaml(const YAML::Node& list, const std::string& file_name);

}  // namespace tata::ranking
