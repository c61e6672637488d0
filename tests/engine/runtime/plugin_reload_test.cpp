// Reloading a generation of workflows, rules and plugins while cases are in
// flight, and refusing a generation that does not validate.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;

namespace {

constexpr const char* counting_workflow = R"(id: hitung
version: 1
title: Hitung
start: tambah
states:
  tambah:
    kind: auto
    actions: [counter.increment]
    next: tunggu
  tunggu:
    kind: task
    role: officer
    title: Tunggu
    outcomes:
      lagi: tambah
      selesai: tamat
  tamat:
    kind: end
    result: done
)";

constexpr const char* faulty_workflow = R"(id: rapuh
version: 1
title: Rapuh
start: coba
states:
  coba:
    kind: auto
    actions: [faulty.fail]
    next: tamat
  tamat:
    kind: end
    result: done
)";

struct Fixture {
    TempDir dir;
    fs::path plugins = dir / "plugins";
    fs::path workflows = dir / "workflows";
    std::unique_ptr<Engine> engine;

    Fixture() {
        fs::create_directories(plugins);
        fs::copy_file(core_plugin_dir() / "libtata_core.so", plugins / "libtata_core.so");
        fs::copy_file(test_plugin_dir("counter") / "libtata_test_counter.so", plugins / "libtata_test_counter.so");
        dir.write("workflows/hitung.yaml", counting_workflow);
        EngineOptions options = engine_options(dir, {workflows}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
        options.sources.plugins = {plugins};
        engine = std::make_unique<Engine>(options);
    }
};

}  // namespace

TEST_CASE("a reload adds a plugin and the workflows that use it while cases run", "[reload][plugins]") {
    Fixture f;
    const Actor officer{"rina", "officer"};
    const CaseId running = f.engine->create_case("hitung", "62.03", nlohmann::json::object(), officer).record.id;
    CHECK(f.engine->get_case(running).data["count"] == 1);

    fs::copy_file(test_plugin_dir("faulty") / "libtata_test_faulty.so", f.plugins / "libtata_test_faulty.so");
    f.dir.write("workflows/rapuh.yaml", faulty_workflow);
    f.engine->reload();

    const auto definitions = f.engine->definitions();
    CHECK(definitions->plugins->has_action("faulty.fail"));
    CHECK(definitions->latest("rapuh") != nullptr);
    // The case started before the reload goes on with the new generation's plugins.
    const auto advanced = f.engine->fire(running, "lagi", nlohmann::json::object(), officer);
    CHECK(advanced.record.data["count"] == 2);
    CHECK(advanced.record.state == "tunggu");
    // And the new workflow runs (its action fails on purpose: an incident).
    const auto fresh = f.engine->create_case("rapuh", "62.03", nlohmann::json::object(), officer);
    CHECK(fresh.record.status == CaseStatus::incident);
}

TEST_CASE("a reload that would leave an action without its plugin is refused whole", "[reload][plugins]") {
    Fixture f;
    const Actor officer{"rina", "officer"};
    const CaseId running = f.engine->create_case("hitung", "62.03", nlohmann::json::object(), officer).record.id;
    const int generation = f.engine->definitions()->generation;

    fs::remove(f.plugins / "libtata_test_counter.so");
    try {
        f.engine->reload();
        FAIL("reload accepted a workflow whose plugin is gone");
    } catch (const ValidationError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].where.file == (f.workflows / "hitung.yaml").string());
        CHECK(e.diagnostics()[0].where.line == 8);  // the action item
        CHECK_THAT(e.diagnostics()[0].message, Catch::Contains("unknown action 'counter.increment'"));
    }
    // The old generation (with the counter plugin still loaded) keeps serving.
    CHECK(f.engine->definitions()->generation == generation);
    const auto advanced = f.engine->fire(running, "lagi", nlohmann::json::object(), officer);
    CHECK(advanced.record.data["count"] == 2);
    CHECK_FALSE(advanced.incident);
}

TEST_CASE("a reload picks up changed regency rules", "[reload][rules]") {
    Fixture f;
    EngineOptions options = engine_options(f.dir, {f.workflows}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
    // A private copy of the fixture rules that this test edits.
    const fs::path rules = f.dir / "rules";
    fs::copy(fixture_rules(), rules, fs::copy_options::recursive);
    options.database = f.dir / "rules.db";
    options.sources.rules = {rules};
    options.sources.plugins = {f.plugins};
    Engine engine(options);
    CHECK(engine.definitions()->find_regency("62.03")->settings["umk"] == 3473710);

    std::string text = read_text(rules / "62.03" / "regency.yaml");
    text.replace(text.find("3473710"), 7, "3600000");
    write_file(rules / "62.03" / "regency.yaml", text);
    engine.reload();
    CHECK(engine.definitions()->find_regency("62.03")->settings["umk"] == 3600000);

    write_file(rules / "62.03" / "regency.yaml", text + "zona_salah: 1\n");
    CHECK_THROWS_AS(engine.reload(), ValidationError);
    CHECK(engine.definitions()->find_regency("62.03")->settings["umk"] == 3600000);
}

TEST_CASE("a reload may not drop a regency whose cases are still in flight", "[reload][rules]") {
    Fixture f;
    const fs::path rules = f.dir / "rules";
    fs::copy(fixture_rules(), rules, fs::copy_options::recursive);
    EngineOptions options = engine_options(f.dir, {f.workflows}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
    options.database = f.dir / "regency.db";
    options.sources.rules = {rules};
    options.sources.plugins = {f.plugins};
    Engine engine(options);
    const CaseId running = engine.create_case("hitung", "64.71", nlohmann::json::object(), {"rina", "officer"}).record.id;

    fs::remove_all(rules / "64.71");
    try {
        engine.reload();
        FAIL("reload dropped a regency with a case in flight");
    } catch (const ValidationError& e) {
        CHECK_THAT(e.what(), Catch::Contains("regency '64.71' has cases in flight"));
    }
    CHECK(engine.definitions()->find_regency("64.71") != nullptr);
    CHECK(engine.fire(running, "selesai", nlohmann::json::object(), {"rina", "officer"}).record.result == "done");
    // Once its cases are done, the regency may go.
    engine.reload();
    CHECK(engine.definitions()->find_regency("64.71") == nullptr);
}
