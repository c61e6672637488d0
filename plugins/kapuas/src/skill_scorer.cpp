#include "skill_scorer.hpp"

#include "education_levels.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

namespace tata::kapuas {

namespace {

using sdk::Json;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

// A number argument, or `fallback` when absent; a clear error when it is
// something else, since the regency admin wrote it.
double number_arg(const Json& args, const char* name, double fallback) {
    const auto it = args.find(name);
    if (it == args.end() || it->is_null()) return fallback;
    if (!it->is_number()) throw sdk::ActionFailure(std::string("args.") + name + " harus berupa angka");
    return it->get<double>();
}

// The minimum education of a position: the scorecard's table by jabatan,
// then the national defaults, then the table by sector.
std::string minimum_for(const Json& args, std::string_view jabatan, std::string_view sektor) {
    if (const auto table = args.find("kualifikasi_minimum"); table != args.end() && table->is_object()) {
        for (const auto& [position, level] : table->items())
            if (equals_ignoring_case(position, jabatan) && level.is_string()) return level.get<std::string>();
    }
    if (sektor == "pendidikan") {
        if (starts_with_ignoring_case(jabatan, "guru")) return "S1";
        if (starts_with_ignoring_case(jabatan, "tenaga kependidikan")) return "SMA";
    }
    if (const auto table = args.find("kualifikasi_minimum_sektor"); table != args.end() && table->is_object()) {
        if (const auto level = table->find(std::string(sektor)); level != table->end() && level->is_string())
            return level->get<std::string>();
    }
    return sektor == "pendidikan" ? "S1" : "D3";
}

std::string points_text(double points) {
    char text[32];
    if (points == std::floor(points)) std::snprintf(text, sizeof text, "%.0f", points);
    else std::snprintf(text, sizeof text, "%.2f", points);
    return text;
}

}  // namespace

sdk::Score skill_score(const sdk::ScorerContext& ctx) {
    const std::string_view sektor = ctx.worker.text_or("sektor", "");
    if (sektor != "pendidikan" && sektor != "kesehatan") return {};

    const std::string_view jabatan = ctx.worker.text_or("jabatan", "");
    const std::string_view jenjang = ctx.worker.text_or("pendidikan", "");
    const std::string required = minimum_for(ctx.args, jabatan, sektor);
    const auto required_level = education_level(required);
    if (!required_level)
        throw sdk::ActionFailure("kualifikasi minimum '" + required + "' untuk jabatan '" + std::string(jabatan) +
                                 "' bukan jenjang pendidikan (SD, SMP, SMA, D1-D4, S1-S3)");
    const std::string who = (jabatan.empty() ? std::string("Pegawai") : std::string(jabatan));
    const auto level = education_level(jenjang);
    if (!level)
        return {0, who + ": jenjang pendidikan tidak tercatat, poin keahlian tidak diberikan"};
    if (*level < *required_level)
        return {0, who + " berpendidikan " + std::string(jenjang) + ", di bawah kualifikasi minimal " + required +
                       ": poin keahlian tidak diberikan"};

    double points = number_arg(ctx.args, "poin_memenuhi", 10);
    std::string reason = who + " berpendidikan " + std::string(jenjang) + ", memenuhi kualifikasi minimal " + required;
    if (const int above = *level - *required_level; above > 0) {
        points += above * number_arg(ctx.args, "poin_per_jenjang_di_atas", 2);
        reason += " (" + std::to_string(above) + " jenjang di atasnya)";
    }
    const bool teacher = sektor == "pendidikan" && starts_with_ignoring_case(jabatan, "guru");
    if (teacher && ctx.worker.text_or("lulus_ppg", "") == "ya") {
        points += number_arg(ctx.args, "poin_sertifikat_pendidik", 5);
        reason += ", bersertifikat pendidik (PPG)";
    }
    points = std::min(points, number_arg(ctx.args, "poin_maksimum", 20));
    return {points, reason + ": " + points_text(points) + " poin"};
}

}  // namespace tata::kapuas
