// A real engine on a temporary SQLite file with the first rows of the
// Kapuas example roster imported, and every file the OPD and BKAD approve
// taken through to verified: what the ranking tests rank.
#pragma once

#include "nik/area_registry.hpp"
#include "roster/worker_import.hpp"
#include "support/test_support.hpp"

#include <fstream>
#include <memory>
#include <string>

namespace tata::test {

struct EngineFixture {
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00"));
    TempDir dir;
    EngineOptions options;
    std::unique_ptr<Engine> engine;
    std::size_t verified = 0;
    std::string a_verified_nik;

    explicit EngineFixture(std::size_t rows) {
        options = engine_options(dir, {source_dir() / "workflows"}, clock);
        options.sources.rules = {source_dir() / "rules"};
        options.sources.plugins = {core_plugin_dir()};
        engine = std::make_unique<Engine>(options);
        std::ifstream in(source_dir() / "examples" / "data" / "kapuas-roster.csv");
        std::string text;
        std::size_t lines = 0;
        for (std::string line; lines <= rows && std::getline(in, line); ++lines) text += line + "\n";
        const auto file = dir.write("roster.csv", text);
        const auto areas = nik::AreaRegistry::shared(source_dir() / "rules" / "wilayah");
        roster::ImportOptions import;
        import.regency = "62.03";
        roster::import_workers(*engine, file, *areas, import);
        for (const auto& c : engine->list_cases({})) {
            if (c.state != "konfirmasi_opd") continue;
            engine->fire(c.id, "setuju", {{"nomor_sptjm", "x"}}, Actor{"kepala", "opd_head"});
            const auto done = engine->fire(c.id, "valid", nlohmann::json::object(), Actor{"bkad", "bkad"});
            if (done.record.result == "verified") {
                ++verified;
                if (a_verified_nik.empty()) a_verified_nik = done.record.data.value("nik", std::string());
            }
        }
    }
};

}  // namespace tata::test
