#include "planning/adoption.hpp"

#include "ranking/generation_policy.hpp"

#include <tata/calendar.hpp>
#include <tata/clock.hpp>
#include <tata/errors.hpp>

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <unistd.h>

namespace tata::planning {
namespace {

const char* const kWorkflow = "planning_adoption";

// One adoption at a time in this process: two at once would each restore
// the other's file on failure.
std::mutex& adoption_mutex() {
    static std::mutex mutex;
    return mutex;
}

std::optional<std::string> read_if_exists(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw PlanningFileError(file.string() + ": error: cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Written beside the target and renamed over it, so that a reader (the
// file watch, a reload) sees the old file or the new one, never half.
void write_atomically(const std::filesystem::path& file, const std::string& text) {
    const std::filesystem::path temporary = file.string() + ".baru-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(temporary, ec);
            throw PlanningFileError(file.string() + ": error: cannot write the file");
        }
    }
    std::filesystem::rename(temporary, file);
}

void put(const std::filesystem::path& file, const std::optional<std::string>& text) {
    if (text) {
        write_atomically(file, *text);
    } else {
        std::error_code ec;
        std::filesystem::remove(file, ec);
    }
}

std::filesystem::path adoption_file(const Regency& regency) {
    const auto file = ranking::adopted_policy_path(regency);
    if (file.empty())
        throw PlanningFileError(regency.where.file +
                                ": error: the regency names no file for an adopted scenario (settings.prioritization.penetapan)");
    return file;
}

// The caller keeps `generation` alive as long as it uses the answer: the
// reload installs another generation, and the old one may go with it.
const Regency& known_regency(const DefinitionSet& generation, const std::string& regency) {
    const Regency* known = generation.find_regency(regency);
    if (!known) throw NotFound("unknown regency '" + regency + "'");
    if (!generation.latest(kWorkflow))
        throw PlanningFileError("the workflow '" + std::string(kWorkflow) + "' that records adoptions is not loaded");
    return *known;
}

std::string now_text(Engine& engine, const Regency& regency) {
    return format_iso8601(engine.clock().now(), parse_zone_offset(regency.zone).value_or(7 * 60));
}

void emit_formasi(YAML::Emitter& out, const std::vector<ranking::Formasi>& formasi) {
    out << YAML::Key << "formasi" << YAML::Value << YAML::BeginSeq;
    for (const auto& f : formasi) {
        out << YAML::Flow << YAML::BeginMap;
        out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << f.id;
        out << YAML::Key << "jenis" << YAML::Value << f.jenis;
        if (f.jabatan) out << YAML::Key << "jabatan" << YAML::Value << YAML::DoubleQuoted << *f.jabatan;
        if (f.sektor) out << YAML::Key << "sektor" << YAML::Value << YAML::DoubleQuoted << *f.sektor;
        if (f.opd) out << YAML::Key << "opd" << YAML::Value << YAML::DoubleQuoted << *f.opd;
        out << YAML::Key << "jumlah" << YAML::Value << f.jumlah;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

const char* wage_name(ParttimeWage wage) {
    switch (wage) {
        case ParttimeWage::umk: return "umk";
        case ParttimeWage::upah_lama: return "upah_lama";
        case ParttimeWage::tertinggi: break;
    }
    return "tertinggi";
}

// The audit record's data: what a reader of the case needs to know what
// changed, with the adopted file's whole text.
// (install_and_record adds the ranking number once it is installed.)
nlohmann::json record_data(const std::string& action, const std::string& name, const std::string& description,
                           const std::string& note, const std::string& text) {
    nlohmann::json data = {{"tindakan", action}, {"nama_skenario", name}};
    if (!description.empty()) data["keterangan_skenario"] = description;
    if (!note.empty()) data["catatan"] = note;
    data["isi_penetapan"] = text;
    return data;
}

// Installs the replaced file and records it; on any failure the old file is
// back and the serving generation is the one it gives.
AdoptionResult install_and_record(Engine& engine, const std::string& regency, ReplacedFile& file, const Reload& reload,
                                  const Actor& actor, nlohmann::json data) {
    AdoptionResult result;
    result.errors = reload();
    if (!result.errors.empty()) return result;  // `file` puts the old one back
    try {
        const auto ranking = ranking::rank_regency_own_formasi(engine, regency);
        result.ranking_number = ranking::ranking_number(ranking);
        data["nomor_pemeringkatan"] = result.ranking_number;
        result.record = engine.create_case(kWorkflow, regency, std::move(data), actor).record.id;
    } catch (...) {
        file.restore();
        reload();
        throw;
    }
    file.keep();
    result.ok = true;
    return result;
}

}  // namespace

ReplacedFile::ReplacedFile(std::filesystem::path file, const std::optional<std::string>& text)
    : file_(std::move(file)), previous_(read_if_exists(file_)) {
    put(file_, text);
}

ReplacedFile::~ReplacedFile() {
    if (kept_ || restored_) return;
    try {
        restore();
    } catch (...) {
        // A destructor must not throw; the reload that follows reports it.
    }
}

void ReplacedFile::restore() {
    restored_ = true;
    put(file_, previous_);
}

std::string adoption_yaml(const PlanningContext& context, const Scenario& scenario,
                          const std::vector<ranking::Formasi>* formasi, const std::string& oleh,
                          const std::string& pada, const std::string& catatan) {
    // The scenario's changes on top of the earlier adoption's.
    const ranking::PolicyChanges* before = context.adopted ? &context.adopted->changes : nullptr;
    std::map<std::string, double> points = before ? before->points : std::map<std::string, double>{};
    for (const auto& [rule, value] : scenario.changes.points) points[rule] = value;
    std::optional<int> min_years = scenario.changes.min_service_years;
    if (!min_years && before) min_years = before->min_service_years;
    const std::string rest_database =
        !scenario.changes.rest_database.empty() || !before ? scenario.changes.rest_database : before->rest_database;
    const std::string rest_other =
        !scenario.changes.rest_other.empty() || !before ? scenario.changes.rest_other : before->rest_other;
    std::optional<ParttimeWage> wage = scenario.paruh_waktu_upah;
    std::optional<bool> counted = scenario.paruh_waktu_belanja_pegawai;
    if (!wage) wage = context.adopted_wage;
    if (!counted) counted = context.adopted_counted;

    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "nama" << YAML::Value << YAML::DoubleQuoted << scenario.nama;
    if (!scenario.keterangan.empty())
        out << YAML::Key << "keterangan" << YAML::Value << YAML::DoubleQuoted << scenario.keterangan;
    out << YAML::Key << "ditetapkan" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "oleh" << YAML::Value << YAML::DoubleQuoted << oleh;
    out << YAML::Key << "pada" << YAML::Value << YAML::DoubleQuoted << pada;
    if (!catatan.empty()) out << YAML::Key << "catatan" << YAML::Value << YAML::DoubleQuoted << catatan;
    out << YAML::EndMap;
    if (formasi) emit_formasi(out, *formasi);
    if (!points.empty()) {
        out << YAML::Key << "bobot" << YAML::Value << YAML::BeginMap;
        for (const auto& [rule, value] : points) out << YAML::Key << rule << YAML::Value << value;
        out << YAML::EndMap;
    }
    if (min_years) out << YAML::Key << "min_masa_kerja" << YAML::Value << *min_years;
    if (!rest_database.empty() || !rest_other.empty()) {
        out << YAML::Key << "sisa" << YAML::Value << YAML::BeginMap;
        if (!rest_database.empty()) out << YAML::Key << "database" << YAML::Value << rest_database;
        if (!rest_other.empty()) out << YAML::Key << "lainnya" << YAML::Value << rest_other;
        out << YAML::EndMap;
    }
    if (wage || counted) {
        out << YAML::Key << "paruh_waktu" << YAML::Value << YAML::BeginMap;
        if (wage) out << YAML::Key << "upah" << YAML::Value << wage_name(*wage);
        if (counted) out << YAML::Key << "belanja_pegawai" << YAML::Value << *counted;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return "# Skenario perencanaan yang ditetapkan untuk " + context.regency_name +
           " (ditulis oleh Tata saat penetapan; docs/planning.md).\n"
           "# Formasi dan aturan di bawah berlaku untuk pemeringkatan sampai skenario lain ditetapkan\n"
           "# atau penetapan ini dicabut.\n" +
           std::string(out.c_str()) + "\n";
}

AdoptionResult adopt_scenario(Engine& engine, const std::string& regency, const Scenario& scenario, const Actor& actor,
                              const std::string& note, const Reload& reload) {
    std::lock_guard lock(adoption_mutex());
    const auto generation = engine.definitions();
    const Regency& known = known_regency(*generation, regency);
    const auto file = adoption_file(known);
    const PlanningContext context = planning_context(engine, regency);
    // Simulating first proves the scenario applies (its rules exist, its
    // formasi is valid) before anything is written.
    simulate(engine, context, scenario);

    // The formasi, frozen: the ABK's proposal or the given list as they are
    // today; "regency" keeps an earlier adoption's list (else the formasi
    // file applies, as it changes).
    const std::vector<ranking::Formasi>* formasi = nullptr;
    if (scenario.formasi_from == Scenario::FormasiFrom::abk) formasi = &context.abk_formasi;
    else if (scenario.formasi_from == Scenario::FormasiFrom::given && scenario.changes.formasi) formasi = &*scenario.changes.formasi;
    else if (context.adopted && context.adopted->changes.formasi) formasi = &*context.adopted->changes.formasi;

    const std::string text = adoption_yaml(context, scenario, formasi, actor.user, now_text(engine, known), note);
    try {
        ranking::parse_adopted_policy(text, file.string());  // what it wrote, it reads
    } catch (const ranking::RulesFileError& e) {
        throw PlanningFileError(e.what());
    }
    ReplacedFile replaced(file, text);
    AdoptionResult result = install_and_record(
        engine, regency, replaced, reload, actor,
        record_data("tetapkan", scenario.nama, scenario.keterangan, note, text));
    result.text = text;
    return result;
}

AdoptionResult revoke_adoption(Engine& engine, const std::string& regency, const Actor& actor, const std::string& note,
                               const Reload& reload) {
    std::lock_guard lock(adoption_mutex());
    const auto generation = engine.definitions();
    const auto file = adoption_file(known_regency(*generation, regency));
    const auto current = read_if_exists(file);
    if (!current) throw PlanningFileError(file.string() + ": error: no scenario is adopted");
    std::string name;
    try {
        name = ranking::parse_adopted_policy(*current, file.string()).nama;
    } catch (const ranking::RulesFileError&) {
        name = "(berkas penetapan rusak)";  // revoking a broken adoption is how it gets fixed
    }
    ReplacedFile replaced(file, std::nullopt);
    return install_and_record(engine, regency, replaced, reload, actor,
                              record_data("cabut", name, std::string(), note, *current));
}

}  // namespace tata::planning
