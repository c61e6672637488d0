// Workflow definitions: a valid file becomes the model it describes, and every
// mistake the loader knows is reported as FILE:LINE:COL with a clear message
// (docs/workflows.md, "Validation errors").
//
// The YAML texts start on their first line (`R"(id: ...`), so line N of the
// raw string is line N of the file; columns are 1-based.
#include "support/test_support.hpp"

#include <tata/definitions.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

namespace {

using namespace tata;
using tata::test::TempDir;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

const std::string kFile = "flow.yaml";

// The core plugin and one expression engine, shared by the parse tests.
struct Toolbox {
    std::shared_ptr<const PluginSet> plugins;
    std::shared_ptr<ExpressionEngine> expressions;
};

const Toolbox& toolbox() {
    static const Toolbox instance = [] {
        std::vector<Diagnostic> errors;
        Toolbox t;
        t.plugins = PluginSet::load({tata::test::core_plugin_dir()}, errors);
        if (!errors.empty()) throw std::runtime_error("core plugin does not load: " + errors.front().to_string());
        t.expressions = ExpressionEngine::create();
        return t;
    }();
    return instance;
}

struct Parsed {
    std::shared_ptr<const Workflow> workflow;
    std::vector<Diagnostic> errors;
};

Parsed parse(const std::string& yaml, const std::string& label = kFile) {
    Parsed parsed;
    parsed.workflow = parse_workflow(yaml, label, *toolbox().plugins, *toolbox().expressions, parsed.errors);
    return parsed;
}

std::string listing(const std::vector<Diagnostic>& errors) {
    std::ostringstream out;
    for (const auto& d : errors) out << d.to_string() << "\n";
    return out.str();
}

// The one diagnostic `yaml` must produce (and no workflow).
Diagnostic single_error(const std::string& yaml) {
    const Parsed parsed = parse(yaml);
    INFO("diagnostics:\n" << listing(parsed.errors));
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.workflow == nullptr);
    return parsed.errors.front();
}

// The diagnostic whose message contains `phrase` (fails when none does).
Diagnostic error_with(const std::vector<Diagnostic>& errors, const std::string& phrase) {
    INFO("looking for '" << phrase << "' in:\n" << listing(errors));
    const auto it = std::find_if(errors.begin(), errors.end(),
                                 [&](const Diagnostic& d) { return d.message.find(phrase) != std::string::npos; });
    REQUIRE(it != errors.end());
    return *it;
}

}  // namespace

// Checks one diagnostic: its file, line, column, a phrase of its message and
// the "FILE:LINE:COL: error: " form of to_string().
#define CHECK_DIAGNOSTIC(diagnostic_, file_, line_, column_, phrase_)                                               \
    do {                                                                                                       \
        const ::tata::Diagnostic& d_ = (diagnostic_);                                                          \
        /* where (file, line, column) and the "FILE:LINE:COL: error: message" form, in one comparison */      \
        CHECK(d_.to_string() == std::string(file_) + ":" + std::to_string(line_) + ":" + std::to_string(column_) + \
                                    ": error: " + d_.message);                                                 \
        CHECK_THAT(d_.message, Contains(phrase_));                                                             \
    } while (false)

#define CHECK_SINGLE_ERROR(yaml_, line_, column_, phrase_)                                                                 \
    do {                                                                                                               \
        INFO("yaml:\n" << (yaml_));                                                                                     \
        CHECK_DIAGNOSTIC(single_error(yaml_), kFile, line_, column_, phrase_);                                             \
    } while (false)

// ---------------------------------------------------------------------------
// A valid workflow

TEST_CASE("a valid workflow loads into the model it describes", "[definitions][workflow]") {
    const std::string yaml = R"(id: contoh
version: 2
title: Contoh alur
description: Uji semua jenis state
start: periksa
states:
  periksa:
    kind: auto
    title: Pemeriksaan otomatis
    on_enter:
      - core.stamp
    actions:
      - action: core.set
        with: {diperiksa: true, jumlah: 3}
      - core.require_documents
    next:
      - when: "checks.failed == 0"
        to: konfirmasi
      - to: tunggu
  konfirmasi:
    kind: task
    title: Konfirmasi
    role: [opd_head, officer]
    due: 5 working days
    on_due: eskalasi
    form:
      catatan: {type: text, label: Catatan}
    outcomes:
      setuju:
        label: Setujui
        form:
          nomor: {type: string, required: true}
          bulan: {type: integer, min: 1, max: 12}
          jenis: {type: choice, options: [a, b]}
          tanggal: {type: date, required: false}
        to: selesai
      kembalikan: tunggu
  eskalasi:
    kind: task
    title: Eskalasi
    role: officer
    outcomes:
      buka: konfirmasi
  tunggu:
    kind: wait
    timer: 3 hari
    on_timer: selesai
    events:
      kirim:
        role: officer
        next:
          - when: "input.lengkap == true"
            to: periksa
          - to: selesai
      batal: selesai
  selesai:
    kind: end
    result: verified
)";
    const Parsed parsed = parse(yaml);
    INFO(listing(parsed.errors));
    REQUIRE(parsed.errors.empty());
    REQUIRE(parsed.workflow);
    const Workflow& w = *parsed.workflow;

    CHECK(w.id == "contoh");
    CHECK(w.version == 2);
    CHECK(w.title == "Contoh alur");
    CHECK(w.description == "Uji semua jenis state");
    CHECK(w.start == "periksa");
    CHECK(w.source_text == yaml);
    CHECK(w.source_sha256.size() == 64);
    CHECK(w.where.file == kFile);
    CHECK(w.where.line == 1);

    REQUIRE(w.states.size() == 5);
    std::vector<std::string> names;
    for (const auto& s : w.states) names.push_back(s.name);
    CHECK(names == std::vector<std::string>{"periksa", "konfirmasi", "eskalasi", "tunggu", "selesai"});

    // auto: on_enter, actions (short and long form), ordered branches with a guard and a default
    const State& periksa = w.state("periksa");
    CHECK(periksa.kind == StateKind::automatic);
    CHECK(to_string(periksa.kind) == "auto");
    CHECK(periksa.where.line == 7);
    CHECK(periksa.where.column == 3);
    CHECK(periksa.title == "Pemeriksaan otomatis");
    REQUIRE(periksa.on_enter.size() == 1);
    CHECK(periksa.on_enter[0].name == "core.stamp");
    REQUIRE(periksa.actions.size() == 2);
    CHECK(periksa.actions[0].name == "core.set");
    CHECK(periksa.actions[0].args == nlohmann::json{{"diperiksa", true}, {"jumlah", 3}});
    CHECK(periksa.actions[0].where.line == 13);
    CHECK(periksa.actions[1].name == "core.require_documents");
    CHECK(periksa.actions[1].args == nlohmann::json::object());
    REQUIRE(periksa.next.size() == 2);
    REQUIRE(periksa.next[0].guard.has_value());
    CHECK(periksa.next[0].guard->valid());
    CHECK(periksa.next[0].guard->source() == "checks.failed == 0");
    CHECK(periksa.next[0].target == "konfirmasi");
    CHECK_FALSE(periksa.next[1].guard.has_value());
    CHECK(periksa.next[1].target == "tunggu");

    // the compiled guard evaluates against case data
    const nlohmann::json passing = {{"checks", {{"failed", 0}}}};
    const nlohmann::json failing = {{"checks", {{"failed", 2}}}};
    const nlohmann::json none = nlohmann::json::object();
    CHECK(periksa.next[0].guard->test({&passing, &none, &none, "2025-04-08T09:00:00+07:00"}));
    CHECK_FALSE(periksa.next[0].guard->test({&failing, &none, &none, "2025-04-08T09:00:00+07:00"}));

    // task: roles, due, escalation, state form and per-outcome forms
    const State& konfirmasi = w.state("konfirmasi");
    CHECK(konfirmasi.kind == StateKind::task);
    CHECK(konfirmasi.title == "Konfirmasi");
    CHECK(konfirmasi.roles == std::vector<std::string>{"opd_head", "officer"});
    REQUIRE(konfirmasi.due.has_value());
    CHECK(konfirmasi.due->unit == Duration::Unit::working_days);
    CHECK(konfirmasi.due->amount == 5);
    CHECK(konfirmasi.on_due == "eskalasi");
    CHECK(konfirmasi.on_due_where.line == 25);
    CHECK(konfirmasi.on_due_where.column == 13);
    REQUIRE(konfirmasi.form.size() == 1);
    CHECK(konfirmasi.form[0].name == "catatan");
    CHECK(konfirmasi.form[0].type == FieldType::text);
    CHECK(konfirmasi.form[0].label == "Catatan");
    CHECK_FALSE(konfirmasi.form[0].required);
    REQUIRE(konfirmasi.outcomes.size() == 2);
    const Outcome* setuju = konfirmasi.find_outcome("setuju");
    REQUIRE(setuju);
    CHECK(setuju->label == "Setujui");
    REQUIRE(setuju->next.size() == 1);
    CHECK(setuju->next[0].target == "selesai");
    REQUIRE(setuju->form.size() == 4);
    CHECK(setuju->form[0].name == "nomor");
    CHECK(setuju->form[0].type == FieldType::string);
    CHECK(setuju->form[0].required);
    CHECK(setuju->form[0].label == "nomor");  // default label: the field name
    CHECK(setuju->form[1].type == FieldType::integer);
    CHECK(setuju->form[1].min == 1.0);
    CHECK(setuju->form[1].max == 12.0);
    CHECK(setuju->form[2].type == FieldType::choice);
    CHECK(setuju->form[2].options == std::vector<std::string>{"a", "b"});
    CHECK(setuju->form[3].type == FieldType::date);
    CHECK_FALSE(setuju->form[3].required);
    const Outcome* kembalikan = konfirmasi.find_outcome("kembalikan");
    REQUIRE(kembalikan);
    CHECK(kembalikan->label == "kembalikan");  // short form: label is the name
    REQUIRE(kembalikan->next.size() == 1);
    CHECK(kembalikan->next[0].target == "tunggu");
    CHECK(konfirmasi.find_outcome("tolak") == nullptr);
    auto targets = konfirmasi.targets();
    std::sort(targets.begin(), targets.end());
    CHECK(targets == std::vector<std::string>{"eskalasi", "selesai", "tunggu"});

    const State& eskalasi = w.state("eskalasi");
    CHECK(eskalasi.roles == std::vector<std::string>{"officer"});
    CHECK_FALSE(eskalasi.due.has_value());

    // wait: timer (Indonesian unit) and events with roles and branches
    const State& tunggu = w.state("tunggu");
    CHECK(tunggu.kind == StateKind::wait);
    REQUIRE(tunggu.timer.has_value());
    CHECK(tunggu.timer->unit == Duration::Unit::days);
    CHECK(tunggu.timer->amount == 3);
    CHECK(tunggu.on_timer == "selesai");
    REQUIRE(tunggu.outcomes.size() == 2);
    const Outcome* kirim = tunggu.find_outcome("kirim");
    REQUIRE(kirim);
    CHECK(kirim->roles == std::vector<std::string>{"officer"});
    REQUIRE(kirim->next.size() == 2);
    CHECK(kirim->next[0].guard.has_value());
    CHECK(kirim->next[0].target == "periksa");
    CHECK(kirim->next[1].target == "selesai");
    const Outcome* batal = tunggu.find_outcome("batal");
    REQUIRE(batal);
    CHECK(batal->roles.empty());  // short form: only the system may send it

    const State& selesai = w.state("selesai");
    CHECK(selesai.kind == StateKind::end);
    CHECK(selesai.result == "verified");
    CHECK(selesai.targets().empty());

    CHECK(w.find_state("nowhere") == nullptr);
    CHECK_THROWS_AS(w.state("nowhere"), std::out_of_range);
}

TEST_CASE("the shipped workflows load with the core plugin and the shipped rules", "[definitions][workflow]") {
    DefinitionSources sources;
    sources.workflows = {tata::test::source_dir() / "workflows"};
    sources.rules = {tata::test::source_dir() / "rules"};
    sources.plugins = {tata::test::core_plugin_dir()};
    std::shared_ptr<const DefinitionSet> set;
    try {
        set = load_definitions(sources);
    } catch (const ValidationError& e) {
        FAIL(e.what());
    }
    REQUIRE(set);
    const auto verification = set->latest("verification");
    REQUIRE(verification);
    CHECK(verification->version >= 1);
    CHECK(verification->start == "pemeriksaan_otomatis");
    CHECK(verification->state("konfirmasi_opd").kind == StateKind::task);
    CHECK(verification->state("dikembalikan").kind == StateKind::task);
    CHECK(verification->state("terverifikasi").result == "verified");
    CHECK(set->find("verification", verification->version) == verification);
    CHECK(set->find("verification", 99) == nullptr);
    CHECK(set->latest("nope") == nullptr);
    CHECK(set->find_regency("62.03") != nullptr);
    CHECK(set->generation > 0);
}

// ---------------------------------------------------------------------------
// Structure: syntax, keys, types, required keys, names, kinds

TEST_CASE("a YAML syntax error is reported at its position", "[definitions][workflow][errors]") {
    // A plain scalar cannot continue with "key: value" on a deeper line.
    const std::string yaml = R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
     extra: value
)";
    const Diagnostic d = single_error(yaml);
    CHECK_DIAGNOSTIC(d, kFile, 9, 11, "YAML syntax");
}

TEST_CASE("an unclosed flow mapping is a YAML syntax error", "[definitions][workflow][errors]") {
    const std::string yaml = R"(id: t
version: 1
title: T
start: a
states:
  a: {kind: end, result: ok
)";
    const Parsed parsed = parse(yaml);
    INFO(listing(parsed.errors));
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.workflow == nullptr);
    CHECK_THAT(parsed.errors[0].message, StartsWith("YAML syntax"));
    CHECK(parsed.errors[0].where.file == kFile);
    CHECK(parsed.errors[0].where.line >= 6);  // where the parser gave up: the flow mapping or the end of the text
    CHECK(parsed.errors[0].where.column >= 1);
}

TEST_CASE("search and filters name fields the workflow has, each once", "[definitions][workflow][errors]") {
    const auto flow = [](const std::string& keys) {
        return "id: t\nversion: 1\ntitle: T\nstart: a\nindex:\n  opd: text\n  umur: integer\n" + keys +
               "states:\n  a:\n    kind: end\n    result: ok\n";
    };
    CHECK(parse(flow("search: [nama, nik]\nfilters: [opd]\n")).errors.empty());
    CHECK_SINGLE_ERROR(flow("search: nama\n"), 8, 9, "'search' must be a list of data field names");
    CHECK_SINGLE_ERROR(flow("search: [a, b, c, d, e, f, g, h, i]\n"), 8, 9, "at most 8 are allowed");
    CHECK_SINGLE_ERROR(flow("search: [nama, Nama]\n"), 8, 16, "search field 'Nama' must match [a-z][a-z0-9_]*");
    CHECK_SINGLE_ERROR(flow("search: [nama, nama]\n"), 8, 16, "search field 'nama' is named twice");
    CHECK_SINGLE_ERROR(flow("filters: opd\n"), 8, 10, "'filters' must be a list of index field names");
    CHECK_SINGLE_ERROR(flow("filters: [jabatan]\n"), 8, 11, "filter field 'jabatan' is not a field of 'index'");
    CHECK_SINGLE_ERROR(flow("filters: [umur]\n"), 8, 11, "filter field 'umur' must be a text field of 'index', not integer");
    CHECK_SINGLE_ERROR(flow("filters: [opd, opd]\n"), 8, 16, "filter field 'opd' is named twice");
}

TEST_CASE("unknown keys are reported where they are written", "[definitions][workflow][errors]") {
    SECTION("at the top level") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
colour: red
states:
  a:
    kind: end
    result: ok
)"),
                           5, 1, "unknown key 'colour' in the workflow");
    }
    SECTION("in a state: a key of another kind") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    timer: 3 days
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           10, 5, "unknown key 'timer' in state 'a' (kind task)");
    }
    SECTION("in a form field") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      nama:
        type: string
        size: 30
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           13, 9, "unknown key 'size' in field 'nama'");
    }
    SECTION("in a branch") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next:
      - when: "x == 1"
        to: b
        label: satu
      - to: b
  b:
    kind: end
    result: ok
)"),
                           11, 9, "unknown key 'label' in a branch");
    }
    SECTION("in an outcome") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok:
        to: b
        role: officer
  b:
    kind: end
    result: ok
)"),
                           13, 9, "unknown key 'role' in outcome 'ok'");
    }
}

TEST_CASE("wrong types are reported at the offending value", "[definitions][workflow][errors]") {
    SECTION("version is not an integer") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: satu
title: T
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           2, 10, "'version' must be an integer");
    }
    SECTION("version is a decimal") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1.5
title: T
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           2, 10, "'version' must be an integer");
    }
    SECTION("version is not positive") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 0
title: T
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           2, 10, "version must be a positive integer");
    }
    SECTION("states is a list, not a mapping") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states: [a, b]
)"),
                           5, 9, "'states' must be a mapping");
    }
    SECTION("a state is a string, not a mapping") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a: end
)"),
                           6, 6, "state 'a' must be a mapping");
    }
    SECTION("required is not a boolean") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      nama: {type: string, required: yes-please}
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           11, 38, "'required' must be true or false");
    }
    SECTION("title is a list, not a string") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: [T]
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           3, 8, "'title' must be a string");
    }
    SECTION("the whole file is a list") {
        CHECK_SINGLE_ERROR(std::string("- id: t\n- version: 1\n"), 1, 1, "a workflow must be a mapping");
    }
}

TEST_CASE("a quoted version is a string, not an integer (docs: version: \"1\" is a wrong type)",
          "[definitions][workflow][errors]") {
    CHECK_SINGLE_ERROR(std::string(R"(id: t
version: "1"
title: T
start: a
states:
  a:
    kind: end
    result: ok
)"),
                       2, 10, "'version' must be an integer");
}

TEST_CASE("missing required top-level keys are reported at the workflow", "[definitions][workflow][errors]") {
    SECTION("id") {
        CHECK_SINGLE_ERROR(std::string(R"(version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           1, 1, "missing required key 'id'");
    }
    SECTION("title") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           1, 1, "missing required key 'title'");
    }
    SECTION("version") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
title: T
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           1, 1, "missing required key 'version'");
    }
    SECTION("start") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
states:
  a:
    kind: end
    result: ok
)"),
                           1, 1, "missing required key 'start'");
    }
    SECTION("states") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
)"),
                           1, 1, "missing required key 'states'");
    }
    SECTION("a comment before the first key moves the workflow's position") {
        CHECK_SINGLE_ERROR(std::string(R"(# a comment
version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           2, 1, "missing required key 'id'");
    }
}

TEST_CASE("missing required keys inside states", "[definitions][workflow][errors]") {
    SECTION("kind") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    title: A
)"),
                           7, 5, "missing required key 'kind'");
    }
    SECTION("an end state's result") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: end
    title: Selesai
)"),
                           7, 5, "missing required key 'result'");
    }
    SECTION("a task's title") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    role: officer
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           7, 5, "missing required key 'title'");
    }
    SECTION("a field's type") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      nama: {label: Nama}
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           11, 13, "missing required key 'type'");
    }
    SECTION("a branch's to") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next:
      - when: "x == 1"
      - to: b
  b:
    kind: end
    result: ok
)"),
                           9, 9, "missing required key 'to'");
    }
    SECTION("an outcome with both to and next") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok:
        to: b
        next: b
  b:
    kind: end
    result: ok
)"),
                           12, 9, "'ok' needs exactly one of 'to' and 'next'");
    }
}

TEST_CASE("invalid names", "[definitions][workflow][errors]") {
    SECTION("workflow id") {
        CHECK_SINGLE_ERROR(std::string(R"(id: Verifikasi-Berkas
version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
)"),
                           1, 5, "workflow id 'Verifikasi-Berkas' must match [a-z][a-z0-9_]*");
    }
    SECTION("state name") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok: 2b
  2b:
    kind: end
    result: ok
)"),
                           12, 3, "state name '2b' must match [a-z][a-z0-9_]*");
    }
    SECTION("outcome name") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      Setuju: b
  b:
    kind: end
    result: ok
)"),
                           11, 7, "name 'Setuju' must match");
    }
    SECTION("field name") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      nomor-sk: {type: string}
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           11, 7, "field name 'nomor-sk' must match");
    }
}

TEST_CASE("an unknown state kind", "[definitions][workflow][errors]") {
    CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: manual
    title: A
)"),
                       7, 11, "unknown state kind 'manual' (expected task, auto, wait or end)");
}

TEST_CASE("an unknown field type", "[definitions][workflow][errors]") {
    CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      foto: {type: image}
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                       11, 20, "unknown field type 'image'");
}

// ---------------------------------------------------------------------------
// The graph: start, targets, reachability, end states, loops

TEST_CASE("start must name a state", "[definitions][workflow][errors][graph]") {
    SECTION("start names no state: reported at the start value") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: mulai
states:
  a:
    kind: end
    result: ok
)"),
                           4, 8, "start state 'mulai' is not defined in 'states'");
    }
    SECTION("states must not be empty") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states: {}
)"),
                           5, 9, "'states' must name at least one state");
    }
}

TEST_CASE("transitions to unknown states are reported at the target", "[definitions][workflow][errors][graph]") {
    SECTION("outcome, short form") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok: validasi_bkd
      batal: b
  b:
    kind: end
    result: ok
)"),
                           11, 11, "state 'a' goes to unknown state 'validasi_bkd'");
    }
    SECTION("outcome, long form `to`") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok:
        label: Setuju
        to: validasi_bkd
      batal: b
  b:
    kind: end
    result: ok
)"),
                           13, 13, "state 'a' goes to unknown state 'validasi_bkd'");
    }
    SECTION("branch `to` of an auto state") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next:
      - when: "x == 1"
        to: nowhere
      - to: b
  b:
    kind: end
    result: ok
)"),
                           10, 13, "state 'a' goes to unknown state 'nowhere'");
    }
    SECTION("`next: state` shorthand of an auto state") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next: nowhere
)"),
                           8, 11, "state 'a' goes to unknown state 'nowhere'");
    }
    SECTION("on_due") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    due: 5 working days
    on_due: eskalasi
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           11, 13, "state 'a' goes to unknown state 'eskalasi'");
    }
    SECTION("on_timer") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: wait
    timer: 20 working days
    on_timer: kedaluwarsa
    events:
      kirim: b
  b:
    kind: end
    result: ok
)"),
                           9, 15, "state 'a' goes to unknown state 'kedaluwarsa'");
    }
    SECTION("event") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: wait
    events:
      kirim: b
      batal:
        role: officer
        to: dibatalkan
  b:
    kind: end
    result: ok
)"),
                           12, 13, "state 'a' goes to unknown state 'dibatalkan'");
    }
}

TEST_CASE("an unreachable state is reported at its name", "[definitions][workflow][errors][graph]") {
    CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
  yatim:
    kind: task
    title: Yatim
    role: officer
    outcomes:
      ok: b
)"),
                       15, 3, "state 'yatim' is unreachable from start state 'a'");
}

TEST_CASE("an end state with outgoing transitions", "[definitions][workflow][errors]") {
    SECTION("next") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
    next: a
)"),
                           9, 11, "end state 'a' cannot have outgoing transitions ('next')");
    }
    SECTION("outcomes") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
    outcomes: {ulang: a}
)"),
                           9, 15, "end state 'a' cannot have outgoing transitions ('outcomes')");
    }
    SECTION("on_timer and timer: one error each") {
        const Parsed parsed = parse(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
    timer: 3 days
    on_timer: a
)");
        INFO(listing(parsed.errors));
        REQUIRE(parsed.errors.size() == 2);
        CHECK_DIAGNOSTIC(parsed.errors[0], kFile, 9, 12, "end state 'a' cannot have outgoing transitions ('timer')");
        CHECK_DIAGNOSTIC(parsed.errors[1], kFile, 10, 15, "end state 'a' cannot have outgoing transitions ('on_timer')");
    }
}

TEST_CASE("a task needs outcomes and a role", "[definitions][workflow][errors]") {
    SECTION("no outcomes key") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
)"),
                           7, 5, "task 'a' has no outcomes");
    }
    SECTION("an empty outcomes mapping") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes: {}
)"),
                           10, 15, "task 'a' has no outcomes");
    }
    SECTION("no role") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           7, 5, "missing required key 'role'");
    }
    SECTION("an empty role list") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: []
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           9, 11, "'role' must name at least one role");
    }
}

TEST_CASE("a decision's refusal rules: a condition, a message, and a field of its form", "[definitions][workflow][errors]") {
    const auto workflow = [](const std::string& refuse) {
        return std::string(R"Y(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      catatan: {type: text}
    outcomes:
      kirim:
        form:
          batas: {type: date, required: true}
        refuse:
)Y") + refuse + R"Y(        to: b
  b: {kind: end, result: ok}
)Y";
    };
    SECTION("a valid rule, on the outcome's field and on the state's") {
        const Parsed parsed = parse(workflow(R"Y(          - when: "date(input.batas) < date(now)"
            field: batas
            message: Batas tidak boleh sebelum hari ini.
          - when: "input.catatan == ''"
            field: catatan
            message: Catatan tidak boleh kosong.
          - when: "data.terkunci == true"
            message: Berkas sedang dikunci.
)Y"));
        INFO(listing(parsed.errors));
        REQUIRE(parsed.workflow);
        const auto& refuse = parsed.workflow->state("a").outcomes.front().refuse;
        REQUIRE(refuse.size() == 3);
        CHECK(refuse[0].field == "batas");
        CHECK(refuse[0].message == "Batas tidak boleh sebelum hari ini.");
        CHECK(refuse[0].when.source() == "date(input.batas) < date(now)");
        CHECK(refuse[2].field.empty());
        CHECK(refuse[2].where.line == 23);
    }
    SECTION("a field the form does not have") {
        CHECK_SINGLE_ERROR(workflow(R"Y(          - when: "true"
            field: batass
            message: Salah.
)Y"), 18, 20, "refusal field 'batass' is not in this decision's form (fields: catatan, batas)");
    }
    SECTION("no message") {
        CHECK_SINGLE_ERROR(workflow(R"Y(          - when: "true"
            field: batas
)Y"), 17, 13, "message");
    }
    SECTION("no condition") {
        CHECK_SINGLE_ERROR(workflow(R"Y(          - message: Salah.
)Y"), 17, 13, "a refusal needs 'when'");
    }
    SECTION("a condition that does not compile") {
        CHECK_SINGLE_ERROR(workflow(R"Y(          - when: "input.batas <"
            message: Salah.
)Y"), 17, 19, "does not compile");
    }
    SECTION("an unknown key") {
        CHECK_SINGLE_ERROR(workflow(R"Y(          - when: "true"
            message: Salah.
            pesan: Salah.
)Y"), 19, 13, "pesan");
    }
    SECTION("not a list") {
        CHECK_SINGLE_ERROR(workflow(R"Y(          when: "true"
)Y"), 17, 11, "'refuse' must be a list");
    }
}

TEST_CASE("a workflow's words: option labels and the labels section, each mistake at its line and column",
          "[definitions][workflow][errors][labels]") {
    const auto workflow = [](const std::string& options, const std::string& labels) {
        return std::string(R"Y(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      kirim:
        form:
          jenis:
            type: choice
)Y") + options + "        to: b\n  b: {kind: end, result: selesai}\n" + labels;
    };
    const std::string two_options = "            options: [{value: kontrak_daerah, label: Kontrak daerah}, sukarela]\n";
    SECTION("an option's label joins the values; labels.values names a value otherwise") {
        const Parsed parsed = parse(workflow(two_options, R"Y(labels:
  results: {selesai: Selesai diproses}
  fields: {jenis: Jenis kontrak}
  values:
    jenis: {kontrak_daerah: Kontrak pemerintah daerah}
    jenis_kelamin: {L: Laki-laki, P: Perempuan}
  hidden: [kolom_roster]
)Y"));
        INFO(listing(parsed.errors));
        REQUIRE(parsed.workflow);
        const FormField& jenis = parsed.workflow->state("a").outcomes.front().form.front();
        CHECK(jenis.options == std::vector<std::string>{"kontrak_daerah", "sukarela"});
        CHECK(jenis.option_labels == std::map<std::string, std::string>{{"kontrak_daerah", "Kontrak daerah"}});
        const WorkflowLabels& labels = parsed.workflow->labels;
        CHECK(labels.results.at("selesai") == "Selesai diproses");
        CHECK(labels.fields.at("jenis") == "Jenis kontrak");
        CHECK(labels.values.at("jenis").at("kontrak_daerah") == "Kontrak pemerintah daerah");  // named here: wins
        CHECK(labels.values.at("jenis_kelamin").at("L") == "Laki-laki");                    // any stored value
        CHECK(labels.hidden == std::set<std::string>{"kolom_roster"});
    }
    SECTION("without a labels section the options' labels are the values' words") {
        const Parsed parsed = parse(workflow(two_options, ""));
        REQUIRE(parsed.workflow);
        CHECK(parsed.workflow->labels.values.at("jenis") ==
              std::map<std::string, std::string>{{"kontrak_daerah", "Kontrak daerah"}});
    }
    SECTION("an option as a mapping without its label") {
        CHECK_SINGLE_ERROR(workflow("            options: [{value: a}]\n", ""), 15, 23, "needs 'label'");
    }
    SECTION("an option listed twice") {
        CHECK_SINGLE_ERROR(workflow("            options: [a, {value: a, label: A}]\n", ""), 15, 26, "option 'a' is listed twice");
    }
    SECTION("options that are not a list") {
        CHECK_SINGLE_ERROR(workflow("            options: a\n", ""), 15, 22, "'options' must be a list");
    }
    SECTION("no options at all") {
        CHECK_SINGLE_ERROR(workflow("            options: []\n", ""), 15, 22, "needs at least one option");
    }
    SECTION("a result no end state has") {
        CHECK_SINGLE_ERROR(workflow(two_options, "labels:\n  results: {verified: Terverifikasi}\n"), 19, 13,
                           "'labels.results': 'verified' is no end state's result");
    }
    SECTION("an empty label") {
        CHECK_SINGLE_ERROR(workflow(two_options, "labels:\n  fields:\n    jenis: ''\n"), 20, 12,
                           "the label of 'jenis' must not be empty");
    }
    SECTION("a label longer than a phrase") {
        CHECK_SINGLE_ERROR(workflow(two_options, "labels:\n  fields:\n    jenis: " + std::string(201, 'x') + "\n"), 20,
                           12, "has 201 characters; at most 200 are allowed");
    }
    SECTION("a field name that is no code") {
        CHECK_SINGLE_ERROR(workflow(two_options, "labels:\n  fields:\n    Jenis Kontrak: Jenis\n"), 20, 5,
                           "'labels.fields': 'Jenis Kontrak' must match [a-z][a-z0-9_]*");
    }
    SECTION("an unknown kind of words") {
        CHECK_SINGLE_ERROR(workflow(two_options, "labels:\n  states: {a: A}\n"), 19, 3, "states");
    }
    SECTION("hidden fields that are not a list") {
        CHECK_SINGLE_ERROR(workflow(two_options, "labels:\n  hidden: kolom_roster\n"), 19, 11,
                           "'labels.hidden' must be a list");
    }
}

TEST_CASE("branch lists need a default branch", "[definitions][workflow][errors]") {
    SECTION("auto state whose last branch has a guard") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next:
      - when: "checks.failed == 0"
        to: b
  b:
    kind: end
    result: ok
)"),
                           9, 7, "auto state 'a' has no default branch");
    }
    SECTION("auto state without next") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    actions: [core.stamp]
)"),
                           7, 5, "auto state 'a' has no 'next' transitions");
    }
    SECTION("an outcome's next without default") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok:
        next:
          - when: "input.x == 1"
            to: b
  b:
    kind: end
    result: ok
)"),
                           13, 11, "'ok' has no default branch");
    }
    SECTION("an empty next list") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next: []
)"),
                           8, 11, "'next' must have at least one branch");
    }
}

TEST_CASE("an automatic loop with no exit is refused, one with an exit is accepted",
          "[definitions][workflow][errors][graph]") {
    SECTION("two auto states pointing at each other") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: mulai
states:
  mulai:
    kind: task
    title: Mulai
    role: officer
    outcomes:
      jalan: a
      selesai: akhir
  a:
    kind: auto
    next: b
  b:
    kind: auto
    next:
      - to: a
  akhir:
    kind: end
    result: ok
)"),
                           13, 3, "automatic loop with no exit: a -> b");
    }
    SECTION("guards only among the loop's states still do not exit") {
        const Diagnostic d = single_error(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next:
      - when: "x == 1"
        to: b
      - to: c
  b:
    kind: auto
    next: [{to: c}]
  c:
    kind: auto
    next: [{when: "y", to: a}, {to: b}]
)");
        CHECK_DIAGNOSTIC(d, kFile, 6, 3, "automatic loop with no exit:");
        for (const char* member : {"a", "b", "c"}) CHECK_THAT(d.message, Contains(member));
    }
    SECTION("an auto state that goes to itself") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next: a
)"),
                           6, 3, "automatic loop with no exit: a");
    }
    SECTION("a loop with a guarded exit is valid") {
        const Parsed parsed = parse(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    actions:
      - action: core.set
        with: {putaran: 1}
    next:
      - when: "putaran < 3"
        to: b
      - to: akhir
  b:
    kind: auto
    next: a
  akhir:
    kind: end
    result: ok
)");
        INFO(listing(parsed.errors));
        CHECK(parsed.errors.empty());
        CHECK(parsed.workflow != nullptr);
    }
    SECTION("a loop through a task is not automatic") {
        const Parsed parsed = parse(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next: b
  b:
    kind: task
    title: B
    role: officer
    outcomes:
      ulang: a
)");
        INFO(listing(parsed.errors));
        CHECK(parsed.errors.empty());
        CHECK(parsed.workflow != nullptr);
    }
}

// ---------------------------------------------------------------------------
// Actions, expressions, durations, forms, wait states

TEST_CASE("action names must be plugin.action and provided by a loaded plugin", "[definitions][workflow][errors]") {
    SECTION("unknown action, short form") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    actions:
      - core.set
      - core.hitung_gaji
    next: b
  b:
    kind: end
    result: ok
)"),
                           10, 9, "unknown action 'core.hitung_gaji': no loaded plugin provides it");
    }
    SECTION("unknown plugin, long form in on_enter") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
    on_enter:
      - action: kapuas.stamp
        with: {field: x}
)"),
                           10, 9, "unknown action 'kapuas.stamp'");
    }
    SECTION("malformed action name") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    actions: [stamp]
    next: b
  b:
    kind: end
    result: ok
)"),
                           8, 15, "action 'stamp' must be written plugin.action");
    }
    SECTION("unknown key beside action and with") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    actions:
      - action: core.stamp
        args: {field: x}
    next: b
  b:
    kind: end
    result: ok
)"),
                           10, 9, "unknown key 'args' in an action");
    }
}

TEST_CASE("an expression that does not compile is reported at its `when` with Lua's message",
          "[definitions][workflow][errors]") {
    SECTION("in an auto state's branch") {
        const Diagnostic d = single_error(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next:
      - when: "checks.failed = = 0"
        to: b
      - to: b
  b:
    kind: end
    result: ok
)");
        CHECK_DIAGNOSTIC(d, kFile, 9, 15, "expression 'checks.failed = = 0' does not compile:");
        CHECK_THAT(d.message, Contains("near"));  // Lua's own words ("... near '='")
    }
    SECTION("in an event's branch, written != instead of ~=") {
        const Diagnostic d = single_error(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: wait
    events:
      kirim:
        next:
          - when: "input.status != 'ok'"
            to: a
          - to: b
  b:
    kind: end
    result: ok
)");
        CHECK_DIAGNOSTIC(d, kFile, 11, 19, "does not compile");
        CHECK_THAT(d.message, Contains("near"));
    }
    SECTION("an empty expression") {
        const Diagnostic d = single_error(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next:
      - when: ""
        to: b
      - to: b
  b:
    kind: end
    result: ok
)");
        CHECK_DIAGNOSTIC(d, kFile, 9, 15, "does not compile");
    }
}

TEST_CASE("durations must be durations", "[definitions][workflow][errors]") {
    SECTION("a bad due") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    due: 1 week
    on_due: b
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           10, 10, "'1 week' is not a duration");
    }
    SECTION("a bad timer") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: wait
    timer: lima hari
    on_timer: b
  b:
    kind: end
    result: ok
)"),
                           8, 12, "'lima hari' is not a duration");
    }
    SECTION("a number without unit") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: wait
    timer: 5
    on_timer: b
  b:
    kind: end
    result: ok
)"),
                           8, 12, "'5' is not a duration");
    }
}

TEST_CASE("due and on_due, timer and on_timer come together", "[definitions][workflow][errors]") {
    SECTION("due without on_due") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    due: 5 working days
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           10, 10, "'due' needs 'on_due'");
    }
    SECTION("on_due without due") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    on_due: b
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           10, 13, "'on_due' needs 'due'");
    }
    SECTION("timer without on_timer") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: wait
    timer: 3 days
    events:
      kirim: b
  b:
    kind: end
    result: ok
)"),
                           8, 12, "'timer' needs 'on_timer'");
    }
}

TEST_CASE("form field rules", "[definitions][workflow][errors]") {
    SECTION("a choice without options") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      jenis:
        type: choice
        required: true
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           12, 9, "choice field 'jenis' needs 'options'");
    }
    SECTION("options on a string field") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      jenis:
        type: string
        options: [a, b]
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           13, 18, "'options' is only for choice fields");
    }
    SECTION("min on a string field") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok:
        form:
          nama: {type: string, min: 3}
        to: b
  b:
    kind: end
    result: ok
)"),
                           13, 37, "'min' and 'max' are only for integer and number fields");
    }
    SECTION("max that is not a number") {
        CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    form:
      bulan: {type: integer, max: dua belas}
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)"),
                           11, 35, "'max' must be a number");
    }
}

TEST_CASE("a wait state needs a timer or events", "[definitions][workflow][errors]") {
    CHECK_SINGLE_ERROR(std::string(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: wait
    title: Menunggu
)"),
                       7, 5, "wait state 'a' needs a 'timer' or 'events' to leave by");
}

TEST_CASE("several mistakes in one file are all reported, in file order", "[definitions][workflow][errors]") {
    const Parsed parsed = parse(R"(id: t
version: 1
title: T
start: a
colour: red
states:
  a:
    kind: task
    title: A
    role: officer
    due: 2 minggu
    on_due: b
    outcomes:
      ok: b
  b:
    kind: auto
    actions: [core.tidak_ada]
    next:
      - when: "x ==="
        to: c
      - to: c
  c:
    kind: manual
)");
    INFO(listing(parsed.errors));
    CHECK(parsed.workflow == nullptr);
    REQUIRE(parsed.errors.size() == 5);
    CHECK_DIAGNOSTIC(parsed.errors[0], kFile, 5, 1, "unknown key 'colour'");
    CHECK_DIAGNOSTIC(parsed.errors[1], kFile, 11, 10, "'2 minggu' is not a duration");
    CHECK_DIAGNOSTIC(parsed.errors[2], kFile, 17, 15, "unknown action 'core.tidak_ada'");
    CHECK_DIAGNOSTIC(parsed.errors[3], kFile, 19, 15, "does not compile");
    CHECK_DIAGNOSTIC(parsed.errors[4], kFile, 23, 11, "unknown state kind 'manual'");
}

TEST_CASE("several graph mistakes in one file are all reported", "[definitions][workflow][errors][graph]") {
    SECTION("unknown targets, each one") {
        const Parsed parsed = parse(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok: x
      tidak: y
  b:
    kind: end
    result: ok
)");
        INFO(listing(parsed.errors));
        REQUIRE(parsed.errors.size() == 2);
        CHECK_DIAGNOSTIC(parsed.errors[0], kFile, 11, 11, "unknown state 'x'");
        CHECK_DIAGNOSTIC(parsed.errors[1], kFile, 12, 14, "unknown state 'y'");
    }
    SECTION("two unreachable states and a closed loop") {
        const Parsed parsed = parse(R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: auto
    next: a
  b:
    kind: end
    result: ok
  c:
    kind: end
    result: ok
)");
        INFO(listing(parsed.errors));
        REQUIRE(parsed.errors.size() == 3);
        CHECK_DIAGNOSTIC(error_with(parsed.errors, "'b' is unreachable"), kFile, 9, 3, "state 'b' is unreachable");
        CHECK_DIAGNOSTIC(error_with(parsed.errors, "'c' is unreachable"), kFile, 12, 3, "state 'c' is unreachable");
        CHECK_DIAGNOSTIC(error_with(parsed.errors, "automatic loop"), kFile, 6, 3, "automatic loop with no exit: a");
    }
}

// ---------------------------------------------------------------------------
// load_definitions: files, folders, duplicates, all or nothing

namespace {

std::string valid_workflow(const std::string& id, int version) {
    return "id: " + id + "\nversion: " + std::to_string(version) + R"(
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok: b
  b:
    kind: end
    result: ok
)";
}

DefinitionSources sources_for(std::vector<std::filesystem::path> workflows) {
    DefinitionSources sources;
    sources.workflows = std::move(workflows);
    sources.rules = {tata::test::fixture_rules()};
    sources.plugins = {tata::test::core_plugin_dir()};
    return sources;
}

std::vector<Diagnostic> load_errors(const DefinitionSources& sources) {
    try {
        load_definitions(sources);
    } catch (const ValidationError& e) {
        return e.diagnostics();
    }
    FAIL("load_definitions accepted definitions that should have been refused");
    return {};
}

}  // namespace

TEST_CASE("load_definitions loads a folder of workflows, several versions side by side", "[definitions][load]") {
    TempDir dir;
    dir.write("flows/a.yaml", valid_workflow("alpha", 1));
    dir.write("flows/a2.yml", valid_workflow("alpha", 2));
    dir.write("flows/b.yaml", valid_workflow("beta", 1));
    dir.write("flows/readme.txt", "not a workflow: ignored");
    const auto set = load_definitions(sources_for({dir / "flows"}));
    REQUIRE(set);
    CHECK(set->workflows.size() == 3);
    REQUIRE(set->latest("alpha"));
    CHECK(set->latest("alpha")->version == 2);
    REQUIRE(set->find("alpha", 1));
    CHECK(set->find("alpha", 1)->where.file == (dir / "flows/a.yaml").string());
    CHECK(set->find("beta", 1) != nullptr);
    CHECK(set->regencies.count("62.03") == 1);
    CHECK(set->plugins->has_action("core.set"));
}

TEST_CASE("duplicate id and version across two files names both files", "[definitions][load][errors]") {
    TempDir dir;
    const auto first = dir.write("flows/a.yaml", valid_workflow("alpha", 1));
    const auto second = dir.write("flows/b.yaml", std::string("# copy\n") + valid_workflow("alpha", 1));
    const auto errors = load_errors(sources_for({dir / "flows"}));
    INFO(listing(errors));
    REQUIRE(errors.size() == 1);
    CHECK_DIAGNOSTIC(errors[0], second.string(), 2, 1, "workflow 'alpha' version 1 is already defined at");
    CHECK_THAT(errors[0].message, Contains(first.string() + ":1"));
    CHECK_THAT(errors[0].to_string(), Contains(first.string()));
    CHECK_THAT(errors[0].to_string(), Contains(second.string()));
}

TEST_CASE("the same id with another version is not a duplicate, the same file named twice is",
          "[definitions][load][errors]") {
    TempDir dir;
    const auto file = dir.write("a.yaml", valid_workflow("alpha", 1));
    const auto errors = load_errors(sources_for({file, file}));
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Contains("already defined at " + file.string() + ":1"));
}

TEST_CASE("load_definitions refuses the whole set and returns nothing partial", "[definitions][load][errors]") {
    TempDir dir;
    dir.write("flows/a_valid.yaml", valid_workflow("alpha", 1));
    const auto bad = dir.write("flows/b_invalid.yaml", R"(id: beta
version: 1
title: T
start: a
states:
  a:
    kind: task
    title: A
    role: officer
    outcomes:
      ok: nowhere
)");
    dir.write("flows/c_valid.yaml", valid_workflow("gamma", 1));
    std::shared_ptr<const DefinitionSet> set;
    try {
        set = load_definitions(sources_for({dir / "flows"}));
        FAIL("an invalid workflow was accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK_DIAGNOSTIC(e.diagnostics()[0], bad.string(), 11, 11, "goes to unknown state 'nowhere'");
        // what() lists every diagnostic in the FILE:LINE:COL form
        CHECK(std::string(e.what()) == e.diagnostics()[0].to_string());
    }
    CHECK(set == nullptr);
    CHECK_THROWS_AS(load_definitions(sources_for({dir / "flows"})), ValidationError);
}

TEST_CASE("load_definitions reports errors of every file, and missing paths", "[definitions][load][errors]") {
    TempDir dir;
    const auto one = dir.write("flows/one.yaml", "id: one\nversion: x\n");
    const auto two = dir.write("flows/two.yaml", "id: two\nversion: 1\ntitle: [T\n");
    const auto missing = dir / "nope.yaml";
    const auto errors = load_errors(sources_for({dir / "flows", missing}));
    INFO(listing(errors));
    CHECK(error_with(errors, "no such workflow file or folder").where.file == missing.string());
    const Diagnostic version = error_with(errors, "'version' must be an integer");
    CHECK_DIAGNOSTIC(version, one.string(), 2, 10, "'version' must be an integer");
    CHECK(error_with(errors, "YAML syntax").where.file == two.string());
}

TEST_CASE("an unknown action is an error only without the plugin that provides it", "[definitions][load][errors]") {
    TempDir dir;
    const auto file = dir.write("flow.yaml", R"(id: alpha
version: 1
title: T
start: a
states:
  a:
    kind: auto
    actions: [counter.increment]
    next: b
  b:
    kind: end
    result: ok
)");
    // without the counter test plugin the action is unknown ...
    auto sources = sources_for({file});
    const auto errors = load_errors(sources);
    REQUIRE(errors.size() == 1);
    CHECK_DIAGNOSTIC(errors[0], file.string(), 8, 15, "unknown action 'counter.increment'");
    // ... with it, the same file loads
    sources.plugins.push_back(tata::test::test_plugin_dir("counter"));
    CHECK_NOTHROW(load_definitions(sources));
}

TEST_CASE("signals to other cases are checked where they are written", "[definitions][workflow][errors]") {
    const std::string head = R"(id: t
version: 1
title: T
start: a
states:
  a:
    kind: end
    result: ok
)";
    SECTION("a valid signal loads into the model") {
        const Parsed parsed = parse(head + R"(    signal:
      - to_case: kontrak_terkait
        event: pengaduan_upah
        input: {nomor_pengaduan: case.id, uraian: data.uraian, pada: now}
)");
        INFO(listing(parsed.errors));
        REQUIRE(parsed.workflow != nullptr);
        const auto& signals = parsed.workflow->state("a").signals;
        REQUIRE(signals.size() == 1);
        CHECK(signals[0].case_field == "kontrak_terkait");
        CHECK(signals[0].event == "pengaduan_upah");
        CHECK(signals[0].input == std::vector<std::pair<std::string, std::string>>{
                                      {"nomor_pengaduan", "case.id"}, {"uraian", "data.uraian"}, {"pada", "now"}});
    }
    SECTION("an input from anywhere else") {
        CHECK_SINGLE_ERROR(head + R"(    signal:
      - to_case: kontrak_terkait
        event: pengaduan_upah
        input: {nomor: os.execute}
)",
                           12, 24, "input 'nomor' must come from case.id, now or data.<field>");
    }
    SECTION("a missing event and a bad field name") {
        CHECK_SINGLE_ERROR(head + R"(    signal:
      - to_case: kontrak
)",
                           10, 9, "missing required key 'event'");
        const Parsed parsed = parse(head + R"(    signal:
      - {to_case: Kontrak, event: e}
)");
        CHECK_DIAGNOSTIC(error_with(parsed.errors, "'to_case' must name a data field"), kFile, 10, 19, "to_case");
    }
    SECTION("an unknown key") {
        CHECK_SINGLE_ERROR(head + R"(    signal:
      - {to_case: k, event: e, kepada: x}
)",
                           10, 32, "unknown key 'kepada'");
    }
}
