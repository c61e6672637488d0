#include "roster/roster_row.hpp"

#include <tata/calendar.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace tata::roster {
namespace {

struct Enumeration {
    std::string_view column;
    std::vector<std::string_view> values;
};

// The closed vocabularies of DESIGN.md section 4 (and hasil_seleksi).
const std::vector<Enumeration>& enumerations() {
    static const std::vector<Enumeration> all = {
        {"jenis_kelamin", {"L", "P"}},
        {"sektor", {"pendidikan", "kesehatan", "teknis", "administrasi"}},
        {"jenis_kontrak", {"honorer", "kontrak_daerah", "kontrak_provinsi", "sukarela"}},
        {"kategori", {"eks_thk2", "database_bkn", "non_database"}},
        {"sumber_gaji", {"apbd", "apbn", "blud", "lainnya"}},
        {"pendidikan", {"SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"}},
        {"hasil_seleksi", {"lulus_cpns", "lulus_pppk", "tidak_lulus", "belum_ikut"}},
        {"pelamar_prioritas", {"ya", "tidak"}},
        {"lulus_ppg", {"ya", "tidak"}},
    };
    return all;
}

const Enumeration* enumeration_of(std::string_view column) {
    for (const auto& e : enumerations()) {
        if (e.column == column) return &e;
    }
    return nullptr;
}

std::string join(const std::vector<std::string_view>& values) {
    std::string out;
    for (auto v : values) out += (out.empty() ? "" : ", ") + std::string(v);
    return out;
}

// The columns with a type of their own; everything else is text.
enum class Kind { text, date, rupiah, score, documents };
Kind kind_of(std::string_view column) {
    if (column == "tanggal_lahir" || column == "tmt") return Kind::date;
    if (column == "honor_bulanan") return Kind::rupiah;
    if (column == "nilai_kinerja") return Kind::score;
    if (column == "dokumen") return Kind::documents;
    return Kind::text;
}

constexpr std::array<std::string_view, 14> kRequired = {"nik",         "nama",    "tanggal_lahir", "jenis_kelamin", "opd",
                                                        "jabatan",     "sektor",  "jenis_kontrak", "tmt",           "kategori",
                                                        "sumber_gaji", "honor_bulanan", "pendidikan", "nilai_kinerja"};
constexpr std::array<std::string_view, 4> kOptional = {"hasil_seleksi", "dokumen", "pelamar_prioritas", "lulus_ppg"};

// Optional yes/no columns (the ranking's R1 and R5): an empty cell means
// "tidak", stored as such so that scorecards and filters see one value.
bool is_flag(std::string_view column) { return column == "pelamar_prioritas" || column == "lulus_ppg"; }

bool is_required(std::string_view column) {
    return std::find(kRequired.begin(), kRequired.end(), column) != kRequired.end();
}

// Parses `text` for `column` into `out`; returns the problem, or "".
std::string parse_field(std::string_view column, std::string_view text, nlohmann::json& out) {
    if (text.empty() && is_flag(column)) {
        out[std::string(column)] = "tidak";
        return "";
    }
    if (text.empty()) return is_required(column) ? "wajib diisi" : "";
    if (const Enumeration* e = enumeration_of(column)) {
        if (std::find(e->values.begin(), e->values.end(), text) == e->values.end())
            return "'" + std::string(text) + "' tidak dikenal (pilihan: " + join(e->values) + ")";
        out[std::string(column)] = std::string(text);
        return "";
    }
    switch (kind_of(column)) {
        case Kind::date:
            if (!parse_iso_date(text)) return "'" + std::string(text) + "' bukan tanggal (YYYY-MM-DD)";
            out[std::string(column)] = std::string(text);
            return "";
        case Kind::rupiah: {
            std::int64_t value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size() || value < 0)
                return "'" + std::string(text) + "' bukan jumlah rupiah bulat (contoh: 2500000)";
            out[std::string(column)] = value;
            return "";
        }
        case Kind::score: {
            double value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 100)
                return "'" + std::string(text) + "' bukan nilai 0–100";
            out[std::string(column)] = value;
            return "";
        }
        case Kind::documents: {
            nlohmann::json list = nlohmann::json::array();
            std::size_t from = 0;
            while (from <= text.size()) {
                const std::size_t to = std::min(text.find(';', from), text.size());
                std::string_view item = text.substr(from, to - from);
                while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
                while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
                if (!item.empty()) list.push_back(std::string(item));
                from = to + 1;
            }
            out["dokumen"] = std::move(list);
            return "";
        }
        case Kind::text:
            out[std::string(column)] = std::string(text);
            return "";
    }
    return "";
}

}  // namespace

const std::vector<std::string_view>& required_columns() {
    static const std::vector<std::string_view> columns(kRequired.begin(), kRequired.end());
    return columns;
}

RosterColumns::RosterColumns(const csv::Header& header) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header.names()[i];
        if (name.empty()) continue;
        const bool known = is_required(name) || std::find(kOptional.begin(), kOptional.end(), name) != kOptional.end();
        (known ? known_ : extra_).push_back({name, i});
    }
}

std::optional<std::size_t> RosterColumns::find(std::string_view name) const {
    for (const auto& c : known_) {
        if (c.name == name) return c.index;
    }
    return std::nullopt;
}

ParsedRow parse_row(const csv::Row& row, const RosterColumns& columns, const nik::AreaRegistry& areas,
                    std::chrono::year_month_day today) {
    ParsedRow parsed;
    for (const auto& column : columns.known()) {
        if (auto problem = parse_field(column.name, row[column.index], parsed.data); !problem.empty())
            parsed.problems.push_back(column.name + ": " + problem);
    }
    for (const auto& column : columns.extra()) {
        if (const auto text = row[column.index]; !text.empty()) parsed.data[column.name] = std::string(text);
    }
    const std::string_view nik_text = columns.find("nik") ? row[*columns.find("nik")] : std::string_view();
    if (!nik_text.empty()) {
        const nik::NikCheck check = nik::check_nik(nik_text, areas, today);
        for (const auto& problem : check.problems) parsed.problems.push_back("nik: " + problem.message);
        if (check.valid) {
            for (const auto& flag : check.flags) parsed.review_flags.push_back(flag.message);
            const auto column_text = [&](const char* name) {
                const auto index = columns.find(name);
                return index ? row[*index] : std::string_view();
            };
            for (const auto& flag : nik::compare_with_roster(check, column_text("tanggal_lahir"), column_text("jenis_kelamin")))
                parsed.review_flags.push_back(flag.message);
            parsed.data["wilayah_nik"] = {{"provinsi", std::string(check.province_name)},
                                          {"kabupaten", std::string(check.regency_name)},
                                          {"kecamatan", std::string(check.district_name)}};
        }
    }
    parsed.nik = std::string(nik_text);
    parsed.ok = parsed.problems.empty();
    return parsed;
}

}  // namespace tata::roster
