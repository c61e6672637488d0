// The plugin host against real plugin libraries: the shipped core plugin and
// the test plugins built beside this suite (faulty, wrong_abi, old_abi,
// duplicate_action, counter).
#include "support/test_support.hpp"

#include <catch2/catch.hpp>
#include <tata/definitions.hpp>
#include <tata/engine.hpp>
#include <tata/plugin.hpp>
#include <tata/plugin_host.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string joined(const std::vector<Diagnostic>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.to_string() + "\n";
    return out;
}

const LoadedPlugin* find_plugin(const PluginSet& set, const std::string& name) {
    for (const auto& plugin : set.plugins())
        if (plugin.name == name) return &plugin;
    return nullptr;
}

// The single library file in a folder the build fills with plugins.
fs::path only_library_in(const fs::path& folder, const std::string& stem_part) {
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() == ".so" && contains(entry.path().filename().string(), stem_part))
            return entry.path();
    }
    FAIL("no library matching '" << stem_part << "' in " << folder);
    return {};
}

struct Call {
    nlohmann::json data = nlohmann::json::object();
    nlohmann::json input = nlohmann::json::object();
    nlohmann::json args = nlohmann::json::object();
    nlohmann::json regency = nlohmann::json::object();
    mutable std::string args_text;
    mutable std::string regency_text;

    ActionInvocation invocation() const {
        ActionInvocation call;
        call.case_id = "42";
        call.workflow_id = "contoh";
        call.state = "periksa";
        call.regency = "62.03";
        call.now = "2025-03-14T01:30:00Z";
        call.data = &data;
        call.input = &input;
        // The host hands plugins these two as text dumped once at load.
        args_text = args.dump();
        regency_text = regency.dump();
        call.args_json = &args_text;
        call.regency_settings_json = &regency_text;
        return call;
    }
};

const char* const simple_workflow = R"(id: contoh
version: 1
title: Contoh alur
start: periksa
states:
  periksa:
    kind: task
    title: Periksa berkas
    role: officer
    outcomes:
      lanjut: selesai
  selesai:
    kind: end
    result: verified
)";

}  // namespace

TEST_CASE("the core plugin loads and lists its actions with its name and version", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({core_plugin_dir()}, errors);
    INFO(joined(errors));
    REQUIRE(errors.empty());

    const LoadedPlugin* core = find_plugin(*set, "core");
    REQUIRE(core != nullptr);
    CHECK(core->version == "1.0.0");
    CHECK(fs::equivalent(core->path.parent_path(), core_plugin_dir()));
    for (const char* action : {"core.set", "core.stamp", "core.service_years", "core.require_fields",
                               "core.require_documents", "core.check_field"}) {
        INFO(action);
        CHECK(set->has_action(action));
        CHECK(std::find(core->actions.begin(), core->actions.end(), action) != core->actions.end());
        const auto names = set->action_names();
        CHECK(std::find(names.begin(), names.end(), action) != names.end());
    }
    CHECK_FALSE(set->has_action("core.nothing"));
    CHECK_FALSE(set->has_action("set"));
}

TEST_CASE("invoking core.set returns its arguments as the patch", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({core_plugin_dir()}, errors);
    REQUIRE(errors.empty());

    Call call;
    call.data = {{"nama", "Siti"}, {"status", "baru"}};
    call.args = {{"status", "diperiksa"}, {"nilai", 7}};
    const ActionOutcome outcome = set->invoke("core.set", call.invocation());
    INFO(outcome.error);
    REQUIRE(outcome.ok);
    CHECK(outcome.patch == nlohmann::json{{"status", "diperiksa"}, {"nilai", 7}});
    CHECK(outcome.error.empty());

    SECTION("core.stamp sees the engine's now") {
        call.args = {{"field", "diperiksa_pada"}};
        const ActionOutcome stamped = set->invoke("core.stamp", call.invocation());
        REQUIRE(stamped.ok);
        CHECK(stamped.patch == nlohmann::json{{"diperiksa_pada", "2025-03-14T01:30:00Z"}});
    }
    SECTION("an action that fails on its own terms says so without throwing") {
        call.args = nlohmann::json::object();
        ActionOutcome failed;
        REQUIRE_NOTHROW(failed = set->invoke("core.set", call.invocation()));
        CHECK_FALSE(failed.ok);
        CHECK_THAT(failed.error, Contains("core.set"));
    }
    SECTION("an action nobody provides is an error, not a crash") {
        ActionOutcome missing;
        REQUIRE_NOTHROW(missing = set->invoke("core.tidak_ada", call.invocation()));
        CHECK_FALSE(missing.ok);
        CHECK_THAT(missing.error, Contains("core.tidak_ada"));
    }
}

TEST_CASE("the host hands the request to the plugin field by field", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("counter")}, errors);
    REQUIRE(errors.empty());
    const LoadedPlugin* counter = find_plugin(*set, "counter");
    REQUIRE(counter != nullptr);
    CHECK(counter->version == "1.2.3");

    Call call;
    call.regency = {{"umk", 3473710}};
    const ActionOutcome seen = set->invoke("counter.describe_call", call.invocation());
    REQUIRE(seen.ok);
    CHECK(seen.patch["seen"] == nlohmann::json{{"case_id", "42"},
                                               {"workflow", "contoh"},
                                               {"state", "periksa"},
                                               {"regency", "62.03"},
                                               {"now", "2025-03-14T01:30:00Z"},
                                               {"umk", 3473710}});

    call.data = {{"count", 5}};
    call.args = {{"by", 3}};
    const ActionOutcome incremented = set->invoke("counter.increment", call.invocation());
    REQUIRE(incremented.ok);
    CHECK(incremented.patch == nlohmann::json{{"count", 8}});

    // Null pointers in the invocation are sent as empty objects.
    ActionInvocation bare;
    const ActionOutcome defaulted = set->invoke("counter.increment", bare);
    REQUIRE(defaulted.ok);
    CHECK(defaulted.patch == nlohmann::json{{"count", 1}});
}

TEST_CASE("a plugin built for another ABI version is refused with a message that says what differs", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("wrong_abi"), core_plugin_dir()}, errors);
    REQUIRE(errors.size() == 1);
    const std::string message = errors[0].message;
    INFO(errors[0].to_string());
    CHECK_THAT(message, Contains("masa_depan"));
    CHECK_THAT(message, Contains("999"));
    CHECK_THAT(message, Contains("ABI version " + std::to_string(TATA_PLUGIN_ABI_VERSION)));
    CHECK_THAT(message, Contains("rebuild"));
    CHECK_THAT(errors[0].where.file, Contains("wrong_abi"));
    CHECK_THAT(errors[0].to_string(), Contains(": error: "));

    // Nothing of it is loaded; the good plugin beside it still is.
    CHECK(find_plugin(*set, "masa_depan") == nullptr);
    CHECK(find_plugin(*set, "core") != nullptr);
    CHECK(set->has_action("core.set"));
    for (const auto& name : set->action_names()) CHECK_FALSE(contains(name, "masa_depan"));
}

TEST_CASE("an action reads the case data field by field, through the SDK or the C callbacks", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("counter")}, errors);
    REQUIRE(errors.empty());

    Call call;
    call.data = {{"nama", "Siti, S.Pd."}, {"kosong", nullptr}, {"dokumen", {"ktp", "sk"}}, {"honor", 1500000},
                 {"selisih", -25}, {"nilai", 87.5}, {"kutipan", "kata \"lulus\"\n"}, {"aktif", false}};
    call.args = {{"fields", {"nama", "kosong", "dokumen", "honor", "selisih", "nilai", "kutipan", "aktif", "tidak_ada"}}};
    const ActionOutcome read = set->invoke("counter.read_fields", call.invocation());
    INFO(read.error);
    REQUIRE(read.ok);
    CHECK(read.patch["read"] == nlohmann::json{{"nama", {{"present", true}, {"value", "Siti, S.Pd."}}},
                                               {"kosong", {{"present", true}, {"value", nullptr}}},
                                               {"dokumen", {{"present", true}, {"value", {"ktp", "sk"}}}},
                                               {"honor", {{"present", true}, {"value", 1500000}}},
                                               {"selisih", {{"present", true}, {"value", -25}}},
                                               {"nilai", {{"present", true}, {"value", 87.5}}},
                                               {"kutipan", {{"present", true}, {"value", "kata \"lulus\"\n"}}},
                                               {"aktif", {{"present", true}, {"value", false}}},
                                               {"tidak_ada", {{"present", false}, {"value", nullptr}}}});
    // Numbers keep the kinds the JSON parser gives them.
    CHECK(read.patch["read"]["honor"]["value"].is_number_unsigned());
    CHECK(read.patch["read"]["selisih"]["value"].is_number_integer());
    CHECK(read.patch["read"]["nilai"]["value"].is_number_float());

    const ActionOutcome listed = set->invoke("counter.list_fields", call.invocation());
    REQUIRE(listed.ok);
    CHECK(listed.patch["fields"] ==
          nlohmann::json{"aktif", "dokumen", "honor", "kosong", "kutipan", "nama", "nilai", "selisih"});

    const ActionOutcome raw = set->invoke("counter.raw_field", call.invocation());
    REQUIRE(raw.ok);
    CHECK(raw.patch == nlohmann::json{{"raw_nama", "Siti, S.Pd."}});

    SECTION("a field the case lacks comes back as NULL through the C callback") {
        call.data = {{"lain", 1}};
        const ActionOutcome absent = set->invoke("counter.raw_field", call.invocation());
        REQUIRE(absent.ok);
        CHECK(absent.patch == nlohmann::json{{"raw_nama", nullptr}});
    }
    SECTION("no data at all reads as an empty object") {
        ActionInvocation bare;
        bare.args_json = &call.args_text;
        const ActionOutcome empty = set->invoke("counter.list_fields", bare);
        REQUIRE(empty.ok);
        CHECK(empty.patch["fields"] == nlohmann::json::array());
    }
    SECTION("a field the host cannot serialize fails the action; nothing throws") {
        call.data = {{"nama", std::string("Sit\xff")}};  // not UTF-8
        ActionOutcome broken;
        REQUIRE_NOTHROW(broken = set->invoke("counter.raw_field", call.invocation()));
        CHECK_FALSE(broken.ok);
        CHECK_THAT(broken.error, Contains("counter.raw_field"));
        CHECK_THAT(broken.error, Contains("nama"));
    }
}

TEST_CASE("a core check patches data.checks exactly as replacing it whole would", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({core_plugin_dir()}, errors);
    REQUIRE(errors.empty());

    Call call;
    call.data = {{"sumber_gaji", "apbn"},
                 {"checks",
                  {{"dokumen", {{"ok", true}, {"pesan", "Dokumen wajib lengkap"}}},
                   {"sumber_gaji", {{"ok", true}, {"pesan", "lama"}, {"catatan", "dihapus"}}},
                   {"usang", nullptr},
                   {"failed", 7},
                   {"reasons", {"tidak berlaku"}}}}};
    call.args = {{"check", "sumber_gaji"}, {"field", "sumber_gaji"}, {"equals", "apbd"}, {"message", "Bukan APBD"}};
    const ActionOutcome outcome = set->invoke("core.check_field", call.invocation());
    INFO(outcome.error);
    REQUIRE(outcome.ok);
    nlohmann::json merged = call.data;
    merged.merge_patch(outcome.patch);
    const nlohmann::json expected = {
        {"dokumen", {{"ok", true}, {"pesan", "Dokumen wajib lengkap"}}},
        {"sumber_gaji", {{"ok", false}, {"pesan", "Bukan APBD (sumber_gaji bernilai apbn, seharusnya apbd)"}}},
        {"failed", 1},
        {"reasons", {"Bukan APBD (sumber_gaji bernilai apbn, seharusnya apbd)"}}};
    CHECK(merged["checks"] == expected);
    // Only what changed travels back: the untouched check is not in the patch.
    CHECK_FALSE(outcome.patch["checks"].contains("dokumen"));

    SECTION("a case without checks gets the whole object") {
        call.data = {{"sumber_gaji", "apbd"}};
        const ActionOutcome first = set->invoke("core.check_field", call.invocation());
        REQUIRE(first.ok);
        nlohmann::json fresh = call.data;
        fresh.merge_patch(first.patch);
        CHECK(fresh["checks"] == nlohmann::json{{"sumber_gaji", {{"ok", true}, {"pesan", "sumber_gaji memenuhi syarat"}}},
                                                {"failed", 0},
                                                {"reasons", nlohmann::json::array()}});
    }
}

TEST_CASE("a plugin built for the previous ABI (version 1, whole data as text) is refused", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("old_abi"), core_plugin_dir()}, errors);
    REQUIRE(errors.size() == 1);
    INFO(errors[0].to_string());
    CHECK_THAT(errors[0].message, Contains("versi_lama"));
    CHECK_THAT(errors[0].message, Contains("plugin ABI version 1,"));
    CHECK_THAT(errors[0].message, Contains("ABI version " + std::to_string(TATA_PLUGIN_ABI_VERSION)));
    CHECK_THAT(errors[0].message, Contains("rebuild"));
    CHECK_THAT(errors[0].where.file, Contains("old_abi"));
    CHECK(find_plugin(*set, "versi_lama") == nullptr);
    CHECK(set->has_action("core.set"));
}

TEST_CASE("a plugin that registers an action twice is refused whole", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("duplicate_action")}, errors);
    REQUIRE_FALSE(errors.empty());
    INFO(joined(errors));
    CHECK_THAT(joined(errors), Contains("registered twice"));
    CHECK_THAT(joined(errors), Contains("kembar.noop"));
    CHECK(set->plugins().empty());
    CHECK_FALSE(set->has_action("kembar.noop"));
    CHECK(set->action_names().empty());

    Call call;
    const ActionOutcome outcome = set->invoke("kembar.noop", call.invocation());
    CHECK_FALSE(outcome.ok);
}

TEST_CASE("the same plugin loaded twice is refused as a duplicate plugin name", "[plugins]") {
    TempDir dir;
    const fs::path original = only_library_in(test_plugin_dir("counter"), "counter");

    SECTION("the same file listed twice") {
        std::vector<Diagnostic> errors;
        const auto set = PluginSet::load({original, original}, errors);
        REQUIRE(errors.size() == 1);
        INFO(errors[0].to_string());
        CHECK_THAT(errors[0].message, Contains("plugin 'counter' is already loaded"));
        REQUIRE(set->plugins().size() == 1);
        CHECK(set->has_action("counter.increment"));
    }
    SECTION("two folders holding the same library") {
        fs::create_directories(dir / "satu");
        fs::create_directories(dir / "dua");
        fs::copy_file(original, dir / "satu" / original.filename());
        fs::copy_file(original, dir / "dua" / "libtata_counter_salinan.so");
        std::vector<Diagnostic> errors;
        const auto set = PluginSet::load({dir / "satu", dir / "dua"}, errors);
        REQUIRE(errors.size() == 1);
        INFO(errors[0].to_string());
        CHECK_THAT(errors[0].message, Contains("counter"));
        CHECK_THAT(errors[0].message, Contains("already loaded"));
        CHECK_THAT(errors[0].where.file, Contains("dua"));
        REQUIRE(set->plugins().size() == 1);
        CHECK(set->plugins()[0].path.parent_path() == dir / "satu");
        // The first one still works.
        Call call;
        CHECK(set->invoke("counter.increment", call.invocation()).ok);
    }
}

TEST_CASE("a file that is not a plugin gets a clear diagnostic and no crash", "[plugins]") {
    TempDir dir;

    SECTION("garbage bytes named like a library") {
        std::string garbage = "\x7f" "ELF this is not a shared library at all";
        for (int i = 0; i < 64; ++i) garbage += static_cast<char>(i * 37 % 256);
        dir.write("plugins/libsampah.so", garbage);
        dir.write("plugins/catatan.txt", "not a library, and not named like one: ignored");
        std::vector<Diagnostic> errors;
        std::shared_ptr<const PluginSet> set;
        REQUIRE_NOTHROW(set = PluginSet::load({dir / "plugins", core_plugin_dir()}, errors));
        REQUIRE(errors.size() == 1);
        INFO(errors[0].to_string());
        CHECK_THAT(errors[0].where.file, Contains("libsampah.so"));
        CHECK_THAT(errors[0].message, Contains("cannot load plugin library"));
        CHECK(set->has_action("core.set"));
    }
    SECTION("an empty file") {
        dir.write("plugins/libkosong.so", "");
        std::vector<Diagnostic> errors;
        const auto set = PluginSet::load({dir / "plugins"}, errors);
        REQUIRE(errors.size() == 1);
        CHECK_THAT(errors[0].where.file, Contains("libkosong.so"));
        CHECK(set->plugins().empty());
    }
    SECTION("a real shared library without the descriptor") {
        // zlib is a dependency of the toolchain here; any ordinary library will do.
        fs::path library;
        for (const char* candidate : {"/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1",
                                      "/usr/lib/aarch64-linux-gnu/libz.so.1", "/usr/lib64/libz.so.1"}) {
            if (fs::exists(candidate)) {
                library = candidate;
                break;
            }
        }
        if (library.empty()) {
            WARN("no libz.so.1 found: the real-library case is not exercised");
            return;
        }
        fs::create_directories(dir / "plugins");
        fs::copy_file(fs::canonical(library), dir / "plugins" / "libz_bukan_plugin.so");
        std::vector<Diagnostic> errors;
        const auto set = PluginSet::load({dir / "plugins"}, errors);
        REQUIRE(errors.size() == 1);
        INFO(errors[0].to_string());
        CHECK_THAT(errors[0].where.file, Contains("libz_bukan_plugin.so"));
        CHECK_THAT(errors[0].message, Contains("not a Tata plugin"));
        CHECK_THAT(errors[0].message, Contains("tata_plugin_descriptor"));
        CHECK(set->plugins().empty());
    }
}

TEST_CASE("a plugin path that does not exist gets a diagnostic", "[plugins]") {
    TempDir dir;
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({dir / "tidak_ada", dir / "libhilang.so", core_plugin_dir()}, errors);
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors[0].where.file, Contains("tidak_ada"));
    CHECK_THAT(errors[1].where.file, Contains("libhilang.so"));
    for (const auto& e : errors) CHECK_THAT(e.message, Contains("no such plugin"));
    CHECK(set->has_action("core.set"));

    SECTION("an empty folder is not an error") {
        fs::create_directories(dir / "kosong");
        std::vector<Diagnostic> none;
        const auto empty = PluginSet::load({dir / "kosong"}, none);
        CHECK(none.empty());
        CHECK(empty->plugins().empty());
    }
}

TEST_CASE("every way a plugin action can fail comes back as an error naming the action", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("faulty")}, errors);
    INFO(joined(errors));
    REQUIRE(errors.empty());
    for (const char* action : {"faulty.throw", "faulty.fail", "faulty.flaky", "faulty.raw_throw", "faulty.bad_patch",
                               "faulty.silent"})
        CHECK(set->has_action(action));

    Call call;
    call.args = {{"reason", "berkas palsu"}};
    struct Expectation {
        const char* action;
        const char* detail;
    };
    for (const Expectation& expected : {Expectation{"faulty.throw", "database BKN tidak dapat dihubungi"},
                                        Expectation{"faulty.fail", "ditolak oleh plugin: berkas palsu"},
                                        Expectation{"faulty.flaky", "layanan sementara tidak tersedia"},
                                        Expectation{"faulty.raw_throw", "raw exception"},
                                        Expectation{"faulty.bad_patch", "not a JSON object"},
                                        Expectation{"faulty.silent", "without an answer"}}) {
        INFO(expected.action);
        ActionOutcome outcome;
        REQUIRE_NOTHROW(outcome = set->invoke(expected.action, call.invocation()));
        CHECK_FALSE(outcome.ok);
        CHECK(outcome.patch.is_null());
        CHECK_THAT(outcome.error, Contains(expected.action));
        CHECK_THAT(outcome.error, Contains(expected.detail));
    }

    // The host is still usable after all that, and flaky works once its cause is fixed.
    call.data = {{"flaky_broken", false}};
    const ActionOutcome fixed = set->invoke("faulty.flaky", call.invocation());
    INFO(fixed.error);
    REQUIRE(fixed.ok);
    CHECK(fixed.patch == nlohmann::json{{"flaky_done", true}});
}

TEST_CASE("every way a plugin scorer can fail comes back as an error naming the scorer", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("faulty")}, errors);
    INFO(joined(errors));
    REQUIRE(errors.empty());
    const LoadedPlugin* faulty = find_plugin(*set, "faulty");
    REQUIRE(faulty != nullptr);
    CHECK(faulty->scorers ==
          std::vector<std::string>{"faulty.score_throw", "faulty.score_raw_throw", "faulty.score_nan", "faulty.score_silent"});
    CHECK_FALSE(set->has_action("faulty.score_throw"));  // scorers and actions are different kinds

    const ScorerField fields[] = {{"sektor", ScorerField::Text, "pendidikan", 0}};
    const std::string empty = "{}";
    const ScorerInvocation call{"62.03", fields, 1, &empty, &empty};
    struct Expectation {
        const char* scorer;
        const char* detail;
    };
    for (const Expectation& expected : {Expectation{"faulty.score_throw", "kartu skor rusak"},
                                        Expectation{"faulty.score_raw_throw", "raw exception"},
                                        Expectation{"faulty.score_nan", "not a finite number"},
                                        Expectation{"faulty.score_silent", "without an answer"},
                                        Expectation{"faulty.tidak_ada", "no loaded plugin provides scorer"}}) {
        INFO(expected.scorer);
        ScoreOutcome outcome;
        REQUIRE_NOTHROW(outcome = set->score(expected.scorer, call));
        CHECK_FALSE(outcome.ok);
        CHECK_THAT(outcome.reason, Contains(expected.scorer));
        CHECK_THAT(outcome.reason, Contains(expected.detail));
    }
}

TEST_CASE("a workflow naming an action no plugin provides does not load", "[plugins]") {
    TempDir dir;
    std::string text = simple_workflow;
    text.replace(text.find("    outcomes:"), 0,
                 "    on_enter:\n      - action: core.set\n        with: {a: 1}\n      - action: tidak_ada.apa_saja\n");
    const fs::path file = dir.write("workflows/contoh.yaml", text);

    DefinitionSources sources;
    sources.workflows = {file};
    sources.rules = {fixture_rules()};
    sources.plugins = {core_plugin_dir()};
    try {
        load_definitions(sources);
        FAIL("the workflow loaded although it names an unknown action");
    } catch (const ValidationError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        const Diagnostic& d = e.diagnostics()[0];
        INFO(d.to_string());
        CHECK_THAT(d.message, Contains("unknown action"));
        CHECK_THAT(d.message, Contains("tidak_ada.apa_saja"));
        CHECK(d.where.file == file.string());
        CHECK(d.where.line == 13);
        CHECK(d.where.column > 0);
    }

    SECTION("the same workflow loads once the plugin is there") {
        std::string good = simple_workflow;
        good.replace(good.find("    outcomes:"), 0, "    on_enter:\n      - action: counter.increment\n");
        write_file(file, good);
        sources.plugins.push_back(test_plugin_dir("counter"));
        const auto definitions = load_definitions(sources);
        REQUIRE(definitions->latest("contoh") != nullptr);
        CHECK(definitions->plugins->has_action("counter.increment"));
    }
}

TEST_CASE("the engine refuses to open when a plugin in its folder has a wrong ABI", "[plugins]") {
    TempDir dir;
    const fs::path workflow = dir.write("workflows/contoh.yaml", simple_workflow);
    auto options = engine_options(dir, {workflow}, std::make_shared<FixedClock>(at("2025-03-14T09:00:00+08:00")));
    options.sources.plugins.push_back(test_plugin_dir("wrong_abi"));
    try {
        Engine engine(options);
        FAIL("the engine opened with a plugin built for ABI 999");
    } catch (const ValidationError& e) {
        INFO(e.what());
        REQUIRE(e.diagnostics().size() == 1);
        CHECK_THAT(e.what(), Contains("masa_depan"));
        CHECK_THAT(e.what(), Contains("999"));
        CHECK_THAT(e.what(), Contains("rebuild"));
        CHECK_THAT(e.diagnostics()[0].where.file, Contains("wrong_abi"));
    }

    SECTION("without it the same engine opens and runs the workflow") {
        options.sources.plugins.pop_back();
        Engine engine(options);
        const auto created = engine.create_case("contoh", "62.03", {{"nama", "Siti"}}, {"ani", "officer"});
        CHECK(created.record.state == "periksa");
    }
}

TEST_CASE("a plugin built for ABI 3, before channels, still loads and runs under ABI 4", "[plugins]") {
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("abi_three")}, errors);
    INFO((errors.empty() ? std::string() : errors[0].to_string()));
    REQUIRE(errors.empty());
    REQUIRE(set->has_action("versi_tiga.tandai"));
    const ActionOutcome outcome = set->invoke("versi_tiga.tandai", ActionInvocation{});
    REQUIRE(outcome.ok);
    CHECK(outcome.patch == nlohmann::json{{"versi_tiga", true}});
    CHECK(set->channel_names().empty());
}

TEST_CASE("a channel delivers a message or says why not, and nothing it throws crosses the boundary", "[plugins]") {
    TempDir dir;
    const fs::path outbox = dir / "terkirim.txt";
    ::setenv("TATA_TEST_GATEWAY_OUTBOX", outbox.c_str(), 1);
    std::vector<Diagnostic> errors;
    const auto set = PluginSet::load({test_plugin_dir("gateway"), core_plugin_dir()}, errors);
    REQUIRE(errors.empty());
    REQUIRE(set->has_channel("gateway.pesan"));
    CHECK(set->channel_names() == std::vector<std::string>{"gateway.pesan"});
    CHECK_FALSE(set->has_channel("core.pesan"));

    ChannelMessage message{"62.03", "siti", "", "+6281234567890", "Pengaduan nomor 7 sudah dijawab", "Isi"};
    const DeliveryOutcome sent = set->deliver("gateway.pesan", message);
    CHECK(sent.ok);
    CHECK(read_text(outbox) == "siti\t+6281234567890\tPengaduan nomor 7 sudah dijawab\n");

    // The plugin's own failure comes back as its message.
    message.phone.clear();
    const DeliveryOutcome no_number = set->deliver("gateway.pesan", message);
    CHECK_FALSE(no_number.ok);
    CHECK(no_number.error == "no phone number");
    write_file(fs::path(outbox.string() + ".down"), "");
    message.phone = "+6281234567890";
    const DeliveryOutcome down = set->deliver("gateway.pesan", message);
    CHECK_FALSE(down.ok);
    CHECK(down.error == "gateway down");
    // Nothing more was written while it failed.
    CHECK(read_text(outbox) == "siti\t+6281234567890\tPengaduan nomor 7 sudah dijawab\n");

    const DeliveryOutcome unknown = set->deliver("gateway.surat", message);
    CHECK_FALSE(unknown.ok);
    CHECK_THAT(unknown.error, Contains("no loaded plugin provides channel 'gateway.surat'"));
    ::unsetenv("TATA_TEST_GATEWAY_OUTBOX");
}
